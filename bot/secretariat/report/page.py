"""The report as one self-contained HTML page (charts as inline SVG).

The markup lives in ``templates/`` (Jinja2, autoescaped, so every question, KB label and
number is escaped by the engine, not by hand); this module only turns a ``Report`` into
the typed view-model the templates read: table cells, tiles and chart geometry. The
words come from ``labels``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from bot.secretariat.report.figures import Report
from bot.secretariat.report.labels import (
    LABELS,
    LANGUAGE_NAMES,
    TIME_ZONE,
    both,
    label,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"
ENVIRONMENT = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    # a block tag on its own line leaves no blank line: whitespace between inline
    # elements would show on the page
    trim_blocks=True,
    lstrip_blocks=True,
)
"""As the workspace's (autoescape, StrictUndefined), for the report's templates."""

COLOURS = {
    "conversations": "#1f5f8b",
    "messages": "#8cc0de",
    "sv": "#006aa7",
    "nb": "#ba0c2f",
    "unknown": "#9aa3ab",
}
TOPIC_COLOUR = "#1f5f8b"
FOCUS_COLOUR = "#3b8f6f"
OTHER_LANGUAGE_COLOUR = "#999"


@dataclass(frozen=True)
class Cell:
    """One table cell; a number carries a ``data-key`` so tests can find it."""

    text: str
    key: str = ""


Rows = List[List[Cell]]


@dataclass(frozen=True)
class Tile:
    value: str
    key: str
    label: str


@dataclass(frozen=True)
class GridLine:
    """A horizontal line of the day chart and its value at the left."""

    y: float
    value: int


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    colour: str
    title: str


@dataclass(frozen=True)
class Day:
    """A day's two bars and, on every n-th day, its date under them."""

    bars: List[Bar]
    x: float
    tick: Optional[str]


@dataclass(frozen=True)
class Legend:
    colour: str
    label: str


@dataclass(frozen=True)
class DayChart:
    """Grouped bars, conversations and messages for each day."""

    width: int
    height: int
    left: int
    baseline: int
    grid: List[GridLine]
    days: List[Day]
    legend: List[Legend]


@dataclass(frozen=True)
class HBar:
    """A named horizontal bar with its number at the end."""

    y: int
    short: str
    name: str
    width: float
    count: int


@dataclass(frozen=True)
class HBarChart:
    width: int
    height: int
    name_width: int
    colour: str
    bars: List[HBar]


@dataclass(frozen=True)
class Segment:
    """A language's share of the one-line bar; named when there is room."""

    x: float
    width: float
    colour: str
    caption: Optional[str]


@dataclass(frozen=True)
class Languages:
    segments: List[Segment]
    rows: Rows


@dataclass(frozen=True)
class Page:
    """Everything the template shows; ``None`` or empty rows mean "nothing"."""

    period: str
    made: str
    tiles: List[Tile]
    empty: bool
    per_day: Optional[DayChart]
    day_rows: Rows
    languages: Optional[Languages]
    topics: Optional[HBarChart]
    topic_rows: Rows
    group_rows: Rows
    rated_rows: Rows
    focus_areas: Optional[HBarChart]
    focus_rows: Rows
    eligibility_rows: Rows
    handover_rows: Rows
    definitions: Tuple[str, str]


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %".replace(".", ",")


def _cells(*cells: Tuple[object, str]) -> List[Cell]:
    return [Cell(str(value), key) for value, key in cells]


def day_chart(per_day: Dict[dt.date, Tuple[int, int]]) -> Optional[DayChart]:
    """The day chart's geometry; None when there are no days."""
    if not per_day:
        return None
    width, height, left, bottom = 1040, 260, 40, 40
    step = max(1, math.ceil(max(max(c, m) for c, m in per_day.values()) / 4))
    top = step * 4
    slot = (width - left) / len(per_day)
    bar = max(1.0, min(18.0, slot * 0.4))
    grid = [
        GridLine(height - bottom - (height - bottom - 10) * i / 4, step * i)
        for i in range(5)
    ]
    every = max(1, len(per_day) // 14)
    days = []
    for i, (day, (conversations, messages)) in enumerate(per_day.items()):
        x = left + i * slot + slot / 2
        bars = []
        for offset, value, kind in (
            (-bar, conversations, "conversations"),
            (0.0, messages, "messages"),
        ):
            h = (height - bottom - 10) * value / top
            title = f"{day.isoformat()}: {value} {label(kind)}"
            bars.append(
                Bar(x + offset, height - bottom - h, bar, h, COLOURS[kind], title)
            )
        days.append(Day(bars, x, f"{day:%d/%m}" if i % every == 0 else None))
    legend = [Legend(COLOURS[k], label(k)) for k in ("conversations", "messages")]
    return DayChart(width, height, left, height - bottom, grid, days, legend)


def hbar_chart(
    rows: Sequence[Tuple[str, int]], colour: str = TOPIC_COLOUR
) -> Optional[HBarChart]:
    """Horizontal bars (the tables below have the numbers too); None without rows."""
    if not rows:
        return None
    top = max(n for _, n in rows) or 1
    line, name_w, bar_w = 26, 330, 600
    bars = [
        HBar(
            i * line + 4,
            name if len(name) <= 48 else name[:47] + "…",
            name,
            bar_w * n / top,
            n,
        )
        for i, (name, n) in enumerate(rows)
    ]
    return HBarChart(name_w + bar_w + 60, line * len(rows) + 6, name_w, colour, bars)


def language_names() -> Dict[str, str]:
    return {
        **{lang: both(sv, nb) for lang, (sv, nb) in LANGUAGE_NAMES.items()},
        "unknown": label("unknown"),
    }


def languages(counts: Dict[str, int]) -> Optional[Languages]:
    """The one-line share bar and its table; None when no conversation has a language."""
    total = sum(counts.values())
    if not total:
        return None
    names = language_names()
    segments = []
    x = 0.0
    for lang, n in counts.items():
        w = 1000 * n / total
        caption = f"{names.get(lang, lang)} {_pct(n / total)}" if w > 90 else None
        colour = COLOURS.get(lang, OTHER_LANGUAGE_COLOUR)
        segments.append(Segment(x, w, colour, caption))
        x += w
    rows = [
        _cells(
            (names.get(lang, lang), ""), (n, f"language.{lang}"), (_pct(n / total), "")
        )
        for lang, n in counts.items()
    ]
    return Languages(segments, rows)


def view(report: Report, made: dt.datetime) -> Page:
    """The report as the template reads it."""
    s = report.summary()
    tiles = [
        Tile(value, key, label(name))
        for name, value, key in (
            ("conversations", str(s["conversations"]), "summary.conversations"),
            ("messages", str(s["messages"]), "summary.messages"),
            ("fallback_rate", _pct(report.fallback_rate), "summary.fallback_rate"),
            (
                "unanswered_rate",
                _pct(report.unanswered_rate),
                "summary.unanswered_rate",
            ),
            ("handovers", str(s["handovers"]), "summary.handovers"),
            ("thumbs", f"{report.thumbs_up} / {report.thumbs_down}", "summary.thumbs"),
        )
    ]
    kinds = {**report.organisation_names, "unknown": label("unknown")}
    return Page(
        period=(
            f"{report.start.isoformat()} – {report.end.isoformat()}"
            if report.start and report.end
            else "–"
        ),
        made=f"{made:%Y-%m-%d %H:%M}",
        tiles=tiles,
        empty=not report.messages,
        per_day=day_chart(report.per_day),
        day_rows=[
            _cells(
                (day.isoformat(), ""),
                (c, f"per_day.{day.isoformat()}.conversations"),
                (m, f"per_day.{day.isoformat()}.messages"),
            )
            for day, (c, m) in report.per_day.items()
            if c or m
        ],
        languages=languages(report.languages),
        topics=hbar_chart([(name, n) for _, name, n in report.topics]),
        topic_rows=[
            _cells((name, ""), (intent, ""), (n, f"topic.{intent}"))
            for intent, name, n in report.topics
        ],
        group_rows=[
            _cells(
                (g.count, f"unanswered_group.{i}"),
                (" · ".join(f"”{x}”" for x in g.examples), ""),
                (", ".join(f"{k} {v}" for k, v in sorted(g.languages.items())), ""),
            )
            for i, g in enumerate(report.groups, 1)
        ],
        rated_rows=[
            _cells(
                (r.time.strftime("%Y-%m-%d %H:%M"), ""),
                (r.language, ""),
                (r.question, ""),
                (r.answer, ""),
            )
            for r in report.rated_down
        ],
        focus_areas=hbar_chart(
            [(f"{c} {t}", n) for c, t, _, n in report.focus_areas], FOCUS_COLOUR
        ),
        focus_rows=[
            _cells(
                (f"{code} {title}", ""),
                (first, f"focus_area.{code}.first"),
                (anywhere, f"focus_area.{code}.suggested"),
            )
            for code, title, first, anywhere in report.focus_areas
        ],
        eligibility_rows=[
            _cells(
                (kinds.get(kind, kind), ""),
                (yes, f"eligibility.{kind}.yes"),
                (no, f"eligibility.{kind}.no"),
                (unknown, f"eligibility.{kind}.unknown"),
            )
            for kind, yes, no, unknown in report.eligibility
        ],
        handover_rows=[
            _cells(
                (h.time.strftime("%Y-%m-%d %H:%M"), ""),
                (h.sender, ""),
                (h.language, ""),
                (h.question, ""),
            )
            for h in report.handovers
        ],
        definitions=LABELS["definitions"],
    )


def render_html(report: Report, made: Optional[dt.datetime] = None) -> str:
    """The whole page: ``templates/report.html`` with the view-model and the labels."""
    page = view(report, made or dt.datetime.now(TIME_ZONE))
    return ENVIRONMENT.get_template("report.html").render(page=page, label=label)
