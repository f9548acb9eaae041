"""Whom to contact is answered with the contact route, whatever topic the intent
model read (issue 12): "hvem skal vår svenske partner kontakte?" is not how to find
a partner, and "kontakt Trøndelag" is no message to rephrase. A detail the
knowledge base does not hold ("hvor høy timesats …") gets "I don't know" with the
route, not the topic's general card."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.fallback import ActionFallback
from actions.programme import ActionAnswerTopic
from programme_kb.text import asks_for_contact, asks_whom_to_contact

pytestmark = pytest.mark.usefixtures("unanswered_log")


def card_types(dispatcher: CollectingDispatcher) -> List[Any]:
    return [m["custom"].get("type") for m in dispatcher.messages if m.get("custom")]


def slot_values(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vem på norska sidan ska vår norska partner prata med?"),
        ("sv", "Vem ska vår norska partner kontakta?"),
        ("sv", "vart vänder sig vår partner i Trøndelag?"),
        ("nb", "Hvem skal vår svenske partner i Värmland kontakte?"),
        ("nb", "Hvem kan den svenske partneren vår snakke med?"),
        ("nb", "kven skal partnaren vår i Jämtland ringje?"),
    ],
)
async def test_whom_a_partner_should_contact_gets_the_contact_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    tracker = make_tracker(text, "ask_partner", lang)
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert card_types(dispatcher) == ["contact"]
    assert slot_values(events).get("handover") is True


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Hur hittar vi en norsk partner?"),
        ("sv", "Måste vi ha en norsk partner?"),
        ("nb", "Hvordan får vi kontakt med en svensk partner?"),
        ("nb", "Trenger vi en svensk partner?"),
    ],
)
async def test_partner_questions_that_ask_no_contact_keep_their_answer(
    make_tracker, domain, lang: str, text: str
) -> None:
    tracker = make_tracker(text, "ask_partner", lang)
    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert "contact" not in card_types(dispatcher)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kontakt Trøndelag"),
        ("nb", "kontaktperson Innlandet?"),
        ("sv", "kontakt Värmland"),
        ("sv", "Vart vänder vi oss med frågor om rapporten?"),
        ("nb", "Hvor kan vi henvende oss?"),
    ],
)
async def test_a_contact_request_the_model_did_not_read_gets_the_contact_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    tracker = make_tracker(text, "nlu_fallback", lang)
    dispatcher = CollectingDispatcher()
    events = await ActionFallback().run(dispatcher, tracker, domain)
    assert card_types(dispatcher) == ["contact"]
    assert slot_values(events).get("handover") is True


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Vem ska jag kontakta om jag har en projektidé?", True),
        ("Kven kan eg ringje for å drøfte ideen?", True),
        ("hvem kontakter jeg i Ostfold", True),
        ("Vilken rådgivare ska vi prata med?", True),
        ("Hvem kan søke?", False),
        ("Vem fattar beslut om vårt projekt?", False),
        ("Var kan vi hitta kontakt med norska kommuner?", False),  # a partner search
        ("Vad ska vi prata om på mötet?", False),
        ("hva skal vi snakke om i idéskissen", False),
        # "vår"/"vårt" (our) fold to the question words "var"/"vart"
        ("Hur mycket tid får vår projektledare prata i radio?", False),
        ("Kan vårt team ringa in till mötet?", False),
        ("Hvordan får vår prosjektleder snakke med pressen?", False),
    ],
)
def test_whom_to_contact_is_told_from_other_who_questions(
    text: str, asked: bool
) -> None:
    assert asks_whom_to_contact(text) is asked


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("kontakt Trøndelag", True),
        ("kontaktperson?", True),
        ("vi har fått kontakt med en kommun i Norge och undrar", False),
        ("", False),
    ],
)
def test_a_few_words_with_contact_ask_for_the_route(text: str, asked: bool) -> None:
    assert asks_for_contact(text) is asked


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Hvor høy timesats kan vi føre for egne ansatte?"),
        ("nb", "Kor høg timesats kan vi bruke?"),
        ("sv", "Hur hög timkostnad får vi räkna för personalen?"),
        ("sv", "Hur högt traktamente får vi betala ut?"),
    ],
)
async def test_a_rate_the_knowledge_base_never_gives_is_not_the_budget_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    tracker = make_tracker(text, "ask_budget", lang)
    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    types = card_types(dispatcher)
    assert "answer" not in types  # the topic card
    assert "not_known" in types
