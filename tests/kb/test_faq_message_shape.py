"""The shape of a message, not only its words (issue 12): a one-word message names a
topic, not one of its questions ("utlysning" is not "will there be calls after
2027?"; one specific word is still its entry's question), and a greeting before a
question is no word of it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.service import Snapshot
from programme_kb.text import without_greeting

TOPIC_WORDS = [
    ("sv", "utlysning"),
    ("nb", "utlysning"),
    ("sv", "Utlysningen?"),
    ("nb", "søknad"),
    ("nb", "søknaden"),
    ("sv", "ansökan"),
    ("sv", "partner"),
    ("nb", "partnere"),
    ("sv", "budget"),
    ("nb", "frist"),
]


@pytest.mark.parametrize(("lang", "text"), TOPIC_WORDS)
def test_one_word_many_entries_use_is_no_entrys_question(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert not result.answered
    assert result.reason == "general_word"


SPECIFIC_WORDS = [
    ("sv", "förskott?", "advance_payment"),
    ("nb", "forskudd", "advance_payment"),
    ("sv", "moms", "eligible_costs"),
    ("sv", "statsstöd?", "state_aid"),
    ("nb", "regionalforvaltning", "regionalforvaltning_portal"),
]


@pytest.mark.parametrize(("lang", "text", "entry"), SPECIFIC_WORDS)
def test_one_specific_word_is_its_entrys_question(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur söker man"),
        ("nb", "hvordan søker man"),
        ("sv", "när är utlysningen"),
    ],
)
def test_a_question_around_the_word_is_asked(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert snapshot.faq.answer(text, lang).reason != "general_word"


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Hej! Hur söker man?", "how_to_apply"),
        ("sv", "hej hur söker man", "how_to_apply"),
        ("nb", "Hei, kan vi få forskudd?", "advance_payment"),
        ("sv", "God morgon! Finns det pengar kvar?", "remaining_funds"),
        ("nb", "hallo! hvordan søker man", "how_to_apply"),
    ],
)
def test_the_greeting_before_a_question_is_no_word_of_it(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry


@given(st.text(max_size=200))
def test_without_greeting_keeps_a_tail_and_never_empties(text: str) -> None:
    rest = without_greeting(text)
    assert text.endswith(rest)
    assert rest.strip() or rest == text
