"""A message the intent model reads as out of scope, checked against the programme.

The model learnt "out of scope" from weather, recipes and tax returns; it also puts
there questions about running a project that its training data lacks ("Kan vi köpa
en bil i projektet?", "Jag kommer inte in i Min ansökan, BankID funkar inte"). Those
get the FAQ's answer when it is sure, otherwise an honest "I do not know", where to
ask and a line in the secretariat's log (``programme_kb.scope.out_of_scope_reply``);
only the rest gets "I answer only about Interreg Sverige–Norge".
"""

from __future__ import annotations

from typing import List

from rasa_sdk.events import EventType

from actions.base import KbAction, Reply
from actions.common import say_faq
from actions.compose import read_text
from actions.fallback import said_other_programme, say_not_known
from programme_kb.scope import out_of_scope_reply


class ActionOutOfScope(KbAction):
    def name(self) -> str:
        return "action_out_of_scope"

    async def answer(self, reply: Reply) -> List[EventType]:
        if said_other_programme(reply):
            return []
        text = read_text(reply.tracker)
        faq = reply.snap.faq.answer(text, reply.lang)
        verdict = out_of_scope_reply(reply.kb, text, faq)
        if verdict == "answer":
            say_faq(reply, faq)
        elif verdict == "not_known":
            say_not_known(reply, faq if faq.suggestions else None)
        else:
            reply.dispatcher.utter_message(response="utter_out_of_scope")
        return []
