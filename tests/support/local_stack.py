"""The real assistant on free local ports, for end-to-end tests and benchmarks.

Starts ``bot.runtime.launcher serve`` (action server, Rasa, web page) with its own SQLite
database, unanswered-question log and copy of the KB data (and its last good
copy), so a test can change the data or inspect the database without touching the
developer's. ``log_level`` sets Rasa's LOG_LEVEL: the end-to-end tests use DEBUG,
so the log holds what users typed and a test can check that it is masked there;
benchmarks keep Rasa's default, as in production.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Dict, List, Optional

ROOT = Path(__file__).resolve().parents[2]
READY_TIMEOUT_S = 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Stack:
    """The real assistant (action server, Rasa, web page) started by bot.runtime.launcher."""

    def __init__(self, tmp: Path, log_level: Optional[str] = None) -> None:
        self.tmp = tmp
        self.kb_data = tmp / "kb_data"
        shutil.copytree(ROOT / "programme_kb" / "data", self.kb_data)
        self.db_file = tmp / "conversations.db"
        self.unanswered_log = tmp / "unanswered.jsonl"
        self.actions_port, self.rasa_port, self.web_port = (
            _free_port(),
            _free_port(),
            _free_port(),
        )
        self.workspace_port = _free_port()
        """The secretariat's workspace, which ``serve`` starts too (bot.secretariat.workspace)."""
        self.workspace_url = f"http://127.0.0.1:{self.workspace_port}"
        self.rasa_url = f"http://127.0.0.1:{self.rasa_port}"
        self.web_url = f"http://127.0.0.1:{self.web_port}"
        self.rest_url = f"{self.rasa_url}/webhooks/rest/webhook"
        self.env = {
            **os.environ,
            "ACTIONS_PORT": str(self.actions_port),
            "RASA_PORT": str(self.rasa_port),
            "WEB_PORT": str(self.web_port),
            "HOST": "127.0.0.1",
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.actions_port}/webhook",
            "TRACKER_DB_URL": f"sqlite:///{self.db_file}",
            "PROGRAMME_KB_DATA": str(self.kb_data),
            "PROGRAMME_KB_LAST_GOOD": str(tmp / "kb-last-good"),
            "UNANSWERED_LOG": str(self.unanswered_log),
            "WORKSPACE_PORT": str(self.workspace_port),
            "WORKSPACE_DIR": str(tmp / "workspace"),
            "TF_CPP_MIN_LOG_LEVEL": "2",
        }
        if log_level:
            self.env["LOG_LEVEL"] = log_level
        self.log = (tmp / "stack.log").open("wb")
        self.process: Any = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot.runtime.launcher", "serve"],
            cwd=ROOT, env=self.env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        deadline = time.monotonic() + READY_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"stack exited early, see {self.log.name}")
            try:
                with (
                    urllib.request.urlopen(f"{self.web_url}/config.json", timeout=2),
                    urllib.request.urlopen(
                        f"{self.rasa_url}/webhooks/rest/", timeout=2
                    ),
                ):
                    return
            except OSError:
                time.sleep(1)
        raise TimeoutError(f"stack not ready, see {self.log.name}")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=60)
        self.log.close()

    def pids(self) -> List[int]:
        """The launcher's process tree (action server, Rasa, web server)."""
        assert self.process is not None
        children: Dict[int, List[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
        found, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo += children.get(pid, [])
        return found

    def send(
        self, sender: str, text: str, language: Optional[str] = None
    ) -> List[Dict[str, Any]]:
        """One message over the REST channel; returns the bot's replies."""
        body: Dict[str, Any] = {"sender": sender, "message": text}
        if language:
            body["metadata"] = {"language": language}
        request = urllib.request.Request(
            self.rest_url,
            data=json.dumps(body).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=60) as answer:
            return list(json.loads(answer.read()))
