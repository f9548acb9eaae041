"""Fixtures the action tests share."""

from __future__ import annotations

from pathlib import Path

import pytest

import programme_kb
from programme_kb.kb import KnowledgeBase


@pytest.fixture
def unanswered_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The unanswered-questions log in a temporary file: an action that logs a
    question it cannot answer must not write into the secretariat's real log."""
    path = tmp_path / "unanswered.jsonl"
    monkeypatch.setenv("UNANSWERED_LOG", str(path))
    return path


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    """The knowledge base the action server serves (its shared service)."""
    return programme_kb.shared_service().snapshot.kb
