"""What every action shares: the question intents, the source line, sending facts.

User-facing wording lives in ``domain.yml`` responses (a Swedish and a Norwegian
variation each); actions that need a sentence around KB data render those responses
with ``render`` instead of keeping text in Python. The knowledge base is the reply's
(``actions.base.Reply``): one snapshot for everything one reply says.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

from rasa_sdk.types import DomainDict  # rasa_sdk's own, what Action.run declares

from actions.base import Reply, language_of, render
from programme_kb import listing
from programme_kb.contract import AnswerCard, ContactCard
from programme_kb.faq import FaqResult
from programme_kb.listing import Sourced

__all__ = ["DomainDict", "language_of", "render"]  # what actions and tests import here

QUESTION_INTENTS = frozenset(
    {
        "greet",
        "goodbye",
        "thanks",
        "bot_challenge",
        "change_language",
        "ask_who_can_apply",
        "ask_partner",
        "ask_budget",
        "ask_project_types",
        "ask_focus_areas",
        "ask_focus_area",
        "ask_goals",
        "ask_programme_area",
        "ask_calls",
        "ask_managing",
        "ask_cross_border",
        "ask_human",
        "ask_faq",
        "feedback",
        "new_conversation",
        "ask_summary",
    }
)
"""Messages that never answer a form's question: a form waiting for an answer lets
Rasa answer them and then asks again (the same list as the ``not_intent`` of the
``organisation_type`` slot in domain.yml)."""


def source_line(
    reply: Reply, items: Iterable[Sourced]
) -> Tuple[str, List[Dict[str, str]]]:
    """The line naming the public pages and the newest as-of date of what was said,
    and the same pages as ``{"title", "url"}`` for the card (the widget links them)."""
    listed = list(items)
    shown = listing.public_sources(
        reply.kb, (i for item in listed for i in item.sources), reply.lang
    )
    newest = max(item.as_of for item in listed)
    line = reply.render(
        "utter_source_line",
        sources="; ".join(f"{s.title} ({s.url})" for s in shown),
        as_of=newest.isoformat(),
    )
    return line, [{"title": s.title, "url": s.url} for s in shown]


def send_sourced(
    reply: Reply,
    body: str,
    items: List[Sourced],
    card: Mapping[str, Any],
    **extra: Any,
) -> None:
    """One message: the body, then its sources once; the card carries the sources
    too (``sources``, and ``source_line`` — the text the widget replaces by links)."""
    line, sources = source_line(reply, items)
    reply.dispatcher.utter_message(
        text=f"{body}\n\n{line}",
        json_message={**card, "sources": sources, "source_line": line},
        **extra,
    )


def say_sourced(
    reply: Reply,
    items: List[Sourced],
    intro: Optional[str] = None,
    *,
    answer: str,
    json_message: Optional[Mapping[str, Any]] = None,
    **extra: Any,
) -> None:
    """Send facts as one message: optional intro, the facts, then their sources.

    ``answer`` names what was answered ("topic:ask_budget", "calls", …) in the
    message's card, so the widget, the report and the benchmarks can tell answers
    apart; a caller with a card of its own (``json_message``) keeps it.
    """
    if not items:
        return
    parts = ([intro] if intro else []) + [item.text for item in items]
    card = json_message or AnswerCard(type="answer", language=reply.lang, answer=answer)
    send_sourced(reply, "\n\n".join(parts), items, card, **extra)


def bullet_list(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def say_faq(reply: Reply, result: FaqResult) -> None:
    """The FAQ's best answer, with its sources and as-of date."""
    assert result.best is not None
    best = result.best
    items = [Sourced(best.answer, best.sources, dt.date.fromisoformat(best.as_of))]
    send_sourced(reply, best.answer, items, result.payload())


def say_contact_card(reply: Reply) -> None:
    """The secretariat's contact card from the KB: name, what to ask, e-mail, phone
    and the page with the advisers on each side."""
    lang, contact = reply.lang, reply.kb.contact
    lines = [contact.name[lang], contact.note[lang]]
    if contact.email:
        lines.append(reply.render("utter_contact_email", email=contact.email))
    if contact.phone:
        lines.append(reply.render("utter_contact_phone", phone=contact.phone))
    lines.append(reply.render("utter_contact_web", web=contact.web[lang]))
    card = ContactCard(
        type="contact",
        language=lang,
        name=contact.name[lang],
        email=contact.email,
        phone=contact.phone,
        web=contact.web[lang],
    )
    say_sourced(
        reply,
        [Sourced("\n".join(lines), tuple(contact.sources), contact.as_of)],
        intro=reply.render("utter_contact_intro"),
        json_message=card,
        answer="contact",
    )
