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
from types import ModuleType
from typing import Optional

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


_cli_module: Optional[ModuleType] = None


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the CLI subprocesses of test_cli.py as soon as it is known that they will
    run (after selection), so they work in parallel with the in-process tests."""
    global _cli_module
    here = Path(__file__).resolve().parent
    for item in session.items:
        module = getattr(item, "module", None)
        path = getattr(module, "__file__", None)
        if (
            module is not None
            and path
            and Path(path).resolve() == here / "test_cli.py"
            and hasattr(module, "start_runs")
        ):
            module.start_runs()
            _cli_module = module
            return


def pytest_sessionfinish(session: pytest.Session) -> None:
    if _cli_module is not None:
        _cli_module.stop_runs()
