"""A project type named as the setting of a question ("… för en förstudie?", "… i et
forprosjekt?") does not make the entry about that type the answer to another subject;
a detail of the type (its amount, duration) asked in that setting still is."""

from __future__ import annotations

import pytest

from programme_kb.service import Snapshot

CASES = [
    # the type is the setting; the subject is the partner rule or indicators
    ("nb", "må vi ikke ha svensk partner for forprosjekt?", "partner_other_country"),
    (
        "sv",
        "behöver vi inte ha någon norsk partner för en förstudie?",
        "partner_other_country",
    ),
    ("sv", "måste vi ha en norsk partner för en förstudie?", "partner_other_country"),
    ("nb", "trenger vi ikke rapportere indikatorer i et forprosjekt", "indicators"),
    # the type is what is applied for, in a clause of its own: the occasion
    (
        "nb",
        "trenger vi ikke ha svensk partner når vi søker forprosjekt?",
        "partner_other_country",
    ),
    (
        "nb",
        "treng vi ikkje ha svensk partnar når vi søkjer forprosjekt?",
        "partner_other_country",
    ),
    (
        "sv",
        "behöver vi inte ha en norsk partner när vi söker en förstudie?",
        "partner_other_country",
    ),
    # the type is the subject, or a detail of it is asked in that setting
    (
        "sv",
        "behöver vi inte göra en förstudie innan huvudprojektet?",
        "forstudie_required",
    ),
    ("sv", "vem fattar beslut om en förstudie", "forstudie_smaskala_decision"),
    (
        "sv",
        "hur lång är handläggningstiden för en förstudie",
        "forstudie_smaskala_decision",
    ),
    ("sv", "hur många månader får en förstudie hålla på", "forstudie_duration"),
    ("nb", "maks støtte til forprosjekt på norsk side?", "forstudie_budget"),
]


@pytest.mark.parametrize(("lang", "text", "entry"), CASES)
def test_the_subject_asked_wins_over_the_setting(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry
