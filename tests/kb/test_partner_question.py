"""Which questions are about the partner across the border (compose/partner.py)?

Partner advice for the user's side answers "måste vi ha en norsk partner?"; it is the
wrong reply to a question in which "partner" only qualifies another word ("vilket
hotell passar för ett partnermöte?") or which is about something the knowledge base
never mentions ("… om vi blir osams med partnern?")."""

from __future__ import annotations

import pytest

from programme_kb.compose import compose
from programme_kb.compose.partner import asks_about_partner
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    "text",
    [
        "måste vi ha en norsk partner?",
        "kan partnern vara från Oslo?",
        "hur många partners får vi ha?",
        "behöver vi en samarbetspartner i Norge?",
        "vilka ska vi samarbeta med?",
        "må vi ha en svensk partner?",
        "trenger vi en svensk samarbeidspart?",
        "kan vi samarbeide med en svensk kommune?",
        "hvem er partnerne?",
        "kan me samarbeide med ein svensk partnar?",
    ],
)
def test_questions_about_the_partner(text: str) -> None:
    assert asks_about_partner(text)


@pytest.mark.parametrize(
    "text",
    [
        "vilket hotell passar för ett partnermöte?",
        "behöver vi ett samarbetsavtal?",
        "var håller vi partnermötet?",
        "skal vi skrive samarbeidsavtale?",
        "hvor kan vi ha partnermøtet?",
        "hva koster et partnermøte på hotell?",
    ],
)
def test_partner_as_a_qualifier_is_no_partner_question(text: str) -> None:
    assert not asks_about_partner(text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vad händer om vi blir osams med norska partnern?"),
        (
            "nb",
            "hva skjer hvis vi blir uvenner med den svenske partneren og havner i tvist?",
        ),
    ],
)
def test_an_unknown_subject_is_not_answered_with_the_partner_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert snapshot.faq.vocabulary.unknown_words(text)
    parts = compose(snapshot, text, lang).parts
    assert not any(p.data.get("entry") == "partner_other_country" for p in parts)
