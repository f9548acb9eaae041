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

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import DomainDict, snapshot
from actions.fallback import say_faq, say_not_known
from programme_kb.faq import asks_for_detail


def answered_precisely(
    dispatcher: CollectingDispatcher,
    tracker: Tracker,
    domain: DomainDict,
    lang: str,
    covered_by_card: AbstractSet[str],
) -> bool:
    """Answer from the FAQ or say we do not know; False: the topic card is the answer."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/"):  # a button: the user chose the topic itself
        return False
    faq = snapshot().faq.answer(text, lang)
    if faq.answered and faq.best is not None:
        if faq.best.entry_id in covered_by_card:
            return False
        say_faq(dispatcher, domain, lang, faq)
        return True
    if asks_for_detail(text):
        say_not_known(dispatcher, tracker, domain, lang, faq)
        return True
    return False
