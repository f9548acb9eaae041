"""Shared fixtures for the knowledge-base tests.

The snapshot (data + indexes) is built once per test session: building it loads
spaCy, the lemma store and every YAML file, which takes seconds. Tests that edit
data work on a copy of ``programme_kb/data`` under ``tmp_path``.

Note: ``programme_kb.service`` as an *attribute* of the package is the
``service()`` function defined in ``programme_kb/__init__.py``, which shadows the
submodule; ``import programme_kb.service as m`` therefore yields the function.
Import names *from* the submodule instead (``from programme_kb.service import build``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from programme_kb.kb import KnowledgeBase
from programme_kb.loader import data_dir
from programme_kb.service import Snapshot, build

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"


@pytest.fixture(scope="session")
def snapshot() -> Snapshot:
    """The validated, indexed knowledge base as shipped (built once per session)."""
    return build()


@pytest.fixture(scope="session")
def kb(snapshot: Snapshot) -> KnowledgeBase:
    return snapshot.kb


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A private copy of the data directory that a test may break or extend."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target
