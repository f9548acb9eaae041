"""Who may apply: organisation type and verdict from the way applicants name themselves.

Phrasings are the tests' own: real-looking organisation names, legal-form
abbreviations (AB, AS, ASA, HB, KB, ENK, SA, DA, ANS, ek. för.), typos, missing
diacritics and Nynorsk. Known recogniser gaps stay in the lists as strict xfails.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from programme_kb.eligibility import EligibilityResult
from programme_kb.service import Snapshot

NOT_ELIGIBLE = {"private_person", "sole_proprietorship"}
FIXED_TYPE_IDS = {
    "university", "research_institute", "folk_high_school", "upper_secondary_school",
    "primary_school", "business_organisation", "municipality", "region_county",
    "national_authority", "cultural_institution", "foundation", "non_profit_association",
    "economic_association", "company", "private_person", "sole_proprietorship",
}  # fmt: skip


def _gap(text: str, expected: str, reason: str) -> Any:
    return pytest.param(
        text, expected, marks=pytest.mark.xfail(strict=True, reason=reason), id=text
    )


SV_CASES: List[Any] = [
    ("Karlstads universitet", "university"),
    ("Vi är från Mittuniversitetet", "university"),
    ("Hogskolan Vast", "university"),
    ("högskolan i Dalarna", "university"),
    ("Kungliga Tekniska högskolan", "university"),
    ("universitett", "university"),
    ("RISE forskningsinstitut", "research_institute"),
    ("vi är ett forskningsinstitut", "research_institute"),
    ("Malungs folkhögskola", "folk_high_school"),
    ("folkhogskolan", "folk_high_school"),
    ("Vi är en gymnasieskola i Arvika", "upper_secondary_school"),
    ("gymnasiet i Torsby", "upper_secondary_school"),
    ("Grundskolan i Eda", "primary_school"),
    ("en högstadieskola", "primary_school"),
    ("Handelskammaren Värmland", "business_organisation"),
    ("vi är en branschorganisation för skogsnäringen", "business_organisation"),
    ("Företagarna Jämtland", "business_organisation"),
    ("Årjängs kommun", "municipality"),
    ("Östersunds kommun", "municipality"),
    ("kommunalförbundet", "municipality"),
    ("kommunn", "municipality"),
    ("Region Värmland", "region_county"),
    ("Region Jämtland Härjedalen", "region_county"),
    ("Landstinget Dalarna", "region_county"),
    ("Länsstyrelsen i Dalarnas län", "national_authority"),
    ("Trafikverket", "national_authority"),
    ("en statlig myndighet", "national_authority"),
    ("Skogsstyrelsen", "national_authority"),
    ("Värmlands museum", "cultural_institution"),
    ("Dalateatern, en länsteater", "cultural_institution"),
    ("stadsbiblioteket", "cultural_institution"),
    ("kulturhuset i Sunne", "cultural_institution"),
    ("Stiftelsen Fjällnäs", "foundation"),
    ("stifelse", "foundation"),
    ("Vi är en ideell förening", "non_profit_association"),
    ("idrottsföreningen IFK Sunne", "non_profit_association"),
    ("hembygdsforeningen", "non_profit_association"),
    ("byalaget i Lofsdalen", "non_profit_association"),
    ("Studieförbundet Vuxenskolan", "non_profit_association"),
    ("Fjällmat ekonomisk förening", "economic_association"),
    ("Bygdens Kraft ek. för.", "economic_association"),
    ("Lokalkraft ek för", "economic_association"),
    ("Skogsägarna ekför", "economic_association"),
    ("ett kooperativ", "economic_association"),
    ("Fjällturism AB", "company"),
    ("Sälen Turism AB", "company"),
    ("AB", "company"),
    ("Bröderna Ek HB", "company"),
    ("Vi är Svenssons handelsbolag", "company"),
    ("Skogsbolaget KB", "company"),
    ("vi är ett kommanditbolag", "company"),
    ("Ett publikt aktiebolag", "company"),
    ("Vi är ett aktibolag", "company"),
    ("vi är ett litet ab", "company"),
    ("jag är privatperson", "private_person"),
    ("Jag söker som privatperson", "private_person"),
    ("Jag är en privat person med en idé", "private_person"),
    ("jag har en enskild firma", "sole_proprietorship"),
    ("Enskild Firma Svenssons Måleri", "sole_proprietorship"),
    ("enskild näringsidkare", "sole_proprietorship"),
    ("Min egen firma", "sole_proprietorship"),
    ("egenföretagare", "sole_proprietorship"),
    ("enskildfirma", "sole_proprietorship"),
    _gap(
        "enskld firma",
        "sole_proprietorship",
        "typo in a two-word name: fuzzy matching covers single words only",
    ),
    ("Jag driver enskild näringsverksamhet", "sole_proprietorship"),
    ("jag är egen företagare", "sole_proprietorship"),
]

NB_CASES: List[Any] = [
    ("NTNU", "university"),
    ("NMBU", "university"),
    ("Høgskolen i Innlandet", "university"),
    ("hogskolen i innlandet", "university"),
    ("Høyskolen Kristiania", "university"),
    ("Nord universitet", "university"),
    ("vi er ein høgskule", "university"),
    ("SINTEF er et forskingsinstitutt", "research_institute"),
    ("Vi representerer ei forskningsinstitusjon", "research_institute"),
    ("Valdres folkehøgskole", "folk_high_school"),
    ("Folkehogskolen", "folk_high_school"),
    ("Sund folkehøgskule", "folk_high_school"),
    ("Trysil videregående skole", "upper_secondary_school"),
    ("vgs", "upper_secondary_school"),
    ("Vidaregåande skule", "upper_secondary_school"),
    ("Grunnskolen i Eidskog", "primary_school"),
    ("barneskolen", "primary_school"),
    ("ungdomsskule", "primary_school"),
    ("NHO Innlandet", "business_organisation"),
    ("Næringsforeningen i Trondheimsregionen", "business_organisation"),
    ("Vi er en bransjeorganisasjon", "business_organisation"),
    ("Kongsvinger kommune", "municipality"),
    ("kommunen vår i Innlandet", "municipality"),
    ("Vi er ein kommune", "municipality"),
    ("Innlandet fylkeskommune", "region_county"),
    ("fylkeskommunen vår", "region_county"),
    ("Statsforvalteren i Innlandet", "national_authority"),
    ("statsforvaltaren", "national_authority"),
    ("Statens vegvesen", "national_authority"),
    ("et direktorat", "national_authority"),
    ("Mattilsynet", "national_authority"),
    ("Anno Museum", "cultural_institution"),
    ("Trøndelag Teater", "cultural_institution"),
    ("biblioteket", "cultural_institution"),
    ("Stiftelsen Norsk Folkemuseum", "foundation"),
    ("ei stifting", "foundation"),
    ("Me er ein frivillig organisasjon", "non_profit_association"),
    ("Idrettslaget Trysil", "non_profit_association"),
    ("Me er eit idrettslag i Trysil", "non_profit_association"),
    ("velforeningen", "non_profit_association"),
    ("Elverum ungdomslag", "non_profit_association"),
    ("Tine SA", "economic_association"),
    ("Fjellmat SA", "economic_association"),
    ("samvirkelaget", "economic_association"),
    ("andelslaget", "economic_association"),
    ("Fjellmat AS", "company"),
    ("Fjellmat as", "company"),
    ("Trysil Turist AS", "company"),
    ("Vi har eit AS", "company"),
    ("Equinor ASA", "company"),
    ("Hansen og Berg DA", "company"),
    ("Berg og Sønner ANS", "company"),
    ("et kommandittselskap", "company"),
    ("aksjeselskapet vårt", "company"),
    ("vi er et lite as", "company"),
    ("privatperson", "private_person"),
    ("Eg er privatperson", "private_person"),
    ("eg vil søkje som privatperson", "private_person"),
    ("ENK", "sole_proprietorship"),
    ("jeg driver ENK", "sole_proprietorship"),
    ("Jeg har et enkeltpersonforetak", "sole_proprietorship"),
    ("enkeltmannsforetaket mitt", "sole_proprietorship"),
    ("Jeg er selvstendig næringsdrivende frisør", "sole_proprietorship"),
    ("Ho driv eit enkeltpersonføretak", "sole_proprietorship"),
    ("enkeltpersonsforetak", "sole_proprietorship"),
    _gap(
        "ENK-en min",
        "sole_proprietorship",
        "the inflected abbreviation 'ENK-en' is not recognised",
    ),
    ("enkelpersonforetak", "sole_proprietorship"),
]


def _expected_eligible(type_id: str) -> bool:
    return type_id not in NOT_ELIGIBLE


def _check(
    snapshot: Snapshot, text: Optional[str], lang: str, type_id: Optional[str] = None
) -> EligibilityResult:
    return snapshot.eligibility.check(text, type_id, lang)


@pytest.mark.parametrize(("text", "expected"), SV_CASES)
def test_swedish_phrasings(snapshot: Snapshot, text: str, expected: str) -> None:
    result = _check(snapshot, text, "sv")
    assert (result.organisation_type, result.eligible) == (
        expected,
        _expected_eligible(expected),
    )
    assert result.language == "sv"


@pytest.mark.parametrize(("text", "expected"), NB_CASES)
def test_norwegian_phrasings(snapshot: Snapshot, text: str, expected: str) -> None:
    result = _check(snapshot, text, "nb")
    assert (result.organisation_type, result.eligible) == (
        expected,
        _expected_eligible(expected),
    )
    assert result.language == "nb"


def test_enough_phrasings_per_language() -> None:
    assert len(SV_CASES) >= 40 and len(NB_CASES) >= 40
    types = {_plain(c)[1] for c in SV_CASES} | {_plain(c)[1] for c in NB_CASES}
    assert types >= {
        "university",
        "research_institute",
        "folk_high_school",
        "upper_secondary_school",
        "primary_school",
        "business_organisation",
        "municipality",
        "region_county",
        "national_authority",
        "cultural_institution",
        "foundation",
        "non_profit_association",
        "economic_association",
        "company",
        "private_person",
        "sole_proprietorship",
    }


def _plain(case: Any) -> tuple:
    return tuple(case.values) if hasattr(case, "values") else case


# ------------------------------------------------------- never eligible by mistake


INELIGIBLE_VARIANTS: List[Any] = [
    "privatperson",
    "Jag är privatperson",
    "jag som privatperson vill söka",
    "som privat person",
    "Jag är en privat person med en idé",
    "enskilda personer",
    "jeg er privatperson",
    "eg er ein privatperson",
    "meg som privatperson",
    "enkeltperson",
    "enskild firma",
    "Enskild firma",
    "ENSKILD FIRMA",
    "enskilda firman",
    "min enskilda firma",
    "enskild näringsidkare",
    "egen firma",
    "egenföretagare",
    "enskildfirma",
    "enskld firma",
    "jag har F-skatt och enskild firma",
    "Jag driver enskild näringsverksamhet",
    "ENK",
    "enk",
    "jeg driver ENK",
    "ENK-en min",
    "enkeltpersonforetak",
    "Enkeltpersonforetak",
    "enkeltpersonforetaket mitt",
    "enkeltmannsforetak",
    "enmannsforetak",
    "selvstendig næringsdrivende",
    "sjølvstendig næringsdrivande",
    "enkeltpersonføretak",
    "enkeltpersonsforetak",
    "jeg har enkeltpersonforetak (ENK)",
    "Vi är ett AB som ägs av en privatperson",
    "jag är egen företagare",
    "enkelpersonforetak",
]


@pytest.mark.parametrize("text", INELIGIBLE_VARIANTS)
@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_private_persons_and_sole_proprietorships_are_never_eligible(
    snapshot: Snapshot, text: str, lang: str
) -> None:
    result = _check(snapshot, text, lang)
    assert result.eligible is not True, f"{text!r} → {result.organisation_type}"
    if result.eligible is False:
        assert result.organisation_type in NOT_ELIGIBLE


# ------------------------------------------------------------- unknown or unclear

UNKNOWN = [
    ("vi är några kompisar", "sv"),
    ("vi ar nagra kompisar", "sv"),
    ("bara jag och min granne", "sv"),
    ("vi jobbar med turism", "sv"),
    ("hej", "sv"),
    ("", "sv"),
    ("   ", "sv"),
    ("🙂🙂", "sv"),
    ("et nettverk", "nb"),
    ("ei gruppe venner", "nb"),
    ("vi er bare en gjeng", "nb"),
    ("asdfgh", "nb"),
    ("", "nb"),
    ("🚀🚀🚀", "nb"),
    ("<script>alert(1)</script>", "nb"),
]


@pytest.mark.parametrize(("text", "lang"), UNKNOWN)
def test_unknown_organisation_gives_a_question(
    snapshot: Snapshot, text: str, lang: str
) -> None:
    result = _check(snapshot, text, lang)
    assert result.eligible is None
    assert result.organisation_type is None
    other = "nb" if lang == "sv" else "sv"
    assert result.question == snapshot.kb.message("ask_organisation_type", lang)
    assert result.question != snapshot.kb.message("ask_organisation_type", other)
    assert result.reasons and all(r.strip() for r in result.reasons)
    assert result.requirements == []
    payload = result.payload()
    assert payload["eligible"] is None
    assert payload["organisation_type"] not in snapshot.kb.organisation_types


BUSINESS_WITHOUT_LEGAL_FORM = [
    ("ett företag", "sv"),
    ("vårt företag", "sv"),
    ("Vi driver ett litet bolag", "sv"),
    ("Vi är en firma i Arvika", "sv"),
    ("ein bedrift", "nb"),
    ("min bedrift", "nb"),
    ("Vi er et selskap i Trysil", "nb"),
    ("bedriften vår", "nb"),
]


@pytest.mark.parametrize(("text", "lang"), BUSINESS_WITHOUT_LEGAL_FORM)
def test_business_without_legal_form_asks_for_it(
    snapshot: Snapshot, text: str, lang: str
) -> None:
    """An AB/AS may apply, an enskild firma/ENK may not: the name alone does not decide."""
    result = _check(snapshot, text, lang)
    assert result.eligible is None and result.organisation_type is None
    assert result.question and result.requirements == []
    words = {
        "sv": ("aktiebolag", "enskild firma"),
        "nb": ("aksjeselskap", "enkeltpersonforetak"),
    }
    assert all(w in result.question for w in words[lang]), result.question


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi är ett AB som ägs av en privatperson", "sv"),
        ("kommunen eller jeg som privatperson", "nb"),
    ],
)
def test_contradictory_types_are_not_guessed(
    snapshot: Snapshot, text: str, lang: str
) -> None:
    result = _check(snapshot, text, lang)
    assert result.eligible is None and result.organisation_type is None
    assert result.question


def test_none_text_is_unknown(snapshot: Snapshot) -> None:
    assert _check(snapshot, None, "nb").eligible is None


# -------------------------------------------------------------- canonical type ids


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_every_canonical_id(snapshot: Snapshot, lang: str) -> None:
    types = snapshot.kb.organisation_types
    assert set(types) >= FIXED_TYPE_IDS
    for type_id, org in types.items():
        result = _check(snapshot, None, lang, type_id)
        assert result.reasons == [org.reason[lang]]
        assert result.label == org.label[lang]
        if org.eligible is None:  # a type that cannot decide alone asks a question
            assert result.eligible is None and result.organisation_type is None
            assert result.question
        else:
            assert result.organisation_type == type_id
            assert result.eligible is org.eligible


def test_canonical_id_wins_over_text(snapshot: Snapshot) -> None:
    result = _check(snapshot, "Fjellmat AS", "nb", "municipality")
    assert result.organisation_type == "municipality"


def test_unknown_canonical_id_is_unknown(snapshot: Snapshot) -> None:
    result = _check(snapshot, None, "sv", "space_agency")
    assert result.eligible is None and result.organisation_type is None


# --------------------------------------------------------------------- payload


def _assert_payload(payload: Dict[str, Any], lang: str) -> None:
    assert set(payload) == {
        "type",
        "language",
        "eligible",
        "organisation_type",
        "reasons",
        "requirements",
    }
    assert payload["type"] == "eligibility"
    assert payload["language"] == lang
    assert payload["eligible"] in (True, False, None)
    assert (
        isinstance(payload["organisation_type"], str) and payload["organisation_type"]
    )
    assert isinstance(payload["reasons"], list) and payload["reasons"]
    assert all(isinstance(r, str) and r.strip() for r in payload["reasons"])
    assert isinstance(payload["requirements"], list)
    assert all(isinstance(r, str) and r.strip() for r in payload["requirements"])


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Fjellmat AS", "nb"),
        ("Årjängs kommun", "sv"),
        ("privatperson", "sv"),
        ("ENK", "nb"),
        ("vi är kompisar", "sv"),
    ],
)
def test_payload_shape(snapshot: Snapshot, text: str, lang: str) -> None:
    result = _check(snapshot, text, lang)
    payload = result.payload()
    _assert_payload(payload, lang)
    if result.organisation_type:
        assert payload["organisation_type"] == result.organisation_type
        assert payload["eligible"] is result.eligible


@pytest.mark.parametrize(("lang", "word"), [("sv", "offentligt"), ("nb", "offentlig")])
def test_company_must_spread_results_publicly(
    snapshot: Snapshot, lang: str, word: str
) -> None:
    result = _check(snapshot, None, lang, "company")
    assert result.eligible is True
    assert any(word in r for r in result.requirements)
    assert any(word in r for r in result.reasons)


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_eligible_verdict_lists_the_general_requirements(
    snapshot: Snapshot, lang: str
) -> None:
    general = [r[lang] for r in snapshot.kb.eligibility.general_requirements]
    result = _check(snapshot, None, lang, "municipality")
    assert all(g in result.requirements for g in general)
    ineligible = _check(snapshot, None, lang, "private_person")
    assert not any(g in ineligible.requirements for g in general)
    assert ineligible.requirements, (
        "an ineligible verdict should say what to do instead"
    )


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_requirements_are_not_repeated(snapshot: Snapshot, lang: str) -> None:
    requirements = _check(snapshot, None, lang, "municipality").requirements
    assert len(requirements) == len(set(requirements)), requirements


def test_matched_names_the_legal_form(snapshot: Snapshot) -> None:
    assert _check(snapshot, "Hansen & Sønn DA", "nb").matched == "DA"
