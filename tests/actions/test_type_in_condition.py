"""A project type named only in a condition is the setting of another question
(issue 12): "slipper vi affisch om vi bara gör en förstudie?" is not answered with the
förstudie's card, but with the answer to the question or an honest "I cannot say"."""

from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.programme import ActionProjectTypes
from tests.support.dispatch import cards


def _answered(card: Dict[str, Any]) -> str:
    if card.get("type") == "faq":
        entry = card["best"]["entry_id"] if card.get("answered") else "not answered"
        return f"faq:{entry}"
    return str(card.get("answer") or card.get("type"))


@pytest.mark.parametrize(
    ("lang", "text", "project_type"),
    [
        (
            "sv",
            "slipper vi sätta upp affisch om vi bara gör en förstudie?",
            "förstudie",
        ),
        ("nb", "slipper vi plakat om det bare er et forprosjekt?", "forprosjekt"),
        ("sv", "måste vi ha en norsk partner om vi gör en förstudie?", "förstudie"),
        (
            "nb",
            "må vi ha en svensk partner hvis vi gjør et forprosjekt?",
            "forprosjekt",
        ),
    ],
)
async def test_a_type_in_a_condition_gets_no_type_card(
    make_tracker: Any, domain: Any, lang: str, text: str, project_type: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text, "ask_project_types", lang, {"project_type": project_type}
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    answered = [_answered(c) for c in cards(dispatcher)]
    assert answered, dispatcher.messages
    assert not any(a.startswith("project_type") for a in answered), answered


@pytest.mark.parametrize(
    ("lang", "text", "project_type", "expected"),
    [
        (
            "sv",
            "hur länge får en förstudie pågå?",
            "förstudie",
            "faq:forstudie_duration",
        ),
        ("nb", "fortell om forprosjekt", "forprosjekt", "project_type:forprosjekt"),
        ("sv", "berätta om förstudier", "förstudie", "project_type:forprosjekt"),
    ],
)
async def test_a_type_asked_about_keeps_its_answer(
    make_tracker: Any,
    domain: Any,
    lang: str,
    text: str,
    project_type: str,
    expected: str,
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text, "ask_project_types", lang, {"project_type": project_type}
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    assert [_answered(c) for c in cards(dispatcher)] == [expected]
