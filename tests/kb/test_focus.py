"""Focus-area matching on applicant-style project descriptions (sv and nb).

The descriptions are written for these tests: everyday wording, typos, missing
diacritics, Nynorsk, compounds ("skogsbrandsberedskap", "reiselivsstrategi").
"""

from __future__ import annotations

import time
from typing import Any, Dict, List, Optional

import pytest

from programme_kb.focus import FocusResult
from programme_kb.models import AREA_CODES
from programme_kb.service import Snapshot

# (expected code, language, description): the expected area must be among the top 3.
TOP3_CASES = [
    # 1A innovation, research
    (
        "1A",
        "sv",
        "Vi vill bygga en testbädd för vätgasdrivna arbetsfordon tillsammans med högskolan",
    ),
    (
        "1A",
        "nb",
        "Samarbeid mellom sykehus og forskere om velferdsteknologi og telemedisin for eldre",
    ),
    (
        "1A",
        "sv",
        "utveckla prototyp for solceller och energilagring pa fjallgardar, med forskare fran universitetet",
    ),
    (
        "1A",
        "nb",
        "innovasjonsprosjekt med kunstig intelligens og droner i helsetjenesten",
    ),
    ("1A", "sv", "forsknig och inovation kring nya material"),  # typos
    # 1B SMEs
    (
        "1B",
        "nb",
        "Vi skal bygge en næringsklynge for treindustrien og hjelpe småbedrifter med eksport til Sverige",
    ),
    (
        "1B",
        "sv",
        "Nätverk för smaföretagare och gründare inom livsmedelsproduktion som vill hitta nya marknader",
    ),
    (
        "1B",
        "sv",
        "affärsutveckling och digitalisering för lantbrukare som säljer direkt till kunder",
    ),
    ("1B", "nb", "gründere og oppstartsbedrifter som vil inn på nye markeder"),
    ("1B", "sv", "Vi vill hjälpa små företag att exportera sina produkter"),
    # 2A climate and environment
    ("2A", "sv", "Vi vill ta fram en gemensam skogsbrandsberedskap för gränsområdet"),
    (
        "2A",
        "nb",
        "Kartlegge flomrisiko og jordskred langs vassdraget på begge sider av riksgrensen",
    ),
    ("2A", "sv", "klimatanpassning och skydd av vatmarker och biologisk mangfald"),
    ("2A", "nb", "beredskap mot skogbrannar og flaum"),  # Nynorsk
    ("2A", "sv", "Hur påverkar snösmältning och erosion våra vattendrag?"),
    # 2B circular economy
    ("2B", "nb", "Ombruk av byggematerialer og mindre byggavfall i kommunene"),
    (
        "2B",
        "sv",
        "Vi vill minska matsvinnet i restauranger och utveckla cirkulära affärsmodeller",
    ),
    ("2B", "nb", "sirkular okonomi og gjenbruk av tekstiler i bruktbutikker"),
    ("2B", "sv", "återvinning av plast och textil, hållbar konsumtion"),
    (
        "2B",
        "nb",
        "Vi vil lage et system for utleie og deling av verktøy i stedet for å kjøpe nytt",
    ),
    # 3A labour market
    (
        "3A",
        "sv",
        "Gränspendlare behöver hjälp med skatteregler och socialförsäkring när de jobbar i Norge",
    ),
    (
        "3A",
        "nb",
        "Arbeidsledige ungdommer og innvandrere skal få arbeidstrening hos bedrifter i Sverige",
    ),
    (
        "3A",
        "sv",
        "rekrytering av arbetskraft och validering av yrkeskompetens for nyanlanda",
    ),
    ("3A", "nb", "grensependling og rekruttering av fagarbeidere til industrien"),
    (
        "3A",
        "sv",
        "en gemensam arbetsmarkand och fler jobb over gransen",
    ),  # typo, no diacritics
    # 3B education
    ("3B", "nb", "Felles nettbasert utdanning for lærere ved videregående skoler"),
    (
        "3B",
        "sv",
        "Distansundervisning och ett gemensamt masterprogram mellan högskolorna",
    ),
    ("3B", "nb", "Elevutveksling og yrkesfag på tvers av grensa, med lærlingordning"),
    ("3B", "sv", "vuxenutbildning och modersmalsundervisning for invandrare"),
    ("3B", "nb", "Me vil lage eit felles studietilbod for vaksne på nett"),  # Nynorsk
    # 3C culture and tourism
    ("3C", "nb", "Vi lager en felles reiselivsstrategi for fjellområdene"),
    ("3C", "sv", "En musikfestival och vandringsleder som lockar turister till byn"),
    (
        "3C",
        "sv",
        "Naturturism och gemensam marknadsföring av pilgrimsleden St. Olavsleden",
    ),
    ("3C", "nb", "Kompetanseutvikling for guider og håndverkere i reiselivet"),
    ("3C", "sv", "Vi vill minska slitaget på vandringslederna som turismen orsakar"),
    ("3C", "nb", "turisim og opplevelser for tilreisende"),  # typo
    # 4A local community development
    (
        "4A",
        "sv",
        "Ta bort gränshinder för invånarna och förbättra kollektivtrafiken över gränsen",
    ),
    (
        "4A",
        "nb",
        "Folk-til-folk-samarbeid mellom idrettslag og lag og foreninger i nabokommunene",
    ),
    ("4A", "sv", "landsbygdsutveckling, bredband och offentlig service i sma byar"),
    (
        "4A",
        "nb",
        "fjerne grensehindringer og bedre offentlige tjenester for innbyggerne i bygdene",
    ),
    (
        "4A",
        "nb",
        "Me vil styrke fellesskapet i bygdene og samarbeidet mellom kommunane",
    ),  # Nynorsk
    # single compounds
    ("2A", "sv", "skogsbrandsberedskap"),
    ("3C", "nb", "reiselivsstrategi"),
]

# Very clear descriptions: the expected area must come first.
TOP1_CASES = [
    (
        "1A",
        "nb",
        "forskningsprosjekt om hydrogen og batterier sammen med universitetet",
    ),
    ("1B", "sv", "ett kluster för små och medelstora företag inom träindustrin"),
    ("2A", "sv", "skogsbrandsberedskap och översvämningar i ett förändrat klimat"),
    ("2B", "nb", "sirkulær økonomi med gjenbruk og mindre avfall"),
    ("3A", "nb", "et felles arbeidsmarked for grensependlere og arbeidssøkende"),
    ("3B", "sv", "distansundervisning och elevutbyte mellan gymnasieskolor"),
    ("3C", "nb", "reiselivsstrategi og markedsføring av destinasjonen for turister"),
    ("4A", "sv", "folk-till-folk-samarbete och offentlig service i glesbygden"),
]

# A description may fit two areas; both should be offered.
MULTI_CASES = [
    (
        {"2B", "3B"},
        "sv",
        "Utbildningsprogram i cirkulär ekonomi för yrkesskolor på båda sidor gränsen",
    ),
    (
        {"1A", "4A"},
        "nb",
        "Innovative løsninger for energisystemer og kollektivtransport i grensekommunene",
    ),
]


def _codes(result: FocusResult) -> List[str]:
    return [item.code for item in result.items]


@pytest.mark.parametrize(("code", "lang", "text"), TOP3_CASES)
def test_expected_area_in_top3(
    snapshot: Snapshot, code: str, lang: str, text: str
) -> None:
    result = snapshot.focus.rank(text, lang)
    assert code in _codes(result)[:3], f"{text!r} → {_codes(result)}"


@pytest.mark.parametrize(("code", "lang", "text"), TOP1_CASES)
def test_clear_case_is_top1(
    snapshot: Snapshot, code: str, lang: str, text: str
) -> None:
    result = snapshot.focus.rank(text, lang)
    assert _codes(result)[:1] == [code], f"{text!r} → {_codes(result)}"


@pytest.mark.parametrize(("codes", "lang", "text"), MULTI_CASES)
def test_two_fitting_areas_are_both_offered(
    snapshot: Snapshot, codes: set, lang: str, text: str
) -> None:
    assert codes <= set(_codes(snapshot.focus.rank(text, lang)))


def test_at_least_three_cases_per_area() -> None:
    per_area: Dict[str, int] = {}
    for code, _, _ in TOP3_CASES:
        per_area[code] = per_area.get(code, 0) + 1
    assert set(per_area) == set(AREA_CODES)
    assert min(per_area.values()) >= 3
    assert {lang for _, lang, _ in TOP3_CASES} == {"sv", "nb"}


# ------------------------------------------------------------------- payload shape


def _assert_payload(payload: Dict[str, Any], lang: str, k: int = 3) -> None:
    assert set(payload) == {"type", "language", "items"}
    assert payload["type"] == "focus_areas"
    assert payload["language"] == lang
    items = payload["items"]
    assert isinstance(items, list) and len(items) <= min(k, 3)
    for item in items:
        assert set(item) == {"code", "title", "score", "strength", "why", "summary"}
        assert item["strength"] in ("strong", "clear", "weak")
        assert item["code"] in AREA_CODES
        assert isinstance(item["title"], str) and item["title"].strip()
        assert isinstance(item["score"], float) and 0.0 <= item["score"] <= 1.0
        assert isinstance(item["why"], list) and item["why"]
        assert all(isinstance(w, str) and w.strip() for w in item["why"])
        assert isinstance(item["summary"], str) and item["summary"].strip()
    scores = [item["score"] for item in items]
    assert scores == sorted(scores, reverse=True), "items must be best first"
    assert len({item["code"] for item in items}) == len(items), "an area twice"


@pytest.mark.parametrize(("code", "lang", "text"), TOP3_CASES[::4])
def test_payload_shape(snapshot: Snapshot, code: str, lang: str, text: str) -> None:
    payload = snapshot.focus.rank(text, lang).payload()
    _assert_payload(payload, lang)
    assert payload["items"], text


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_titles_and_summaries_follow_the_language(
    snapshot: Snapshot, lang: str
) -> None:
    kb = snapshot.kb
    payload = snapshot.focus.rank(
        "skogsbrand turism arbetsmarknad utbildning kluster", lang
    ).payload()
    items = payload["items"]
    assert isinstance(items, list) and items
    for item in items:
        area = kb.areas[item["code"]]
        assert item["title"] == area.title[lang]
        assert item["summary"] == area.aim[lang]


def test_unknown_language_falls_back_to_swedish(snapshot: Snapshot) -> None:
    result = snapshot.focus.rank("skogsbrand", "en")
    assert result.language == "sv" and result.payload()["language"] == "sv"


@pytest.mark.parametrize("k", [0, 1, 2, 3, 5, 8])
def test_never_more_than_k_items(snapshot: Snapshot, k: int) -> None:
    text = "skogsbrand turism arbetsmarknad utbildning återvinning kluster innovation gränshinder"
    items = snapshot.focus.rank(text, "sv", k=k).items
    assert len(items) == min(k, 8)
    assert len({i.code for i in items}) == len(items)


def test_default_k_is_three(snapshot: Snapshot) -> None:
    text = "skogsbrand turism arbetsmarknad utbildning återvinning kluster innovation gränshinder"
    assert len(snapshot.focus.rank(text, "nb").items) == 3


# ---------------------------------------------------------------------- bad input

LONG_TEXT = (
    "Vi vill samarbeta över gränsen om turism, utbildning och skogsbrand. " * 400
)[:20_000]

BAD_INPUTS: List[tuple] = [
    ("", "empty"),
    ("   ", "empty"),
    ("\n\t  \n", "empty"),
    ("🙂🚀🌲", "no_terms"),
    ("<script>alert(1)</script>", "no_terms"),
    ("'; DROP TABLE focus_areas; --", "no_terms"),
    ("SELECT * FROM areas WHERE 1=1", "no_terms"),
    ("1234 5678 !!!", "no_terms"),
    ("The quick brown fox jumps over the lazy dog", None),
    ("We want to build a joint research centre for hydrogen", None),
    (LONG_TEXT, None),
]


@pytest.mark.parametrize(("text", "reason"), BAD_INPUTS)
@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_bad_input_never_raises(
    snapshot: Snapshot, text: str, reason: Optional[str], lang: str
) -> None:
    started = time.perf_counter()
    result = snapshot.focus.rank(text, lang)
    assert time.perf_counter() - started < 5.0
    _assert_payload(result.payload(), lang)
    if reason is not None:
        assert result.items == []
        assert result.reason == reason
    if result.items:
        assert result.reason is None
    else:
        assert result.reason in ("empty", "no_terms")


@pytest.mark.parametrize("reason", ["empty", "no_terms"])
@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_empty_reasons_have_a_message(
    snapshot: Snapshot, reason: str, lang: str
) -> None:
    message = snapshot.kb.message(f"focus_{reason}", lang)
    other = snapshot.kb.message(f"focus_{reason}", "nb" if lang == "sv" else "sv")
    assert message.strip() and message != other


def test_long_text_is_handled_and_still_matched(snapshot: Snapshot) -> None:
    assert len(LONG_TEXT) == 20_000
    result = snapshot.focus.rank(LONG_TEXT, "sv")
    assert {"2A", "3B", "3C"} & set(_codes(result))


def test_one_long_token_is_fast(snapshot: Snapshot) -> None:
    started = time.perf_counter()
    result = snapshot.focus.rank("x" * 1_000, "sv")
    elapsed = time.perf_counter() - started
    assert result.items == []
    assert elapsed < 0.2, f"{elapsed:.2f} s for one 1 000-character token"


@pytest.mark.parametrize(("code", "lang", "text"), TOP3_CASES)
def test_matched_terms_are_shown_in_the_reply_language(
    snapshot: Snapshot, code: str, lang: str, text: str
) -> None:
    """A Norwegian answer never says "på grunn av: ungdomar" (nor the reverse)."""
    foreign_letters = "äö" if lang == "nb" else "æø"
    for item in snapshot.focus.rank(text, lang).items:
        shown = " ".join(item.why).lower()
        assert not any(c in shown for c in foreign_letters), (item.code, item.why)


@pytest.mark.parametrize(
    ("lang", "text", "term"),
    [
        (
            "sv",
            "Vi vill ställa krav på återbruk vid offentlig upphandling",
            "offentlig upphandling",
        ),
        (
            "nb",
            "Vi vil stille krav om ombruk ved offentlige anskaffelser",
            "offentlige anskaffelser",
        ),
    ],
)
def test_a_word_inside_a_matched_phrase_is_not_counted_again(
    snapshot: Snapshot, lang: str, text: str, term: str
) -> None:
    """'upphandling' in 'offentlig upphandling' is one piece of 2B evidence, not two:
    counted twice, one phrase outweighed a project's other words (Gränsens smaker)."""
    result = snapshot.focus.rank(text, lang)
    top = result.items[0]
    assert top.code == "2B"
    assert term in top.why
    single = term.split()[-1]
    assert single not in top.why
    alone = snapshot.focus.rank(term, lang).items[0]
    assert alone.code == "2B" and alone.why == [term]


@pytest.mark.parametrize(
    ("lang", "text", "term", "word"),
    [
        ("sv", "vi vill arbeta för biologisk mångfald i fjällen", "biologisk mångfald", "mångfald"),
        ("nb", "vi vil verne biologisk mangfold i fjellet", "biologisk mangfold", "mangfold"),
    ],
)  # fmt: skip
def test_a_word_inside_a_matched_phrase_is_no_evidence_for_another_area(
    snapshot: Snapshot, lang: str, text: str, term: str, word: str
) -> None:
    """ "mångfald" in "biologisk mångfald" means biodiversity (2A), not the diversity
    of a workforce (3A): the phrase's words vote only through the phrase, so one
    phrase gives no stray one-word suggestion for another area."""
    result = snapshot.focus.rank(text, lang)
    assert result.items[0].code == "2A" and term in result.items[0].why
    assert all(word not in m.why for m in result.items)


@pytest.mark.parametrize(
    ("lang", "text", "code", "term"),
    [
        ("nb", "et prosjekt om bærekraftig skogbruk", "2A", "skog"),
        ("sv", "en gemensam turistkarta för gränsområdet", "3C", "turist"),
        ("nb", "felles turistkart for grenseområdet", "3C", "turist"),
        ("sv", "vi vill stärka skogsbruket i gränstrakterna", "2A", "skog"),
    ],
)
def test_a_known_compound_counts_by_its_first_part(
    snapshot: Snapshot, lang: str, text: str, code: str, term: str
) -> None:
    """ "skogbruk" is in the lemma tables, yet what it is about is "skog"."""
    result = snapshot.focus.rank(text, lang, 3)
    assert result.items and result.items[0].code == code
    assert any(term in w for w in result.items[0].why)


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "samarbete"), ("nb", "samarbeid"), ("sv", "projektledare")],
)
def test_a_compound_is_never_read_by_its_last_part(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert snapshot.focus.rank(text, lang, 3).items == []


@pytest.mark.parametrize(
    ("lang", "text", "code"),
    [
        ("sv", "vi vill anlägga en cykelled från Värmland till Oslo", "3C"),
        ("nb", "vi vil lage en sykkelrute over grensa for turister", "3C"),
        ("sv", "vi vill ordna ett gemensamt skidlopp med ett lag i Røros", "3C"),
        ("nb", "et felles skirenn mellom Trysil og Sälen", "3C"),
        ("sv", "vi vill göra ett utbyte inom folkdans", "3C"),
        ("nb", "vi vil jobbe med felles planer for sentrumsutvikling", "4A"),
        ("sv", "centrumutveckling i två gränskommuner", "4A"),
        ("sv", "hålla kvar service i byarna ihop med ett grendelag", "4A"),
        ("nb", "felles tiltak mot forsøpling i Oslofjorden og Kosterhavet", "2A"),
        ("sv", "vi vill minska nedskräpningen längs kusten", "2A"),
        ("sv", "vi vill hitta folk som vill flytta hit och jobba", "3A"),
        ("nb", "det mangler snekker på begge sider av grensen", "3A"),
        ("nb", "vi vil bruke restmaterialer på nye måter", "2B"),
        ("sv", "vi vill ta vara på restmaterial och göra nya produkter av det", "2B"),
        ("sv", "vi vill ta bort gränshindren för idrottsföreningar", "4A"),
        ("sv", "kartlägga gränshindret för tandvården", "4A"),
        ("nb", "vi vil fjerne grensehindrene i helsevesenet", "4A"),
        ("nb", "grensehindre for tannhelse", "4A"),
        ("nb", "vi vil lage sykkelturer mellom fjellbygdene", "3C"),
        ("sv", "vi vill rusta upp en skoterled mellan byarna", "3C"),
        ("nb", "lokalhistorie og en felles bildebase", "3C"),
        ("sv", "bättre service så att unga familjer vill bo kvar", "4A"),
        ("nb", "vi vil få unge familier til å bosette seg her", "4A"),
        ("sv", "ungdomsläger där barnen får lära känna varandra", "4A"),
        ("sv", "göra djurfoder av mäsken från bryggeriet", "2B"),
        ("nb", "bruke mesken fra ølbryggingen som dyrefôr", "2B"),
        ("sv", "digitalisera museets fotosamlingar", "3C"),
        ("nb", "gjøre bildesamlingene til museet tilgjengelige på nett", "3C"),
    ],
)
def test_everyday_ideas_find_their_area(
    snapshot: Snapshot, lang: str, text: str, code: str
) -> None:
    """Ideas in the words applicants use (compound_dev4, written blind)."""
    items = snapshot.focus.rank(text, lang).items
    assert items and items[0].code == code, items


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi vill jobba ihop med en förening om att hålla kvar service i byarna"),
        ("nb", "vi vil jobbe sammen med en kommune om sentrumsutvikling"),
    ],
)
def test_working_on_something_is_no_labour_market(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "jobba med / jobbe med" is working on an idea, not the labour market."""
    items = snapshot.focus.rank(text, lang).items
    assert items and items[0].code != "3A", items
