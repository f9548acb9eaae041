"""Who may apply: organisation type and verdict from the way applicants name themselves.

Phrasings are the tests' own: real-looking organisation names, legal-form
abbreviations (AB, AS, ASA, HB, KB, ENK, SA, DA, ANS, ek. för.), typos, missing
diacritics and Nynorsk. Known recogniser gaps are rows of bench/data/eligibility_eval.yml
(floor in tests/kb/test_held_out_floors.py), not xfails.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

import pytest

from programme_kb.eligibility import EligibilityResult
from programme_kb.models import BARE_VERDICT
from programme_kb.service import Snapshot

NOT_ELIGIBLE = {"private_person", "sole_proprietorship"}
FIXED_TYPE_IDS = {
    "university", "research_institute", "folk_high_school", "upper_secondary_school",
    "primary_school", "business_organisation", "municipality", "region_county",
    "national_authority", "cultural_institution", "foundation", "non_profit_association",
    "economic_association", "company", "private_person", "sole_proprietorship",
}  # fmt: skip


SV_CASES: List[Any] = [
    ("vi är en inkubator i Östersund", "business_park"),
    ("får en science park söka?", "business_park"),
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
    ("Jag driver enskild näringsverksamhet", "sole_proprietorship"),
    ("jag är egen företagare", "sole_proprietorship"),
]

NB_CASES: List[Any] = [
    ("jeg jobber i en næringshage i Trøndelag", "business_park"),
    ("kan kunnskapsparken være prosjekteier?", "business_park"),
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
    # words that begin with an organisation's name but are other words
    ("hvilke krav er det til kommunikasjon og logo", "nb"),
    ("vi behöver en kommunikationsplan", "sv"),
    ("ett regionalt samarbete om turism", "sv"),
    ("regionale utviklingsmidler", "nb"),
    ("vad krävs för kommunikation i projektet", "sv"),
    # real words near a name are not misspellings of it
    ("Kan prosjektlederen ha hund på kontoret?", "nb"),
    ("hva skjer etter at vi har fått tilsagn", "nb"),
    ("vad händer efter beslutet", "sv"),
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
    assert not result.route  # the form asks for the legal form
    # the card names what was recognised: a business, its legal form not yet known
    assert result.payload()["organisation_type"] == "business_unspecified"


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
        if org.eligible is None and org.question:  # asks, e.g. for the legal form
            assert result.eligible is None and result.organisation_type is None
            assert result.question
        elif org.eligible is None:  # known, but an adviser decides: no question
            assert result.eligible is None and result.route
            assert result.organisation_type == type_id and result.question is None
            assert result.requirements
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


# ----------------------------------------------- a place word is not the organisation


PLACE_WORD_CASES: List[Any] = [
    # (text, lang, type or None, eligible): "regionen"/"kommunen" after a place
    # preposition names where the organisation is, not a county council.
    ("ett företag i regionen", "sv", None, None),
    ("Jeg har et firma i regionen", "nb", None, None),
    ("ett familjeföretag i regionen Jämtland", "sv", None, None),
    ("ett familjeforetag i regionen Jamtland", "sv", None, None),
    ("Vi er ei familiebedrift i regionen", "nb", None, None),
    ("eit firma her i kommunen", "nb", None, None),
    ("vi har ett bolag här i kommunen", "sv", None, None),
    ("ett kommunalt bolag i regionen", "sv", "municipal_company", True),
    ("et kommunalt selskap i regionen", "nb", "municipal_company", True),
    ("en ideell förening i regionen", "sv", "non_profit_association", True),
    ("Vi er et idrettslag i kommunen", "nb", "non_profit_association", True),
    ("ett AB i Årjängs kommun", "sv", "company", True),
    ("et AS i Trysil kommune", "nb", "company", True),
    ("en stiftelse inom regionen", "sv", "foundation", True),
    ("jag har en enskild firma i kommunen", "sv", "sole_proprietorship", False),
    ("eit enkeltpersonføretak i kommunen", "nb", "sole_proprietorship", False),
    # ... but the region or municipality as the organisation still is one
    ("Region Värmland", "sv", "region_county", True),
    ("Jag jobbar på regionen", "sv", "region_county", True),
    ("regionen vill söka", "sv", "region_county", True),
    ("Kommunen i Eda", "sv", "municipality", True),
    ("jeg jobber i kommunen", "nb", "municipality", True),
    ("fylkeskommunen vår", "nb", "region_county", True),
]


@pytest.mark.parametrize(("text", "lang", "expected", "eligible"), PLACE_WORD_CASES)
def test_place_words_do_not_name_the_organisation(
    snapshot: Snapshot, text: str, lang: str, expected: Optional[str], eligible: Any
) -> None:
    result = _check(snapshot, text, lang)
    assert (result.organisation_type, result.eligible) == (expected, eligible)
    if expected is None:  # a business without its legal form: asked, not guessed
        assert result.question and "region" not in (result.label or "")


OWNED_CASES: List[Any] = [
    ("ett bolag som ägs av kommunen", "sv", "municipal_company"),
    ("Vi är ett aktiebolag som ägs av Region Värmland", "sv", "municipal_company"),
    ("ett kommunalt energibolag", "sv", "municipal_company"),
    ("det kommunala bostadsbolaget", "sv", "municipal_company"),
    ("ett kommunagt bolag", "sv", "municipal_company"),
    ("et AS eid av fylkeskommunen", "nb", "municipal_company"),
    (
        "Vi er et reiselivsselskap eid av flere kommuner og hoteller",
        "nb",
        "municipal_company",
    ),
    ("ett bolag som ägs av flera kommuner", "sv", "municipal_company"),
    ("et kommunalt AS", "nb", "municipal_company"),
    ("kommunalt foretak (KF)", "nb", "municipal_company"),
    ("eit kommunalt eigd selskap", "nb", "municipal_company"),
    ("et fylkeskommunalt aksjeselskap", "nb", "municipal_company"),
    ("ett statligt ägt bolag", "sv", "state_owned_company"),
    ("ett bolag som ägs av staten", "sv", "state_owned_company"),
    ("et AS eid av staten", "nb", "state_owned_company"),
    ("et statsforetak", "nb", "state_owned_company"),
    ("Statskog SF", "nb", "state_owned_company"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), OWNED_CASES)
def test_publicly_owned_companies(
    snapshot: Snapshot, text: str, lang: str, expected: str
) -> None:
    result = _check(snapshot, text, lang)
    assert (result.organisation_type, result.eligible) == (expected, True)
    word = {"sv": "offentligt", "nb": "offentlig"}[lang]
    assert any(word in r for r in result.requirements)


# -------------------------------------------------- more kinds of organisations

NEW_VOCABULARY: List[Any] = [
    # local associations in their own words
    ("Me er eit grendalag i Holtålen", "nb", "non_profit_association"),
    ("vi er en frivilligsentral i Elverum", "nb", "non_profit_association"),
    # Innovasjon Norge, Siva, Almi: companies the state owns
    ("Innovasjon Norge", "nb", "state_owned_company"),
    ("vi er fra innovasjon norge", "nb", "state_owned_company"),
    ("Siva", "nb", "state_owned_company"),
    ("Me er eit særlovsselskap", "nb", "state_owned_company"),
    ("saerlovsselskapet", "nb", "state_owned_company"),
    ("Almi Företagspartner", "sv", "state_owned_company"),
    ("ett statligt bolag", "sv", "state_owned_company"),
    ("statligt agt bolag", "sv", "state_owned_company"),
    # NAV and other agencies
    ("NAV", "nb", "national_authority"),
    ("NAV Innlandet", "nb", "national_authority"),
    ("Vi er et NAV-kontor", "nb", "national_authority"),
    ("nav-kontoret i Trysil", "nb", "national_authority"),
    ("navkontoret", "nb", "national_authority"),
    ("Arbeids- og velferdsetaten", "nb", "national_authority"),
    ("Skatteetaten", "nb", "national_authority"),
    ("Norges forskningsråd", "nb", "national_authority"),
    ("Vinnova", "sv", "national_authority"),
    ("Energimyndigheten", "sv", "national_authority"),
    ("lansstyrelsen i Varmland", "sv", "national_authority"),
    ("statsforvaltaren i Trøndelag", "nb", "national_authority"),
    # hospitals and health trusts
    ("sykehuset", "nb", "hospital"),
    ("Sykehuset Innlandet", "nb", "hospital"),
    ("St. Olavs hospital", "nb", "hospital"),
    ("Helse Midt-Norge", "nb", "hospital"),
    ("et helseforetak", "nb", "hospital"),
    ("Me er eit helseføretak", "nb", "hospital"),
    ("sjukehuset i Levanger", "nb", "hospital"),
    ("Sjukhuset i Torsby", "sv", "hospital"),
    ("Centralsjukhuset i Karlstad", "sv", "hospital"),
    ("Östersunds sjukhus", "sv", "hospital"),
    ("lasarettet i Arvika", "sv", "hospital"),
    ("hälsocentralen i Strömsund", "sv", "hospital"),
    ("en vardcentral", "sv", "hospital"),
    ("Norrlands universitetssjukhus", "sv", "hospital"),
    # churches and faith communities
    ("Svenska kyrkan", "sv", "religious_community"),
    ("Svenska kyrkan i Sunne", "sv", "religious_community"),
    ("församlingen", "sv", "religious_community"),
    ("forsamlingen i Malung", "sv", "religious_community"),
    ("Arvika pastorat", "sv", "religious_community"),
    ("vi är en frikyrkoförsamling", "sv", "religious_community"),
    ("ett trossamfund", "sv", "religious_community"),
    ("menigheten", "nb", "religious_community"),
    ("Den norske kirke", "nb", "religious_community"),
    ("Trysil sokn", "nb", "religious_community"),
    ("kyrkjelyden vår", "nb", "religious_community"),
    ("Elverum kirkelige fellesråd", "nb", "religious_community"),
    ("eit trussamfunn", "nb", "religious_community"),
    ("Vi er et trossamfunn", "nb", "religious_community"),
    # clusters
    ("klusterorganisation", "sv", "cluster_organisation"),
    ("Vi är ett kluster inom skogsnäringen", "sv", "cluster_organisation"),
    ("klustret", "sv", "cluster_organisation"),
    ("en klusterorganisation i Värmland", "sv", "cluster_organisation"),
    ("Paper Province, en klusterförening", "sv", "cluster_organisation"),
    ("klyngeorganisasjon", "nb", "cluster_organisation"),
    ("ei næringsklynge", "nb", "cluster_organisation"),
    ("Vi er en klynge", "nb", "cluster_organisation"),
    ("klyngja vår", "nb", "cluster_organisation"),
    ("naeringsklyngen", "nb", "cluster_organisation"),
    # housing associations: economic associations, not non-profits
    ("bostadsrättsförening", "sv", "housing_association"),
    ("BRF Solgläntan", "sv", "housing_association"),
    ("vi är en brf", "sv", "housing_association"),
    ("bostadsrattsforeningen", "sv", "housing_association"),
    ("Bostadsrättsföreningen Ekbacken", "sv", "housing_association"),
    ("borettslaget", "nb", "housing_association"),
    ("Vi er et borettslag", "nb", "housing_association"),
    ("burettslaget vårt", "nb", "housing_association"),
    ("OBOS", "nb", "housing_association"),
    ("boligbyggelaget", "nb", "housing_association"),
    # vocational colleges
    ("yrkeshögskolan", "sv", "vocational_college"),
    ("yrkeshogskola", "sv", "vocational_college"),
    ("en fagskole", "nb", "vocational_college"),
    ("fagskulen", "nb", "vocational_college"),
    ("Fagskolen Innlandet", "nb", "vocational_college"),
    # existing families, more spellings
    ("landstinget", "sv", "region_county"),
    ("Landstinget i Värmland", "sv", "region_county"),
    ("fylkestinget", "nb", "region_county"),
    ("hogskolan i Dalarna", "sv", "university"),
    ("RISE", "sv", "research_institute"),
    ("Nofima", "nb", "research_institute"),
    ("forskingsinstituttet", "nb", "research_institute"),
    ("SINTEF", "nb", "research_institute"),
    ("idrottsforeningen", "sv", "non_profit_association"),
    ("idrettslaget", "nb", "non_profit_association"),
    ("bygdelaget", "nb", "non_profit_association"),
    ("sameföreningen", "sv", "non_profit_association"),
    # trade unions are associations (answers_dev19, blind)
    ("ett fackförbund", "sv", "non_profit_association"),
    ("fackföreningen", "sv", "non_profit_association"),
    ("en fagforening", "nb", "non_profit_association"),
    ("fagforbundet", "nb", "non_profit_association"),
    ("Hembygdsförbundet i Värmland", "sv", "non_profit_association"),
    # more local associations by their own names (compound_dev6, blind)
    ("en idrettskrets", "nb", "non_profit_association"),
    ("eit sogelag i Meldal", "nb", "non_profit_association"),
    ("ein sameforeining på Røros", "nb", "non_profit_association"),
    ("samvirkelaget", "nb", "economic_association"),
    ("stiftinga", "nb", "foundation"),
    ("Fjellmat ASA", "nb", "company"),
    ("Svenssons handelsbolag", "sv", "company"),
    ("Berg og Sønn ANS", "nb", "company"),
    ("Hansen DA", "nb", "company"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), NEW_VOCABULARY)
def test_more_kinds_of_organisations(
    snapshot: Snapshot, text: str, lang: str, expected: str
) -> None:
    result = _check(snapshot, text, lang)
    assert (result.organisation_type, result.eligible) == (expected, True)
    assert result.reasons and result.requirements


def test_new_families_have_enough_phrasings_in_both_languages() -> None:
    cases = [*NEW_VOCABULARY, *OWNED_CASES]
    families = {
        "state_owned_company",
        "national_authority",
        "hospital",
        "religious_community",
        "cluster_organisation",
        "housing_association",
        "municipal_company",
        "vocational_college",
    }
    for family in families:
        phrasings = [c for c in cases if c[2] == family]
        assert len(phrasings) >= 5, family
        assert {c[1] for c in phrasings} == {"sv", "nb"}, family


def test_housing_association_is_not_a_non_profit(snapshot: Snapshot) -> None:
    sv = _check(snapshot, "bostadsrättsföreningen", "sv")
    nb = _check(snapshot, "borettslaget", "nb")
    assert "ekonomisk förening" in sv.reasons[0] and "inte en ideell" in sv.reasons[0]
    assert "samvirkeforetak" in nb.reasons[0] and "ikke en ideell" in nb.reasons[0]
    assert any("driftsstöd" in r for r in sv.requirements)
    assert any("driftsstøtte" in r for r in nb.requirements)


SAMI_CASES: List[Any] = [
    ("sameby", "sv"),
    ("Vi är en sameby", "sv"),
    ("Handöls sameby", "sv"),
    ("en skogssameby i Härjedalen", "sv"),
    ("samebyn i Harjedalen", "sv"),
    ("samebyarna", "sv"),
    ("reinbeitedistrikt", "nb"),
    ("Vi er et reinbeitedistrikt i Trøndelag", "nb"),
    ("reinbeitedistriktet vårt", "nb"),
    ("Me er eit reinbeitedistrikt", "nb"),
    ("siidaen vår", "nb"),
    ("reinbeitedistrikta", "nb"),
]


JOINT_PROPERTY_CASES: List[Any] = [
    ("kan en samfällighetsförening söka stöd?", "sv"),
    ("Vi är en vägförening i Bergs kommun", "sv"),
    ("vår vägsamfällighet vill rusta en led", "sv"),
    ("fiskevårdsområdesföreningen", "sv"),
    ("kan ett fiskevårdsområde söka?", "sv"),
    ("kan et sameie søke?", "nb"),
    ("Vi er et veilag i Trysil", "nb"),
    ("grunneierlaget vårt", "nb"),
    ("Me er eit veglag", "nb"),
]


@pytest.mark.parametrize(
    ("text", "lang", "organisation_type"),
    [(t, lang, "sami_reindeer_herding") for t, lang in SAMI_CASES]
    + [(t, lang, "joint_property_association") for t, lang in JOINT_PROPERTY_CASES],
)
def test_forms_the_pages_do_not_name_go_to_an_adviser(
    snapshot: Snapshot, text: str, lang: str, organisation_type: str
) -> None:
    """The programme's pages name neither samebyar and reinbeitedistrikter nor
    samfällighetsföreningar, sameier and veilag, and each has rules of its own: no
    yes ("en förening" would say "ideell förening, yes"), no no, and no question the
    user cannot answer — the rule and an adviser."""
    result = _check(snapshot, text, lang)
    assert result.eligible is None and result.route
    assert result.organisation_type == organisation_type
    assert result.question is None
    adviser = {"sv": "projektrådgivare", "nb": "prosjektrådgiver"}[lang]
    assert any(adviser in r for r in result.reasons + result.requirements)
    rule = {"sv": "alla typer av organisationer", "nb": "alle typer organisasjoner"}
    assert rule[lang] in result.reasons[0]
    payload = result.payload()
    assert payload["eligible"] is None
    assert payload["organisation_type"] == organisation_type
    org = snapshot.kb.organisation_types[organisation_type]
    assert "isn_nya_projektideer" in org.sources  # "utan att vara partner"


# ------------------------------------------------------ outside the programme area

OUTSIDE_CASES: List[Any] = [
    # (text, lang, organisation type or None for a business without legal form, place)
    ("et aksjeselskap i Bergen", "nb", "company", "Bergen"),
    ("ett universitet i Danmark", "sv", "university", "Danmark"),
    ("en kommun i Skåne", "sv", "municipality", "Skåne"),
    ("ett företag i Stockholm", "sv", None, "Stockholm"),
    ("en bedrift i Oslo", "nb", None, "Oslo"),
    ("Oslo kommune", "nb", "municipality", "Oslo"),
    ("Stockholms universitet", "sv", "university", "Stockholm"),
    ("Region Skåne", "sv", "region_county", "Skåne"),
    ("Universitetet i Bergen", "nb", "university", "Bergen"),
    ("Vi er et AS og holder til i Tromsø", "nb", "company", "Tromsø"),
    ("ett AB i Stokholm", "sv", "company", "Stockholm"),
    ("ett aktiebolag i Uppsala", "sv", "company", "Uppsala"),
    ("Nordland fylkeskommune", "nb", "region_county", "Nordland"),
    ("eit idrettslag i Bodø", "nb", "non_profit_association", "Bodø"),
    ("ein kommune i Vestland", "nb", "municipality", "Vestland"),
    ("ett foretag i Malmo", "sv", None, "Malmö"),
    ("en förening i Finland", "sv", "non_profit_association", "Finland"),
    ("et universitet i København", "nb", "university", "København"),
    ("ett danskt universitet", "sv", "university", "danskt"),
    ("et tysk aksjeselskap", "nb", "company", "tysk"),
    ("en högskola i Gävle", "sv", "university", "Gävle"),
    ("Hallingdal folkehøgskule", "nb", "folk_high_school", "Buskerud"),
    ("en sameby i Norrbotten", "sv", "sami_reindeer_herding", "Norrbotten"),
    ("Lunds universitet", "sv", "university", "Lund"),
    ("Bergens kommune", "nb", "municipality", "Bergen"),
    ("en stiftelse på Åland", "sv", "foundation", "Åland"),
    ("Vi är en förening i Umeå", "sv", "non_profit_association", "Umeå"),
]


@pytest.mark.parametrize(("text", "lang", "expected", "place"), OUTSIDE_CASES)
def test_outside_the_programme_area_is_never_a_plain_yes(
    snapshot: Snapshot, text: str, lang: str, expected: Optional[str], place: str
) -> None:
    result = _check(snapshot, text, lang)
    assert result.eligible is None, f"{text!r} must not come back as eligible"
    assert result.organisation_type == expected
    assert result.outside_area and place in result.outside_area
    outside = snapshot.kb.eligibility.outside_area
    assert outside is not None
    assert outside.rule[lang] in result.reasons
    assert "20 %" in outside.rule[lang] and "IR" in outside.rule[lang]
    assert place in result.reasons[0] or result.reasons[0] == outside.foreign[lang]
    assert not BARE_VERDICT.match(result.reasons[0])
    payload = result.payload()
    _assert_payload(payload, lang)
    assert payload["eligible"] is None
    if expected is not None:  # known type, route to an adviser
        assert result.route and result.question is None
        assert payload["organisation_type"] == expected
        assert result.requirements[0] == outside.requirements[0][lang]
    else:  # still asks for the legal form
        assert result.question and not result.route


INSIDE_CASES: List[Any] = [
    ("ett AB i Karlstad", "sv", "company"),
    ("Karlstads universitet", "sv", "university"),
    ("Bergs kommun", "sv", "municipality"),
    ("Finska föreningen i Torsby", "sv", "non_profit_association"),
    ("et AS i Trysil", "nb", "company"),
    ("Göteborgs universitet", "sv", "university"),
    ("et aksjeselskap i Halden", "nb", "company"),
    ("Region Jämtland Härjedalen", "sv", "region_county"),
    ("Trondheim kommune", "nb", "municipality"),
    ("Vi är ett AB och säljer till Oslo", "sv", "company"),
    ("Vi är en förening. Våra partners sitter i Oslo.", "sv", "non_profit_association"),
    ("Vi har et AS i Elverum og kunder i Bergen", "nb", "company"),
    ("ett AB i Stockholm och Karlstad", "sv", "company"),
    ("Ha det bra! Vi er en forening.", "nb", "non_profit_association"),
    ("Vi vil ha et AS", "nb", "company"),
    ("en förening som vill bo kvar i byn", "sv", "non_profit_association"),
]


@pytest.mark.parametrize(("text", "lang", "expected"), INSIDE_CASES)
def test_places_in_the_area_or_not_the_organisations_keep_the_verdict(
    snapshot: Snapshot, text: str, lang: str, expected: str
) -> None:
    result = _check(snapshot, text, lang)
    assert (result.organisation_type, result.eligible) == (expected, True)
    assert result.outside_area is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("enskild firma i Stockholm", "sv", "sole_proprietorship"),
        ("privatperson i Oslo", "nb", "private_person"),
        ("jeg har et enkeltpersonforetak i Bergen", "nb", "sole_proprietorship"),
    ],
)
def test_a_no_stays_a_no_outside_the_area(
    snapshot: Snapshot, text: str, lang: str, expected: str
) -> None:
    result = _check(snapshot, text, lang)
    assert (result.organisation_type, result.eligible) == (expected, False)


def test_outside_area_rule_is_sourced_to_the_faq(snapshot: Snapshot) -> None:
    outside = snapshot.kb.eligibility.outside_area
    assert outside is not None
    assert "isn_faq" in outside.sources
    assert outside.countries.sv and outside.countries.nb


def test_place_finder_is_injected(snapshot: Snapshot) -> None:
    assert snapshot.eligibility.places is snapshot.places


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "när får vi beskedet då"),
        ("sv", "om vi söker i februari när får vi beskedet då"),
        ("nb", "hva gjør vi da"),
        ("nb", "når får vi svar da"),
    ],
)
def test_då_and_da_in_a_sentence_are_no_legal_form(
    snapshot, lang: str, text: str
) -> None:
    """Norwegian "DA" (a partnership) is written in capitals or after an article;
    the Swedish "då" and Norwegian "da" (then) are not it."""
    assert snapshot.eligibility.check(text, None, lang).label is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är ett litet ab"),
        ("nb", "vi er et da"),
        ("sv", "vi är ab"),
        ("nb", "et nystartet AS"),
    ],
)
def test_a_legal_form_after_an_article_is_still_one(
    snapshot, lang: str, text: str
) -> None:
    assert snapshot.eligibility.check(text, None, lang).organisation_type == "company"


@pytest.mark.parametrize(
    ("lang", "text", "type_id"),
    [
        ("sv", "vi är en förening utan organisationsnummer", "non_profit_association"),
        ("sv", "en oregistrerad idrottsförening", "non_profit_association"),
        ("sv", "ett nätverk av företag utan juridisk form, ett kluster", "cluster_organisation"),
        ("sv", "vi är en informell hembygdsförening", "non_profit_association"),
        ("nb", "vi er et lag uten organisasjonsnummer", "non_profit_association"),
        ("nb", "en uregistrert forening", "non_profit_association"),
        ("nb", "ei klynge uten juridisk enhet", "cluster_organisation"),
        ("nb", "eit idrettslag som ikkje er registrert", "non_profit_association"),
    ],
)  # fmt: skip
def test_an_organisation_without_a_legal_entity_is_routed_to_an_adviser(
    snapshot: Snapshot, lang: str, text: str, type_id: str
) -> None:
    """The programme's pages do not say whether it can apply: no plain yes."""
    result = snapshot.eligibility.check(text, None, lang)
    qualifier = snapshot.kb.eligibility.without_legal_entity
    assert qualifier is not None
    assert result.organisation_type == type_id
    assert result.eligible is None and result.route and result.without_legal_entity
    assert result.reasons == [qualifier.rule[lang]]
    assert result.requirements == [r[lang] for r in qualifier.requirements]
    assert result.payload()["eligible"] is None


@pytest.mark.parametrize(
    ("lang", "text", "eligible"),
    [
        ("sv", "jag är privatperson utan organisationsnummer", False),
        ("nb", "enkeltpersonforetak uten organisasjonsnummer", False),
        ("sv", "vi är en ideell förening med organisationsnummer", True),
        ("nb", "vi er et registrert idrettslag", True),
    ],
)
def test_a_no_stays_a_no_and_a_registered_organisation_keeps_its_yes(
    snapshot: Snapshot, lang: str, text: str, eligible: bool
) -> None:
    result = snapshot.eligibility.check(text, None, lang)
    assert result.eligible is eligible and not result.without_legal_entity


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("vi lager en reiselivsplan for dalen", "nb"),
        ("en ny næringsplan for dalen", "nb"),
        ("vi skriver en idrottsplan för byn", "sv"),
    ],
)
def test_a_compound_ending_in_another_word_is_no_misspelt_name(
    snapshot: Snapshot, text: str, lang: str
) -> None:
    """ "reiselivsplan" is a plan: it shares "reiselivs-" with "reiselivslag" but
    ends in a word of its own, which no typo makes."""
    assert _check(snapshot, text, lang).organisation_type is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("en stiftlese", "sv", "foundation"),
        ("grunskolan i byn", "sv", "primary_school"),
        ("ett forskningsinsitut", "sv", "research_institute"),
        ("kommuen vår", "nb", "municipality"),
    ],
)
def test_a_misspelt_name_is_still_found(
    snapshot: Snapshot, text: str, lang: str, expected: str
) -> None:
    assert _check(snapshot, text, lang).organisation_type == expected
