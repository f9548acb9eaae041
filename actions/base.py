"""The base of every action that answers from the knowledge base: one snapshot per reply.

The secretariat's edits are swapped in while the action server runs. An action that
asked for the current knowledge base at each step could mix two versions in one reply
(the FAQ of one, the source titles of the next). So the knowledge base is taken once,
when Rasa calls the action, and everything the reply does reads that ``Reply``.

The scope is the call of ``run`` itself, made explicit: not the asyncio task (Sanic
serves one keep-alive connection's requests in one task, so a snapshot fixed per task
would never see an edit) and not the action object (rasa_sdk keeps one instance per
action for every conversation). ``snapshot()`` is called here and nowhere else in
``actions/`` (tests/actions/test_base.py checks it).
"""

from __future__ import annotations

import copy
from abc import ABC, abstractmethod
from dataclasses import dataclass
from typing import Any, List, TypeVar

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict  # rasa_sdk's own, what Action.run declares

import programme_kb
from programme_kb.kb import KnowledgeBase
from programme_kb.responses import variation_text
from programme_kb.service import Snapshot


def language_of(tracker: Tracker) -> str:
    """The conversation's reply language: the ``language`` slot, Swedish by default."""
    value = tracker.get_slot("language")
    return "nb" if value == "nb" else "sv"


def snapshot() -> Snapshot:
    """The current knowledge base; a change the secretariat made is reloaded in a
    thread, never on the action server's event loop."""
    return programme_kb.shared_service().refresh_if_changed(wait=False)


def render(domain: DomainDict, response: str, lang: str, **values: Any) -> str:
    """Text of a domain response in a language, with ``{placeholders}`` filled."""
    text = variation_text(domain.get("responses", {}).get(response, []), lang)
    if text is None:
        raise KeyError(f"domain has no response {response!r}")
    return text.format(**values)


@dataclass(frozen=True)
class Reply:
    """What one reply works with: Rasa's three arguments, the reply language and the
    one knowledge-base snapshot every part of the reply reads."""

    dispatcher: CollectingDispatcher
    tracker: Tracker
    domain: DomainDict
    snap: Snapshot
    lang: str

    @property
    def kb(self) -> KnowledgeBase:
        return self.snap.kb

    @property
    def text(self) -> str:
        """The latest user message as written (a button's ``/intent`` payload too)."""
        return str(self.tracker.latest_message.get("text") or "")

    @property
    def intent(self) -> str:
        """The latest message's intent name, "" when there is none."""
        return str((self.tracker.latest_message.get("intent") or {}).get("name") or "")

    def render(self, response: str, **values: Any) -> str:
        """A domain response in the reply's language, placeholders filled."""
        return render(self.domain, response, self.lang, **values)


def reply_for(
    dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
) -> Reply:
    """A reply to this message: the knowledge base as it is now, fixed for the reply."""
    return Reply(dispatcher, tracker, domain, snapshot(), language_of(tracker))


class KbAction(Action, ABC):
    """An action that answers from the knowledge base: ``answer`` gets the reply."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        return await self.answer(reply_for(dispatcher, tracker, domain))

    @abstractmethod
    async def answer(self, reply: Reply) -> List[EventType]:
        """The reply's messages (through ``reply.dispatcher``) and its events."""


FormT = TypeVar("FormT", bound="KbFormValidationAction")


class KbFormValidationAction(FormValidationAction, ABC):
    """A form validation that reads the knowledge base: ``self.reply`` in its
    ``extract_<slot>`` and ``validate_<slot>`` methods.

    rasa_sdk calls those methods with Rasa's three arguments only, on the one instance
    it keeps for every conversation; so ``run`` works on a copy of the action that
    holds this run's reply, and the shared instance never holds one.
    """

    reply: Reply
    """Set on the copy ``for_reply`` makes (absent on the shared instance)."""

    @abstractmethod
    def name(self) -> str:
        """The form's validation action (abstract here, so that rasa_sdk's package
        scan registers only the concrete forms)."""

    def for_reply(self: FormT, reply: Reply) -> FormT:
        """A copy of this action that works for ``reply`` (its methods read
        ``self.reply``); the shared instance is left as it was."""
        this_run = copy.copy(self)
        this_run.reply = reply
        return this_run

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> List[EventType]:
        this_run = self.for_reply(reply_for(dispatcher, tracker, domain))
        return await FormValidationAction.run(this_run, dispatcher, tracker, domain)
