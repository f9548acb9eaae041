"""The report as CSV: the same figures as the page, one per row."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, List, Tuple

from bot.secretariat.report.figures import Report


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
