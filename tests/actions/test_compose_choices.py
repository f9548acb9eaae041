"""A question of a composed reply the FAQ cannot settle between two close entries
(issue 13): the reply says it cannot answer it for sure and offers the close
questions as buttons, in the reply's language, next to the other parts' answers."""

from __future__ import annotations

import datetime as dt

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import reply_for
from actions.compose import MAX_CHOICES, send_parts
from programme_kb.compose import Part
from programme_kb.kb import KnowledgeBase

CHOICES = {
    "sv": [
        {"entry": "advance_payment", "question": "Kan vi få förskott?"},
        {"entry": "payment_time", "question": "När betalas stödet ut?"},
        {"entry": "payment_review", "question": "Vem granskar utbetalningen?"},
    ],
    "nb": [
        {"entry": "advance_payment", "question": "Kan vi få forskudd?"},
        {"entry": "payment_time", "question": "Når blir støtten utbetalt?"},
        {"entry": "payment_review", "question": "Hvem kontrollerer utbetalingen?"},
    ],
}


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_close_questions_are_offered_as_buttons(
    make_tracker, domain, kb: KnowledgeBase, lang: str
) -> None:
    dispatcher = CollectingDispatcher()
    reply = reply_for(dispatcher, make_tracker("…", "ask_faq", lang), domain)
    open_part = Part(
        "not_known",
        kb.message("compose_not_known", lang, question="när kommer pengarna"),
        (),
        dt.date.today(),
        {"question": "när kommer pengarna", "choices": CHOICES[lang]},
    )
    send_parts(reply, [open_part], {"type": "compound", "language": lang})
    message = dispatcher.messages[-1]
    assert kb.message("compose_choices", lang) in message["text"]
    titles = [b["title"] for b in message["buttons"]]
    assert titles == [c["question"] for c in CHOICES[lang][:MAX_CHOICES]]
    assert [b["payload"] for b in message["buttons"]] == titles


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_no_choices_no_buttons(
    make_tracker, domain, kb: KnowledgeBase, lang: str
) -> None:
    dispatcher = CollectingDispatcher()
    reply = reply_for(dispatcher, make_tracker("…", "ask_faq", lang), domain)
    part = Part(
        "not_known",
        kb.message("compose_not_known", lang, question="x"),
        (),
        dt.date.today(),
        {"question": "x", "choices": [None, {"question": 3}]},  # unreadable: ignored
    )
    send_parts(reply, [part], {"type": "compound", "language": lang})
    message = dispatcher.messages[-1]
    assert not message.get("buttons")
    assert kb.message("compose_choices", lang) not in message["text"]
