"""The launcher starts processes together and stops all of them, grandchildren included."""

from __future__ import annotations

import http.server
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bot.runtime.launcher import (
    MALLOC_SETTINGS,
    Settings,
    actions_command,
    actions_env,
    child_env,
    rasa_command,
    shell_command,
    wait_until_ready,
)
from bot.runtime.processes import ProcessGroup
from tests.support.listening import listening_addresses, loopback, process_tree
from tests.support.local_stack import _free_port


def test_settings_come_from_the_environment_with_local_defaults() -> None:
    default = Settings.from_env({})
    assert (
        default.host,
        default.actions_port,
        default.rasa_port,
        default.web_port,
    ) == ("127.0.0.1", 5055, 5005, 8080)
    custom = Settings.from_env(
        {
            "HOST": "0.0.0.0",
            "ACTIONS_PORT": "6055",
            "RASA_PORT": "6005",
            "WEB_PORT": "9090",
        }
    )
    assert custom.action_url == "http://127.0.0.1:6055/webhook"
    assert child_env(custom)["ACTION_ENDPOINT_URL"].startswith("http://")


def test_children_get_the_memory_settings_unless_the_operator_chose(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in MALLOC_SETTINGS:
        monkeypatch.delenv(name, raising=False)
    env = child_env(Settings.from_env({}))
    assert {k: env[k] for k in MALLOC_SETTINGS} == MALLOC_SETTINGS
    monkeypatch.setenv("MALLOC_ARENA_MAX", "4")
    assert child_env(Settings.from_env({}))["MALLOC_ARENA_MAX"] == "4"


def test_rasa_runs_through_bot_rasa_main_with_no_token_on_the_command_line() -> None:
    command = rasa_command(Settings.from_env({}))
    assert command[1:4] == ["-m", "bot.runtime.rasa_main", "run"]
    assert "--enable-api" not in command and "--auth-token" not in command
    assert command[command.index("--interface") + 1] == "127.0.0.1"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    status = Path(f"/proc/{pid}/status")
    return not (status.exists() and "\nState:\tZ" in status.read_text())


def test_stop_ends_children_and_their_children(tmp_path: Path) -> None:
    pid_file = tmp_path / "grandchild.pid"
    group = ProcessGroup(dict(os.environ))
    child = group.start(["bash", "-c", f"sleep 300 & echo $! > {pid_file}; wait"])
    deadline = time.monotonic() + 10
    while not pid_file.exists() or not pid_file.read_text().strip():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchild = int(pid_file.read_text())
    group.stop(grace=5)
    assert child.poll() is not None
    deadline = time.monotonic() + 5
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(grandchild)


def test_stubborn_child_is_killed_after_the_grace_period() -> None:
    group = ProcessGroup(dict(os.environ))
    child = group.start(
        [
            sys.executable,
            "-c",
            "import signal,time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(300)",
        ]
    )
    time.sleep(0.5)
    started = time.monotonic()
    group.stop(grace=1)
    assert child.poll() is not None and time.monotonic() - started < 10


def test_wait_until_ready_polls_until_the_server_answers() -> None:
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler
    )
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        wait_until_ready(
            f"http://127.0.0.1:{server.server_address[1]}/", sleeper, timeout=10
        )
    finally:
        sleeper.kill()
        server.shutdown()


def test_wait_until_ready_fails_fast_when_the_process_dies() -> None:
    dead = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    dead.wait()
    with pytest.raises(RuntimeError, match="exited with 3"):
        wait_until_ready("http://127.0.0.1:9/", dead, timeout=10)


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_rasa_and_rasa_shell_listen_where_host_says(host: str) -> None:
    settings = Settings.from_env({"HOST": host})
    for command in (rasa_command(settings), shell_command(settings)):
        assert command[command.index("--interface") + 1] == host


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_the_action_server_stays_on_loopback_whatever_host_says(host: str) -> None:
    """rasa_sdk listens on 0.0.0.0 unless SANIC_HOST says otherwise."""
    settings = Settings.from_env({"HOST": host})
    assert actions_env(settings, child_env(settings))["SANIC_HOST"] == "127.0.0.1"
    assert settings.action_url.startswith("http://127.0.0.1:")
    public = Settings.from_env({"HOST": host, "ACTIONS_HOST": "0.0.0.0"})
    assert actions_env(public, {})["SANIC_HOST"] == "0.0.0.0"
    assert public.action_url.startswith("http://127.0.0.1:")


def test_the_started_action_server_listens_on_loopback_only() -> None:
    """The real action server as ``make serve`` and ``make shell`` start it, with
    HOST=0.0.0.0 (the web page public): its only listening socket is on 127.0.0.1."""
    settings = Settings.from_env({"HOST": "0.0.0.0", "ACTIONS_PORT": str(_free_port())})
    group = ProcessGroup(child_env(settings))
    try:
        actions = group.start(
            actions_command(settings), env=actions_env(settings, group.env)
        )
        wait_until_ready(f"http://127.0.0.1:{settings.actions_port}/health", actions)
        listening = listening_addresses(process_tree(actions.pid))
    finally:
        group.stop()
    assert listening == {("127.0.0.1", settings.actions_port)}
    assert all(loopback(address) for address, _ in listening)
