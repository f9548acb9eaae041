"""A statement the user asks us to confirm (issue 12): "Stämmer det att …", "Vi har
hört att …, är det sant?", "Eg har forstått det slik at …". What is asked about is
the statement; the frame around it is no topic, and the answer states the rule, so
it is true whether the statement is or not.
"""

from __future__ import annotations

from typing import List, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.compose.message import questions
from programme_kb.service import Snapshot
from programme_kb.text import is_a_tag_question, the_claim

FRAMES = {
    "sv": [
        "Stämmer det att {s}?",
        "Är det sant att {s}?",
        "Vi har hört att {s}, stämmer det?",
        "Jag har hört att {s}. Stämmer det?",
        "Jag antar att {s}?",
        "Jag har förstått att {s}, är det rätt?",
        "Jag har för mig att {s}, är det fortfarande så?",
        "Rätta mig om jag har fel, men {s}?",
        "{s}, eller?",
        "Vi räknar med att {s}?",
        "Jag utgår från att {s}?",
    ],
    "nb": [
        "Stemmer det at {s}?",
        "Er det riktig at {s}?",
        "Vi har hørt at {s}, stemmer det?",
        "Jeg har forstått det slik at {s}, er det riktig?",
        "Eg har forstått det slik at {s}, stemmer det?",
        "Eg trur at {s}. Er det rett?",
        "Korriger meg om jeg tar feil, men {s}?",
        "{s}, ikke sant?",
        "Jeg regner med at {s}?",
        "Jeg går ut fra at {s}?",
    ],
}
STATEMENTS = {
    "sv": [
        "man kan söka en förstudie när som helst under året",
        "vi måste ha en norsk partner för att kunna söka",
        "vi får börja projektet redan innan beslutet kommer",
        "en förstudie får vara på högst 10 000 euro på svenska sidan",
        "Länsstyrelsen i Jämtlands län är förvaltande myndighet",
        "aktiebolag inte får vara med i Interreg alls",
    ],
    "nb": [
        "vi må ha en svensk partner for å søke",
        "Buskerud er med i programmet",
        "Innlandet fylkeskommune er forvaltningsmyndighet for programmet",
        "et forprosjekt kan vare inntil 12 måneder",
        "man kan starte prosjektet før vedtaket",
    ],
}


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        (
            "Vi har hört att man kan söka förstudie när som helst, stämmer det?",
            "man kan söka förstudie när som helst",
        ),
        ("Rätta mig om jag har fel, men huvudprojekt söks löpande?", None),
        ("Jag antar att vår partner också får 65 procent EU-stöd, eller?", None),
        ("Eg har forstått det slik at me må ha ein svensk partnar, stemmer det?", None),
        ("Stemmer det at bare fylkeskommuner kan være prosjekteier?", None),
    ],
)
def test_the_claim_is_the_statement_without_its_frame(
    text: str, claim: Optional[str]
) -> None:
    got = the_claim(text)
    assert got != text
    if claim is not None:
        assert got == claim
    for frame_word in ("stämmer", "stemmer", "eller?", "antar", "rätta", "forstått"):
        assert frame_word not in got.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Får vi dekke mva?",  # "mva?" is no tag "va?"
        "Hur stort får det va?",
        "Stämmer det?",  # nothing left: the text itself
        "Kan vi söka?",
    ],
)
def test_a_text_without_a_frame_is_kept(text: str) -> None:
    assert the_claim(text) == text


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("Stämmer det?", True),
        ("är det så?", True),
        ("Er det rett?", True),
        ("stemmer dette?", True),
        ("Stämmer det att vi kan söka?", False),
        ("Kan vi söka?", False),
        ("", False),
    ],
)
def test_a_tag_question_is_told_apart(text: str, tag: bool) -> None:
    assert is_a_tag_question(text) is tag


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        (
            "Jag har fått för mig att bara kommuner får söka. Stämmer det?",
            ["Jag har fått för mig att bara kommuner får söka. Stämmer det?"],
        ),
        (
            "Vi har hørt at Buskerud er med. Er det sant?",
            ["Vi har hørt at Buskerud er med. Er det sant?"],
        ),
        ("Hur gör vi? Stämmer det?", ["Hur gör vi?", "Stämmer det?"]),
    ],
)
def test_a_tag_question_asks_the_statement_before_it(
    text: str, asked: List[str]
) -> None:
    assert questions(text) == asked


@given(st.text(max_size=2000))
def test_any_text_has_a_claim(text: str) -> None:
    claim = the_claim(text)
    assert claim == text or claim in text
    assert is_a_tag_question(text) in (True, False)


@pytest.mark.parametrize(
    ("lang", "statement"),
    [(lang, s) for lang, statements in STATEMENTS.items() for s in statements],
)
def test_a_frame_does_not_change_the_answer(
    snapshot: Snapshot, lang: str, statement: str
) -> None:
    """Whatever frame is put around a statement, the FAQ reads the statement."""
    plain = snapshot.faq.answer(statement, lang)
    assert plain.answered and plain.best is not None, statement
    for frame in FRAMES[lang]:
        framed = snapshot.faq.answer(frame.format(s=statement), lang)
        assert framed.answered and framed.best is not None, frame
        assert framed.best.entry_id == plain.best.entry_id, frame
