"""Fixtures the action tests share."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def unanswered_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The unanswered-questions log in a temporary file: an action that logs a
    question it cannot answer must not write into the secretariat's real log."""
    path = tmp_path / "unanswered.jsonl"
    monkeypatch.setenv("UNANSWERED_LOG", str(path))
    return path
