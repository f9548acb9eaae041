"""The greeting, and the question a greeting often comes with.

"Hei! Hvordan søker man?" is read as a greeting by the model as often as not (a
trial that taught it otherwise cost the held-out greeting F1, 2026-12-06). The
question is then answered here when the FAQ answers it with confidence, after a
short greeting back; a greeting alone, or with a question the FAQ cannot answer,
gets the full introduction, which asks what the user wonders.
"""

from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType

from actions.base import KbAction, Reply
from actions.common import say_faq
from actions.compose import read_text
from programme_kb.compose.message import holds_question
from programme_kb.text import without_greeting


class ActionGreet(KbAction):
    def name(self) -> str:
        return "action_greet"

    async def answer(self, reply: Reply) -> List[EventType]:
        text = read_text(reply.tracker)
        question = without_greeting(text)
        if question and question != text and holds_question(question):
            faq = reply.snap.faq.answer(question, reply.lang)
            if faq.answered:
                reply.dispatcher.utter_message(response="utter_greet_back")
                say_faq(reply, faq)
                return []
        reply.dispatcher.utter_message(response="utter_greet")
        return []
