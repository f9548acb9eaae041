"""The report's figures, computed from the period's turns."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz

from bot.secretariat.report.labels import (
    LANGUAGES,
    MAX_EXAMPLES,
    SIMILARITY,
    TOP_GROUPS,
    intent_labels,
    organisation_names,
)
from bot.secretariat.report.turns import Turn


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


Session = Tuple[str, int]
"""(sender, session number): one conversation."""


def build(
    turns: Sequence[Turn],
    start: Optional[dt.date] = None,
    end: Optional[dt.date] = None,
    topic_names: Optional[Dict[str, str]] = None,
    organisations: Optional[Dict[str, str]] = None,
) -> Report:
    """All figures of the report from the period's turns.

    ``topic_names`` and ``organisations`` are the words for intents and organisation
    types (default: read from domain.yml and the knowledge base by ``labels``).
    """
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

    first, last_language = _conversations(messages)
    report.conversations = len(first)
    report.per_day = _per_day(report.start, report.end, first.values(), messages)
    languages = Counter(last_language.get(k) or "unknown" for k in first)
    report.languages = {
        lang: languages[lang] for lang in (*LANGUAGES, "unknown") if languages[lang]
    }
    names = intent_labels() if topic_names is None else topic_names
    report.topics = [
        (i, names.get(i, i), n)
        for i, n in Counter(t.intent for t in messages).most_common()
    ]
    report.groups = group_questions(t for t in messages if t.unanswered)
    report.rated_down = _rated_down(turns, ratings)
    report.focus_areas = _focus_areas(messages)
    report.eligibility = _eligibility(messages)
    report.organisation_names = (
        organisation_names() if organisations is None else organisations
    )
    report.handovers = _handovers(messages, last_language)
    return report


def _conversations(
    messages: Sequence[Turn],
) -> Tuple[Dict[Session, Turn], Dict[Session, Optional[str]]]:
    """Each conversation's first message and the language it last spoke."""
    first: Dict[Session, Turn] = {}
    last_language: Dict[Session, Optional[str]] = {}
    for turn in messages:
        first.setdefault((turn.sender, turn.session), turn)
        if turn.language:
            last_language[(turn.sender, turn.session)] = turn.language
    return first, last_language


def _per_day(
    start: Optional[dt.date],
    end: Optional[dt.date],
    firsts: Iterable[Turn],
    messages: Sequence[Turn],
) -> Dict[dt.date, Tuple[int, int]]:
    """(conversations begun, messages) for every day of the period, empty days too."""
    conversations = Counter(t.time.date() for t in firsts)
    sent = Counter(t.time.date() for t in messages)
    days: Dict[dt.date, Tuple[int, int]] = {}
    if start and end:
        day = start
        while day <= end:
            days[day] = (conversations[day], sent[day])
            day += dt.timedelta(days=1)
    return days


def _handovers(
    messages: Sequence[Turn], last_language: Dict[Session, Optional[str]]
) -> List[Handover]:
    """The first request for a person in each conversation."""
    seen = set()
    handovers = []
    for turn in messages:
        key = (turn.sender, turn.session)
        if turn.handover and key not in seen:
            seen.add(key)
            language = last_language.get(key) or "unknown"
            handovers.append(Handover(turn.time, turn.sender, language, turn.text))
    return handovers


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
