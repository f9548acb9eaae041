"""``make shell`` starts without a screen of dependency warnings, and says ours.

The filters are real ``warnings`` filters, checked with warnings attributed to the
modules that raise them; the action server is started the way ``make shell`` starts
it and its output before it answers is read.
"""

from __future__ import annotations

import socket
import subprocess
import warnings
from pathlib import Path
from typing import List

import pytest

from bot.runtime.launcher import (
    SHELL_ENV,
    Settings,
    actions_env,
    child_env,
    shell_actions_command,
    shell_command,
    wait_until_ready,
)
from bot.runtime.shell_console import quiet_warnings

ROOT = Path(__file__).resolve().parents[2]

THEIRS = [
    "pkg_resources",
    "packaging.requirements",
    "matplotlib.fontconfig_pattern",
    "sanic_cors.extension",
    "tensorflow.lite.python.util",
    "rasa.shared.utils.validation",
    "rasa.core.tracker_store",
]
"""Where the DeprecationWarnings before the first prompt came from (Rasa 3.6.21)."""

OURS = [
    "programme_kb.kb",
    "bot.plugins.components",
    "actions.focus",
    "rasa_sdk_plugins",
]


def _shown(module: str, category: type[Warning]) -> List[str]:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quiet_warnings()
        warnings.warn_explicit("old API", category, "x.py", 1, module=module)
    return [str(w.message) for w in caught]


@pytest.mark.parametrize("module", THEIRS)
def test_known_dependency_deprecations_are_not_shown(module: str) -> None:
    assert _shown(module, DeprecationWarning) == []


@pytest.mark.parametrize("module", OURS + ["packagingx", "rasa.core.policies.policy"])
def test_our_warnings_and_other_modules_still_show(module: str) -> None:
    """Filtered by module name (a whole package or one module), never everything."""
    assert _shown(module, DeprecationWarning) == ["old API"]


@pytest.mark.parametrize("module", THEIRS)
def test_other_warnings_of_the_same_modules_still_show(module: str) -> None:
    assert _shown(module, RuntimeWarning) == ["old API"]


def test_the_shell_starts_through_the_readable_console() -> None:
    settings = Settings.from_env({"ACTIONS_PORT": "5100", "RASA_PORT": "5101"})
    assert shell_command(settings)[1:4] == ["-m", "bot.runtime.shell_console", "shell"]
    actions = shell_actions_command(settings)
    assert actions[1:5] == ["-m", "bot.runtime.shell_console", "run", "actions"]
    assert actions[actions.index("--port") + 1] == "5100" and "--quiet" in actions


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_shells_action_server_starts_without_warnings(tmp_path: Path) -> None:
    """Everything it prints until it answers: no warning, no INFO list of actions."""
    settings = Settings.from_env({"ACTIONS_PORT": str(_free_port())})
    env = actions_env(settings, {**SHELL_ENV, **child_env(settings)})
    env["UNANSWERED_LOG"] = str(tmp_path / "unanswered.jsonl")
    env["PROGRAMME_KB_LAST_GOOD"] = str(tmp_path / "kb-last-good")
    log = tmp_path / "actions.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            shell_actions_command(settings),
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_ready(
                f"http://127.0.0.1:{settings.actions_port}/health", process
            )
        finally:
            process.terminate()
            process.wait(timeout=30)
    printed = log.read_text(encoding="utf-8", errors="replace")
    assert "Warning" not in printed and "warn" not in printed.lower(), printed
    assert "Registered function" not in printed, printed
