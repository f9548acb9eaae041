"""``make serve`` as it runs: every process it starts listens on loopback only."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.listening import listening_addresses, loopback, process_tree

pytestmark = pytest.mark.e2e


def test_make_serve_listens_on_loopback_only(stack: Any) -> None:
    listening = listening_addresses(process_tree(stack.process.pid))
    ports = {port for _, port in listening}
    assert {stack.actions_port, stack.rasa_port, stack.web_port} <= ports
    public = sorted((a, p) for a, p in listening if not loopback(a))
    assert not public, f"listening beyond localhost: {public}"
