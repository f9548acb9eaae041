"""Run the assistant as several Rasa instances behind nginx, on PostgreSQL and Redis.

    python -m deploy.run           # start, supervise; Ctrl-C or SIGTERM stops everything
    python -m deploy.run reload    # new model: restart the Rasa instances one at a time
    python -m deploy.run config    # print the nginx configuration it would use

Everything comes from the environment (the table is in docs/deployment.md):
TRACKER_DB_URL (PostgreSQL) and LOCK_STORE_URL (Redis) are required; RASA_INSTANCES
Rasa servers on RASA_PORT, RASA_PORT+1, ...; ACTION_SERVERS action servers on
ACTIONS_PORT, ...; nginx on NGINX_HOST:NGINX_PORT. Every process listens on
loopback except nginx, and only nginx's address is meant to be public.

This process supervises the others: a process that dies is restarted (with back-off),
one that stops answering its health check for two minutes is killed and restarted,
and nginx sends traffic elsewhere meanwhile. SIGHUP (``reload``) restarts the Rasa
instances one after another, each only after the previous one answers again, so a
new model goes live without a moment in which no instance serves.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import ipaddress
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Optional, Tuple

from bot.runtime.launcher import MALLOC_SETTINGS
from bot.runtime.rasa_main import AUTH_TOKEN_ENV
from bot.settings import ROOT
from bot.web.server import content_security_policy, security_headers

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
WEB_ROOT = ROOT / "bot" / "web"

READY_TIMEOUT_S = 600.0
"""Loading the model takes about a minute on an idle 2-core machine, several on a busy one."""
HEALTH_INTERVAL_S = 5.0
HEALTH_TIMEOUT_S = 20.0
HEALTH_FAILURES = 5
"""Consecutive failed checks before a running process counts as hung: about two
minutes, because an instance with a long queue is slow, not hung."""
STOP_GRACE_S = 30.0
FAIL_TIMEOUT_S = 10
MAX_FAILS = 3
"""nginx skips an instance for FAIL_TIMEOUT_S after MAX_FAILS refused, dropped or
timed-out requests within FAIL_TIMEOUT_S. Only connection errors and timeouts
count (proxy_next_upstream), and one request counts once: one bad request never
takes an instance out, a dead one is out after three."""
MAX_BACKOFF_S = 30.0
SCHEMA_TIMEOUT_S = 120.0
DEFAULT_LOCK_LIFETIME_S = "20"
"""Rasa's TICKET_LOCK_LIFETIME (default 60 s): how long a conversation stays locked
by an instance that died while handling it; its retried message waits that long.
A live instance renews its lock every third of this (bot.plugins.lock_store), so a message
slower than this keeps its lock however long it takes."""

RASA_ONLY = ("TRACKER_DB_URL", "LOCK_STORE_URL")
"""Secrets only the Rasa instances get (the action servers and nginx do not)."""

_RATE_RE = re.compile(r"^\d+r/[sm]$")
_ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d+)?$")
_URL_RE = re.compile(r"^https?://[^\s'\"\\{}]+$")


class ConfigError(ValueError):
    """The environment does not describe a deployment that can start."""


def _log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} deploy: {message}", flush=True)


@dataclass(frozen=True)
class Settings:
    rasa_ports: Tuple[int, ...]
    action_ports: Tuple[int, ...]
    actions_lb_port: int
    nginx_host: str
    nginx_port: int
    public_url: str
    cors_origins: Tuple[str, ...]
    rate_limit: str
    rate_burst: int
    proxy_read_timeout: int
    nginx_workers: str
    model: Path
    runtime_dir: Path
    trusted_proxies: Tuple[str, ...] = ()
    """Addresses or networks of the proxies in front of nginx whose X-Forwarded-For
    is believed (TRUSTED_PROXIES); empty: the peer's own address is the client's."""
    conn_limit: int = 20
    """Open requests per client address at once (CONN_LIMIT)."""
    max_body_bytes: int = 32 * 1024
    """REST_MAX_BODY_BYTES, the same limit as the REST channel's."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Validate the environment; every problem is reported at once, no secret echoed."""
        errors: List[str] = []

        def number(name: str, default: int, low: int = 1, high: int = 65535) -> int:
            raw = env.get(name) or str(default)
            if not raw.isdigit() or not low <= int(raw) <= high:
                errors.append(f"{name} must be a whole number from {low} to {high}")
                return default
            return int(raw)

        database = env.get("TRACKER_DB_URL", "")
        if not database:
            errors.append(
                "TRACKER_DB_URL is not set (postgresql://user:pw@host:port/db)"
            )
        elif database.startswith("sqlite"):
            errors.append(
                "TRACKER_DB_URL is SQLite; instances share conversations only through "
                "a database server (postgresql://...). `make serve` is the SQLite set-up."
            )
        lock_store = env.get("LOCK_STORE_URL", "")
        if not lock_store.startswith(("redis://", "rediss://")):
            errors.append("LOCK_STORE_URL must be a redis:// or rediss:// URL")
        instances = number("RASA_INSTANCES", 2, high=64)
        first_rasa = number("RASA_PORT", 5005)
        actions = number("ACTION_SERVERS", 1, high=64)
        first_action = number("ACTIONS_PORT", 5055)
        nginx_port = number("NGINX_PORT", 8000)
        nginx_host = env.get("NGINX_HOST") or "127.0.0.1"
        public_url = (
            env.get("PUBLIC_URL") or f"http://{_client_host(nginx_host)}:{nginx_port}"
        ).rstrip("/")
        if not _URL_RE.match(public_url):
            errors.append("PUBLIC_URL must be an http(s) URL without quotes or spaces")
        origins = tuple(re.split(r"[\s,]+", env.get("CORS_ORIGINS", "").strip()) or ())
        origins = tuple(o.rstrip("/") for o in origins if o)
        for origin in origins:
            if not _ORIGIN_RE.match(origin):
                errors.append(
                    f"CORS_ORIGINS: {origin!r} is not an origin like "
                    "https://www.example.org ('*' is not allowed)"
                )
        rate = env.get("RATE_LIMIT") or "10r/s"
        if not _RATE_RE.match(rate):
            errors.append("RATE_LIMIT must look like 10r/s or 300r/m")
        proxies = tuple(
            p for p in re.split(r"[\s,]+", env.get("TRUSTED_PROXIES", "")) if p
        )
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                errors.append(
                    f"TRUSTED_PROXIES: {proxy!r} is not an address or network "
                    "(10.0.0.5, 10.0.0.0/24, ::1)"
                )
        settings = cls(
            rasa_ports=tuple(range(first_rasa, first_rasa + instances)),
            action_ports=tuple(range(first_action, first_action + actions)),
            actions_lb_port=number("ACTIONS_LB_PORT", 5054),
            nginx_host=nginx_host,
            nginx_port=nginx_port,
            public_url=public_url,
            cors_origins=origins,
            rate_limit=rate,
            rate_burst=number("RATE_BURST", 20, low=0, high=100000),
            proxy_read_timeout=number("PROXY_READ_TIMEOUT", 60, high=3600),
            trusted_proxies=proxies,
            conn_limit=number("CONN_LIMIT", 20, high=65535),
            max_body_bytes=number(
                "REST_MAX_BODY_BYTES", 32 * 1024, low=1024, high=1 << 20
            ),
            nginx_workers=env.get("NGINX_WORKERS") or "1",
            model=Path(env.get("MODEL") or ROOT / "models"),
            runtime_dir=Path(env.get("DEPLOY_RUNTIME_DIR") or ROOT / "var" / "deploy"),
        )
        ports = [
            *settings.rasa_ports,
            *settings.action_ports,
            settings.actions_lb_port,
            settings.nginx_port,
        ]
        if len(set(ports)) != len(ports):
            errors.append(f"ports overlap: {sorted(ports)}")
        if max(ports) > 65535:
            errors.append("ports run past 65535")
        if errors:
            raise ConfigError(
                "\n  - ".join(["the environment is incomplete:", *errors])
            )
        return settings

    @property
    def log_dir(self) -> Path:
        return self.runtime_dir / "logs"

    @property
    def nginx_url(self) -> str:
        return f"http://{_client_host(self.nginx_host)}:{self.nginx_port}"


def _client_host(listen_host: str) -> str:
    """Where this machine reaches a server listening on ``listen_host``."""
    return "127.0.0.1" if listen_host in ("0.0.0.0", "::", "[::]", "") else listen_host


def nginx_config(s: Settings) -> str:
    """deploy/nginx.conf.template with every {{NAME}} filled in (unknown names fail)."""

    def servers(ports: Tuple[int, ...]) -> str:
        return "\n".join(
            f"        server 127.0.0.1:{p} max_fails={MAX_FAILS} "
            f"fail_timeout={FAIL_TIMEOUT_S}s;"
            for p in ports
        )

    host = s.nginx_host if ":" not in s.nginx_host else f"[{s.nginx_host.strip('[]')}]"
    values = {
        "NGINX_WORKERS": s.nginx_workers,
        "RUNTIME_DIR": str(s.runtime_dir),
        "LOG_DIR": str(s.log_dir),
        "RATE_LIMIT": s.rate_limit,
        "RATE_BURST": str(s.rate_burst),
        "RASA_SERVERS": servers(s.rasa_ports),
        "ACTION_SERVERS": servers(s.action_ports),
        "RASA_TRIES": str(len(s.rasa_ports)),
        "PROXY_READ_TIMEOUT": str(s.proxy_read_timeout),
        "LISTEN": f"{host}:{s.nginx_port}",
        "PUBLIC_URL": s.public_url,
        "WEB_ROOT": str(WEB_ROOT),
        "ACTIONS_LB_PORT": str(s.actions_lb_port),
        "REAL_IP": real_ip_directives(s.trusted_proxies),
        "CONN_LIMIT": str(s.conn_limit),
        "MAX_BODY_BYTES": str(s.max_body_bytes),
        "SECURITY_HEADERS": "\n".join(
            f'            add_header {name} "{value}" always;'
            for name, value in widget_headers(s).items()
        ),
    }
    return re.sub(
        r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], TEMPLATE.read_text()
    )


def real_ip_directives(proxies: Tuple[str, ...]) -> str:
    """nginx's realip settings: the client address from X-Forwarded-For, believed
    only when the request comes from one of ``proxies`` (the rightmost address not
    itself a trusted proxy is the client's)."""
    if not proxies:
        return "    # TRUSTED_PROXIES is empty: the peer's address is the client's."
    return "\n".join(
        [
            *(f"    set_real_ip_from {p};" for p in proxies),
            "    real_ip_header X-Forwarded-For;",
            "    real_ip_recursive on;",
        ]
    )


def widget_headers(s: Settings) -> Dict[str, str]:
    """bot.web.server's headers: the pages talk to PUBLIC_URL, and only the
    configured origins (the programme's sites) may frame them."""
    return security_headers(
        content_security_policy([s.public_url], frame_ancestors=s.cors_origins)
    )


def _rasa_bin() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def _nginx_bin() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise ConfigError("nginx is not installed (deploy/ci-prepare.sh installs it)")
    return found


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


def nginx_command(s: Settings) -> List[str]:
    return [
        _nginx_bin(), "-p", str(s.runtime_dir), "-c", str(s.runtime_dir / "nginx.conf"),
        "-e", str(s.log_dir / "nginx-error.log"), "-g", "daemon off;",
    ]  # fmt: skip


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
            _signal_group(self.process, self.stop_signal)
            try:
                self.process.wait(timeout=grace)
            except subprocess.TimeoutExpired:
                _signal_group(self.process, signal.SIGKILL)
                self.process.wait()
        self.ready = False


def _signal_group(process: subprocess.Popen[bytes], sig: signal.Signals) -> None:
    try:
        os.killpg(process.pid, sig)
    except (ProcessLookupError, PermissionError):
        with contextlib.suppress(ProcessLookupError):
            process.send_signal(sig)


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
                _signal_group(process, signal.SIGKILL)
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
                _signal_group(child.process, signal.SIGKILL)
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


def _serve(settings: Settings) -> int:
    deployment = Deployment(settings, dict(os.environ))

    def stop_on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    def reload_on_signal(signum: int, _frame: object) -> None:
        deployment.reload_requested = True

    signal.signal(signal.SIGTERM, stop_on_signal)
    signal.signal(signal.SIGHUP, reload_on_signal)
    try:
        deployment.start()
        deployment.supervise()
        return 0
    except KeyboardInterrupt:
        return 0
    except (RuntimeError, TimeoutError, ConfigError) as error:
        _log(f"cannot run: {error}")
        return 1
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        deployment.stop()
        _log("stopped")


def _reload(settings: Settings) -> int:
    pid_file = settings.runtime_dir / "deploy.pid"
    try:
        os.kill(int(pid_file.read_text()), signal.SIGHUP)
    except (FileNotFoundError, ValueError, ProcessLookupError):
        print(f"no running deployment ({pid_file})", file=sys.stderr)
        return 1
    print("rolling restart requested; progress is in the launcher's output")
    return 0


def _print_config(settings: Settings) -> int:
    print(nginx_config(settings))
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m deploy.run")
    parser.add_argument("command", nargs="?", default="serve")
    parser.add_argument(
        "--cors",
        action="append",
        default=[],
        metavar="ORIGIN[,ORIGIN...]",
        help="a site allowed to call the REST channel and frame the widget "
        "(repeatable or comma-separated; added to $CORS_ORIGINS)",
    )
    args = parser.parse_args(argv)
    commands: Dict[str, Callable[[Settings], int]] = {
        "serve": _serve,
        "reload": _reload,
        "config": _print_config,
    }
    if args.command not in commands:
        parser.error(f"unknown command {args.command!r}; use {', '.join(commands)}")
    env = dict(os.environ)
    if args.cors:
        env["CORS_ORIGINS"] = ",".join([env.get("CORS_ORIGINS", ""), *args.cors])
    try:
        settings = Settings.from_env(env)
    except ConfigError as error:
        print(f"deploy: {error}", file=sys.stderr)
        return 2
    return commands[args.command](settings)


if __name__ == "__main__":
    sys.exit(main())
