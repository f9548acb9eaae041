"""One reply, one version of the knowledge base: snapshot() is fixed per request task."""

from __future__ import annotations

import asyncio
import itertools
from typing import Any, List

import pytest

import programme_kb
from actions import common


@pytest.fixture
def changing_service(monkeypatch: pytest.MonkeyPatch) -> List[object]:
    """A service whose every refresh hands out a new snapshot (an edit each time)."""
    handed: List[object] = []
    counter = itertools.count()

    def refresh(wait: bool = True) -> Any:
        assert wait is False, "the action server never waits for a reload"
        snap = ("snapshot", next(counter))
        handed.append(snap)
        return snap

    monkeypatch.setattr(programme_kb.shared_service(), "refresh_if_changed", refresh)
    return handed


async def test_a_reply_keeps_the_snapshot_it_started_with(
    changing_service: List[object],
) -> None:
    first = common.snapshot()
    assert common.snapshot() is first and common.snapshot() is first
    assert changing_service == [first]


async def test_each_request_task_gets_the_current_snapshot(
    changing_service: List[object],
) -> None:
    async def reply() -> List[object]:
        return [common.snapshot(), common.snapshot()]

    one, two = await asyncio.gather(
        asyncio.create_task(reply()), asyncio.create_task(reply())
    )
    assert one[0] is one[1] and two[0] is two[1]
    assert one[0] is not two[0]


def test_outside_an_event_loop_every_call_is_current(
    changing_service: List[object],
) -> None:
    assert common.snapshot() != common.snapshot()
    assert len(changing_service) == 2
