"""Reports with known contents for the page tests, hostile text included.

Built straight as ``Report`` objects (no database, no knowledge base), so the page can
be compared with the one the f-string renderer made before the templates:

    .venv/bin/python -m tests.secretariat.report_fixture

wrote ``fixtures/report_before*.html`` once, from main at a1b7b3a (before issue 14's
templates). Do not rerun it to make a failing comparison pass: the files are the
"before" of a behaviour-unchanged restructuring.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Dict

from bot.secretariat.report.figures import Group, Handover, Rated, Report
from bot.secretariat.report.labels import TIME_ZONE

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MADE = dt.datetime(2025, 3, 6, 9, 15, tzinfo=TIME_ZONE)
"""The page's "made" time, fixed so two renderings can be compared."""
HOSTILE = (
    "<script>alert(1)</script> \"dubbla\" & 'enkla' {{ 7*7 }} {% if 1 %}x{% endif %}"
)
"""Markup, both quotes, an ampersand and template syntax: shown as typed, never run."""


def full(hostile: str = HOSTILE) -> Report:
    """Every section filled: 20 days (so day labels are thinned), three languages
    (one too small for its name in the bar), a topic name longer than the bar's
    48 characters, and ``hostile`` in every place a user's or the KB's words go."""
    first = dt.date(2025, 3, 1)
    per_day = {
        first + dt.timedelta(days=i): ((i * 7) % 5, (i * 11) % 13) for i in range(20)
    }
    per_day[first + dt.timedelta(days=3)] = (0, 0)
    return Report(
        start=first,
        end=first + dt.timedelta(days=19),
        conversations=31,
        messages=117,
        fallback=9,
        unanswered=7,
        thumbs_up=4,
        thumbs_down=3,
        per_day=per_day,
        languages={"sv": 18, "nb": 12, "unknown": 1},
        topics=[
            ("ask_eligibility", "Vem får söka? / Hvem kan søke?", 40),
            (
                "ask_focus_area",
                "Vilket insatsområde passar vårt projekt bäst? / Hvilket innsatsområde passer?",
                25,
            ),
            ("hostile_topic", hostile, 3),
            ("greet", "Hälsning / Hilsen", 0),
        ],
        groups=[
            Group(2, ["Får vi ta med en hund?", hostile], {"sv": 1, "nb": 1}),
            Group(1, [f"Kan jeg søke om {hostile}?"], {"nb": 1}),
        ],
        rated_down=[
            Rated(
                dt.datetime(2025, 3, 4, 0, 33, tzinfo=TIME_ZONE),
                "sv",
                hostile,
                f"Svar: {hostile}",
            ),
            Rated(
                dt.datetime(2025, 3, 5, 14, 3, tzinfo=TIME_ZONE),
                "nb",
                f"Når {hostile}?",
                "Neste utlysning er ikke kunngjort ennå.",
            ),
        ],
        focus_areas=[
            ("1A", "Innovation och företagande / Innovasjon og næringsliv", 5, 9),
            ("2B", hostile, 0, 2),
        ],
        eligibility=[
            ("company", 3, 1, 0),
            ("hostile", 1, 0, 2),
            ("unknown", 0, 0, 4),
            ("not_in_kb", 1, 1, 1),
        ],
        organisation_names={
            "company": "Aktiebolag eller handelsbolag / Aksjeselskap eller ansvarlig selskap",
            "hostile": hostile,
        },
        handovers=[
            Handover(
                dt.datetime(2025, 3, 3, 10, 0, tzinfo=TIME_ZONE),
                "sender-1",
                "sv",
                hostile,
            ),
            Handover(
                dt.datetime(2025, 3, 5, 16, 45, tzinfo=TIME_ZONE),
                f"id {hostile}",
                "nb",
                "Kan jeg snakke med en saksbehandler?",
            ),
        ],
    )


def empty() -> Report:
    """No conversations at all: the period unknown, every section says so."""
    return Report(start=None, end=None)


REPORTS = {"full": full, "empty": empty}


def before_file(name: str) -> Path:
    return FIXTURES / f"report_before_{name}.html"


def main() -> Dict[str, Path]:
    """Write the pages the current renderer makes (run once, before the change)."""
    from bot.secretariat.report.page import render_html

    FIXTURES.mkdir(exist_ok=True)
    written = {}
    for name, make in REPORTS.items():
        path = before_file(name)
        path.write_text(render_html(make(), MADE), encoding="utf-8")
        written[name] = path
    return written


if __name__ == "__main__":
    for path in main().values():
        print(path)
