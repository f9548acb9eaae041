"""A bot message as the lines ``make shell`` prints: what the widget shows, as text.

Rasa's console prints a message's ``custom`` part as a raw JSON block. Testers and the
secretariat try the assistant there, so each message is turned into readable lines
instead, mirroring bot/web/widget.js: the text; for the ``focus_areas`` card a short
numbered list (code, title, how well it fits, why); for the ``eligibility`` card the
verdict with its reasons and requirements; the source line of the text as one line per
public source, "title — URL"; the buttons as numbered choices. Card types the widget
draws nothing for (``answer``, ``contact``, ``summary``, ``compound``, …) show their
text, which already says everything in full sentences (design.md), and their sources.

Pure: no Rasa, no I/O. The card labels are the widget's own (``TEXTS`` in widget.js;
a test keeps the two equal), "Källa"/"Kilde" that of the source line (domain.yml,
``utter_source_line``), all in the message's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Dict, List, Mapping, Optional, Sequence

LANGUAGES = ("sv", "nb")


@dataclass(frozen=True)
class Labels:
    """The words around a card, in one language (the widget's TEXTS entry)."""

    areas_title: str
    why: str
    strength: Mapping[str, str]
    eligible: Mapping[str, str]
    """Keyed "true", "false", "null" as in widget.js."""
    reasons: str
    requirements: str
    choices: str
    source: str
    sources: str
    free_text: str
    """The console's own last choice: write a message instead of pressing a button."""


LABELS: Dict[str, Labels] = {
    "sv": Labels(
        areas_title="Insatsområden som kan passa",
        why="Varför:",
        strength={
            "strong": "Passar bra",
            "clear": "Kan passa",
            "weak": "Svag koppling",
        },
        eligible={
            "true": "Kan söka",
            "false": "Kan inte söka",
            "null": "Oklart – mer information behövs",
        },
        reasons="Skäl",
        requirements="Krav på projektet",
        choices="Svarsalternativ",
        source="Källa",
        sources="Källor",
        free_text="Skriv själv …",
    ),
    "nb": Labels(
        areas_title="Innsatsområder som kan passe",
        why="Hvorfor:",
        strength={
            "strong": "Passer godt",
            "clear": "Kan passe",
            "weak": "Svak kobling",
        },
        eligible={
            "true": "Kan søke",
            "false": "Kan ikke søke",
            "null": "Uklart – mer informasjon trengs",
        },
        reasons="Begrunnelse",
        requirements="Krav til prosjektet",
        choices="Svaralternativer",
        source="Kilde",
        sources="Kilder",
        free_text="Skriv selv …",
    ),
}

_MARKS = {"true": "✓", "false": "✕", "null": "?"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
"""Control characters (ESC included) never reach the terminal from a payload."""
_AS_OF = re.compile(r"\(([^()]*\d{4}-\d{2}-\d{2})\)\.?\s*$")


def language_of(message: Mapping[str, Any], default: str = "sv") -> str:
    """The card's language when it names one, else ``default``."""
    card = message.get("custom")
    lang = card.get("language") if isinstance(card, Mapping) else None
    return lang if lang in LANGUAGES else (default if default in LANGUAGES else "sv")


def message_lines(
    message: Mapping[str, Any], default_language: str = "sv", buttons: bool = True
) -> List[str]:
    """Every line the console prints for one bot message.

    ``buttons``: False when the caller offers the buttons as an interactive choice
    itself (Rasa's console does for the last message of a reply).
    """
    lang = language_of(message, default_language)
    card = message.get("custom")
    card = card if isinstance(card, Mapping) else {}
    given = message.get("text")
    text = given if isinstance(given, str) else ""
    line = _source_line(text, card)
    body = text[: -len(line)].rstrip() if line else text
    blocks: List[List[str]] = []
    if body.strip():
        blocks.append(_clean(body).split("\n"))
    shown = card_lines(card, lang)
    if shown:
        blocks.append(shown)
    if line:
        blocks.append(source_lines(card.get("sources"), line, lang))
    if buttons:
        choices = button_lines(message.get("buttons"), lang)
        if choices:
            blocks.append(choices)
    lines: List[str] = []
    for block in blocks:
        if lines:
            lines.append("")
        lines += block
    return lines


def card_lines(card: Mapping[str, Any], lang: str) -> List[str]:
    """The card as the widget draws it, or nothing for card types it draws none for."""
    named = card.get("language")
    x = LABELS[named if isinstance(named, str) and named in LANGUAGES else lang]
    if card.get("type") == "focus_areas":
        return _focus_lines(card.get("items"), x)
    if card.get("type") == "eligibility":
        return _eligibility_lines(card, x)
    return []


def _focus_lines(items: Any, x: Labels) -> List[str]:
    areas = (
        [i for i in items if isinstance(i, Mapping)] if isinstance(items, list) else []
    )
    if not areas:
        return []
    lines = [x.areas_title]
    for number, area in enumerate(areas, 1):
        head = " ".join(_strings([area.get("code"), area.get("title")]))
        strength = x.strength.get(str(area.get("strength")))
        lines.append(f"  {number}. {head}" + (f" — {strength}" if strength else ""))
        why = _strings(area.get("why"))
        if why:
            lines.append(f"     {x.why} {', '.join(why)}")
    return lines


def _eligibility_lines(card: Mapping[str, Any], x: Labels) -> List[str]:
    eligible = card.get("eligible")
    verdict = "true" if eligible is True else "false" if eligible is False else "null"
    lines = [f"{_MARKS[verdict]} {x.eligible[verdict]}"]
    for label, values in (
        (x.reasons, card.get("reasons")),
        (x.requirements, card.get("requirements")),
    ):
        unique = list(dict.fromkeys(_strings(values)))
        if unique:
            lines.append(f"{label}:")
            lines += [f"  • {value}" for value in unique]
    return lines  # fmt: skip


def source_lines(sources: Any, line: str, lang: str) -> List[str]:
    """The source line as a heading (with its as-of date) and one "title — URL" each."""
    x = LABELS[lang]
    listed = [
        (_clean(s["title"]), _clean(s["url"]))
        for s in (sources if isinstance(sources, list) else [])
        if isinstance(s, Mapping)
        and isinstance(s.get("title"), str)
        and isinstance(s.get("url"), str)
    ]
    if not listed:
        return [_clean(line)]
    heading = x.sources if len(listed) > 1 else x.source
    as_of = _AS_OF.search(line)
    if as_of:
        heading += f" ({_clean(as_of.group(1))})"
    return [f"{heading}:", *(f"  • {title} — {url}" for title, url in listed)]


def button_lines(buttons: Any, lang: str) -> List[str]:
    """The buttons as numbered choices (their titles; payloads are for the machine)."""
    titles = [
        _clean(b["title"])
        for b in (buttons if isinstance(buttons, list) else [])
        if isinstance(b, Mapping) and isinstance(b.get("title"), str)
    ]
    if not titles:
        return []
    return [
        f"{LABELS[lang].choices}:",
        *(f"  {n}. {t}" for n, t in enumerate(titles, 1)),
    ]


def _source_line(text: str, card: Mapping[str, Any]) -> Optional[str]:
    """The text's closing source line when the card lists the sources (as widget.js)."""
    line = card.get("source_line")
    if isinstance(line, str) and line and isinstance(card.get("sources"), list):
        return line if text.endswith(line) else None
    return None


def _strings(values: Any) -> List[str]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, Sequence):
        return []
    return [_clean(v) for v in values if isinstance(v, str) and v.strip()]


def _clean(text: str) -> str:
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\t", " "))
