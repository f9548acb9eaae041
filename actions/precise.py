"""Answer the question asked, at the size asked.

A topic intent ("ask_budget", "ask_project_types", …) is recognised for specific
questions too ("how much can a small-scale project get?"). Before a topic card is
shown, the FAQ gets the first word: a confident entry that the card does not already
cover is the answer. A question that asks for one detail (an amount, a duration) and
that nothing answers gets an honest "I don't know" with the route to an adviser,
never the neighbouring general card.
"""

from __future__ import annotations

from typing import AbstractSet

from actions.base import Reply
from actions.compose import RECORDS_NOT_KEPT, read_text
from actions.fallback import (
    about_something_unknown,
    faq_choice_buttons,
    log_unanswered,
    said_other_programme,
    say_faq,
    say_not_known,
)
from programme_kb.faq import (
    CLOSE_CALL_THRESHOLD,
    SUGGEST_THRESHOLD,
    FaqResult,
    asks_for_detail,
    asks_if_required,
)


def answered_precisely(
    reply: Reply,
    covered_by_card: AbstractSet[str],
    offer_choices: bool = True,
) -> bool:
    """Answer from the FAQ, ask which question was meant, or say we do not know.

    False: the message is a general question about the topic and its card is the
    answer — the closest FAQ entry is one the card covers, or nothing specific is near.
    ``offer_choices=False``: for a topic whose own flow asks a question back (the
    eligibility form asks for the organisation type): no "did you mean …?", and the
    FAQ answers only a message with words beyond the card's own questions.
    """
    tracker, domain, lang = reply.tracker, reply.domain, reply.lang
    text = read_text(tracker)  # of a long message, a bounded part
    if text.startswith("/"):  # a button: the user chose the topic itself
        return False
    if said_other_programme(reply):
        return True
    index = reply.snap.faq
    faq = index.answer(text, lang)
    best = faq.best
    if best is None:
        return False
    if faq.reason == "records":  # figures for a project, period or place: not kept
        say_not_known(reply, response=RECORDS_NOT_KEPT)
        return True
    if faq.reason == "practice":  # what one party usually does: no rule says it
        say_not_known(reply, faq)
        return True
    must = offer_choices and asks_if_required(text)
    if (
        best.entry_id in covered_by_card
        and best.score >= SUGGEST_THRESHOLD
        and not (
            must
            and (
                _uncovered_runner_up(faq, covered_by_card)
                or index.asks_beyond(text, lang, set(covered_by_card))
            )
        )
        and not (
            not faq.answered
            and asks_for_detail(text)
            and about_something_unknown(reply, faq)
        )  # "hur stor stödandel får vi för att köpa en pistmaskin?": a detail about
        # something the knowledge base never mentions; the card does not say it
    ):
        return False
    if faq.reason == "general_word" and covered_by_card:
        return False  # "utlysning": the topic itself; its card is the answer
    if not offer_choices and not index.asks_beyond(
        text, lang, set(covered_by_card)
    ):  # only the words of the card's own question: the card's flow answers it
        return False
    if faq.answered:
        say_faq(reply, faq)
        return True
    if asks_for_detail(text) or (must and not faq.suggestions):
        # a detail the card does not give, or whether something is a must, which a
        # card describing the topic does not say ("behöver vi ett
        # medfinansieringsintyg?" is not the funding card): say so
        say_not_known(reply, faq)
        return True
    if not offer_choices:
        return False
    if not faq.suggestions:
        if covered_by_card and index.off_topic(text, lang, set(covered_by_card)):
            # another subject than the card's ("får vi bjuda på vin …" read as
            # "project types"): say we do not know, never the card
            say_not_known(reply, faq)
            return True
        return False
    if about_something_unknown(reply, faq):  # near words, an unknown subject
        say_not_known(reply, faq)
        return True
    # Something specific is near but not sure: offer it beside the topic's card.
    intent = reply.intent
    log_unanswered(tracker, lang, 1)
    buttons = faq_choice_buttons(domain, lang, faq)
    if f"utter_label_{intent}" in domain.get("responses", {}):
        buttons.insert(
            len(buttons) - 1,
            {
                "title": reply.render(f"utter_label_{intent}"),
                "payload": f"/{intent}",
            },
        )
    reply.dispatcher.utter_message(
        text=reply.render("utter_did_you_mean"), buttons=buttons
    )
    return True


def _uncovered_runner_up(faq: FaqResult, covered_by_card: AbstractSet[str]) -> bool:
    """Is the covered best entry not sure, and the next one, which the card does not
    cover, close too? For a question whether something is a must ("Räcker det inte
    med vår egen arbetstid som medfinansiering, måste vi …?": co-financing 0.44, own
    working time 0.41) the card then is no answer: it describes the topic and says
    nothing of the other entry."""
    return not faq.answered and any(
        a.entry_id not in covered_by_card and a.score >= CLOSE_CALL_THRESHOLD
        for a in faq.alternatives[:1]
    )
