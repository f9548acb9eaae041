"""`make serve` starts the workspace on its own port, on loopback whatever HOST says."""

from __future__ import annotations

import pytest

from bot.runtime.launcher import Settings, workspace_command
from bot.secretariat.workspace.settings import Settings as WorkspaceSettings


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0", "::"])
def test_the_workspace_stays_on_loopback_whatever_host_says(host: str) -> None:
    settings = Settings.from_env({"HOST": host})
    command = workspace_command(settings)
    assert command[command.index("--host") + 1] == "127.0.0.1"
    assert command[command.index("--port") + 1] == "8090"
    assert WorkspaceSettings.from_env({"HOST": host}).host == "127.0.0.1"


def test_workspace_host_and_port_are_settings_of_their_own() -> None:
    env = {"HOST": "0.0.0.0", "WORKSPACE_HOST": "10.1.2.3", "WORKSPACE_PORT": "9191"}
    command = workspace_command(Settings.from_env(env))
    assert command[-4:] == ["--host", "10.1.2.3", "--port", "9191"]
    workspace = WorkspaceSettings.from_env(env)
    assert (workspace.host, workspace.port) == ("10.1.2.3", 9191)
