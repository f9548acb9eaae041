"""One home for the environment: every process reads the same defaults, from any folder."""

from __future__ import annotations

import ast
import os
import re
from pathlib import Path
from typing import Iterator, Tuple

import pytest

from bot import settings
from bot.plugins import tracker_store
from bot.runtime import launcher
from bot.secretariat import conversations
from bot.secretariat.workspace.settings import Settings as WorkspaceSettings

ROOT = settings.ROOT
READERS = ("bot", "actions", "deploy", "rasa_sdk_plugins")
DEPLOY_ONLY = {
    # checked by deploy.run, documented in docs/deployment.md
    "NGINX_HOST", "PUBLIC_URL", "CORS_ORIGINS", "RATE_LIMIT", "TRUSTED_PROXIES",
    "NGINX_WORKERS", "DEPLOY_RUNTIME_DIR", "TICKET_LOCK_LIFETIME",
    # the process environment itself, not configuration
    "PYTHONPATH", "TF_CPP_MIN_LOG_LEVEL", "LOG_LEVEL",
}  # fmt: skip


def _env_names_read() -> Iterator[Tuple[str, str]]:
    """(file, NAME) for every ``env.get("NAME")`` / ``os.environ["NAME"]`` in product code."""
    for package in READERS:
        for path in (ROOT / package).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                key = None
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                    if node.func.attr == "get" and node.args:
                        key = node.args[0]
                elif isinstance(node, ast.Subscript):
                    key = node.slice
                if (
                    isinstance(key, ast.Constant)
                    and isinstance(key.value, str)
                    and re.fullmatch(r"[A-Z][A-Z0-9_]{2,}", key.value)
                ):
                    yield str(path.relative_to(ROOT)), key.value


def test_every_variable_read_is_declared_in_settings() -> None:
    undeclared = sorted(
        {
            f"{file}: {name}"
            for file, name in _env_names_read()
            if name not in settings.BY_NAME and name not in DEPLOY_ONLY
        }
    )
    assert undeclared == []


def test_readme_documents_every_declared_variable() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    missing = [v.name for v in settings.VARIABLES if f"`{v.name}`" not in table]
    assert missing == []


def test_default_paths_are_absolute_under_the_repository() -> None:
    clean: dict = {}
    assert settings.unanswered_log(clean).is_absolute()
    assert settings.report_dir(clean).is_absolute()
    db = settings.tracker_db_url(clean)
    assert db.startswith("sqlite:////") and db.endswith("/var/conversations.db")
    assert Path(db.removeprefix("sqlite:///")).parent == ROOT / "var"


def test_serve_purge_report_and_workspace_read_one_database_from_any_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("TRACKER_DB_URL", "UNANSWERED_LOG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)  # `make purge` started from elsewhere
    env = launcher.child_env(launcher.Settings.from_env({}))
    expected = settings.tracker_db_url({})
    assert tracker_store.tracker_db_url() == expected
    assert str(conversations.engine_for().url) == expected
    workspace = WorkspaceSettings.from_env({})
    assert workspace.unanswered_log == settings.unanswered_log({})
    assert workspace.unanswered_log.is_absolute()
    assert env["TRACKER_DB_URL"] == expected


@pytest.mark.parametrize(
    "env, expected",
    [
        ({}, "127.0.0.1"),
        ({"HOST": ""}, "127.0.0.1"),  # blank is unset, never "all interfaces"
        ({"HOST": "  "}, "127.0.0.1"),
        ({"HOST": "0.0.0.0"}, "0.0.0.0"),
    ],
)
def test_blank_values_fall_back_to_the_default(env: dict, expected: str) -> None:
    assert launcher.Settings.from_env(env).host == expected


def test_an_undeclared_name_is_a_programming_error() -> None:
    with pytest.raises(KeyError):
        settings.value("NOT_A_SETTING", {})
    with pytest.raises(KeyError):
        settings.given("NOT_A_SETTING", {})


def test_environment_given_wins_and_is_read_at_call_time(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("UNANSWERED_LOG", str(tmp_path / "u.jsonl"))
    assert settings.unanswered_log() == tmp_path / "u.jsonl"
    monkeypatch.setenv("RETENTION_DAYS", "30")
    assert settings.retention_days() == 30
    assert os.environ["RETENTION_DAYS"] == "30"
