"""The conversation's reply language, decided on every user message.

The NLU component ``bot.plugins.components.ReplyLanguageClassifier`` reports what the message
itself says (a ``reply_language`` entity whose role is ``request``, ``metadata`` or
``detected``); this action adds what only the conversation knows: an explicit request
("svara på norska", the widget's SV/NO toggle) stays in force until the user asks for
another language, so later Swedish messages still get Norwegian answers.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import DomainDict

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


def decide(tracker: Tracker) -> List[EventType]:
    """Slot events for the language policy: request > detection > so far > page language."""
    intent = (tracker.latest_message.get("intent") or {}).get("name")
    current = tracker.get_slot("language")
    reported = _entity(tracker, "reply_language")
    asked = _entity(tracker, "language") if intent == "change_language" else None
    if reported is not None and reported.get("role") in (None, "request"):
        asked = (
            reported  # a typed request, or a /change_language payload from the widget
        )
    if asked is not None:
        return [
            SlotSet("language", asked["value"]),
            SlotSet("language_requested", True),
        ]
    if intent == "change_language":  # "byt språk": switch to the other one
        other = "sv" if current == "nb" else "nb"
        return [SlotSet("language", other), SlotSet("language_requested", True)]
    if reported is None or tracker.get_slot("language_requested"):
        return []
    if reported.get("role") == "metadata" and current in LANGUAGES:
        return []  # the page language only decides before the conversation has one
    return (
        [SlotSet("language", reported["value"])] if reported["value"] != current else []
    )


class ActionDecideLanguage(Action):
    def name(self) -> str:
        return "action_decide_language"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return decide(tracker)
