"""The production deployment, started for real on loopback ports (``make test-deploy``).

PostgreSQL and Redis from Debian's packages as throwaway user processes, nginx, two
Rasa instances and one action server, all started by ``deploy.run`` exactly as in
production. These tests only run when selected with ``-m deploy``.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Iterator, List

import pytest

from tests.support.deploy_stack import DeployStack

KEPT_LOGS = Path(__file__).resolve().parents[2] / "results" / "deploy-logs"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "deploy: starts PostgreSQL, Redis, nginx and several Rasa (slow)"
    )


def pytest_collection_modifyitems(
    config: pytest.Config, items: List[pytest.Item]
) -> None:
    """Out of the default run: they need minutes and Debian packages (ci-prepare.sh)."""
    if "deploy" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="deployment test: run with `make test-deploy`")
    for item in items:
        if item.get_closest_marker("deploy"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def deployment(request: pytest.FixtureRequest) -> Iterator[DeployStack]:
    stack = DeployStack(
        instances=2,
        action_servers=1,
        extra_env={
            "CORS_ORIGINS": "https://www.example.org",
            # A busy CI machine must not turn a slow reply into a retried one.
            "PROXY_READ_TIMEOUT": "300",
        },
    )
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        if request.session.testsfailed:
            kept = KEPT_LOGS / time.strftime("%Y%m%d-%H%M%S")
            shutil.copytree(stack.runtime / "logs", kept)
            shutil.copy(stack.launcher_log, kept)
            print(f"\ndeployment logs kept in {kept}")
        stack.cleanup()
