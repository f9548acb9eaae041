"""A conversation that never pauses is cut into sessions of bounded length (so no
sender can make every reply slower), and the new session remembers what it was told."""

from __future__ import annotations

import json
import sqlite3
from typing import Any, List, Tuple

import pytest

from bot.rasa_patches.session_length import MAX_SESSION_EVENTS

pytestmark = pytest.mark.e2e


def _events(stack: Any, sender: str) -> List[Tuple[str, str]]:
    with sqlite3.connect(stack.db_file) as db:
        return list(
            db.execute(
                "SELECT type_name, data FROM events WHERE sender_id = ? ORDER BY id",
                (sender,),
            )
        )


@pytest.mark.parametrize(
    "lang, told, chat",
    [("sv", "vi är en kommun", "hej"), ("nb", "vi er en kommune", "hei")],
)
def test_a_session_ends_after_its_longest_length_and_keeps_the_slots(
    stack: Any, lang: str, told: str, chat: str
) -> None:
    sender = f"e2e-long-session-{lang}"
    stack.send(sender, told, lang)
    for _ in range(MAX_SESSION_EVENTS // 2):  # every turn adds at least two events
        stack.send(sender, chat, lang)
        starts = [t for t, _ in _events(stack, sender) if t == "session_started"]
        if len(starts) >= 2:
            break
    events = _events(stack, sender)
    cuts = [i for i, (t, _) in enumerate(events) if t == "session_started"]
    assert len(cuts) >= 2, "the conversation was never cut"
    assert cuts[1] - cuts[0] <= MAX_SESSION_EVENTS + 20  # at most one turn over

    def known_organisation(part: List[Tuple[str, str]]) -> List[Any]:
        return [
            json.loads(data)["value"]
            for kind, data in part
            if kind == "slot"
            and json.loads(data).get("name") == "known_organisation_type"
        ]

    told_value = known_organisation(events[: cuts[1]])
    assert told_value and told_value[-1], "the organisation was remembered"
    assert known_organisation(events[cuts[-1] :])[:1] == told_value[-1:]
    replies = stack.send(sender, chat, lang)
    assert any(r.get("text") for r in replies), "the new session answers"
