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
from typing import List

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


def pytest_collection_modifyitems(items: List[pytest.Item]) -> None:
    """Start the CLI subprocesses of test_cli.py as soon as they are known to be needed,
    so that they run in parallel with the in-process tests instead of after them."""
    for item in items:
        module = getattr(item, "module", None)
        if module is not None and Path(module.__file__).name == "test_cli.py" and hasattr(module, "start_runs"):
            module.start_runs()
            return


def pytest_sessionfinish(session: pytest.Session) -> None:
    for item in session.items:
        module = getattr(item, "module", None)
        if module is not None and Path(module.__file__).name == "test_cli.py" and hasattr(module, "stop_runs"):
            module.stop_runs()
            return
