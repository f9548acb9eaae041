"""The shape of a message, not only its words (issue 12): a one-word message names a
topic, not one of its questions ("utlysning" is not "will there be calls after
2027?"; one specific word is still its entry's question), and a greeting before a
question is no word of it."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.service import Snapshot
from programme_kb.text import in_bokmal, without_greeting

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


@pytest.mark.parametrize(
    ("text", "entry"),
    [
        ("kva er eit småskalaprosjekt?", "smaskalaprosjekt_for_whom"),
        ("korleis søkjer me?", "how_to_apply"),
        ("kven kan søkje om støtte", "who_can_apply"),
        ("kan me søkje utan svensk partnar", "partner_other_country"),
        ("kor lang tid tek det før vi får svar på søknaden?", "decision_time"),
        ("kva er skilnaden på forprosjekt og hovudprosjekt?", "project_types_overview"),
        ("kva skjer etter at vi har fått tilsegn", "after_approval"),
    ],
)
def test_nynorsk_asks_what_bokmal_asks(
    snapshot: Snapshot, text: str, entry: str
) -> None:
    """The FAQ's questions are in Bokmål; Nynorsk words are read as their Bokmål
    forms ("kva er eit …" is "hva er et …")."""
    result = snapshot.faq.answer(text, "nb")
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kva er eit forprosjekt?", "hva er et forprosjekt?"),
        ("kor mykje kan me få", "hvor mye kan vi få"),
        ("KVEN kan søkje", "hvem kan søke"),
        ("kvalitet og eigenskapar", "kvalitet og eigenskapar"),
    ],
)
def test_in_bokmal_replaces_whole_nynorsk_words(text: str, expected: str) -> None:
    assert in_bokmal(text).lower() == expected


@given(st.text(max_size=200))
def test_in_bokmal_never_fails(text: str) -> None:
    in_bokmal(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur kommer vi igång?"),
        ("nb", "hvordan kommer vi i gang?"),
        ("sv", "Hej! Hur börjar man?"),
        ("nb", "hvordan begynner man?"),
    ],
)
def test_how_to_get_started_is_the_steps_not_the_start_date(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "hur börjar vi?" asks for the way in, not when a project may start."""
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == "application_steps"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vad kan jag göra istället"),
        ("sv", "vad gör vi i stället då?"),
        ("nb", "hva kan vi gjøre istedenfor?"),
        ("nb", "kva gjer vi i staden for?"),
    ],
)
def test_instead_alone_is_no_topic(snapshot: Snapshot, lang: str, text: str) -> None:
    """ "vad kan jag göra istället?" shares only "istället" with the question why
    Interreg rather than other funding: that is no answer to it."""
    result = snapshot.faq.answer(text, lang)
    assert not (
        result.answered and result.best and result.best.entry_id == "why_interreg"
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "varför Interreg istället för andra bidrag?"),
        ("nb", "hvorfor Interreg istedenfor andre støtteordninger?"),
    ],
)
def test_instead_beside_the_topic_still_finds_it(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best and result.best.entry_id == "why_interreg"
