"""The conversation's reply language, decided on every user message.

The NLU component ``bot.plugins.components.ReplyLanguageClassifier`` reports what the message
itself says (a ``reply_language`` entity whose role is ``request``, ``metadata`` or
``detected``); this action adds what only the conversation knows: an explicit request
("svara på norska", the widget's SV/NO toggle) stays in force until the user asks for
another language, so later Swedish messages still get Norwegian answers.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.base import KbAction, Reply
from actions.fallback import ActionAnswerFaq
from programme_kb.faq import languages_named
from programme_kb.kb import KnowledgeBase
from programme_kb.language import about_the_application
from programme_kb.scope import about_the_programme

LANGUAGES = ("sv", "nb")


def _entity(tracker: Tracker, name: str) -> Optional[Dict[str, Any]]:
    entities = tracker.latest_message.get("entities") or []
    return next(
        (
            e
            for e in entities
            if e.get("entity") == name and e.get("value") in LANGUAGES
        ),
        None,
    )


def misread_as_a_request(tracker: Tracker, kb: KnowledgeBase) -> bool:
    """Did the intent model read a question as a request for the reply language?
    A question about the application's language ("må den være på svensk?"), or one
    about the programme that names no language to write in ("forskudd?", "måste vi
    skriva avtal med norska parten?"). A typed request ("svara på norska") is
    reported by the NLU component with the role ``request``; the widget's toggle
    sends a payload; "byt språk" names no programme word."""
    text = str(tracker.latest_message.get("text") or "")
    reported = _entity(tracker, "reply_language")
    requested = reported is not None and reported.get("role") == "request"
    if requested or text.startswith("/"):
        return False
    return about_the_application(text) or (
        not languages_named(text) and about_the_programme(kb, text)
    )


def decide(tracker: Tracker, kb: KnowledgeBase) -> List[EventType]:
    """Slot events for the language policy: request > detection > so far > page language."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    current = tracker.get_slot("language")
    reported = _entity(tracker, "reply_language")
    # the intent model's request, unless it misread a question about the application
    switch = intent == "change_language" and not misread_as_a_request(tracker, kb)
    asked = _entity(tracker, "language") if switch else None
    if reported is not None and reported.get("role") in (None, "request"):
        asked = (
            reported  # a typed request, or a /change_language payload from the widget
        )
    if asked is not None:
        return [
            SlotSet("language", asked["value"]),
            SlotSet("language_requested", True),
        ]
    if switch:  # "byt språk": the other one
        other = "sv" if current == "nb" else "nb"
        return [SlotSet("language", other), SlotSet("language_requested", True)]
    if reported is None or tracker.get_slot("language_requested"):
        return []
    if reported.get("role") == "metadata" and current in LANGUAGES:
        return []  # the page language only decides before the conversation has one
    return (
        [SlotSet("language", reported["value"])] if reported["value"] != current else []
    )


class ActionLanguageChanged(KbAction):
    """The answer to a request for the other reply language; a question about the
    application's language that the intent model took for one is answered as
    the question it is (the language stays as it was: ``decide``)."""

    def name(self) -> str:
        return "action_language_changed"

    async def answer(self, reply: Reply) -> List[EventType]:
        if misread_as_a_request(reply.tracker, reply.kb):
            return await ActionAnswerFaq().answer(reply)
        reply.dispatcher.utter_message(response="utter_language_changed")
        return []


class ActionDecideLanguage(KbAction):
    def name(self) -> str:
        return "action_decide_language"

    async def answer(self, reply: Reply) -> List[EventType]:
        return decide(reply.tracker, reply.kb)
