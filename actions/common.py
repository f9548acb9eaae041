"""What every action shares: the reply language, UI wording and the KB snapshot.

User-facing wording lives in ``domain.yml`` responses (a Swedish and a Norwegian
variation each); actions that need a sentence around KB data render those responses
with ``render`` instead of keeping text in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Dict, Iterable, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict  # rasa_sdk's own, what Action.run declares

import programme_kb
from programme_kb import listing
from programme_kb.faq import FaqResult
from programme_kb.listing import Sourced
from programme_kb.responses import variation_text
from programme_kb.service import Snapshot

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


def source_line(
    domain: DomainDict, lang: str, items: Iterable[Sourced]
) -> Tuple[str, List[Dict[str, str]]]:
    """The line naming the public pages and the newest as-of date of what was said,
    and the same pages as ``{"title", "url"}`` for the card (the widget links them)."""
    listed = list(items)
    shown = listing.public_sources(
        snapshot().kb, (i for item in listed for i in item.sources), lang
    )
    newest = max(item.as_of for item in listed)
    line = render(
        domain,
        "utter_source_line",
        lang,
        sources="; ".join(f"{s.title} ({s.url})" for s in shown),
        as_of=newest.isoformat(),
    )
    return line, [{"title": s.title, "url": s.url} for s in shown]


def send_sourced(
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    lang: str,
    body: str,
    items: List[Sourced],
    card: Dict[str, Any],
    **extra: Any,
) -> None:
    """One message: the body, then its sources once; the card carries the sources
    too (``sources``, and ``source_line`` — the text the widget replaces by links)."""
    line, sources = source_line(domain, lang, items)
    dispatcher.utter_message(
        text=f"{body}\n\n{line}",
        json_message={**card, "sources": sources, "source_line": line},
        **extra,
    )


def say_sourced(
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    lang: str,
    items: List[Sourced],
    intro: Optional[str] = None,
    *,
    answer: str,
    json_message: Optional[Dict[str, Any]] = None,
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
    card = json_message or {"type": "answer", "language": lang, "answer": answer}
    send_sourced(dispatcher, domain, lang, "\n\n".join(parts), items, card, **extra)


def bullet_list(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)


def say_faq(
    dispatcher: CollectingDispatcher, domain: DomainDict, lang: str, result: FaqResult
) -> None:
    """The FAQ's best answer, with its sources and as-of date."""
    assert result.best is not None
    best = result.best
    items = [Sourced(best.answer, best.sources, dt.date.fromisoformat(best.as_of))]
    send_sourced(dispatcher, domain, lang, best.answer, items, result.payload())
