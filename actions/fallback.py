"""The long tail: FAQ answers, the two-stage fallback and the unanswered-question log.

Stage one: answer from the FAQ if an entry fits; otherwise ask "did you mean …?"
with the likeliest topics as buttons. Stage two (the next message is not understood
either): say honestly that we do not know, show how to reach the secretariat, and
log the question so the secretariat sees what applicants ask.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KbAction, Reply
from actions.common import DomainDict, render, say_faq
from actions.compose import answered_in_context, read_text
from bot import settings
from bot.privacy import unanswered_log
from bot.privacy.masking import mask_text
from programme_kb.contract import NotKnownCard
from programme_kb.faq import FaqResult
from programme_kb.scope import asks_about_office, other_funder, other_programme

ACTION_LISTEN = "action_listen"

SUGGESTION_MIN_CONFIDENCE = 0.1
MAX_SUGGESTIONS = 2
NOT_SUGGESTED = {
    "nlu_fallback",
    "affirm",
    "deny",
    "greet",
    "goodbye",
    "thanks",
    "out_of_scope",
    "other_language",
}


def log_unanswered(tracker: Tracker, lang: str, stage: int) -> None:
    """Append the question to the secretariat's log (one JSON object per line)."""
    path = settings.unanswered_log()
    path.parent.mkdir(parents=True, exist_ok=True)
    record = {
        "time": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "sender_id": tracker.sender_id,
        "language": lang,
        "stage": stage,
        "text": mask_text(tracker.latest_message.get("text") or ""),
        "intent_ranking": [
            {
                "name": r.get("name"),
                "confidence": round(float(r.get("confidence") or 0), 3),
            }
            for r in (tracker.latest_message.get("intent_ranking") or [])[:3]
        ],
    }
    unanswered_log.append(path, record)  # under the log's lock (make purge rewrites it)


def _previous_action(tracker: Tracker) -> Optional[str]:
    """The last action before the latest user message (ignoring action_listen)."""
    seen_user = False
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            if seen_user:
                return None
            seen_user = True
        elif (
            seen_user
            and event.get("event") == "action"
            and event.get("name") != "action_listen"
        ):
            return str(event.get("name"))
    return None


def faq_choice_buttons(
    domain: DomainDict, lang: str, result: FaqResult
) -> List[Dict[str, Any]]:
    """The close FAQ entries as buttons that ask their question (answered exactly)."""
    buttons: List[Dict[str, Any]] = [
        {"title": s.question, "payload": s.question} for s in result.suggestions
    ]
    if buttons:
        buttons.append(
            {
                "title": render(domain, "utter_label_something_else", lang),
                "payload": "/nlu_fallback",
            }
        )
    return buttons


def say_not_known(
    reply: Reply,
    result: Optional[FaqResult] = None,
    response: str = "utter_dont_know",
    message: Optional[str] = None,
) -> None:
    """Say plainly that we do not know, where the answer is, and log the question.
    ``response``: the wording for what is not known (rules, or records of projects);
    ``message``: a wording of the knowledge base's own (messages.yml) instead."""
    lang = reply.lang
    log_unanswered(reply.tracker, lang, 2)
    buttons = faq_choice_buttons(reply.domain, lang, result) if result else []
    reply.dispatcher.utter_message(
        text=reply.kb.message(message, lang) if message else reply.render(response),
        buttons=buttons or None,
        json_message=dict(NotKnownCard(type="not_known", language=lang)),
    )


def about_something_unknown(reply: Reply, result: FaqResult) -> bool:
    """Does the question ask about something the knowledge base never mentions
    ("har ni stängt över jul?", "kan vi använda ChatGPT …")? Then "I do not know"
    is the answer, with the close questions as buttons, not "did you mean …?"."""
    return result.reason == "unknown_words" or bool(
        reply.snap.faq.vocabulary.unknown_words(read_text(reply.tracker))
    )


def said_office_not_known(reply: Reply) -> bool:
    """A question about the secretariat's office itself (opening hours, holidays, a
    visit): say we do not know and where to ask, and log it."""
    if not asks_about_office(reply.kb, reply.text):
        return False
    say_not_known(reply, message="office_not_known")
    return True


def said_other_programme(reply: Reply) -> bool:
    """A question about another funding programme, or about money from another funder
    ("kan vi også søke Innovasjon Norge om penger?"): say we only know ours, and log it."""
    kb, lang = reply.kb, reply.lang
    name = other_programme(kb, reply.text)
    key = "other_programme"
    if name is None:
        name, key = other_funder(kb, reply.text), "other_funder"
    if name is None:
        return False
    log_unanswered(reply.tracker, lang, 2)
    reply.dispatcher.utter_message(
        text=kb.message(key, lang, name=name),
        json_message=dict(NotKnownCard(type="not_known", language=lang)),
    )
    return True


class ActionFallback(KbAction):
    """What is said when nothing else fits: the FAQ, "did you mean …?" or "I don't
    know". Always the end of the turn: Rasa also runs this action as its core
    fallback when no rule fits (a form that rejected a message, e.g. "vem kan
    söka?" asked again while the form waits for the organisation), and in such a
    state nothing after it would fit either — without the ``action_listen`` the
    fallback ran ten times in one turn until Rasa's circuit breaker stopped it."""

    def name(self) -> str:
        return "action_fallback"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        events = await super().run(dispatcher, tracker, domain)
        return [*events, FollowupAction(ACTION_LISTEN)]

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return in_context
        dispatcher, tracker, domain = reply.dispatcher, reply.tracker, reply.domain
        lang = reply.lang
        text = reply.text.strip()
        if not text:
            dispatcher.utter_message(response="utter_empty_message")
            return []
        if said_other_programme(reply):
            return [SlotSet("fallback_stage", 0)]
        faq = reply.snap.faq.answer(read_text(tracker), lang)
        if faq.answered:
            say_faq(reply, faq)
            return [SlotSet("fallback_stage", 0)]
        second = (
            tracker.get_slot("fallback_stage") == 1
            and _previous_action(tracker) == self.name()
        )
        if second or text.startswith("/") or faq.reason == "fault":
            # a login that fails is no question to rephrase: where to get help
            say_not_known(reply)
            return [SlotSet("fallback_stage", 0)]
        if faq.suggestions and about_something_unknown(reply, faq):
            # near questions exist, but this one is about something we never
            # mention: not "did you mean …?" (gibberish still gets "rephrase")
            say_not_known(reply, faq)
            return [SlotSet("fallback_stage", 0)]
        log_unanswered(tracker, lang, 1)
        buttons = faq_choice_buttons(domain, lang, faq) or self._suggestions(
            tracker, domain, lang
        )
        if buttons:
            dispatcher.utter_message(
                text=render(domain, "utter_did_you_mean", lang), buttons=buttons
            )
        else:
            dispatcher.utter_message(response="utter_ask_rephrase")
        return [SlotSet("fallback_stage", 1)]

    @staticmethod
    def _suggestions(
        tracker: Tracker, domain: DomainDict, lang: str
    ) -> List[Dict[str, Any]]:
        labels = domain.get("responses", {})
        buttons = []
        for ranked in tracker.latest_message.get("intent_ranking") or []:
            name = ranked.get("name")
            if (
                name in NOT_SUGGESTED
                or float(ranked.get("confidence") or 0) < SUGGESTION_MIN_CONFIDENCE
            ):
                continue
            if f"utter_label_{name}" not in labels:
                continue
            buttons.append(
                {
                    "title": render(domain, f"utter_label_{name}", lang),
                    "payload": f"/{name}",
                }
            )
            if len(buttons) == MAX_SUGGESTIONS:
                break
        if buttons:
            buttons.append(
                {
                    "title": render(domain, "utter_label_something_else", lang),
                    "payload": "/nlu_fallback",
                }
            )
        return buttons


class ActionAnswerFaq(KbAction):
    """A specific rule question: the FAQ answers it, or the fallback takes over."""

    def name(self) -> str:
        return "action_answer_faq"

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return in_context
        if said_other_programme(reply):
            return []
        faq = reply.snap.faq.answer(read_text(reply.tracker), reply.lang)
        if faq.answered:
            say_faq(reply, faq)
            return []
        return await ActionFallback().answer(reply)  # the same reply, one snapshot
