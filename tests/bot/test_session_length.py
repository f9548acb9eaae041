"""When a session counts as ended: Rasa's pause, or a length no real conversation
reaches, never in the middle of a form."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace
from typing import List

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SessionStarted,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches.session_length import (
    MAX_SESSION_EVENTS,
    has_session_expired,
    session_events,
)

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
PROCESSOR = SimpleNamespace(domain=DOMAIN)  # all Rasa's check reads of the processor


def _tracker(
    events_in_session: int, earlier: int = 0, form: bool = False, minutes_ago: float = 0
) -> DialogueStateTracker:
    now = time.time() - minutes_ago * 60
    events: List[Event] = [ActionExecuted("action_listen")] * earlier
    events.append(SessionStarted())
    turn: List[Event] = [
        UserUttered("hej", {"name": "greet", "confidence": 1.0}, timestamp=now),
        ActionExecuted("utter_greet"),
        BotUttered("Hej!"),
        ActionExecuted("action_listen"),
    ]
    while len(events) < earlier + 1 + events_in_session:
        events.extend(turn)
    events = events[: earlier + 1 + events_in_session]
    if not any(isinstance(e, UserUttered) for e in events[earlier + 1 :]):
        events.append(turn[0])
    if form:
        events.append(ActiveLoop("eligibility_form"))
    return DialogueStateTracker.from_events("s", events, DOMAIN.slots)


@pytest.mark.parametrize("earlier", [0, 3 * MAX_SESSION_EVENTS])
def test_only_the_latest_session_is_counted(earlier: int) -> None:
    assert session_events(_tracker(40, earlier)) in (40, 41)


@pytest.mark.parametrize(
    "length, form, minutes_ago, ended",
    [
        (10, False, 0, False),
        (MAX_SESSION_EVENTS - 10, False, 0, False),
        (MAX_SESSION_EVENTS, False, 0, True),
        (3 * MAX_SESSION_EVENTS, False, 0, True),
        (3 * MAX_SESSION_EVENTS, True, 0, False),  # never inside a form
        (10, False, 24 * 60, True),  # Rasa's own rule: an hour's pause and more
        (10, True, 24 * 60, True),
    ],
)
def test_a_session_ends_after_a_pause_or_its_longest_length(
    length: int, form: bool, minutes_ago: float, ended: bool
) -> None:
    tracker = _tracker(length, form=form, minutes_ago=minutes_ago)
    assert has_session_expired(PROCESSOR, tracker) is ended  # type: ignore[arg-type]
