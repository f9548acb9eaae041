"""The processes of the scaled set-up, started, health-checked, restarted with back-off,
and restarted one at a time for a new model."""

from __future__ import annotations

import concurrent.futures
import contextlib
import json
import os
import secrets
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Mapping, Optional, Tuple

from bot.runtime.launcher import MALLOC_SETTINGS
from bot.runtime.processes import signal_group
from bot.runtime.rasa_main import AUTH_TOKEN_ENV
from bot.settings import ROOT
from deploy.nginx import FAIL_TIMEOUT_S, nginx_command, nginx_config
from deploy.settings import ENDPOINTS, RASA_ONLY, ConfigError, Settings, _log

READY_TIMEOUT_S = 600.0
"""Loading the model takes about a minute on an idle 2-core machine, several on a busy one."""
HEALTH_INTERVAL_S = 5.0
HEALTH_TIMEOUT_S = 20.0
HEALTH_FAILURES = 5
"""Consecutive failed checks before a running process counts as hung: about two
minutes, because an instance with a long queue is slow, not hung."""
STOP_GRACE_S = 30.0
MAX_BACKOFF_S = 30.0
SCHEMA_TIMEOUT_S = 120.0
DEFAULT_LOCK_LIFETIME_S = "20"
"""Rasa's TICKET_LOCK_LIFETIME (default 60 s): how long a conversation stays locked
by an instance that died while handling it; its retried message waits that long.
A live instance renews its lock every third of this (bot.plugins.lock_store), so a message
slower than this keeps its lock however long it takes."""


def _rasa_bin() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def rasa_command(s: Settings, port: int) -> List[str]:
    """Rasa's ``--cors`` takes several origins at once; repeated, only the last counts."""
    cors = ["--cors", *s.cors_origins] if s.cors_origins else []
    return [
        sys.executable, "-m", "bot.runtime.rasa_main", "run", "--model", str(s.model),
        "--endpoints", str(ENDPOINTS), "--credentials", str(ROOT / "credentials.yml"),
        "--interface", "127.0.0.1", "--port", str(port), *cors,
    ]  # fmt: skip


def actions_command(port: int) -> List[str]:
    return [_rasa_bin(), "run", "actions", "--actions", "actions", "--port", str(port)]


def base_env(s: Settings, env: Mapping[str, str]) -> Dict[str, str]:
    """What every child gets: the operator's environment plus the wiring between us."""
    child = dict(env)
    child.update(
        ACTION_ENDPOINT_URL=f"http://127.0.0.1:{s.actions_lb_port}/webhook",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        SANIC_HOST="127.0.0.1",  # rasa_sdk's listen address; Rasa's is --interface
        TF_CPP_MIN_LOG_LEVEL=env.get("TF_CPP_MIN_LOG_LEVEL", "2"),
        RASA_TELEMETRY_ENABLED="false",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        TICKET_LOCK_LIFETIME=env.get("TICKET_LOCK_LIFETIME", DEFAULT_LOCK_LIFETIME_S),
    )
    child.update({k: env.get(k, v) for k, v in MALLOC_SETTINGS.items()})
    return child


NO_MODEL = 409
"""Rasa's /status answer when the server runs but could not load a model."""


def _status(url: str, timeout: float = HEALTH_TIMEOUT_S) -> int:
    """HTTP status of a health check; 0 when nothing answered in time."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return int(error.code)
    except (OSError, urllib.error.URLError):
        return 0


def _model_of(child: Child) -> str:
    """The model file a Rasa instance serves (from its /status), for the log."""
    try:
        with urllib.request.urlopen(child.health_url, timeout=10) as answer:
            return str(json.loads(answer.read()).get("model_file", "?"))
    except (OSError, ValueError):
        return "?"


@dataclass
class Child:
    """One supervised process: how to start it, how to tell it is healthy."""

    name: str
    command: List[str]
    env: Dict[str, str]
    health_url: str
    log_path: Path
    port: int
    stop_signal: signal.Signals = signal.SIGTERM
    process: Optional[subprocess.Popen[bytes]] = None
    started_at: float = 0.0
    ready: bool = False
    failed_checks: int = 0
    restarts: int = 0
    backoff: float = 1.0
    restart_at: Optional[float] = None

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self.command, cwd=ROOT, env=self.env, stdout=log,
                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True,
            )  # fmt: skip
        self.started_at = time.monotonic()
        self.ready = False
        self.failed_checks = 0
        self.restart_at = None

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, grace: float = STOP_GRACE_S) -> None:
        """Ask politely (in-flight requests finish), then kill the process group."""
        if self.process is None:
            return
        if self.process.poll() is None:
            signal_group(self.process, self.stop_signal)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                signal_group(self.process, signal.SIGKILL)
                self.process.wait()
        self.ready = False


Probe = Tuple[Child, "subprocess.Popen[bytes]", int]
"""A health check's answer, for the very process it asked."""


@dataclass
class Deployment:
    settings: Settings
    env: Dict[str, str]
    actions: List[Child] = field(default_factory=list)
    rasa: List[Child] = field(default_factory=list)
    nginx: Optional[Child] = None
    reload_requested: bool = False
    stopping: bool = False

    def __post_init__(self) -> None:
        s, env = self.settings, base_env(self.settings, self.env)
        # The API is always on and always needs the token: it is how this process
        # sees that an instance has loaded its model (/status). Without one from
        # the operator, a random token nobody else knows.
        token = env.pop(AUTH_TOKEN_ENV, "") or secrets.token_hex(24)
        rasa_env = {**env, AUTH_TOKEN_ENV: token}
        env = {k: v for k, v in env.items() if k not in RASA_ONLY}  # need to know
        for i, port in enumerate(s.action_ports):
            self.actions.append(
                Child(
                    f"actions-{i}", actions_command(port), env,
                    f"http://127.0.0.1:{port}/health",
                    s.log_dir / f"actions-{i}.log", port,
                )
            )  # fmt: skip
        for i, port in enumerate(s.rasa_ports):
            self.rasa.append(
                Child(
                    f"rasa-{i}", rasa_command(s, port), rasa_env,
                    f"http://127.0.0.1:{port}/status?token={token}",
                    s.log_dir / f"rasa-{i}.log", port,
                )
            )  # fmt: skip
        self.nginx = Child(
            "nginx", nginx_command(s), env, f"{s.nginx_url}/health",
            s.log_dir / "nginx.log", s.nginx_port, stop_signal=signal.SIGQUIT,
        )  # fmt: skip

    @property
    def children(self) -> List[Child]:
        return [*self.actions, *self.rasa, *([self.nginx] if self.nginx else [])]

    # -- start and stop ---------------------------------------------------------
    def prepare(self) -> None:
        s = self.settings
        s.log_dir.mkdir(parents=True, exist_ok=True)
        s.runtime_dir.chmod(0o755)  # nginx workers (not root) use its temp folders
        (s.runtime_dir / "nginx.conf").write_text(nginx_config(s))
        check = subprocess.run(
            [*nginx_command(s)[:-2], "-t", "-q"], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise ConfigError(
                f"nginx rejects the configuration: {check.stderr.strip()}"
            )
        (s.runtime_dir / "deploy.pid").write_text(f"{os.getpid()}\n")

    def start(self) -> None:
        """Action servers and the database schema, then Rasa, then nginx."""
        self.prepare()
        schema = subprocess.Popen(
            [sys.executable, "-m", "deploy.schema"], cwd=ROOT,
            env=base_env(self.settings, self.env),
        )  # fmt: skip
        for child in self.actions:
            child.start()
        try:
            code = schema.wait(timeout=SCHEMA_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            schema.kill()
            code = -1
        if code != 0:
            raise RuntimeError("the tracker database is not reachable (TRACKER_DB_URL)")
        self._wait_ready(self.actions)
        for child in self.rasa:
            child.start()
        self._wait_ready(self.rasa)
        assert self.nginx is not None
        self.nginx.start()
        self._wait_ready([self.nginx])
        self._write_state()
        s = self.settings
        _log(
            f"ready: {s.nginx_url}/ (widget), {s.nginx_url}/webhooks/rest/webhook; "
            f"{len(self.rasa)} Rasa instance(s) on {', '.join(map(str, s.rasa_ports))}; "
            f"{len(self.actions)} action server(s); logs in {s.log_dir}"
        )

    def stop(self) -> None:
        """nginx first (no new requests), then Rasa, then the action servers."""
        self.stopping = True
        for group in ([self.nginx] if self.nginx else [], self.rasa, self.actions):
            with concurrent.futures.ThreadPoolExecutor(max(1, len(group))) as pool:
                list(pool.map(lambda c: c.stop(), group))
        with contextlib.suppress(FileNotFoundError):
            (self.settings.runtime_dir / "deploy.pid").unlink()

    def _wait_ready(self, children: List[Child]) -> None:
        deadline = time.monotonic() + READY_TIMEOUT_S
        waiting = list(children)
        while waiting:
            for child in list(waiting):
                if not child.alive:
                    raise RuntimeError(f"{child.name} exited; see {child.log_path}")
                status = _status(child.health_url, timeout=2)
                if status == NO_MODEL:
                    raise RuntimeError(
                        f"{child.name} has no model; see {child.log_path}"
                    )
                if status == 200:
                    child.ready = True
                    waiting.remove(child)
            if waiting and time.monotonic() > deadline:
                names = ", ".join(c.name for c in waiting)
                raise TimeoutError(f"{names} not ready after {READY_TIMEOUT_S:.0f} s")
            if waiting:
                time.sleep(0.5)

    def _write_state(self) -> None:
        """processes.json: which pid serves which port (for operators and tests)."""
        state = {
            c.name: {
                "pid": c.process.pid if c.alive and c.process else None,
                "port": c.port,
                "ready": c.ready,
                "restarts": c.restarts,
                "log": str(c.log_path),
            }
            for c in self.children
        }
        path = self.settings.runtime_dir / "processes.json"
        path.with_suffix(".tmp").write_text(json.dumps(state, indent=2))
        path.with_suffix(".tmp").replace(path)

    # -- supervision ------------------------------------------------------------
    def supervise(self) -> None:
        """Restart what died or hangs; roll the Rasa instances on request.

        Health checks run in a background thread, so a slow answer never delays
        the restart of a process that died."""
        with concurrent.futures.ThreadPoolExecutor(8) as pool:
            checks: Optional[concurrent.futures.Future[List[Probe]]] = None
            next_check = 0.0
            while not self.stopping:
                if self.reload_requested:
                    self.reload_requested = False
                    self.rolling_restart()
                self._restart_dead()
                if checks is None and time.monotonic() >= next_check:
                    checks = pool.submit(self._probe, pool)
                if checks is not None and checks.done():
                    self._judge(checks.result())
                    checks, next_check = None, time.monotonic() + HEALTH_INTERVAL_S
                time.sleep(0.5)

    def _probe(self, pool: concurrent.futures.ThreadPoolExecutor) -> List[Probe]:
        running = [(c, c.process) for c in self.children if c.alive and c.process]
        answers = [pool.submit(_status, c.health_url) for c, _ in running]
        return [(c, p, a.result()) for (c, p), a in zip(running, answers, strict=True)]

    def _restart_dead(self) -> None:
        now = time.monotonic()
        changed = False
        for child in self.children:
            if child.alive or self.stopping:
                continue
            if child.restart_at is None:
                code = child.process.returncode if child.process else None
                if child.ready and now - child.started_at > 60:
                    child.backoff = 1.0  # it had run well for a while
                child.restart_at = now + child.backoff
                _log(
                    f"{child.name} (port {child.port}) exited with {code}; "
                    f"restarting in {child.backoff:.0f} s"
                )
                child.backoff = min(child.backoff * 2, MAX_BACKOFF_S)
            elif now >= child.restart_at:
                child.restarts += 1
                child.start()
                changed = True
        if changed:
            self._write_state()

    def _judge(self, results: List[Probe]) -> None:
        """A hung process is killed; _restart_dead then starts it again."""
        changed = False
        for child, process, status in results:
            if child.process is not process or not child.alive:
                continue  # the answer is about a process that is gone
            if status == NO_MODEL:
                _log(f"{child.name} runs without a model (see its log); restarting it")
                signal_group(process, signal.SIGKILL)
                process.wait()
                changed = True
                continue
            if status == 200:
                if not child.ready:
                    _log(f"{child.name} (port {child.port}) is ready")
                    changed = True
                child.ready, child.failed_checks = True, 0
                continue
            child.failed_checks += 1
            starting_too_long = (
                not child.ready
                and time.monotonic() - child.started_at > READY_TIMEOUT_S
            )
            if (child.ready and child.failed_checks >= HEALTH_FAILURES) or (
                starting_too_long
            ):
                _log(f"{child.name} (port {child.port}) does not answer; killing it")
                assert child.process is not None
                signal_group(child.process, signal.SIGKILL)
                child.process.wait()
                changed = True
        if changed:
            self._write_state()

    def _pause(self, seconds: float) -> None:
        """Wait, still restarting whatever dies meanwhile."""
        until = time.monotonic() + seconds
        while not self.stopping and time.monotonic() < until:
            self._restart_dead()
            time.sleep(0.5)

    def rolling_restart(self) -> None:
        """One Rasa instance at a time: stop it (in-flight requests finish), start it
        with the newest model in MODEL, and go on only when it answers again."""
        _log("rolling restart of the Rasa instances (loads the newest model)")
        for child in self.rasa:
            if self.stopping:
                return
            child.stop()
            child.start()
            self._write_state()
            deadline = time.monotonic() + READY_TIMEOUT_S
            while not self.stopping and _status(child.health_url, 2) != 200:
                if (
                    time.monotonic() > deadline
                    or not child.alive
                    or _status(child.health_url, 2) == NO_MODEL
                ):
                    _log(f"{child.name} did not come back; rolling restart stopped")
                    return
                self._restart_dead()  # the other instances are still supervised
                time.sleep(1.0)
            child.ready = True
            self._write_state()
            _log(f"{child.name} (port {child.port}) serves {_model_of(child)}")
            # nginx may still skip it for a failure seen while it was down; stopping
            # the next one before that expires would leave nginx with none.
            self._pause(FAIL_TIMEOUT_S + 1)
        _log("rolling restart done")
