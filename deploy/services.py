"""Throwaway PostgreSQL and Redis servers on free loopback ports, for tests and benchmarks.

    python -m deploy.services   # start both, print TRACKER_DB_URL and LOCK_STORE_URL, Ctrl-C stops

Production uses managed or system services and hands their URLs to ``deploy.run``;
these are user processes with their data in a fresh temporary directory, never the
machine's own services. As root, PostgreSQL runs as the ``postgres`` user (initdb
refuses root). Both require a password, as a real deployment would.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import Any, Callable, Dict, List, Optional, Type, TypeVar

START_TIMEOUT_S = 90.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(check: Callable[[], bool], what: str, timeout: float) -> None:
    """Poll ``check`` until it is true; errors count as "not yet"."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(Exception):
            if check():
                return
        time.sleep(0.2)
    raise TimeoutError(f"{what} not ready after {timeout:.0f} s")


def postgres_bindir() -> Path:
    """The newest Debian PostgreSQL server binaries (postgresql-NN packages)."""
    found = sorted(
        Path("/usr/lib/postgresql").glob("*/bin/postgres"),
        key=lambda p: (
            int(p.parent.parent.name) if p.parent.parent.name.isdigit() else 0
        ),
    )
    if found:
        return found[-1].parent
    on_path = shutil.which("postgres")
    if on_path:
        return Path(on_path).parent
    raise FileNotFoundError("PostgreSQL server not installed (deploy/ci-prepare.sh)")


_S = TypeVar("_S", bound="_Server")


class _Server:
    """A child server process with its own temporary directory."""

    name = "server"

    def __init__(self, port: Optional[int] = None) -> None:
        self.port = port or free_port()
        self.password = secrets.token_hex(16)
        self.root = Path(tempfile.mkdtemp(prefix=f"deploy-{self.name}-"))
        self.log_file = self.root / f"{self.name}.log"
        self.process: Optional[subprocess.Popen[bytes]] = None

    def _popen(self, command: List[str], **kwargs: Any) -> subprocess.Popen[bytes]:
        with self.log_file.open("ab") as log:
            return subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                **kwargs,
            )

    def start(self) -> None:
        raise NotImplementedError

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, sig: signal.Signals = signal.SIGTERM, timeout: float = 30.0) -> None:
        if self.process is None:
            return
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.process = None

    def cleanup(self) -> None:
        self.stop()
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self: _S) -> _S:
        self.start()
        return self

    def __exit__(
        self,
        kind: Optional[Type[BaseException]],
        error: Optional[BaseException],
        trace: Optional[TracebackType],
    ) -> None:
        self.cleanup()


class Postgres(_Server):
    """PostgreSQL with one database ``rasa`` owned by user ``rasa`` (password auth)."""

    name = "postgres"
    user = "rasa"
    database = "rasa"

    def __init__(self, port: Optional[int] = None) -> None:
        super().__init__(port)
        self.data = self.root / "data"
        self._as_user: Dict[str, Any] = {}
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            account = pwd.getpwnam("postgres")
            os.chown(self.root, account.pw_uid, account.pw_gid)
            self._as_user = {"user": account.pw_uid, "group": account.pw_gid}

    @property
    def url(self) -> str:
        return (
            f"postgresql://{self.user}:{self.password}@127.0.0.1:{self.port}"
            f"/{self.database}"
        )

    def start(self) -> None:
        """initdb on first start, then the server; waits until the database answers."""
        if not self.data.exists():
            self._initdb()
        self.process = self._popen(
            [
                str(postgres_bindir() / "postgres"), "-D", str(self.data),
                "-p", str(self.port), "-c", "listen_addresses=127.0.0.1",
                "-c", f"unix_socket_directories={self.root}",
            ],
            **self._as_user,
        )  # fmt: skip
        wait_for(self._accepting, "PostgreSQL", START_TIMEOUT_S)

    def stop(self, sig: signal.Signals = signal.SIGINT, timeout: float = 30.0) -> None:
        """SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client)."""
        super().stop(sig, timeout)

    def _initdb(self) -> None:
        password_file = self.root / "password"
        password_file.write_text(self.password + "\n")
        if self._as_user:
            os.chown(password_file, self._as_user["user"], self._as_user["group"])
        subprocess.run(
            [
                str(postgres_bindir() / "initdb"), "-D", str(self.data),
                "-U", self.user, f"--pwfile={password_file}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync",
            ],
            check=True, capture_output=True, **self._as_user,
        )  # fmt: skip
        password_file.unlink()

    def _accepting(self) -> bool:
        import psycopg2

        if not self.running:
            raise RuntimeError(f"PostgreSQL exited, see {self.log_file}")
        connection = psycopg2.connect(
            host="127.0.0.1",
            port=self.port,
            user=self.user,
            password=self.password,
            dbname="postgres",
            connect_timeout=2,
        )
        connection.autocommit = True
        try:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT 1 FROM pg_database WHERE datname = %s", (self.database,)
                )
                if cursor.fetchone() is None:
                    cursor.execute(f'CREATE DATABASE "{self.database}"')
        finally:
            connection.close()
        return True

    def query(self, sql: str, *params: Any) -> List[Any]:
        """Rows of one query in the ``rasa`` database (tests inspect the trackers)."""
        import psycopg2

        connection = psycopg2.connect(self.url, connect_timeout=5)
        try:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return list(cursor.fetchall())
        finally:
            connection.close()


class Redis(_Server):
    """Redis for Rasa's lock store: no persistence, password required."""

    name = "redis"

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/1"

    def start(self) -> None:
        self.process = self._popen(
            [
                "redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
                "--dir", str(self.root), "--save", "", "--appendonly", "no",
                "--requirepass", self.password, "--daemonize", "no",
            ]
        )  # fmt: skip
        wait_for(self._ping, "Redis", START_TIMEOUT_S)

    def _ping(self) -> bool:
        import redis

        if not self.running:
            raise RuntimeError(f"Redis exited, see {self.log_file}")
        client = redis.Redis(
            host="127.0.0.1", port=self.port, password=self.password, socket_timeout=2
        )
        try:
            return bool(client.ping())
        finally:
            client.close()


def main() -> int:
    """Start both servers for a manual try of ``deploy.run``; print their URLs."""
    with Postgres() as postgres, Redis() as redis_server:
        print(f"export TRACKER_DB_URL='{postgres.url}'")
        print(f"export LOCK_STORE_URL='{redis_server.url}'", flush=True)
        print("# Ctrl-C stops both and deletes their data.", file=sys.stderr)
        with contextlib.suppress(KeyboardInterrupt):
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
    return 0


if __name__ == "__main__":
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    sys.exit(main())
