"""The inbox: unanswered questions grouped as the report groups them, not yet handled.

The questions come from the unanswered-question log (masked when written). They
are grouped by ``bot.secretariat.report.group_questions`` — the report's clusters — and a
group's members are the questions the report's own similarity rule puts with its
first wording. A decision (answered, linked to an entry, dismissed with a reason)
records the members' ids, so they leave the inbox and nothing is lost.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Optional, Set

from rapidfuzz import fuzz

from bot.privacy import unanswered_log
from bot.secretariat.report.figures import _normal, group_questions
from bot.secretariat.report.labels import SIMILARITY
from bot.secretariat.report.turns import Turn

MAX_LINE_CHARS = 20_000


@dataclass(frozen=True)
class Question:
    id: str
    time: dt.datetime
    language: str
    text: str


@dataclass(frozen=True)
class InboxGroup:
    key: str
    count: int
    examples: List[str]
    languages: Dict[str, int]
    latest: dt.datetime
    members: List[Question]

    def wordings(self, lang: str) -> List[str]:
        """Distinct wordings asked in ``lang`` (for question variants)."""
        seen: List[str] = []
        for q in self.members:
            if q.language == lang and q.text.strip() not in seen:
                seen.append(q.text.strip())
        return seen


def _id(record: Dict[str, Any]) -> str:
    raw = json.dumps(
        [record.get("time"), record.get("sender_id"), record.get("text")],
        ensure_ascii=False,
    )
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:20]


def read_questions(path: Path) -> List[Question]:
    if not path.is_file():
        return []
    with unanswered_log.locked(path):
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    found = []
    for line in lines:
        if len(line) > MAX_LINE_CHARS:
            continue
        try:
            record = json.loads(line)
            when = dt.datetime.fromisoformat(str(record["time"]))
            text = str(record["text"])
        except (ValueError, KeyError, TypeError):
            continue
        if when.tzinfo is None:
            when = when.replace(tzinfo=dt.timezone.utc)
        language = (
            record.get("language") if record.get("language") in ("sv", "nb") else "sv"
        )
        found.append(Question(_id(record), when, str(language), text))
    return found


def groups(path: Path, decided: Set[str]) -> List[InboxGroup]:
    """Open groups, most frequent first, then newest."""
    open_questions = [q for q in read_questions(path) if q.id not in decided]
    turns = [
        Turn(q.id, 0, q.time, q.text, "nlu_fallback", q.language, {})
        for q in open_questions
    ]
    result = []
    left = list(open_questions)
    for group in group_questions(turns, limit=len(turns) or 1):
        head = _normal(group.examples[0])
        members = [
            q for q in left if fuzz.token_set_ratio(_normal(q.text), head) >= SIMILARITY
        ]
        if members:
            left = [q for q in left if q not in members]
            result.append(_group(members, group.examples))
    # a wording the clusters did not take (e.g. only punctuation) still shows, alone
    result += [_group([q], [q.text]) for q in left]
    result.sort(key=lambda g: (-g.count, -g.latest.timestamp()))
    return result


def _group(members: List[Question], examples: List[str]) -> InboxGroup:
    key = hashlib.sha256("|".join(sorted(q.id for q in members)).encode()).hexdigest()
    languages: Dict[str, int] = {}
    for q in members:
        languages[q.language] = languages.get(q.language, 0) + 1
    return InboxGroup(
        key[:16],
        len(members),
        examples,
        languages,
        max(q.time for q in members),
        members,
    )


def find_group(path: Path, decided: Set[str], key: str) -> InboxGroup | None:
    return next((g for g in groups(path, decided) if g.key == key), None)


@dataclass(frozen=True)
class Feedback:
    """An answer that got a thumb down (with the question before it), or a
    conversation that asked for a person: from the report's own reading of the
    conversation store."""

    id: str
    kind: str
    """"rated_down" or "handover"."""
    time: dt.datetime
    language: str
    question: str
    answer: str


def feedback(tracker_db_url: Optional[str], decided: Set[str]) -> List[Feedback]:
    """Thumbs down and requests for a person not yet handled, newest first."""
    from bot.secretariat import report
    from bot.secretariat.conversations import engine_for

    engine = engine_for(tracker_db_url)
    try:
        built = report.build(report.load_turns(engine, None, None))
    finally:
        engine.dispose()
    items = [
        Feedback(
            _item_id("rated_down", r.time, r.question, r.answer),
            "rated_down",
            r.time,
            _lang(r.language),
            r.question,
            r.answer,
        )
        for r in built.rated_down
    ] + [
        Feedback(
            _item_id("handover", h.time, h.question, h.sender),
            "handover",
            h.time,
            _lang(h.language),
            h.question,
            "",
        )
        for h in built.handovers
    ]
    return sorted(
        (i for i in items if i.id not in decided), key=lambda i: i.time, reverse=True
    )


def _lang(language: str) -> str:
    return language if language in ("sv", "nb") else "sv"


def _item_id(kind: str, when: dt.datetime, *parts: str) -> str:
    raw = json.dumps([kind, when.isoformat(), *parts], ensure_ascii=False)
    return kind[0] + hashlib.sha256(raw.encode("utf-8")).hexdigest()[:19]
