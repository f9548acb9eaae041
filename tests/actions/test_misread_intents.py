"""A question the intent model reads as a yes, a no or a language request is
answered as the question it is; a real yes, no or request keeps its short reply
(actions/yes_no.py, actions/language.py)."""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ActionLanguageChanged, decide
from actions.yes_no import ActionHowCanHelp
from tests.support.dispatch import cards

pytestmark = pytest.mark.usefixtures("unanswered_log")


def _request(value: str) -> List[Dict[str, Any]]:
    """What the NLU component reports for a typed request ("svara på norska")."""
    return [{"entity": "reply_language", "role": "request", "value": value}]


def _named(value: str) -> List[Dict[str, Any]]:
    """The intent model's language entity ("… på svensk")."""
    return [{"entity": "language", "value": value}]


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("nb", "Kan vi skrive søknaden på norsk, eller må den være på svensk?", "sv"),
        ("sv", "får vi skriva ansökan på norska?", "nb"),
        ("nb", "må søknaden være på svensk?", "sv"),
        ("sv", "kan den norska parten söka på norska?", "nb"),
        ("nb", "kan vi søkje på nynorsk?", "nb"),
    ],
)
async def test_a_question_about_the_application_language_is_answered(
    make_tracker, domain, kb, lang: str, text: str, named: str
) -> None:
    tracker = make_tracker(text, "change_language", lang, entities=_named(named))
    assert decide(tracker, kb) == []  # the conversation keeps its language
    dispatcher = CollectingDispatcher()
    await ActionLanguageChanged().run(dispatcher, tracker, domain)
    assert not any(
        m.get("response") == "utter_language_changed" for m in dispatcher.messages
    )
    sent = cards(dispatcher)
    assert sent and sent[0].get("type") != "language"
    faq = [c for c in sent if c.get("type") == "faq"]
    assert faq and faq[0]["answered"] and faq[0]["language"] == lang
    assert faq[0]["best"]["entry_id"] in ("svorsk", "english_application")


@pytest.mark.parametrize(
    ("lang", "text", "value", "entities"),
    [
        ("sv", "svara på norska", "nb", _request("nb")),
        ("nb", "kan du svare på svensk?", "sv", _request("sv")),
        ("sv", "jag vill hellre ha svaren på norska", "nb", _named("nb")),
        ("nb", "bytt til svensk", "sv", _named("sv")),
    ],
)
async def test_a_request_for_the_reply_language_still_switches(
    make_tracker, domain, kb, lang: str, text: str, value: str, entities: Any
) -> None:
    tracker = make_tracker(text, "change_language", lang, entities=entities)
    events = decide(tracker, kb)
    assert {"event": "slot", "name": "language", "value": value} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    dispatcher = CollectingDispatcher()
    await ActionLanguageChanged().run(dispatcher, tracker, domain)
    assert [m.get("response") for m in dispatcher.messages] == [
        "utter_language_changed"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "named"),
    [
        ("nb", "forskudd?", None),
        ("nb", "kan vi få forskudd på tilskuddet", None),
        ("sv", "måste vi skriva avtal med norska parten", "nb"),
        ("sv", "kan vi få stöd för översättning av material till norska", "nb"),
        ("nb", "kva er arbeidsspråket på møta i styringskomiteen", None),
    ],
)
async def test_a_programme_question_naming_no_language_to_write_in_is_answered(
    make_tracker, domain, kb, lang: str, text: str, named: Optional[str]
) -> None:
    entities = _named(named) if named else []
    tracker = make_tracker(text, "change_language", lang, entities=entities)
    assert decide(tracker, kb) == []  # the conversation keeps its language
    dispatcher = CollectingDispatcher()
    await ActionLanguageChanged().run(dispatcher, tracker, domain)
    assert dispatcher.messages
    assert not any(
        m.get("response") == "utter_language_changed" for m in dispatcher.messages
    )


@pytest.mark.parametrize(
    ("lang", "text", "current", "value"),
    [
        ("sv", "byt språk", "sv", "nb"),
        ("nb", "bytt språk", "nb", "sv"),
        ("sv", "översätt svaret till norska", "sv", "nb"),
    ],
)
async def test_a_request_without_programme_words_still_switches(
    make_tracker, domain, kb, lang: str, text: str, current: str, value: str
) -> None:
    tracker = make_tracker(text, "change_language", current)
    assert {"event": "slot", "name": "language", "value": value} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in decide(tracker, kb)
    ]


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("nb", "Treng vi ikkje ha eigne pengar for å søkje?", "deny"),
        ("sv", "nej, behöver vi inte skicka in en idéskiss först?", "deny"),
        ("nb", "nei, må vi ikke ha en svensk partner?", "deny"),
        ("sv", "ja, och hur länge kan en förstudie pågå?", "affirm"),
        ("nb", "ja, men hvor mye kan vi søke om?", "affirm"),
        ("nb", "tilsagn?", "affirm"),
        ("sv", "förskott?", "affirm"),
        ("nb", "vedtak?", "deny"),
        ("sv", "nej, inget beslut än", "deny"),
    ],
)
async def test_a_question_read_as_yes_or_no_is_answered(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHowCanHelp().run(dispatcher, make_tracker(text, intent, lang), domain)
    assert not any(
        m.get("response") == "utter_how_can_help" for m in dispatcher.messages
    )
    assert dispatcher.messages  # an answer, "did you mean …?" or "I don't know"


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("sv", "nej", "deny"),
        ("nb", "nei takk", "deny"),
        ("sv", "nej, det stämmer inte alls", "deny"),
        ("sv", "ja, det stämmer bra", "affirm"),
        ("nb", "ja, det stemmer helt", "affirm"),
        ("sv", "japp", "affirm"),
    ],
)
async def test_a_yes_or_no_out_of_context_gets_the_prompt(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    dispatcher = CollectingDispatcher()
    await ActionHowCanHelp().run(dispatcher, make_tracker(text, intent, lang), domain)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_how_can_help"]


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("nb", "Holtålen?", "ask_goals"),
        ("sv", "mora, inom området?", "describe_project"),
        ("sv", "Sveg?", "nlu_fallback"),
        ("nb", "Kongsvinger?", "ask_budget"),
    ],
)
async def test_a_place_alone_gets_the_place_whatever_the_intent(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    from actions.compose import ActionCompose
    from actions.fallback import ActionFallback
    from actions.focus import ActionListGoals
    from actions.programme import ActionAnswerTopic

    action = {
        "ask_goals": ActionListGoals(),
        "describe_project": ActionCompose(),
        "nlu_fallback": ActionFallback(),
    }.get(intent, ActionAnswerTopic())
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, make_tracker(text, intent, lang), domain)
    sent = cards(dispatcher)
    assert [c.get("type") for c in sent] == ["place"], sent
    assert sent[0]["language"] == lang


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Är inte Viken med längre?", "viken"),
        ("nb", "er Buskerud med?", "buskerud"),
    ],
)
async def test_a_place_with_an_entry_of_its_own_gets_that_entry(
    make_tracker, domain, lang: str, text: str, entry: str
) -> None:
    """Viken and Buskerud have FAQ entries that say what happened to them: those
    answer, not the look-up alone."""
    from actions.programme import ActionProgrammeArea

    dispatcher = CollectingDispatcher()
    await ActionProgrammeArea().run(
        dispatcher, make_tracker(text, "ask_programme_area", lang), domain
    )
    sent = cards(dispatcher)
    answered = [
        *((c.get("best") or {}).get("entry_id") for c in sent if c["type"] == "faq"),
        *(
            (p.get("data") or {}).get("entry")
            for c in sent
            if c["type"] == "compound"
            for p in c.get("parts") or []
            if p.get("kind") == "answer"
        ),
    ]
    assert entry in answered, sent
