"""A one-word message names a topic, not one of its questions (issue 12): "utlysning"
is not "will there be calls after 2027?", "søknad" is not "what makes a good
application?". One specific word is still its entry's question."""

from __future__ import annotations

import pytest

from programme_kb.service import Snapshot

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
