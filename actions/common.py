"""What every action shares: the reply language, UI wording and the KB snapshot.

User-facing wording lives in ``domain.yml`` responses (a Swedish and a Norwegian
variation each); actions that need a sentence around KB data render those responses
with ``render`` instead of keeping text in Python.
"""

from __future__ import annotations

from typing import Any, Dict, Iterable, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

import programme_kb
from programme_kb.listing import Sourced
from programme_kb.service import Snapshot

DomainDict = Dict[str, Any]

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
    """The current knowledge base, reloaded if the secretariat changed the YAML."""
    return programme_kb.service().refresh_if_changed()


def render(domain: DomainDict, response: str, lang: str, **values: Any) -> str:
    """Text of a domain response in a language, with ``{placeholders}`` filled."""
    variations: List[Dict[str, Any]] = domain.get("responses", {}).get(response, [])
    chosen: Optional[Dict[str, Any]] = None
    for variation in variations:
        conditions = variation.get("condition") or []
        if any(
            c.get("name") == "language" and c.get("value") == lang for c in conditions
        ):
            chosen = variation
            break
        if not conditions and chosen is None:
            chosen = variation
    if chosen is None:
        raise KeyError(f"domain has no response {response!r}")
    return str(chosen.get("text", "")).format(**values)


def source_line(domain: DomainDict, lang: str, items: Iterable[Sourced]) -> str:
    """One line naming the sources and the newest as-of date of what was said."""
    listed = list(items)
    sources = list(dict.fromkeys(item.source for item in listed))
    newest = max(item.as_of for item in listed)
    return render(
        domain,
        "utter_source_line",
        lang,
        sources="; ".join(sources),
        as_of=newest.isoformat(),
    )


def say_sourced(
    dispatcher: CollectingDispatcher,
    domain: DomainDict,
    lang: str,
    items: List[Sourced],
    intro: Optional[str] = None,
    *,
    answer: str,
    **extra: Any,
) -> None:
    """Send facts as one message: optional intro, the facts, then their source.

    ``answer`` names what was answered ("topic:ask_budget", "calls", …) in the
    message's card, so the widget, the report and the benchmarks can tell answers
    apart; a caller with a card of its own (``json_message``) keeps it.
    """
    if not items:
        return
    parts = ([intro] if intro else []) + [item.text for item in items]
    text = "\n\n".join(parts) + "\n\n" + source_line(domain, lang, items)
    extra.setdefault(
        "json_message", {"type": "answer", "language": lang, "answer": answer}
    )
    dispatcher.utter_message(text=text, **extra)


def bullet_list(lines: Iterable[str]) -> str:
    return "\n".join(f"• {line}" for line in lines)
