"""A greeting that comes with a question gets the question answered (issue 12)."""

from __future__ import annotations

from typing import Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.greeting import ActionGreet

pytestmark = pytest.mark.usefixtures("unanswered_log")


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Hej! Hur söker man?", "how_to_apply"),
        ("nb", "Hei! Hvordan søker man?", "how_to_apply"),
        ("sv", "hej hej, hur ansöker man?", "how_to_apply"),
        ("nb", "Hallo! Korleis søkjer vi?", "how_to_apply"),
        ("sv", "Hej! Vad är en förstudie?", None),
        ("nb", "Hei, hva er et forprosjekt?", None),
    ],
)
async def test_a_greeting_with_a_question_gets_the_answer(
    make_tracker, domain, lang: str, text: str, entry: Optional[str]
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker(text, "greet", lang), domain)
    first, *rest = dispatcher.messages
    assert first.get("response") == "utter_greet_back"
    faq = [m["custom"] for m in rest if (m.get("custom") or {}).get("type") == "faq"]
    assert faq and faq[0]["answered"] and faq[0]["language"] == lang
    if entry:
        assert faq[0]["best"]["entry_id"] == entry


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hej!"),
        ("nb", "Hallo!"),
        ("sv", "Hej, kan du hjälpa mig?"),
        ("nb", "hei, kan du hjelpe meg?"),
        ("nb", "Hei, jeg har et spørsmål"),
        ("sv", "god morgon"),
        ("sv", "/greet"),
    ],
)
async def test_a_greeting_alone_gets_the_introduction(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionGreet().run(dispatcher, make_tracker(text, "greet", lang), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_greet"]
