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


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kan vi ha med en partner fra danmark"),
        ("sv", "får vi inte ha med en partner som ligger utanför området? de sitter i uppsala"),
        ("sv", "kan en finsk partner vara med i projektet?"),
        ("nb", "kan vi samarbeide med en bedrift i Oslo?"),
        ("sv", "får vi ha en partner i Stockholm?"),
        ("nb", "kan me ha med ein partnar frå Tyskland?"),
        ("nb", "kan et firma i Oslo være partner i prosjektet?"),
        ("sv", "kan ett universitet i Danmark vara med som partner?"),
        # taking part, without the word partner
        ("nb", "kan en finsk kommune bli med?"),
        ("sv", "får en dansk förening delta i projektet?"),
        ("nb", "kan ei bedrift frå Tyskland ta del i prosjektet?"),
        ("sv", "kan ett företag i Uppsala vara med?"),
        # outside the area, no place named
        ("nb", "partner utenfor området?"),
        ("sv", "kan vi ha en partner utanför programområdet?"),
        ("nb", "Kan en partnar utanfor regionen vere med?"),
    ],
)  # fmt: skip
def test_a_partner_outside_the_area_gets_the_outside_area_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A partner from another country or a place outside the programme area: the
    rule for them (target group or network, the 20 % rule), never the rule that a
    partner is needed on the other side (issue 12, dev6)."""
    from programme_kb.compose.partner import outside_partner_part

    part = outside_partner_part(snapshot, text, lang)
    assert part is not None and part.data["entry"] == "outside_area_partner"
    assert part.text.startswith(("Aktörer", "Aktører"))  # the reply's language


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "måste vi ha en norsk partner?"),
        ("nb", "kan vi ha en partner i Trondheim?"),
        ("sv", "vi bor i Danmark, kan ni hjälpa oss?"),  # no partner question
        ("sv", "kan en kommun i Jämtland vara med?"),  # inside the area
        ("nb", "kan vi delta på et informasjonsmøte?"),  # no place outside
        ("sv", "vilka kommuner ligger utanför området?"),  # no partner question
    ],
)
def test_a_partner_in_the_area_is_not_the_outside_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    from programme_kb.compose.partner import outside_partner_part

    assert outside_partner_part(snapshot, text, lang) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "kan vi ha med en partner? de sitter i Uppsala"),
        ("nb", "dei held til i Bodø, kan dei vere partnar?"),
        ("sv", "dom finns i Oslo, får de vara med?"),
    ],
)
def test_where_they_are_is_not_where_the_user_is(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    from programme_kb.compose.profile import told

    assert told(snapshot, text, lang).place is None


@pytest.mark.parametrize(
    ("lang", "text", "org"),
    [
        ("sv", "kan länsstyrelsen själv vara projektägare", "national_authority"),
        ("nb", "kan fylkeskommunen være prosjekteier", "region_county"),
        ("nb", "kan eit idrettslag vere prosjekteigar?", "non_profit_association"),
        ("sv", "får en stiftelse bli medsökande", "foundation"),
        ("sv", "kan länsstyrelsen vara partner i ett projekt?", "national_authority"),
        ("nb", "kan et universitet være partner?", "university"),
    ],
)
def test_may_the_one_named_be_project_owner_is_an_eligibility_question(
    snapshot: Snapshot, lang: str, text: str, org: str
) -> None:
    """ "kan länsstyrelsen vara projektägare?" asks whether the one named may apply:
    its verdict, with no "I cannot say" or partner advice beside it (dev6)."""
    assert not asks_about_partner(text)
    parts = compose(snapshot, text, lang).parts
    assert parts[0].kind == "eligibility"
    assert parts[0].data["organisation_type"] == org
    assert "not_known" not in [p.kind for p in parts]


@pytest.mark.parametrize(
    ("lang", "place", "partner_region"),
    [
        ("nb", "Hedmark", "Värmland"),
        ("sv", "Hedmark", "Värmland"),
        ("nb", "Nord-Trøndelag", "Jämtland"),
        ("sv", "Sør-Trøndelag", "Västernorrland"),
    ],
)
def test_a_former_county_pairs_as_the_county_it_is_part_of_today(
    snapshot: Snapshot, lang: str, place: str, partner_region: str
) -> None:
    """ "Må den svenske partneren være fra Värmland når vi er fra Hedmark?": Hedmark
    is in Innlandet today, so the partner advice names Innlandet's sub-area's
    regions (was: the general rule alone, as if Hedmark had no sub-area)."""
    from programme_kb.compose.partner import partner_part
    from programme_kb.compose.profile import Profile

    part = partner_part(snapshot, Profile(None, "no", place, None, None), lang)
    assert part is not None and part.data.get("pairing") is True
    assert partner_region in part.text
