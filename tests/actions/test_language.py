"""The reply-language slot over a conversation: requests stick, detection follows."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from actions.language import decide


def _entities(
    role: Optional[str], value: str, extra: Optional[List[Dict[str, Any]]] = None
) -> List[Dict[str, Any]]:
    entity: Dict[str, Any] = {"entity": "reply_language", "value": value}
    if role:
        entity["role"] = role
    return [entity, *(extra or [])]


def _slots(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events}


@pytest.mark.parametrize(
    ("role", "value", "current", "requested", "expected"),
    [
        ("detected", "nb", "sv", False, {"language": "nb"}),
        ("detected", "sv", "nb", True, {}),  # an earlier request stays in force
        ("metadata", "sv", "nb", True, {}),
        ("metadata", "nb", None, False, {"language": "nb"}),
        ("metadata", "nb", "sv", False, {}),  # the conversation so far beats the page
        ("request", "sv", "nb", True, {"language": "sv", "language_requested": True}),
        (
            None,
            "nb",
            "sv",
            False,
            {"language": "nb", "language_requested": True},
        ),  # widget toggle payload
        ("detected", "sv", "sv", False, {}),
    ],
)
def test_policy(make_tracker, kb, role, value, current, requested, expected) -> None:
    tracker = make_tracker(
        "x",
        "greet",
        current,
        slots={"language_requested": requested},
        entities=_entities(role, value),
    )
    assert _slots(decide(tracker, kb)) == expected


def test_change_language_with_a_named_language(make_tracker, kb) -> None:
    tracker = make_tracker(
        "byt till norska",
        "change_language",
        "sv",
        entities=[{"entity": "language", "value": "nb"}],
    )
    assert _slots(decide(tracker, kb)) == {"language": "nb", "language_requested": True}


@pytest.mark.parametrize(
    ("current", "other"), [("sv", "nb"), ("nb", "sv"), (None, "nb")]
)
def test_change_language_without_a_name_switches(
    make_tracker, kb, current, other
) -> None:
    tracker = make_tracker("byt språk", "change_language", current)
    assert _slots(decide(tracker, kb))["language"] == other


def test_no_evidence_keeps_the_conversation_language(make_tracker, kb) -> None:
    assert decide(make_tracker("ok", "affirm", "nb"), kb) == []
