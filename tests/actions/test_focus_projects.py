"""The focus-area suggestion shows funded projects of the best area, with links."""

from __future__ import annotations

from typing import Any, Dict, List, cast

import pytest
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.base import snapshot
from actions.focus import ActionSuggestFocusAreas

CASES = [
    ("sv", "vi vill utveckla cykelturism och cykelleder över gränsen", "3C"),
    ("nb", "sagflis skal bli protein og fett ved fermentering", "2B"),
    (
        "nb",
        "Prosjektet skal gjøre museene og kulturarrangementene mer digitalt tilgjengelige",
        "3C",
    ),
    ("sv", "sågspån från skogsindustrin ska bli protein genom fermentering", "2B"),
]


async def _suggest(
    make_tracker: Any, domain: Dict[str, Any], lang: str, text: str
) -> List[Dict[str, Any]]:
    tracker = make_tracker(
        text, "describe_project", lang, slots={"project_description": text}
    )
    dispatcher = CollectingDispatcher()
    await ActionSuggestFocusAreas().run(dispatcher, tracker, cast(DomainDict, domain))
    return dispatcher.messages


@pytest.mark.parametrize(("lang", "text", "code"), CASES)
async def test_funded_projects_are_shown_with_links(
    make_tracker: Any, domain: Dict[str, Any], lang: str, text: str, code: str
) -> None:
    messages = await _suggest(make_tracker, domain, lang, text)
    card = messages[0]["custom"]
    best = card["items"][0]
    assert best["code"] == code
    assert best["projects"], "a funded project of the area is shown"
    kb = snapshot().kb
    assert kb.projects_heading is not None
    heading = kb.projects_heading[lang].format(code=code)
    assert heading in messages[0]["text"]
    for shown in best["projects"]:
        assert set(shown) == {"name", "url", "sub_area", "language"}
        assert shown["url"].startswith("https://")
        assert f"{shown['name']} – {shown['url']}" in messages[0]["text"]
        assert any(p.url == shown["url"] and p.focus_area == code for p in kb.projects)


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_nothing_to_place_still_lists_the_areas(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> None:
    text = {
        "sv": "vi åt middag hos mormor igår",
        "nb": "vi spiste middag hos bestemor i går",
    }[lang]
    messages = await _suggest(make_tracker, domain, lang, text)
    assert messages[0]["custom"]["items"] == []
    assert len(messages[0]["buttons"]) == 8
    headings = snapshot().kb.projects_heading
    assert headings is not None
    heading = headings[lang].split("{")[0]
    assert heading not in messages[0]["text"]
