"""A yes or a no out of context, and the question the model misread as one.

"Treng vi ikkje ha eigne pengar for å søkje?" starts like a no and is read as one
(``deny``) as often as not; out of context a yes or a no gets "what would you like
to know?", which leaves that question unanswered. A message that asks something of
at least ``MIN_QUESTION_WORDS`` words, or any message with a word of applying for or
running a project ("tilsagn?", scope.yml ``programme_words``), is answered as the
question it is (the FAQ, "did you mean …?" or an honest "I don't know"); "nej", "ja,
det stämmer" and "nei takk" still get the short prompt.
"""

from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType

from actions.base import KbAction, Reply
from actions.compose import read_text
from actions.fallback import ActionAnswerFaq
from programme_kb.compose.message import holds_question
from programme_kb.scope import about_the_programme
from programme_kb.text import words

MIN_QUESTION_WORDS = 4


class ActionHowCanHelp(KbAction):
    def name(self) -> str:
        return "action_how_can_help"

    async def answer(self, reply: Reply) -> List[EventType]:
        text = read_text(reply.tracker)
        if not text.startswith("/") and (
            (len(words(text)) >= MIN_QUESTION_WORDS and holds_question(text))
            or about_the_programme(reply.kb, text)
        ):
            return await ActionAnswerFaq().answer(reply)
        reply.dispatcher.utter_message(response="utter_how_can_help")
        return []
