"""Keep conversations only as long as needed: purge old ones, delete one on request.

    python -m bot.secretariat.retention purge --days 180      # RETENTION_DAYS, 180 by default
    python -m bot.secretariat.retention delete SENDER_ID

A conversation is one session of one sender (Rasa starts a new session after an
hour of silence). ``purge`` deletes every session whose last event is older than
the limit, and the same old lines of the unanswered-question log. ``delete``
removes everything about one sender: the widget's "delete my conversation"
button and a data-subject request both end here. On SQLite, deleted rows are
overwritten on disk (secure_delete), not just unlinked.

Works on the database alone (SQLAlchemy, no Rasa), so it runs while the
assistant is serving.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot import settings
from bot.privacy import unanswered_log
from bot.secretariat.conversations import (
    REPORT_OUTPUTS,
    SessionSplitter,
    engine_for,
    has_events_table,
)

_BATCH = 500


@dataclass(frozen=True)
class PurgeResult:
    conversations: int
    events: int
    log_lines: int
    report_files: int = 0


def _begin_delete(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("PRAGMA secure_delete = ON")


def _delete_ids(connection: Connection, ids: Sequence[int]) -> int:
    deleted = 0
    for start in range(0, len(ids), _BATCH):
        chunk = list(ids[start : start + _BATCH])
        result = connection.execute(
            sa.text("DELETE FROM events WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"ids": chunk},
        )
        deleted += result.rowcount or 0
    return deleted


def old_sessions(rows: Iterable[Sequence[object]], cutoff: float) -> List[List[int]]:
    """Event ids of each session whose newest event is older than ``cutoff``.

    ``rows`` are (id, sender_id, type_name, action_name, timestamp) ordered by
    sender, then id; Rasa stores the slot name in ``action_name`` for slot events.
    """
    sessions: List[List[int]] = []
    newest: List[Optional[float]] = []
    splitter = SessionSplitter()
    for event_id, sender, type_name, action_name, timestamp in rows:
        if splitter.feed(sender, type_name, action_name):
            sessions.append([])
            newest.append(None)
        sessions[-1].append(int(str(event_id)))
        if isinstance(timestamp, (int, float)):
            last = newest[-1]
            newest[-1] = (
                float(timestamp) if last is None else max(last, float(timestamp))
            )
    return [
        ids
        for ids, last in zip(sessions, newest, strict=True)
        if last is not None and last < cutoff
    ]


def purge(
    engine: Engine,
    days: int,
    now: Optional[float] = None,
    log_path: Optional[Path] = None,
    report_dir: Optional[Path] = None,
) -> PurgeResult:
    """Delete conversations (sessions) and unanswered-log lines older than ``days``,
    and the written report in ``report_dir`` if it holds days before the limit."""
    if days < 0:
        raise ValueError("days must be zero or more")
    cutoff = (time.time() if now is None else now) - days * 86400
    events = conversations = 0
    if has_events_table(engine):
        with engine.begin() as connection:
            _begin_delete(connection)
            rows = connection.execute(
                sa.text(
                    "SELECT id, sender_id, type_name, action_name, timestamp FROM events "
                    "ORDER BY sender_id, id"
                )
            )
            doomed = old_sessions(rows, cutoff)
            events = _delete_ids(connection, [i for ids in doomed for i in ids])
            conversations = len(doomed)
    lines = _rewrite_log(
        log_path or settings.unanswered_log(), lambda r: _log_time(r) < cutoff
    )
    reports = 0
    if report_dir is not None:
        first_kept = dt.datetime.fromtimestamp(cutoff).date()
        reports = remove_reports(report_dir, lambda first: first < first_kept)
    return PurgeResult(conversations, events, lines, reports)


def remove_reports(report_dir: Path, quotes_deleted: Callable[[dt.date], bool]) -> int:
    """Remove a written report that may quote deleted conversations (its first day
    is one ``quotes_deleted`` names, or unknown); returns the files removed. A report
    is made again from what is kept with ``make report``."""
    period = report_dir / REPORT_OUTPUTS[2]
    try:
        first = json.loads(period.read_text(encoding="utf-8")).get("first_day")
        first_day = dt.date.fromisoformat(first) if first else None
    except (OSError, ValueError, AttributeError, TypeError):
        first_day = dt.date.min  # unreadable or missing: assume the worst
    if first_day is not None and not quotes_deleted(first_day):
        return 0
    removed = 0
    for name in REPORT_OUTPUTS:
        try:
            (report_dir / name).unlink()
            removed += 1
        except FileNotFoundError:
            continue
    return removed


def delete_sender(
    engine: Engine,
    sender_id: str,
    log_path: Optional[Path] = None,
    report_dir: Optional[Path] = None,
) -> int:
    """Delete every stored event and log line of one sender, and a written report
    (it may quote them); returns events deleted."""
    deleted = 0
    if has_events_table(engine):
        with engine.begin() as connection:
            _begin_delete(connection)
            result = connection.execute(
                sa.text("DELETE FROM events WHERE sender_id = :sender"),
                {"sender": sender_id},
            )
            deleted = result.rowcount or 0
    _rewrite_log(
        log_path or settings.unanswered_log(), lambda r: r.get("sender_id") == sender_id
    )
    if report_dir is not None:
        remove_reports(report_dir, lambda first: True)
    return deleted


def _log_time(record: Dict[str, object]) -> float:
    """Epoch seconds of a log line; unreadable times count as new (kept)."""
    try:
        return dt.datetime.fromisoformat(str(record.get("time"))).timestamp()
    except ValueError:
        return float("inf")


def _rewrite_log(path: Path, drop: Callable[[Dict[str, object]], bool]) -> int:
    """Remove matching JSON lines from the log under its lock (bot.privacy.unanswered_log),
    so a question logged meanwhile is neither lost nor a purged one brought back."""
    return unanswered_log.rewrite(path, drop)


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.secretariat.retention", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--db",
        help=f"SQLAlchemy URL (default: $TRACKER_DB_URL or {settings.tracker_db_url()})",
    )
    parser.add_argument(
        "--log",
        type=Path,
        help=f"unanswered-question log (default: $UNANSWERED_LOG or {settings.unanswered_log()})",
    )
    parser.add_argument(
        "--reports",
        type=Path,
        default=settings.report_dir(),
        help=f"folder of make report's output (default: $REPORT_DIR or "
        f"{settings.report_dir()})",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    purge_cmd = commands.add_parser(
        "purge", help="delete conversations older than --days"
    )
    purge_cmd.add_argument(
        "--days",
        type=int,
        default=settings.retention_days(),
        help="default: $RETENTION_DAYS or 180",
    )
    delete_cmd = commands.add_parser("delete", help="delete one sender's conversation")
    delete_cmd.add_argument("sender")
    args = parser.parse_args(argv)
    engine = engine_for(args.db)
    if args.command == "purge":
        if args.days < 0:
            parser.error("--days must be zero or more")
        result = purge(engine, args.days, log_path=args.log, report_dir=args.reports)
        print(
            f"Raderade/slettet: {result.conversations} samtal/samtaler, {result.events} händelser/hendelser, "
            f"{result.log_lines} rader i frågeloggen/linjer i spørsmålsloggen (äldre än/eldre enn {args.days} "
            f"dagar/dager), {result.report_files} rapportfiler."
        )
    else:
        deleted = delete_sender(
            engine, args.sender, log_path=args.log, report_dir=args.reports
        )
        print(
            f"Raderade/slettet {deleted} händelser/hendelser för/for {args.sender!r}."
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
