"""The secretariat's report: what applicants asked and how the assistant did.

    python -m bot.secretariat.report [--from 2025-01-01] [--to 2025-01-31] [--out var/report]

Reads the conversation database (TRACKER_DB_URL; texts there are already masked)
and writes ``report.html`` (one self-contained page, charts as inline SVG, opened
with no server) and ``report.csv`` (the same figures, one per row). Days are
calendar days in Swedish/Norwegian time; FROM and TO are inclusive and default to
the first and last day with messages.

Definitions (the same as ``bot.secretariat.retention``):
- a conversation is one Rasa session of one sender with at least one message;
  it counts on the day of its first message;
- a message is anything the user sent (typed text or a button) except a thumbs
  up/down;
- a message went to the fallback when ``action_fallback`` answered it; a typed
  message is unanswered when the fallback or the FAQ action ran without an FAQ
  answer (a button click such as "Något annat" is not a question of its own);
- a thumb counts once per user and rated answer, as last given (the widget lets
  the user change it).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import html
import json
import math
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple
from zoneinfo import ZoneInfo

import sqlalchemy as sa
import yaml
from rapidfuzz import fuzz
from sqlalchemy.engine import Engine

from bot.secretariat.retention import (
    REPORT_OUTPUTS,
    SessionSplitter,
    engine_for,
    has_events_table,
)
from bot.settings import DOMAIN_FILE
from programme_kb.loader import data_dir, parse_file
from programme_kb.models import EligibilityFile
from programme_kb.responses import variation_text

TIME_ZONE = ZoneInfo("Europe/Stockholm")
"""Sweden and Norway share it; a day in the report is a day at the secretariat."""
FEEDBACK_INTENT = "feedback"
FALLBACK_ACTION = "action_fallback"
FAQ_ACTION = "action_answer_faq"
SIMILARITY = 75
"""rapidfuzz token-set ratio from which two unanswered questions are the same question."""
TOP_GROUPS = 20
MAX_EXAMPLES = 3
LANGUAGES = ("sv", "nb")

LABELS: Dict[str, Tuple[str, str]] = {
    "title": ("Rapport från chattbotten", "Rapport fra chatboten"),
    "period": ("Period", "Periode"),
    "made": ("Skapad", "Laget"),
    "conversations": ("Samtal", "Samtaler"),
    "messages": ("Meddelanden", "Meldinger"),
    "fallback_rate": ("Till reservsvaret (fallback)", "Til reservesvaret (fallback)"),
    "unanswered_rate": ("Obesvarade meddelanden", "Ubesvarte meldinger"),
    "handovers": ("Bad att få tala med en person", "Ba om å snakke med en person"),
    "thumbs": ("Tumme upp / ner", "Tommel opp / ned"),
    "per_day": ("Samtal och meddelanden per dag", "Samtaler og meldinger per dag"),
    "languages": ("Språk i samtalen", "Språk i samtalene"),
    "topics": ("Ämnen (avsikt i meddelandet)", "Emner (intensjon i meldingen)"),
    "unanswered": (
        "Vanligaste obesvarade frågorna, grupperade efter likhet",
        "Vanligste ubesvarte spørsmål, gruppert etter likhet",
    ),
    "thumbs_down": ("Svar med tummen ner", "Svar med tommelen ned"),
    "focus_areas": ("Föreslagna insatsområden", "Foreslåtte innsatsområder"),
    "eligibility": ("Besked om vem som får söka", "Svar om hvem som kan søke"),
    "handover_list": ("Samtal som bad om en person", "Samtaler som ba om en person"),
    "count": ("Antal", "Antall"),
    "examples": ("Exempel på formuleringar", "Eksempler på formuleringer"),
    "language": ("Språk", "Språk"),
    "question": ("Frågan före svaret", "Spørsmålet før svaret"),
    "answer": ("Svaret", "Svaret"),
    "time": ("Tid", "Tid"),
    "conversation": ("Samtal (id)", "Samtale (id)"),
    "code": ("Område", "Område"),
    "first": ("Som första förslag", "Som første forslag"),
    "any": ("Bland förslagen", "Blant forslagene"),
    "organisation_type": ("Organisationstyp", "Organisasjonstype"),
    "intent": ("Teknisk namn (intent)", "Teknisk navn (intent)"),
    "yes": ("Ja", "Ja"),
    "no": ("Nej", "Nei"),
    "unknown": ("Oklart", "Uklart"),
    "none": ("Inget under perioden.", "Ingenting i perioden."),
    "empty": (
        "Databasen har inga samtal för perioden.",
        "Databasen har ingen samtaler i perioden.",
    ),
    "definitions": (
        "Ett samtal är en session (ny efter en timmes tystnad) med minst ett meddelande och "
        "räknas den dag det börjar. Meddelanden är allt användaren skickat utom tumme upp/ner. "
        "Obesvarat: ett skrivet meddelande som varken modellen eller FAQ:n hade svar på "
        "(knappval räknas inte). Tumme upp/ner räknas en gång per användare och svar, så som "
        "den sist sattes. Personuppgifter är maskerade innan något sparas, t.ex. [e-post], "
        "[telefon], [personnummer].",
        "En samtale er en økt (ny etter en times stillhet) med minst én melding og telles den "
        "dagen den begynner. Meldinger er alt brukeren har sendt unntatt tommel opp/ned. "
        "Ubesvart: en skrevet melding som verken modellen eller FAQ-en hadde svar på "
        "(knappevalg telles ikke). Tommel opp/ned telles én gang per bruker og svar, slik den "
        "sist ble satt. Personopplysninger er maskert før noe lagres, f.eks. [e-post], "
        "[telefon], [fødselsnummer].",
    ),
}
"""Every label of the page in Swedish and Norwegian Bokmål."""

INTENT_LABELS: Dict[str, Tuple[str, str]] = {
    "greet": ("Hälsning", "Hilsen"),
    "goodbye": ("Avsked", "Avskjed"),
    "thanks": ("Tack", "Takk"),
    "bot_challenge": ("Är du en bot?", "Er du en bot?"),
    "affirm": ("Ja", "Ja"),
    "deny": ("Nej", "Nei"),
    "out_of_scope": ("Utanför programmet", "Utenfor programmet"),
    "other_language": ("Annat språk", "Annet språk"),
    "change_language": ("Byte av språk", "Bytte av språk"),
    "ask_human": ("Vill tala med en person", "Vil snakke med en person"),
    "ask_faq": ("Regelfråga (FAQ)", "Regelspørsmål (FAQ)"),
    "describe_project": ("Projektidé", "Prosjektidé"),
    "nlu_fallback": ("Inte förstått", "Ikke forstått"),
}
"""Topic names for intents the domain has no button label for."""


def both(sv: str, nb: str) -> str:
    """One text for the bilingual page: "sv / nb", or once when they are the same."""
    return sv if sv == nb else f"{sv} / {nb}"


def label(key: str) -> str:
    return both(*LABELS[key])


def organisation_names() -> Dict[str, str]:
    """Organisation types as the knowledge base words them, by id; {} if unreadable."""
    parsed, _ = parse_file(data_dir() / "eligibility.yml", EligibilityFile)
    if parsed is None:
        return {}
    return {
        t.id: both(_capital(t.label.sv), _capital(t.label.nb))
        for t in parsed.organisation_types
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def intent_labels(domain_file: Path = DOMAIN_FILE) -> Dict[str, str]:
    """Readable topic names: the domain's button labels, then our own list."""
    names = {k: both(sv, nb) for k, (sv, nb) in INTENT_LABELS.items()}
    try:
        responses = (yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}).get(
            "responses", {}
        )
    except (OSError, yaml.YAMLError):
        return names
    for name, variations in responses.items():
        if not name.startswith("utter_label_"):
            continue
        sv = variation_text(variations, "sv") or ""
        nb = variation_text(variations, "nb") or sv
        names[name.removeprefix("utter_label_")] = both(sv, nb)
    return names


# --- reading the database ------------------------------------------------------------


@dataclass
class Turn:
    """One user message and what the assistant did until the next one."""

    sender: str
    session: int
    time: dt.datetime
    text: str
    intent: str
    language: Optional[str]
    entities: Dict[str, str]
    actions: List[str] = field(default_factory=list)
    bot_texts: List[str] = field(default_factory=list)
    cards: List[Dict[str, Any]] = field(default_factory=list)
    handover: bool = False

    @property
    def is_feedback(self) -> bool:
        return self.intent == FEEDBACK_INTENT

    @property
    def went_to_fallback(self) -> bool:
        return FALLBACK_ACTION in self.actions

    @property
    def is_button(self) -> bool:
        """A button click or quick reply ("/nlu_fallback"), not typed text."""
        return self.text.startswith("/")

    @property
    def unanswered(self) -> bool:
        tried_faq = FALLBACK_ACTION in self.actions or FAQ_ACTION in self.actions
        answered = any(c.get("type") == "faq" and c.get("answered") for c in self.cards)
        return tried_faq and not answered and not self.is_button


def _local(timestamp: float) -> dt.datetime:
    return dt.datetime.fromtimestamp(timestamp, TIME_ZONE)


def day_bounds(start: Optional[dt.date], end: Optional[dt.date]) -> Tuple[float, float]:
    """Epoch seconds from the start of ``start`` to the end of ``end`` (local days)."""
    low = (
        dt.datetime.combine(start, dt.time(), TIME_ZONE).timestamp()
        if start
        else float("-inf")
    )
    high = (
        dt.datetime.combine(
            end + dt.timedelta(days=1), dt.time(), TIME_ZONE
        ).timestamp()
        if end
        else float("inf")
    )
    return low, high


def load_turns(
    engine: Engine, start: Optional[dt.date], end: Optional[dt.date]
) -> List[Turn]:
    """Every user message in the period with the assistant's reaction to it."""
    if not has_events_table(engine):
        return []
    low, high = day_bounds(start, end)
    query = sa.text(
        "SELECT sender_id, type_name, action_name, intent_name, timestamp, data FROM events "
        "ORDER BY sender_id, id"
    )
    turns: List[Turn] = []
    splitter = SessionSplitter()
    current: Optional[Turn] = None
    language: Dict[Tuple[str, int], Optional[str]] = {}
    with engine.connect() as connection:
        for (
            sender,
            type_name,
            action_name,
            intent_name,
            timestamp,
            raw,
        ) in connection.execute(query):
            if splitter.feed(sender, type_name, action_name):
                current = None
            key = (sender, splitter.number)
            data = _json(raw)
            if (
                type_name == "slot"
                and data.get("name") == "language"
                and data.get("value")
            ):
                language[key] = str(data["value"])
                if current is not None and current.sender == sender:
                    current.language = language[key]
            if type_name == "user":
                current = None
                stamp = float(timestamp or 0)
                if low <= stamp < high:
                    current = _turn(
                        sender,
                        splitter.number,
                        stamp,
                        intent_name,
                        data,
                        language.get(key),
                    )
                    turns.append(current)
            elif current is not None:
                _react(current, type_name, action_name, data)
    return turns


def _json(raw: Any) -> Dict[str, Any]:
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def _turn(
    sender: str,
    session: int,
    stamp: float,
    intent: Any,
    data: Dict[str, Any],
    lang: Optional[str],
) -> Turn:
    parse = data.get("parse_data") or {}
    entities = {
        str(e.get("entity")): str(e.get("value"))
        for e in parse.get("entities") or []
        if isinstance(e, dict) and e.get("value") is not None
    }
    reply = (
        (parse.get("language") or {}).get("reply")
        if isinstance(parse.get("language"), dict)
        else None
    )
    return Turn(
        sender=sender,
        session=session,
        time=_local(stamp),
        text=str(data.get("text") or ""),
        intent=str(intent or (parse.get("intent") or {}).get("name") or "?"),
        language=entities.get("reply_language") or lang or reply,
        entities=entities,
    )


def _react(turn: Turn, type_name: str, action_name: Any, data: Dict[str, Any]) -> None:
    if type_name == "action" and action_name and action_name != "action_listen":
        turn.actions.append(str(action_name))
    elif type_name == "bot":
        turn.bot_texts.append(str(data.get("text") or ""))
        custom = (data.get("data") or {}).get("custom")
        if isinstance(custom, dict):
            turn.cards.append(custom)
    elif (
        type_name == "slot"
        and data.get("name") == "handover"
        and data.get("value") is True
    ):
        turn.handover = True


# --- the figures ---------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    count: int
    examples: List[str]
    languages: Dict[str, int]


@dataclass(frozen=True)
class Rated:
    time: dt.datetime
    language: str
    question: str
    answer: str


@dataclass(frozen=True)
class Handover:
    time: dt.datetime
    sender: str
    language: str
    question: str


@dataclass
class Report:
    start: Optional[dt.date]
    end: Optional[dt.date]
    conversations: int = 0
    messages: int = 0
    fallback: int = 0
    unanswered: int = 0
    thumbs_up: int = 0
    thumbs_down: int = 0
    per_day: Dict[dt.date, Tuple[int, int]] = field(default_factory=dict)
    languages: Dict[str, int] = field(default_factory=dict)
    topics: List[Tuple[str, str, int]] = field(default_factory=list)
    groups: List[Group] = field(default_factory=list)
    rated_down: List[Rated] = field(default_factory=list)
    focus_areas: List[Tuple[str, str, int, int]] = field(default_factory=list)
    eligibility: List[Tuple[str, int, int, int]] = field(default_factory=list)
    organisation_names: Dict[str, str] = field(default_factory=dict)
    handovers: List[Handover] = field(default_factory=list)

    @property
    def fallback_rate(self) -> float:
        return self.fallback / self.messages if self.messages else 0.0

    @property
    def unanswered_rate(self) -> float:
        return self.unanswered / self.messages if self.messages else 0.0

    def summary(self) -> Dict[str, Any]:
        return {
            "conversations": self.conversations,
            "messages": self.messages,
            "fallback": self.fallback,
            "fallback_rate": round(self.fallback_rate, 4),
            "unanswered": self.unanswered,
            "unanswered_rate": round(self.unanswered_rate, 4),
            "handovers": len(self.handovers),
            "thumbs_up": self.thumbs_up,
            "thumbs_down": self.thumbs_down,
        }


def build(
    turns: Sequence[Turn],
    start: Optional[dt.date] = None,
    end: Optional[dt.date] = None,
) -> Report:
    """All figures of the report from the period's turns."""
    messages = [t for t in turns if not t.is_feedback]
    days = sorted({t.time.date() for t in messages})
    report = Report(
        start or (days[0] if days else None), end or (days[-1] if days else None)
    )
    report.messages = len(messages)
    report.fallback = sum(t.went_to_fallback for t in messages)
    report.unanswered = sum(t.unanswered for t in messages)
    ratings = latest_ratings(turns)
    report.thumbs_up = sum(t.entities.get("rating") == "up" for t in ratings)
    report.thumbs_down = sum(t.entities.get("rating") == "down" for t in ratings)

    first: Dict[Tuple[str, int], Turn] = {}
    last_language: Dict[Tuple[str, int], Optional[str]] = {}
    for turn in messages:
        first.setdefault((turn.sender, turn.session), turn)
        if turn.language:
            last_language[(turn.sender, turn.session)] = turn.language
    report.conversations = len(first)
    conversations_per_day = Counter(t.time.date() for t in first.values())
    messages_per_day = Counter(t.time.date() for t in messages)
    if report.start and report.end:
        day = report.start
        while day <= report.end:
            report.per_day[day] = (conversations_per_day[day], messages_per_day[day])
            day += dt.timedelta(days=1)
    languages = Counter(last_language.get(k) or "unknown" for k in first)
    report.languages = {
        lang: languages[lang] for lang in (*LANGUAGES, "unknown") if languages[lang]
    }

    names = intent_labels()
    report.topics = [
        (i, names.get(i, i), n)
        for i, n in Counter(t.intent for t in messages).most_common()
    ]
    report.groups = group_questions(t for t in messages if t.unanswered)
    report.rated_down = _rated_down(turns, ratings)
    report.focus_areas = _focus_areas(messages)
    report.eligibility = _eligibility(messages)
    report.organisation_names = organisation_names()
    seen = set()
    for turn in messages:
        if turn.handover and (turn.sender, turn.session) not in seen:
            seen.add((turn.sender, turn.session))
            language = last_language.get((turn.sender, turn.session)) or "unknown"
            report.handovers.append(
                Handover(turn.time, turn.sender, language, turn.text)
            )
    return report


def _normal(text: str) -> str:
    return re.sub(r"[^\w\[\] ]+", " ", text.lower()).strip()


def group_questions(turns: Iterable[Turn], limit: int = TOP_GROUPS) -> List[Group]:
    """Unanswered questions grouped by wording similarity, the largest groups first."""
    groups: List[Tuple[str, List[Turn]]] = []
    for turn in turns:
        text = _normal(turn.text)
        if not text:
            continue
        best = max(groups, key=lambda g: fuzz.token_set_ratio(text, g[0]), default=None)
        if best is not None and fuzz.token_set_ratio(text, best[0]) >= SIMILARITY:
            best[1].append(turn)
        else:
            groups.append((text, [turn]))
    result = []
    for _, members in sorted(groups, key=lambda g: -len(g[1])):
        wordings = Counter(m.text.strip() for m in members)
        result.append(
            Group(
                count=len(members),
                examples=[w for w, _ in wordings.most_common(MAX_EXAMPLES)],
                languages=dict(Counter(m.language or "unknown" for m in members)),
            )
        )
    return result[:limit]


def latest_ratings(turns: Sequence[Turn]) -> List[Turn]:
    """Each user's last thumb per rated answer: up, then down, counts once, as down."""
    last: Dict[Tuple[str, str], Turn] = {}
    for index, turn in enumerate(turns):
        if turn.is_feedback and turn.entities.get("rating") in ("up", "down"):
            key = (turn.sender, turn.entities.get("rated_message") or f"#{index}")
            last.pop(key, None)  # re-inserted: the order is that of the last rating
            last[key] = turn
    return list(last.values())


def _rated_down(turns: Sequence[Turn], ratings: Sequence[Turn]) -> List[Rated]:
    """Thumbs-down answers with the question the user had asked before them."""
    result = []
    final_down = {id(t) for t in ratings if t.entities.get("rating") == "down"}
    earlier: Dict[str, List[Turn]] = defaultdict(list)
    for turn in turns:
        if not turn.is_feedback:
            earlier[turn.sender].append(turn)
            continue
        if id(turn) not in final_down:
            continue
        rated = turn.entities.get("rated_message", "")
        before = earlier[turn.sender]
        asked = next(
            (
                t
                for t in reversed(before)
                if rated
                and any(
                    b.startswith(rated[:60]) or rated.startswith(b[:60])
                    for b in t.bot_texts
                )
            ),
            before[-1] if before else None,
        )
        result.append(
            Rated(
                time=turn.time,
                language=turn.language
                or (asked.language if asked else None)
                or "unknown",
                question=asked.text if asked else "",
                answer=rated,
            )
        )
    return result


def _focus_areas(turns: Sequence[Turn]) -> List[Tuple[str, str, int, int]]:
    first: Counter[str] = Counter()
    anywhere: Counter[str] = Counter()
    titles: Dict[str, str] = {}
    for turn in turns:
        for card in turn.cards:
            items = card.get("items") if card.get("type") == "focus_areas" else None
            if not items:
                continue
            first[str(items[0].get("code"))] += 1
            for item in items:
                code = str(item.get("code"))
                anywhere[code] += 1
                titles.setdefault(code, str(item.get("title") or ""))
    return [
        (code, titles[code], first[code], anywhere[code]) for code in sorted(anywhere)
    ]


def _eligibility(turns: Sequence[Turn]) -> List[Tuple[str, int, int, int]]:
    verdicts: Dict[str, Counter[str]] = defaultdict(Counter)
    for turn in turns:
        for card in turn.cards:
            if card.get("type") == "eligibility":
                kind = str(card.get("organisation_type") or "unknown")
                eligible = card.get("eligible")
                verdict = (
                    "yes"
                    if eligible is True
                    else "no"
                    if eligible is False
                    else "unknown"
                )
                verdicts[kind][verdict] += 1
    return [
        (kind, c["yes"], c["no"], c["unknown"])
        for kind, c in sorted(
            verdicts.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])
        )
    ]


# --- CSV -------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    """Text for a spreadsheet cell; user text cannot become a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_rows(report: Report) -> List[Tuple[str, str, str, Any]]:
    """(section, key, metric, value): every figure of the page, one per row."""
    rows: List[Tuple[str, str, str, Any]] = [
        ("period", "from", "date", report.start.isoformat() if report.start else ""),
        ("period", "to", "date", report.end.isoformat() if report.end else ""),
    ]
    rows += [
        ("summary", key, "value", value) for key, value in report.summary().items()
    ]
    for day, (conversations, messages) in report.per_day.items():
        rows += [("per_day", day.isoformat(), "conversations", conversations)]
        rows += [("per_day", day.isoformat(), "messages", messages)]
    rows += [
        ("language", lang, "conversations", n) for lang, n in report.languages.items()
    ]
    rows += [("topic", intent, "messages", n) for intent, _, n in report.topics]
    for rank, group in enumerate(report.groups, 1):
        rows += [("unanswered_group", str(rank), "count", group.count)]
        rows += [("unanswered_group", str(rank), "example", e) for e in group.examples]
    for rated in report.rated_down:
        stamp = rated.time.isoformat(timespec="minutes")
        rows += [
            ("thumbs_down", stamp, "question", rated.question),
            ("thumbs_down", stamp, "answer", rated.answer),
        ]
    for code, _, first, anywhere in report.focus_areas:
        rows += [
            ("focus_area", code, "first", first),
            ("focus_area", code, "suggested", anywhere),
        ]
    for kind, yes, no, unknown in report.eligibility:
        rows += [("eligibility", kind, "yes", yes), ("eligibility", kind, "no", no)]
        rows += [("eligibility", kind, "unknown", unknown)]
    for handover in report.handovers:
        rows += [
            (
                "handover",
                handover.sender,
                "time",
                handover.time.isoformat(timespec="minutes"),
            )
        ]
        rows += [("handover", handover.sender, "question", handover.question)]
    return rows


def write_csv(report: Report, path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["section", "key", "metric", "value"])
        writer.writerows([_cell(c) for c in row] for row in csv_rows(report))


# --- HTML ------------------------------------------------------------------------------

COLOURS = {
    "conversations": "#1f5f8b",
    "messages": "#8cc0de",
    "sv": "#006aa7",
    "nb": "#ba0c2f",
    "unknown": "#9aa3ab",
}
STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2731;margin:0;background:#f4f6f8}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:0 0 12px}
section{background:#fff;border-radius:8px;padding:18px 20px;margin:16px 0;box-shadow:0 1px 3px #0002}
.meta{color:#56616b}.tiles{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:12px}
.tile{background:#fff;border-radius:8px;padding:14px 16px;box-shadow:0 1px 3px #0002}
.tile b{display:block;font-size:28px;color:#1f5f8b}.tile span{color:#56616b;font-size:13px}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 8px;border-bottom:1px solid #e3e7eb;vertical-align:top}
th{font-size:13px;color:#56616b;font-weight:600}td.n{text-align:right;font-variant-numeric:tabular-nums}
.legend span{display:inline-block;margin-right:14px;font-size:13px}.legend i{display:inline-block;width:11px;height:11px;margin-right:5px;border-radius:2px}
svg text{font:12px system-ui,sans-serif;fill:#1d2731}.empty{color:#56616b;font-style:italic}
footer{color:#56616b;font-size:13px;margin:20px 0}
"""


def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def _bars_per_day(per_day: Dict[dt.date, Tuple[int, int]]) -> str:
    """Grouped bars, conversations and messages for each day."""
    if not per_day:
        return f'<p class="empty">{_e(label("none"))}</p>'
    width, height, left, bottom = 1040, 260, 40, 40
    step = max(1, math.ceil(max(max(c, m) for c, m in per_day.values()) / 4))
    top = step * 4
    slot = (width - left) / len(per_day)
    bar = max(1.0, min(18.0, slot * 0.4))
    parts = [
        f'<svg viewBox="0 0 {width} {height}" width="100%" role="img" aria-label="{_e(label("per_day"))}">'
    ]
    for i in range(5):
        y = height - bottom - (height - bottom - 10) * i / 4
        parts.append(
            f'<line x1="{left}" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e3e7eb"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{step * i}</text>'
        )
    every = max(1, len(per_day) // 14)
    for i, (day, (conversations, messages)) in enumerate(per_day.items()):
        x = left + i * slot + slot / 2
        for offset, value, kind in (
            (-bar, conversations, "conversations"),
            (0.0, messages, "messages"),
        ):
            h = (height - bottom - 10) * value / top
            parts.append(
                f'<rect x="{x + offset:.1f}" y="{height - bottom - h:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[kind]}"><title>{day.isoformat()}: {value} {_e(label(kind))}</title></rect>'
            )
        if i % every == 0:
            parts.append(
                f'<text x="{x:.1f}" y="{height - bottom + 16}" text-anchor="middle">{day:%d/%m}</text>'
            )
    parts.append("</svg>")
    legend = "".join(
        f'<span><i style="background:{COLOURS[k]}"></i>{_e(label(k))}</span>'
        for k in ("conversations", "messages")
    )
    return f'<div class="legend">{legend}</div>' + "".join(parts)


def _hbars(rows: Sequence[Tuple[str, int]], colour: str = "#1f5f8b") -> str:
    """Horizontal bars, the number at the end of each (the tables below have them too)."""
    if not rows:
        return f'<p class="empty">{_e(label("none"))}</p>'
    top = max(n for _, n in rows) or 1
    line, name_w, bar_w = 26, 330, 600
    parts = [
        f'<svg viewBox="0 0 {name_w + bar_w + 60} {line * len(rows) + 6}" width="100%" role="img">'
    ]
    for i, (name, n) in enumerate(rows):
        y = i * line + 4
        w = bar_w * n / top
        short = name if len(name) <= 48 else name[:47] + "…"
        parts.append(
            f'<text x="{name_w - 8}" y="{y + 15}" text-anchor="end">{_e(short)}<title>{_e(name)}</title></text>'
        )
        parts.append(
            f'<rect x="{name_w}" y="{y}" width="{max(w, 1):.1f}" height="18" rx="2" fill="{colour}"/>'
        )
        parts.append(f'<text x="{name_w + w + 6:.1f}" y="{y + 15}">{n}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _table(headers: Sequence[str], rows: Sequence[Sequence[Tuple[Any, str]]]) -> str:
    """A table; each cell is (value, data-key) — numbers carry a data-key for checking."""
    if not rows:
        return f'<p class="empty">{_e(label("none"))}</p>'
    head = "".join(f"<th>{_e(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="n" data-key="{_e(k)}">{_e(v)}</td>'
            if k
            else f"<td>{_e(v)}</td>"
            for v, k in row
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _languages(languages: Dict[str, int]) -> str:
    total = sum(languages.values())
    if not total:
        return f'<p class="empty">{_e(label("none"))}</p>'
    names = {
        "sv": "svenska / svensk",
        "nb": "norska / norsk",
        "unknown": label("unknown"),
    }
    x = 0.0
    parts = ['<svg viewBox="0 0 1000 34" width="100%" role="img">']
    for lang, n in languages.items():
        w = 1000 * n / total
        parts.append(
            f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="34" fill="{COLOURS.get(lang, "#999")}"/>'
        )
        if w > 90:
            parts.append(
                f'<text x="{x + 8:.1f}" y="22" style="fill:#fff;font-weight:600">{_e(names.get(lang, lang))} {_pct(n / total)}</text>'
            )
        x += w
    parts.append("</svg>")
    rows = [
        [(names.get(lang, lang), ""), (n, f"language.{lang}"), (_pct(n / total), "")]
        for lang, n in languages.items()
    ]
    return "".join(parts) + _table(
        [label("language"), label("conversations"), "%"], rows
    )


def render_html(report: Report, made: Optional[dt.datetime] = None) -> str:
    made = made or dt.datetime.now(TIME_ZONE)
    period = (
        f"{report.start.isoformat()} – {report.end.isoformat()}"
        if report.start and report.end
        else "–"
    )
    s = report.summary()
    tiles = [
        ("conversations", str(s["conversations"]), "summary.conversations"),
        ("messages", str(s["messages"]), "summary.messages"),
        ("fallback_rate", _pct(report.fallback_rate), "summary.fallback_rate"),
        ("unanswered_rate", _pct(report.unanswered_rate), "summary.unanswered_rate"),
        ("handovers", str(s["handovers"]), "summary.handovers"),
        ("thumbs", f"{report.thumbs_up} / {report.thumbs_down}", "summary.thumbs"),
    ]
    tile_html = "".join(
        f'<div class="tile"><b data-key="{k}">{_e(v)}</b><span>{_e(label(name))}</span></div>'
        for name, v, k in tiles
    )
    sections = []
    if not report.messages:
        sections.append(f'<section><p class="empty">{_e(label("empty"))}</p></section>')
    day_rows = [
        [
            (day.isoformat(), ""),
            (c, f"per_day.{day.isoformat()}.conversations"),
            (m, f"per_day.{day.isoformat()}.messages"),
        ]
        for day, (c, m) in report.per_day.items()
        if c or m
    ]
    sections.append(
        f"<section><h2>{_e(label('per_day'))}</h2>{_bars_per_day(report.per_day)}"
        f"<details><summary>{_e(label('count'))}</summary>"
        f"{_table(['', label('conversations'), label('messages')], day_rows)}</details></section>"
    )
    sections.append(
        f"<section><h2>{_e(label('languages'))}</h2>{_languages(report.languages)}</section>"
    )
    topic_rows = [
        [(name, ""), (intent, ""), (n, f"topic.{intent}")]
        for intent, name, n in report.topics
    ]
    sections.append(
        f"<section><h2>{_e(label('topics'))}</h2>{_hbars([(name, n) for _, name, n in report.topics])}"
        f"<details><summary>{_e(label('count'))}</summary>"
        f"{_table(['', label('intent'), label('messages')], topic_rows)}"
        "</details></section>"
    )
    group_rows = [
        [(g.count, f"unanswered_group.{i}"), (" · ".join(f"”{x}”" for x in g.examples), ""),
         (", ".join(f"{k} {v}" for k, v in sorted(g.languages.items())), "")]
        for i, g in enumerate(report.groups, 1)
    ]  # fmt: skip
    sections.append(
        f"<section><h2>{_e(label('unanswered'))}</h2>"
        f"{_table([label('count'), label('examples'), label('language')], group_rows)}</section>"
    )
    rated_rows = [
        [
            (r.time.strftime("%Y-%m-%d %H:%M"), ""),
            (r.language, ""),
            (r.question, ""),
            (r.answer, ""),
        ]
        for r in report.rated_down
    ]
    sections.append(
        f"<section><h2>{_e(label('thumbs_down'))}</h2>"
        f"{_table([label('time'), label('language'), label('question'), label('answer')], rated_rows)}</section>"
    )
    focus_rows = [
        [
            (f"{code} {title}", ""),
            (first, f"focus_area.{code}.first"),
            (anywhere, f"focus_area.{code}.suggested"),
        ]
        for code, title, first, anywhere in report.focus_areas
    ]
    sections.append(
        f"<section><h2>{_e(label('focus_areas'))}</h2>"
        f"{_hbars([(f'{c} {t}', n) for c, t, _, n in report.focus_areas], '#3b8f6f')}"
        f"{_table([label('code'), label('first'), label('any')], focus_rows)}</section>"
    )
    kinds = {**report.organisation_names, "unknown": label("unknown")}
    eligibility_rows = [
        [(kinds.get(kind, kind), ""), (yes, f"eligibility.{kind}.yes"),
         (no, f"eligibility.{kind}.no"), (unknown, f"eligibility.{kind}.unknown")]
        for kind, yes, no, unknown in report.eligibility
    ]  # fmt: skip
    sections.append(
        f"<section><h2>{_e(label('eligibility'))}</h2>"
        f"{_table([label('organisation_type'), label('yes'), label('no'), label('unknown')], eligibility_rows)}"
        "</section>"
    )
    handover_rows = [
        [
            (h.time.strftime("%Y-%m-%d %H:%M"), ""),
            (h.sender, ""),
            (h.language, ""),
            (h.question, ""),
        ]
        for h in report.handovers
    ]
    sections.append(
        f"<section><h2>{_e(label('handover_list'))}</h2>"
        f"{_table([label('time'), label('conversation'), label('language'), label('question')], handover_rows)}"
        "</section>"
    )
    return (
        '<!doctype html><html lang="sv"><head><meta charset="utf-8">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{_e(label("title"))}</title>'
        f"<style>{STYLE}</style></head><body><main>"
        f"<h1>{_e(label('title'))} – Interreg Sverige–Norge</h1>"
        f'<p class="meta">{_e(label("period"))}: <span data-key="period">{_e(period)}</span> · '
        f"{_e(label('made'))}: {made:%Y-%m-%d %H:%M}</p>"
        f'<div class="tiles">{tile_html}</div>{"".join(sections)}'
        f"<footer>{_e(LABELS['definitions'][0])}<br>{_e(LABELS['definitions'][1])}</footer>"
        "</main></body></html>"
    )


def write(report: Report, out: Path) -> Tuple[Path, Path]:
    """The page and the table, and beside them the first and last day they hold
    (``report-period.json``), so that a retention purge knows whether they quote
    conversations it has deleted."""
    out.mkdir(parents=True, exist_ok=True)
    page, table, period_file = (out / name for name in REPORT_OUTPUTS)
    page.write_text(render_html(report), encoding="utf-8")
    write_csv(report, table)
    days = sorted(report.per_day)
    period = {
        "first_day": days[0].isoformat() if days else None,
        "last_day": days[-1].isoformat() if days else None,
    }
    period_file.write_text(json.dumps(period), encoding="utf-8")
    return page, table


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from err


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.secretariat.report", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--from",
        dest="start",
        type=_date,
        help="first day, YYYY-MM-DD (default: first with data)",
    )
    parser.add_argument(
        "--to",
        dest="end",
        type=_date,
        help="last day, YYYY-MM-DD (default: last with data)",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=Path("var") / "report",
        help="output folder (default: var/report)",
    )
    parser.add_argument(
        "--db",
        help="SQLAlchemy URL (default: $TRACKER_DB_URL or sqlite:///var/conversations.db)",
    )
    args = parser.parse_args(argv)
    if args.start and args.end and args.start > args.end:
        parser.error("--from must not be after --to")
    engine = engine_for(args.db)
    report = build(load_turns(engine, args.start, args.end), args.start, args.end)
    page, table = write(report, args.out)
    print(f"{page}\n{table}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
