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
import datetime as dt
import json
from pathlib import Path
from typing import List, Optional, Tuple

from bot import settings
from bot.secretariat.conversations import REPORT_OUTPUTS, engine_for
from bot.secretariat.report.figures import Report, build, group_questions
from bot.secretariat.report.labels import LABELS, TIME_ZONE, organisation_names
from bot.secretariat.report.page import render_html
from bot.secretariat.report.table import _cell, write_csv
from bot.secretariat.report.turns import Turn, day_bounds, load_turns

__all__ = [
    "LABELS",
    "TIME_ZONE",
    "Report",
    "Turn",
    "_cell",
    "build",
    "day_bounds",
    "group_questions",
    "load_turns",
    "main",
    "organisation_names",
    "render_html",
    "write",
    "write_csv",
]


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
        default=settings.report_dir(),
        help="output folder (default: $REPORT_DIR or var/report)",
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
