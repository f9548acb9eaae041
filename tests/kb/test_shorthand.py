"""Chat spellings ("hur mkt", "6 mnd", "utan nån partner") are read as the words they
stand for: a question typed the way people type in a chat widget gets the answer the
same question spelt out gets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.faq import asks_for_detail, facets
from programme_kb.service import Snapshot
from programme_kb.text import SHORTHAND, expand_shorthand

PAIRS = [
    ("sv", "hur mkt kan man få i ett småskaligt projekt", "hur mycket kan man få i ett småskaligt projekt"),
    ("sv", "hur mkt pengar kan vi få för en förstudie", "hur mycket pengar kan vi få för en förstudie"),
    ("sv", "finns det nåt tak för budgeten i ett huvudprojekt", "finns det något tak för budgeten i ett huvudprojekt"),
    ("sv", "kan vi starta projektet utan nån norsk partner", "kan vi starta projektet utan någon norsk partner"),
    ("sv", "måste vi ha ngn medfinansiering", "måste vi ha någon medfinansiering"),
    ("nb", "holder det med 6 mnd til å lage søknaden", "holder det med 6 måneder til å lage søknaden"),
    ("nb", "kan et forprosjekt vare 18 mnd", "kan et forprosjekt vare 18 måneder"),
    ("nb", "hvor mange mnd varer en rapporteringsperiode", "hvor mange måneder varer en rapporteringsperiode"),
    ("nb", "må vi evt sende to søknader", "må vi eventuelt sende to søknader"),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "typed", "spelt"), PAIRS)
def test_a_chat_spelling_gets_the_spelt_out_answer(
    snapshot: Snapshot, lang: str, typed: str, spelt: str
) -> None:
    typed_result = snapshot.faq.answer(typed, lang)
    spelt_result = snapshot.faq.answer(spelt, lang)
    assert typed_result.best is not None and spelt_result.best is not None
    assert typed_result.best.entry_id == spelt_result.best.entry_id
    assert typed_result.answered == spelt_result.answered
    assert facets(typed) == facets(spelt)


@pytest.mark.parametrize(
    ("text", "detail"),
    [("hur mkt får vi", True), ("6 mnd", True), ("hej på dig", False)],
)
def test_the_detail_asked_is_seen_in_a_chat_spelling(text: str, detail: bool) -> None:
    assert asks_for_detail(text) is detail


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Hur MKT kostar det?", "Hur mycket kostar det?"),
        ("mktg och nånstans", "mktg och nånstans"),  # inside longer words: kept
        ("6 mnd.", "6 måneder."),
        ("utan nån, utan nåt", "utan någon, utan något"),
    ],
)
def test_expansion_keeps_everything_else(text: str, expected: str) -> None:
    assert expand_shorthand(text) == expected


@given(st.text(max_size=200))
def test_expansion_only_touches_the_listed_words(text: str) -> None:
    expanded = expand_shorthand(text)
    if not any(word in text.lower() for word in SHORTHAND):
        assert expanded == text
