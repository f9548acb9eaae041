"""The action server gets the last turns of a conversation; what our actions and
rasa_sdk read from it is the same as with the whole conversation."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa_sdk import Tracker

from actions.fallback import _previous_action
from bot.rasa_patches import action_tracker_tail
from bot.rasa_patches.action_tracker_tail import recent_events

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = Domain.load(str(ROOT / "domain.yml"))


def _turn(i: int, lang: str) -> List[Event]:
    return [
        UserUttered(f"fråga {i} " + "x" * 50, {"name": "ask_faq", "confidence": 1.0}),
        SlotSet("language", lang),
        ActionExecuted("action_answer_faq"),
        BotUttered(f"svar {i}"),
        ActionExecuted("action_listen"),
    ]


def _conversation(turns: int, form_at_end: bool = False) -> DialogueStateTracker:
    events: List[Event] = [ActionExecuted("action_listen")]
    events.append(SlotSet("organisation_type", "municipality"))
    for i in range(turns):
        events += _turn(i, "nb" if i % 2 else "sv")
    if form_at_end:
        events += [
            UserUttered(
                "vi är en kommun", {"name": "inform_organisation", "confidence": 1}
            ),
            ActionExecuted("eligibility_form"),
            ActiveLoop("eligibility_form"),
            SlotSet("requested_slot", "organisation_type"),
            ActionExecuted("action_listen"),
            UserUttered("kommun", {"name": "inform_organisation", "confidence": 1}),
            SlotSet("organisation_type", "municipality"),
        ]
    return DialogueStateTracker.from_events("s", events, DOMAIN.slots)


def _bodies(tracker: DialogueStateTracker) -> Dict[str, Dict[str, Any]]:
    action = RemoteAction("action_answer_faq", None)
    whole = action_tracker_tail.RASAS_FORMAT(action, tracker, DOMAIN)
    cut = action_tracker_tail.action_call_format(action, tracker, DOMAIN)
    return {"whole": whole, "cut": cut}


@pytest.mark.parametrize("turns", [0, 1, 2, 3, 4, 40, 300])
@pytest.mark.parametrize("form_at_end", [False, True])
def test_what_the_actions_read_is_the_same(turns: int, form_at_end: bool) -> None:
    bodies = _bodies(_conversation(turns, form_at_end))
    whole, cut = (Tracker.from_dict(b["tracker"]) for b in bodies.values())
    assert cut.slots == whole.slots
    assert cut.latest_message == whole.latest_message
    assert cut.active_loop == whole.active_loop
    assert cut.latest_action_name == whole.latest_action_name
    assert cut.slots_to_validate() == whole.slots_to_validate()
    assert _previous_action(cut) == _previous_action(whole)
    assert {k: v for k, v in bodies["cut"].items() if k != "tracker"} == {
        k: v for k, v in bodies["whole"].items() if k != "tracker"
    }
    kept = sum(e.get("event") == "user" for e in cut.events)
    assert kept == min(action_tracker_tail.USER_TURNS_KEPT, turns + 2 * form_at_end)


def test_a_long_conversation_sends_a_bounded_number_of_events() -> None:
    short, long = (
        len(_bodies(_conversation(n))["cut"]["tracker"]["events"]) for n in (5, 500)
    )
    assert short == long
    assert len(_bodies(_conversation(500))["whole"]["tracker"]["events"]) > 2500


@pytest.mark.parametrize(
    "events, expected",
    [
        ([], []),
        ([{"event": "action"}], [{"event": "action"}]),
        (
            [{"event": "user", "n": 1}, {"event": "bot"}],
            [{"event": "user", "n": 1}, {"event": "bot"}],
        ),
        (
            [{"event": "user", "n": i} for i in range(5)],
            [{"event": "user", "n": i} for i in (2, 3, 4)],
        ),
    ],
)
def test_recent_events(
    events: List[Dict[str, Any]], expected: List[Dict[str, Any]]
) -> None:
    assert recent_events(events) == expected
