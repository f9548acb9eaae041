"""Call windows come from the yearly rule only for the years it is published for."""

from __future__ import annotations

import datetime as dt

import pytest

from programme_kb import listing
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("today", "opens"),
    [
        (dt.date(2026, 12, 5), dt.date(2027, 1, 15)),
        (dt.date(2027, 2, 1), dt.date(2027, 1, 15)),
        (dt.date(2027, 3, 1), dt.date(2027, 8, 15)),
        (dt.date(2027, 9, 15), dt.date(2027, 8, 15)),
    ],
)
def test_windows_until_the_last_published_year(
    snapshot: Snapshot, today: dt.date, opens: dt.date
) -> None:
    window = listing.next_call_window(snapshot.kb, today)
    assert window is not None and window.opens == opens


@pytest.mark.parametrize(
    "today", [dt.date(2027, 9, 16), dt.date(2027, 12, 31), dt.date(2028, 1, 14)]
)
def test_no_window_is_derived_after_2027(snapshot: Snapshot, today: dt.date) -> None:
    assert listing.next_call_window(snapshot.kb, today) is None
    assert snapshot.kb.calls.windows_until_year == 2027


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_calls_view_says_dates_are_not_published(snapshot: Snapshot, lang: str) -> None:
    view = listing.calls(snapshot.kb, lang, dt.date(2028, 3, 1))
    assert view.next_window is None
    text = snapshot.kb.message("calls_not_published", lang)
    assert ("inte publicerade" if lang == "sv" else "ikke publisert") in text
