"""Organisation types however they are written: Nynorsk, owner words, size words.

The names in eligibility.yml are Bokmål and Swedish; a Nynorsk adjective or
participle ("eit statleg eigd selskap", "eit ansvarleg selskap") is looked up in
its Bokmål spelling, and a company named with an owner word before it ("et
kommunalt eid energiselskap") is the public company both for the checker and for
the composed reply, which keeps a verdict only when the words matched name the type
(``programme_kb.compose.profile.organisation_in``). Issue 13, class 1.
"""

from __future__ import annotations

import pytest

from programme_kb.compose.profile import organisation_in
from programme_kb.eligibility import bokmal_form
from programme_kb.service import Snapshot

CASES = [
    # Nynorsk -leg adjectives and eigd
    ("nb", "vi er eit statleg eigd selskap i Namsos", "state_owned_company"),
    ("nb", "me er eit statleg selskap", "state_owned_company"),
    ("nb", "vi er eit ansvarleg selskap i Tolga med tre tilsette", "company"),
    ("nb", "vi er eit kommunalt eigd aksjeselskap", "municipal_company"),
    # an owner word before a compound company name
    ("nb", "vi er et kommunalt eid energiselskap i Trondheim", "municipal_company"),
    ("nb", "et fylkeskommunalt eid busselskap", "municipal_company"),
    ("sv", "vi är ett kommunalägt fjärrvärmebolag i Östersund", "municipal_company"),
    ("sv", "vi är ett statligt ägt skogsbolag", "state_owned_company"),
    # a county and a business named the Nynorsk or plain way
    ("nb", "vi er eit fylke", "region_county"),
    ("nb", "vi er fylket", "region_county"),
    # a size or other adjective between the article and the type
    ("sv", "vi är en liten förening i Arvika", "non_profit_association"),
    ("nb", "vi er ei lita stifting", "foundation"),
    ("sv", "vi är ett litet aktiebolag", "company"),
    ("nb", "vi er eit nystarta aksjeselskap", "company"),
    # compounds whose head is a known type
    ("sv", "vi är en turistförening", "non_profit_association"),
    ("nb", "vi er eit idrettslag", "non_profit_association"),
    ("sv", "vi är en kulturstiftelse", "foundation"),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES)
def test_the_type_is_recognised(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    assert snapshot.eligibility.check(text, None, lang).organisation_type == expected
    # ... and kept by the composed reply (the words matched name the type)
    assert organisation_in(snapshot, text, lang).organisation_type == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi er ei verksemd i Røros"),
        ("nb", "vi er ei lita verksemd"),
        ("nb", "vi er en virksomhet"),
        ("sv", "vi är ett litet företag i Sälen"),
        ("nb", "vi er ei lita bedrift"),
        ("sv", "vi är ett nystartat bolag"),
    ],
)
def test_a_business_without_legal_form_is_asked_about(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A business ("verksemd", "virksomhet", "ett litet företag") is neither yes
    nor no: its legal form decides, so the answer asks for it."""
    for result in (
        snapshot.eligibility.check(text, None, lang),
        organisation_in(snapshot, text, lang),
    ):
        assert (
            result.label
            == snapshot.kb.organisation_types["business_unspecified"].label[lang]
        )
        assert result.eligible is None and result.question


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "et AS i Innlandet fylke"),
        ("nb", "vi er et aksjeselskap i fylket"),
    ],
)
def test_a_county_as_the_place_is_not_the_organisation(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert snapshot.eligibility.check(text, None, lang).organisation_type == "company"


def test_nynorsk_spelling() -> None:
    assert bokmal_form("statleg") == "statlig"
    assert bokmal_form("statlege") == "statlige"
    assert bokmal_form("ansvarleg") == "ansvarlig"
    assert bokmal_form("eigd") == "eid"
    assert bokmal_form("lege") == "lege"  # a doctor, not an adjective
    assert bokmal_form("selskap") == "selskap"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi er en reiselivsorganisasjon i Trøndelag"),
        ("nb", "vi er landbruksorganisasjonen i Innlandet"),
        ("sv", "vi är en besöksnäringsorganisation i Jämtland"),
        ("sv", "vi är en turistorganisation i Värmland"),
    ],
)
def test_an_organisation_of_a_trade_is_a_trade_organisation(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "reiselivs-" + "organisasjon": reiselivsnæring is a trade, so it is typed
    like the KB's "bransjeorganisasjon" / "branschorganisation"."""
    expected = "business_organisation"
    assert snapshot.eligibility.check(text, None, lang).organisation_type == expected
    assert organisation_in(snapshot, text, lang).organisation_type == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi er ein organisasjon"),
        ("nb", "vi er en ungdomsorganisasjon"),
        ("sv", "vi är en idrottsorganisation"),
    ],
)
def test_an_organisation_of_no_trade_is_asked_about(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A plain organisation, or one of no trade, could be any type: asked, not guessed."""
    result = snapshot.eligibility.check(text, None, lang)
    assert result.organisation_type is None and result.question


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kan vi søke uten å ha fått ja fra kommunen på medfinansieringen"),
        ("nb", "kan vi søke innovasjon norge samtidig for samme ting"),
        ("nb", "må vi ha penger fra fylkeskommunen før vi søker"),
        ("nb", "kan vi søke hos fylkeskommunen i stedet"),
        ("nb", "trenger vi en uttalelse frå kommunen"),
        ("sv", "kan vi få medfinansiering från regionen"),
        ("sv", "vi har fått ett ja av kommunen, kan vi söka nu"),
        ("sv", "behövs ett intyg ifrån kommunen"),
        ("sv", "kan vi söka Tillväxtverket samtidigt"),
    ],
)
def test_an_organisation_the_money_or_answer_comes_from_is_not_the_user(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Where the money or an answer comes from, or what is applied to, is someone
    else: no eligibility verdict for it (issue 12, dev5)."""
    assert organisation_in(snapshot, text, lang).label is None


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nb", "jeg er fra kommunen og lurer på om vi kan søke", "municipality"),
        ("sv", "jag ringer från Region Jämtland", "region_county"),
        ("sv", "vi är en del av Region Värmland", "region_county"),
        ("nb", "kan en kommune søke", "municipality"),
        ("sv", "finns det stöd till föreningar", "non_profit_association"),
        ("sv", "vi är ett företag som ägs av kommunen", "municipal_company"),
        ("sv", "från Region Jämtland: får vi söka?", "region_county"),
    ],
)
def test_the_user_saying_where_they_are_from_is_still_the_user(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    assert organisation_in(snapshot, text, lang).organisation_type == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "sv",
            "Kan jag inte söka med min enskilda firma om jag samarbetar med ett AS i Norge?",
            "sole_proprietorship",
        ),
        (
            "nb",
            "kan jeg ikke søke med enkeltpersonforetaket mitt hvis jeg samarbeider "
            "med et AB i Sverige?",
            "sole_proprietorship",
        ),
        (
            "nb",
            "kan vi søke gjennom idrettslaget vårt sammen med en kommune i Sverige?",
            "non_profit_association",
        ),
        (
            "sv",
            "vi vill söka som ekonomisk förening ihop med ett AS i Trysil",
            "economic_association",
        ),
        ("nb", "kan vi søke som forening?", "non_profit_association"),
    ],
)
def test_what_the_user_applies_with_is_the_user(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "söka med …", "søke som …", "søke gjennom …": the organisation applied with
    is the user's own, and the partner named later is not (answers_dev12)."""
    assert organisation_in(snapshot, text, lang).organisation_type == expected
