"""The whole production deployment on free loopback ports, for tests and benchmarks.

Starts throwaway PostgreSQL and Redis (``deploy.services``), then ``python -m
deploy.run`` with its own runtime directory, and knows where everything is: the
public nginx URL, each Rasa instance's port and pid, the logs.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

from deploy.services import Postgres, Redis, free_port, postgres_bindir, wait_for

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 900.0
"""Two instances load the model at once; on a busy 2-core machine that takes minutes."""


class DeployStack:
    """PostgreSQL, Redis and ``deploy.run`` (nginx, Rasa instances, action servers)."""

    def __init__(
        self,
        instances: int = 2,
        action_servers: int = 1,
        extra_env: Optional[Dict[str, str]] = None,
    ) -> None:
        missing = [p for p in ("redis-server", "nginx") if not _installed(p)]
        try:
            postgres_bindir()
        except FileNotFoundError:
            missing.append("postgresql")
        if missing:
            raise RuntimeError(
                f"not installed: {', '.join(missing)}; run deploy/ci-prepare.sh as root"
            )
        self.runtime = Path(tempfile.mkdtemp(prefix="deploy-run-"))
        self.runtime.chmod(0o755)
        self.postgres = Postgres()
        self.redis = Redis()
        self.auth_token = os.urandom(16).hex()
        self.nginx_port = free_port()
        self.url = f"http://127.0.0.1:{self.nginx_port}"
        self.rest_url = f"{self.url}/webhooks/rest/webhook"
        self.env = {
            **os.environ,
            "RASA_INSTANCES": str(instances),
            "ACTION_SERVERS": str(action_servers),
            "RASA_PORT": str(_free_block(instances)),
            "ACTIONS_PORT": str(_free_block(action_servers)),
            "ACTIONS_LB_PORT": str(free_port()),
            "NGINX_PORT": str(self.nginx_port),
            "DEPLOY_RUNTIME_DIR": str(self.runtime),
            "RASA_AUTH_TOKEN": self.auth_token,
            "RATE_LIMIT": "100000r/s",  # every simulated user comes from 127.0.0.1
            "RATE_BURST": "100000",
            "CONN_LIMIT": "10000",  # the load tests' 50 users share one address too
            "TF_CPP_MIN_LOG_LEVEL": "2",
            **(extra_env or {}),
        }
        self.launcher_log = self.runtime / "launcher.log"
        self.process: Optional[subprocess.Popen[bytes]] = None

    def start(self) -> None:
        self.env["MODEL"] = str(stable_model_copy(self.runtime / "models"))
        self.postgres.start()
        self.redis.start()
        self.env["TRACKER_DB_URL"] = self.postgres.url
        self.env["LOCK_STORE_URL"] = self.redis.url
        with self.launcher_log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "deploy.run"], cwd=ROOT, env=self.env,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
            )  # fmt: skip
        wait_for(self._ready, "the deployment", READY_TIMEOUT_S)

    def _ready(self) -> bool:
        if self.process is None or self.process.poll() is not None:
            raise RuntimeError(f"deploy.run exited; see {self.launcher_log}")
        return b"deploy: ready" in self.launcher_log.read_bytes()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=120)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self.redis.cleanup()
        self.postgres.cleanup()

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.runtime, ignore_errors=True)

    # -- what is running where ------------------------------------------------------
    def processes(self) -> Dict[str, Dict[str, Any]]:
        """deploy.run's processes.json: name -> pid, port, ready, restarts, log."""
        state: Dict[str, Dict[str, Any]] = json.loads(
            (self.runtime / "processes.json").read_text()
        )
        return state

    def log(self, name: str) -> str:
        return (self.runtime / "logs" / f"{name}.log").read_text(errors="replace")

    def launcher_output(self) -> str:
        return self.launcher_log.read_text(errors="replace")

    def kill(self, name: str, sig: signal.Signals = signal.SIGKILL) -> int:
        """Signal one supervised process group (e.g. ``rasa-0``); returns its pid."""
        pid = int(self.processes()[name]["pid"])
        os.killpg(pid, sig)
        return pid

    def instance_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.processes()[name]['port']}"

    def user_texts(self) -> Dict[str, List[str]]:
        """Every conversation's user messages as stored in PostgreSQL, in event order."""
        rows = self.postgres.query(
            "SELECT sender_id, data FROM events WHERE type_name = 'user' ORDER BY id"
        )
        texts: Dict[str, List[str]] = {}
        for sender, data in rows:
            texts.setdefault(sender, []).append(json.loads(data).get("text") or "")
        return texts

    def event_count(self, sender: str) -> int:
        return int(
            self.postgres.query(
                "SELECT count(*) FROM events WHERE sender_id = %s", sender
            )[0][0]
        )

    def get(self, url: str, headers: Optional[Dict[str, str]] = None) -> int:
        """HTTP status of a GET (errors included)."""
        request = urllib.request.Request(url, headers=headers or {})
        try:
            with urllib.request.urlopen(request, timeout=30) as answer:
                return int(answer.status)
        except urllib.error.HTTPError as error:
            return int(error.code)


def _installed(program: str) -> bool:
    return bool(shutil.which(program) or Path("/usr/sbin", program).exists())


def _free_block(size: int) -> int:
    """The first of ``size`` consecutive free ports (deploy.run counts up from it)."""
    for _ in range(200):
        first = free_port()
        if first + size <= 65535 and all(_port_free(first + i) for i in range(1, size)):
            return first
    raise RuntimeError("no block of free ports")


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def stable_model_copy(folder: Path, timeout: float = 1800) -> Path:
    """A private copy of the newest model, taken only when it is complete.

    ``make train`` writes models/assistant.tar.gz in place; an instance restarted
    during a test must not read a half-written archive.
    """
    folder.mkdir(parents=True)
    deadline = time.monotonic() + timeout
    while True:
        newest = max(
            (ROOT / "models").glob("*.tar.gz"), key=lambda p: p.stat().st_mtime
        )
        stamp = newest.stat().st_mtime
        copy = folder / newest.name
        shutil.copyfile(newest, copy)
        if stamp == newest.stat().st_mtime and _complete(copy):
            return folder
        if time.monotonic() > deadline:
            raise TimeoutError(f"{newest} stays incomplete (is training running?)")
        time.sleep(10)


def _complete(archive: Path) -> bool:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            tar.getmembers()
    except (tarfile.TarError, OSError, EOFError):
        return False
    return True
