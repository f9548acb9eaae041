"""After Rasa's circuit breaker trips, the conversation answers its next message
(bot/rasa_patches/circuit_break.py), checked with Rasa's own counting of a turn's
actions."""

from __future__ import annotations

import logging
from pathlib import Path
from types import SimpleNamespace
from typing import List

import pytest
from rasa.core.processor import MessageProcessor
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.rasa_patches import circuit_break

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))
LIMIT = 10
PROCESSOR = SimpleNamespace(max_number_of_predictions=LIMIT)


def _user(text: str) -> UserUttered:
    return UserUttered(text, {"name": "ask_who_can_apply", "confidence": 1.0})


def _tripped() -> DialogueStateTracker:
    """A turn whose actions ran until the breaker stopped them."""
    events: List[Event] = [ActionExecuted("action_listen"), _user("vi är en kommun")]
    events += [ActionExecuted("eligibility_form")] * LIMIT
    return DialogueStateTracker.from_events("s", events, DOMAIN.slots)


def _limit_reached(tracker: DialogueStateTracker) -> bool:
    return MessageProcessor.is_action_limit_reached(PROCESSOR, tracker, True)  # type: ignore[arg-type]


def test_without_the_patch_every_later_message_trips_at_once() -> None:
    tracker = _tripped()
    tracker.update(_user("när är nästa utlysning?"))
    assert _limit_reached(tracker)  # the next turn could not run a single action


def test_the_tripped_turn_ends_so_the_next_message_is_answered(
    caplog: pytest.LogCaptureFixture,
) -> None:
    tracker = _tripped()
    with caplog.at_level(logging.WARNING):
        circuit_break.end_the_turn(tracker, None, None)
    last = tracker.events[-1]
    assert isinstance(last, ActionExecuted) and last.action_name == "action_listen"
    tracker.update(_user("när är nästa utlysning?"))
    assert not _limit_reached(tracker)
    logged = caplog.text
    assert "action:eligibility_form" in logged and "user:ask_who_can_apply" in logged
    assert "vi är en kommun" not in logged  # kinds and names, never the user's words


def test_install_sets_rasas_own_hook_and_uninstall_restores_rasa() -> None:
    circuit_break.install()
    try:
        assert MessageProcessor.__init__ is circuit_break.init
    finally:
        circuit_break.uninstall()
    assert MessageProcessor.__init__ is circuit_break.RASAS_INIT
