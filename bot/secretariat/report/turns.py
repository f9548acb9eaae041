"""Reading the conversation database into turns: one user message and what followed."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot.secretariat.conversations import SessionSplitter, has_events_table
from bot.secretariat.report.labels import (
    FALLBACK_ACTION,
    FAQ_ACTION,
    FEEDBACK_INTENT,
    TIME_ZONE,
)


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
