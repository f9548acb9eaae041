"""Start the assistant's processes together and stop them together.

    python -m bot.runtime.launcher serve   # action server, Rasa (REST channel), web page
    python -m bot.runtime.launcher shell   # action server, then `rasa shell` in the foreground

Ports and addresses come from the environment (ACTIONS_PORT, RASA_PORT, WEB_PORT,
HOST, ACTIONS_HOST); nothing listens beyond localhost unless HOST says so. HOST is
where Rasa and the web page listen; the action server is called by Rasa alone and
listens on ACTIONS_HOST (127.0.0.1 whatever HOST is), because anyone who reaches
it can run actions directly, the one that writes the unanswered-question log
included. rasa_sdk has no ``--host`` option and listens on 0.0.0.0 unless
SANIC_HOST says otherwise, so its process gets SANIC_HOST. Ctrl-C (or SIGTERM)
stops every process this launcher started, and a process that dies takes the
others down with it, so nothing is left half-running.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

from bot import settings
from bot.runtime.processes import ProcessGroup
from bot.settings import ROOT

READY_TIMEOUT_S = 240.0


@dataclass(frozen=True)
class Settings:
    host: str
    actions_port: int
    rasa_port: int
    web_port: int
    model: Path
    widget_origins: Tuple[str, ...] = ()
    """Extra origins (the programme's web site) allowed to call Rasa from the widget."""
    actions_host: str = "127.0.0.1"
    workspace_port: int = 8090
    workspace_host: str = "127.0.0.1"
    """The secretariat's workspace (bot.secretariat.workspace): loopback unless WORKSPACE_HOST says
    otherwise, whatever HOST is — exposing the widget must not expose the editor."""

    @classmethod
    def from_env(cls, env: Dict[str, str]) -> Settings:
        return cls(
            host=settings.value("HOST", env),
            actions_port=int(settings.value("ACTIONS_PORT", env)),
            rasa_port=int(settings.value("RASA_PORT", env)),
            web_port=int(settings.value("WEB_PORT", env)),
            model=Path(settings.value("MODEL", env)),
            widget_origins=settings.origins("WIDGET_ORIGINS", env),
            actions_host=settings.value("ACTIONS_HOST", env),
            workspace_port=int(settings.value("WORKSPACE_PORT", env)),
            workspace_host=settings.value("WORKSPACE_HOST", env),
        )

    @property
    def action_url(self) -> str:
        host = self.actions_host
        if host in ("0.0.0.0", "::", ""):
            host = "127.0.0.1"
        elif ":" in host:
            host = f"[{host.strip('[]')}]"
        return f"http://{host}:{self.actions_port}/webhook"


def _rasa_bin() -> str:
    return str(Path(sys.executable).with_name("rasa"))


def actions_command(s: Settings) -> List[str]:
    return [
        _rasa_bin(), "run", "actions", "--actions", "actions",
        "--port", str(s.actions_port),
    ]  # fmt: skip


def _rasa_main() -> List[str]:
    """Rasa through bot.runtime.rasa_main: the API token from the environment, not ``ps``,
    and Rasa's hot spots made cheap (bot.rasa_patches)."""
    return [sys.executable, "-m", "bot.runtime.rasa_main"]


def rasa_command(s: Settings) -> List[str]:
    """Rasa with its channels; bot.runtime.rasa_main enables the HTTP API only when
    RASA_AUTH_TOKEN protects it."""
    return [
        *_rasa_main(), "run", "--model", str(s.model),
        "--interface", s.host, "--port", str(s.rasa_port),
        "--credentials", "credentials.yml", "--endpoints", "endpoints.yml",
        "--cors", f"http://localhost:{s.web_port}", f"http://127.0.0.1:{s.web_port}",
        *s.widget_origins,
    ]  # fmt: skip


def shell_command(s: Settings) -> List[str]:
    """``rasa shell`` runs a Rasa server too (Rasa's default interface is 0.0.0.0).
    Through bot.runtime.shell_console: cards as readable text, no dependency warnings; it
    hands over to bot.runtime.rasa_main."""
    return [
        sys.executable, "-m", "bot.runtime.shell_console", "shell", "--model", str(s.model),
        "--endpoints", "endpoints.yml", "--interface", s.host, "--port", str(s.rasa_port),
    ]  # fmt: skip


def shell_actions_command(s: Settings) -> List[str]:
    """The shell's action server: ``actions_command`` without the dependency warnings
    and the INFO lines before the prompt (``--quiet``: warnings and errors still show)."""
    return [
        sys.executable, "-m", "bot.runtime.shell_console", "run", "actions",
        "--actions", "actions", "--port", str(s.actions_port), "--quiet",
    ]  # fmt: skip


SHELL_ENV = {"SQLALCHEMY_SILENCE_UBER_WARNING": "1"}
"""What `make` exports anyway; set for ``python -m bot.runtime.launcher shell`` too."""


def web_command(s: Settings) -> List[str]:
    return [
        sys.executable,
        "-m",
        "bot.web.server",
        "--host",
        s.host,
        "--port",
        str(s.web_port),
    ]


def workspace_command(s: Settings) -> List[str]:
    return [
        sys.executable, "-m", "bot.secretariat.workspace",
        "--host", s.workspace_host, "--port", str(s.workspace_port),
    ]  # fmt: skip


MALLOC_SETTINGS = {
    # glibc gives every thread (TensorFlow starts dozens) its own memory arena, and
    # after loading the model keeps freed memory instead of returning it. Two arenas
    # and fixed 64 KiB mmap/trim thresholds take Rasa from about 1480 to 1270 MB
    # resident at the same speed (docs/benchmarks.md).
    "MALLOC_ARENA_MAX": "2",
    "MALLOC_MMAP_THRESHOLD_": "65536",
    "MALLOC_TRIM_THRESHOLD_": "65536",
}


def child_env(s: Settings) -> Dict[str, str]:
    env = dict(os.environ)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.update({k: env.get(k, v) for k, v in MALLOC_SETTINGS.items()})
    env["ACTION_ENDPOINT_URL"] = env.get("ACTION_ENDPOINT_URL") or s.action_url
    env["TRACKER_DB_URL"] = settings.tracker_db_url(env)
    env["RASA_URL"] = env.get("RASA_URL") or f"http://127.0.0.1:{s.rasa_port}"
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), env.get("PYTHONPATH")])
    )
    return env


def actions_env(s: Settings, env: Dict[str, str]) -> Dict[str, str]:
    """The action server's environment: its listen address for rasa_sdk."""
    return {**env, "SANIC_HOST": s.actions_host}


def wait_until_ready(
    url: str, process: subprocess.Popen[bytes], timeout: float = READY_TIMEOUT_S
) -> None:
    """Poll a health URL until it answers 200; fail early if the process died."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{process.args!r} exited with {process.returncode} before it was ready"
            )
        try:
            with urllib.request.urlopen(url, timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} not ready after {timeout:.0f} s")


def run(mode: str, settings: Settings) -> int:
    group = ProcessGroup(child_env(settings))

    def stop_on_signal(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop_on_signal)
    try:
        if mode == "shell":
            group.env = {**SHELL_ENV, **group.env}
        command = shell_actions_command if mode == "shell" else actions_command
        actions = group.start(command(settings), env=actions_env(settings, group.env))
        health = settings.action_url.removesuffix("/webhook") + "/health"
        wait_until_ready(health, actions)
        if mode == "shell":
            return group.start(shell_command(settings), foreground=True).wait()
        rasa = group.start(rasa_command(settings))
        web = group.start(web_command(settings))
        workspace = group.start(workspace_command(settings))
        wait_until_ready(f"http://127.0.0.1:{settings.rasa_port}/", rasa)
        wait_until_ready(f"http://127.0.0.1:{settings.web_port}/", web)
        wait_until_ready(
            f"http://127.0.0.1:{settings.workspace_port}/health", workspace
        )
        print(
            f"Ready: widget http://localhost:{settings.web_port}/  "
            f"REST http://localhost:{settings.rasa_port}/webhooks/rest/webhook  "
            f"workspace http://localhost:{settings.workspace_port}/  (Ctrl-C stops)",
            flush=True,
        )
        return group.wait_any()
    except KeyboardInterrupt:
        return 0
    finally:
        group.stop()


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.runtime.launcher")
    parser.add_argument("mode", choices=["serve", "shell"])
    args = parser.parse_args(argv)
    return run(args.mode, Settings.from_env(dict(os.environ)))


if __name__ == "__main__":
    sys.exit(main())
