"""Properties of the contact cue (issue 12): whom to contact gets the contact route.

The cue reads public input before any model does, so it must take any text, and it
must hold for every wording built from its parts, not only for the rows in
tests/actions/test_contact_routing.py: a question word, up to eight words between,
then a verb of contacting, talking to or turning to, in either language and case.
"""

from __future__ import annotations

from typing import List

from hypothesis import given
from hypothesis import strategies as st

from programme_kb.text import CONTACT_REQUEST_WORDS, asks_for_contact

QUESTION_WORDS = ["vem", "Vem", "hvem", "Hvem", "kven", "Kven", "vart", "Hvor", "kvar"]
CONTACT_VERBS = [
    *("kontakta", "kontaktar", "prata", "tala", "ringa", "vända", "höra", "fråga"),
    *("kontakte", "kontakter", "snakke", "snakka", "ringe", "ringje", "henvende"),
    *("vende", "spørre", "spørje"),
]
FILLER = [
    *("ska", "skal", "vi", "me", "vår", "vårt", "norska", "svenske", "partner"),
    *("partnern", "på", "sidan", "siden", "egentligen", "i", "Värmland", "Trøndelag"),
    *("om", "projektidén", "prosjektet", "den", "oss", "først", "helst", "kommune"),
]
"""Words that are neither question words nor contact verbs nor "kontakt…"."""

fillers = st.lists(st.sampled_from(FILLER), max_size=8)


def _question(lead: List[str], wh: str, between: List[str], verb: str) -> str:
    return " ".join([*lead, wh, *between, verb]) + "?"


@given(st.text(max_size=3000))
def test_any_text_is_read_without_error(text: str) -> None:
    assert asks_for_contact(text) in (True, False)


@given(
    st.lists(st.sampled_from(FILLER), max_size=6),
    st.sampled_from(QUESTION_WORDS),
    fillers,
    st.sampled_from(CONTACT_VERBS),
)
def test_whom_to_contact_is_asked_in_any_wording(
    lead: List[str], wh: str, between: List[str], verb: str
) -> None:
    text = _question(lead, wh, between, verb)
    assert asks_for_contact(text)
    assert asks_for_contact(text.upper())


OTHER_VERBS = [v for v in CONTACT_VERBS if not v.startswith("kontakt")]


@given(st.lists(st.sampled_from([*FILLER, *OTHER_VERBS]), min_size=1, max_size=20))
def test_no_question_word_and_no_kontakt_is_no_contact_request(
    tokens: List[str],
) -> None:
    assert not asks_for_contact(" ".join(tokens) + "?")


@given(st.lists(st.sampled_from([*FILLER, *QUESTION_WORDS]), min_size=1, max_size=20))
def test_no_contact_verb_and_no_kontakt_is_no_contact_request(
    tokens: List[str],
) -> None:
    assert not asks_for_contact(" ".join(tokens) + "?")


@given(
    st.sampled_from(["kontakt", "Kontakt", "kontaktperson", "kontaktuppgifter"]),
    st.lists(st.sampled_from(FILLER), max_size=CONTACT_REQUEST_WORDS - 1),
)
def test_kontakt_in_a_few_words_is_a_contact_request(
    word: str, rest: List[str]
) -> None:
    assert asks_for_contact(" ".join([word, *rest]))


@given(
    st.sampled_from(["kontakt", "kontakten", "kontaktperson"]),
    st.lists(
        st.sampled_from(FILLER),
        min_size=CONTACT_REQUEST_WORDS,
        max_size=15,
    ),
)
def test_kontakt_in_a_longer_statement_is_not_by_itself(
    word: str, rest: List[str]
) -> None:
    """A statement ("vi har kontakt med en partner i Värmland") asks nothing."""
    assert not asks_for_contact(" ".join([*rest[:1], word, *rest[1:]]))
