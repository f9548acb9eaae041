"""Thumbs up/down on an answer, sent by the widget as a ``/feedback`` payload:

    /feedback{"rating": "down", "rated_message": "<start of the rated answer>"}

The user event with these entities stays in the conversation's tracker, where the
secretariat's report finds the rating, the answer and the question before it.
"""

from __future__ import annotations

from typing import List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import DomainDict

RATINGS = ("up", "down")


class ActionStoreFeedback(Action):
    def name(self) -> str:
        return "action_store_feedback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        rating = tracker.get_slot("rating")
        dispatcher.utter_message(
            response="utter_feedback_thanks"
            if rating in RATINGS
            else "utter_how_can_help"
        )
        return [SlotSet("rating", None)]
