"""A project type named with a month and applying asks about the calls (issue 12):
"kan vi skicka in ansökan om huvudprojekt i maj" is answered with the call windows (or the
call entry that answers it), not with the type's general card."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.programme import ActionProjectTypes


def answers(dispatcher: CollectingDispatcher) -> List[Any]:
    cards: List[Dict[str, Any]] = [
        m["custom"] for m in dispatcher.messages if m.get("custom")
    ]
    return [
        c.get("answer") if c.get("type") == "answer" else f"faq:{c['best']['entry_id']}"
        for c in cards
        if c.get("type") in ("answer", "faq")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "project_type", "expected"),
    [
        ("sv", "går det att söka huvudprojekt i oktober?", "huvudprojekt", "calls"),
        ("sv", "kan vi lämna in en förstudie i juni", "förstudie", "calls"),
        (
            "nb",
            "kan vi sende inn søknad om hovedprosjekt i september?",
            "hovedprosjekt",
            "calls",
        ),
        (
            "nb",
            "er det frist for forprosjekt i januar",
            "forprosjekt",
            "faq:rolling_forstudie_smaskala",  # the call entry that answers it
        ),
        # a season instead of a month
        ("sv", "sista dag att söka huvudprojekt i höst?", "huvudprojekt", "calls"),
        ("nb", "kan vi søke hovedprosjekt til våren", "hovedprosjekt", "calls"),
        # no month and no applying: the type's own card
        ("sv", "berätta om huvudprojekt", "huvudprojekt", "project_type:hovedprosjekt"),
        ("nb", "fortell om forprosjekt", "forprosjekt", "project_type:forprosjekt"),
    ],
)
async def test_a_month_and_applying_get_the_calls(
    make_tracker, domain, lang: str, text: str, project_type: str, expected: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text, "ask_project_types", lang, {"project_type": project_type}
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    assert answers(dispatcher) == [expected]
