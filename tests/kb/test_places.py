"""Is a place in the programme area? Towns, municipalities, counties, old names, typos."""

from __future__ import annotations

from typing import Any, Dict, List, Set, Union

import pytest

from programme_kb.places import PlaceResult
from programme_kb.service import Snapshot

InProgramme = Union[bool, str]

# (query, region id of the (first) match, in_programme)
CASES: List[Any] = [
    # in the programme, Swedish side
    ("Karlstad", "varmland", True),
    ("Östersund", "jamtland_harjedalen", True),
    ("Mora", "dalarna", True),
    ("Sundsvall", "vasternorrland", True),
    ("Härnösand", "vasternorrland", True),
    ("Åre", "jamtland_harjedalen", True),
    ("Sälen", "dalarna", True),
    ("Mosjøen", "nordland", False),
    ("Mo i Rana", "nordland", False),
    ("Storlien", "jamtland_harjedalen", True),
    ("vi ligger i Arvika", "varmland", True),
    ("Dalarna", "dalarna", True),
    ("Västernorrland", "vasternorrland", True),
    # in the programme, Norwegian side
    ("Kongsvinger", "innlandet", True),
    ("Lillehammer", "innlandet", True),
    ("Hamar kommune", "innlandet", True),
    ("Vi holder til i Elverum", "innlandet", True),
    ("Trondheim", "trondelag", True),
    ("Røros", "trondelag", True),
    ("Stjørdal", "trondelag", True),
    ("Orkdal", "trondelag", True),  # merged into Orkland in 2020
    ("Innlandet", "innlandet", True),
    ("Trøndelag", "trondelag", True),
    # partly in the programme
    ("Göteborg", "vastra_gotaland", "partly"),
    ("Västra Götaland", "vastra_gotaland", "partly"),
    ("Halden", "ostfold", "partly"),
    ("Sarpsborg", "ostfold", "partly"),
    ("Askim", "ostfold", "partly"),
    ("Østfold", "ostfold", "partly"),
    ("Akershus", "akershus", "partly"),
    ("Bærum", "akershus", "partly"),
    ("Jevnaker", "akershus", "partly"),
    # outside
    ("Drammen", "buskerud", False),
    ("Buskerud", "buskerud", False),
    ("Oslo", "oslo", False),
    ("Bergen", "vestland", False),
    ("Stockholm", "stockholm", False),
    ("Malmö", "skane", False),
    ("Umeå", "vasterbotten", False),
    ("Troms", "troms", False),
    # old names and former counties
    ("Viken", "viken", "partly"),
    ("Hedmark", "hedmark", True),
    ("Hedmark fylke", "hedmark", True),
    ("Oppland", "oppland", "partly"),
    ("Sør-Trøndelag", "sor_trondelag", True),
    ("Nord-Trøndelag", "nord_trondelag", True),
    ("Jämtlands län", "jamtland_harjedalen", True),
    ("Region Jämtland Härjedalen", "jamtland_harjedalen", True),
    ("Z-län", "jamtland_harjedalen", True),
    ("Troms og Finnmark", "troms_og_finnmark", False),
    # missing diacritics
    ("Ostersund", "jamtland_harjedalen", True),
    ("Trondelag", "trondelag", True),
    ("Tröndelag", "trondelag", True),
    ("Sor-Trondelag", "sor_trondelag", True),
    ("z-lan", "jamtland_harjedalen", True),
    ("Are", "jamtland_harjedalen", True),
    ("Roros", "trondelag", True),
    ("Ostfold", "ostfold", "partly"),
    ("Vastra Gotaland", "vastra_gotaland", "partly"),
    ("Gjövik", "innlandet", True),
    ("Stjordal", "trondelag", True),
    # misspellings
    ("Östersnud", "jamtland_harjedalen", True),
    ("Kongsvinnger", "innlandet", True),
    ("Lillehamer", "innlandet", True),
    ("Trondhiem", "trondelag", True),
    ("Karlstadt", "varmland", True),
    ("Elvrum", "innlandet", True),
    ("Vermland", "varmland", True),
    ("Jemtland", "jamtland_harjedalen", True),
    ("Drammn", "buskerud", False),
]


@pytest.mark.parametrize(("query", "region", "in_programme"), CASES)
@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_place(
    snapshot: Snapshot, query: str, region: str, in_programme: InProgramme, lang: str
) -> None:
    result = snapshot.places.find(query, lang)
    assert result.matches, f"{query!r}: no match ({result.reason})"
    first = result.matches[0]
    assert (first.region_id, first.in_programme) == (region, in_programme), [
        m.as_dict() for m in result.matches
    ]
    assert {m.region_id for m in result.matches} == {region}, "one place, one region"
    assert result.reason is None
    assert first.note == snapshot.kb.regions[region].note[lang]


FORMER: Dict[str, Set[str]] = {
    "Viken": {"akershus", "buskerud", "ostfold"},
    "Hedmark": {"innlandet"},
    "Oppland": {"innlandet", "akershus"},
    "Sør-Trøndelag": {"trondelag"},
}


@pytest.mark.parametrize(("query", "successors"), sorted(FORMER.items()))
def test_former_county_answers_through_its_successors(
    snapshot: Snapshot, query: str, successors: Set[str]
) -> None:
    match = snapshot.places.find(query, "sv").matches[0]
    assert match.status == "former"
    assert set(match.successors) == successors


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_viken_note_mentions_the_split(snapshot: Snapshot, lang: str) -> None:
    note = snapshot.places.find("Viken", lang).matches[0].note
    assert (
        "2024" in note
        and "Buskerud" in note
        and "Akershus" in note
        and "Østfold" in note
    )


@pytest.mark.parametrize(
    "query", ["Våler", "Valer", "Vi er fra Våler", "våler kommune"]
)
def test_name_in_two_counties_gives_both(snapshot: Snapshot, query: str) -> None:
    result = snapshot.places.find(query, "nb")
    assert {m.region_id for m in result.matches} == {"innlandet", "ostfold"}
    assert {m.in_programme for m in result.matches} == {True, "partly"}
    assert result.ambiguous
    assert all(m.kind == "municipality" and m.name == "Våler" for m in result.matches)


def test_unambiguous_place_is_not_ambiguous(snapshot: Snapshot) -> None:
    assert not snapshot.places.find("Kongsvinger", "nb").ambiguous


def test_misspelt_region_gives_one_match(snapshot: Snapshot) -> None:
    result = snapshot.places.find("Innlandett", "nb")
    assert len(result.matches) == 1


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("Atlantis", "unknown"),
        ("Paris", "unknown"),
        ("xyz", "unknown"),
        ("Sverige", "unknown"),
        ("Norge", "unknown"),
        ("", "empty"),
        ("   ", "empty"),
        ("🙂", "empty"),
        ("!!!", "empty"),
        ("<b></b>", "empty"),
    ],
)
@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_unknown_or_empty(
    snapshot: Snapshot, query: str, reason: str, lang: str
) -> None:
    result = snapshot.places.find(query, lang)
    assert result.matches == []
    assert result.reason == reason
    payload = result.payload()
    assert payload["matches"] == [] and payload["reason"] == reason


def test_long_input_is_handled(snapshot: Snapshot) -> None:
    result = snapshot.places.find("x" * 20_000, "sv")
    assert result.matches == [] and result.reason == "unknown"
    long_sentence = snapshot.places.find("Vi bor nära gränsen i Karlstad. " * 700, "sv")
    assert [m.region_id for m in long_sentence.matches] == ["varmland"]


def test_payload_shape(snapshot: Snapshot) -> None:
    result: PlaceResult = snapshot.places.find("Våler", "nb")
    payload = result.payload()
    assert set(payload) == {"type", "language", "query", "matches", "reason"}
    assert (
        payload["type"] == "place"
        and payload["language"] == "nb"
        and payload["query"] == "Våler"
    )
    matches = payload["matches"]
    assert isinstance(matches, list) and len(matches) == 2
    for match in matches:
        assert set(match) == {
            "name",
            "kind",
            "region",
            "region_name",
            "country",
            "status",
            "in_programme",
            "note",
            "sub_area",
            "successors",
        }
        assert match["country"] in ("SE", "NO")
        assert match["in_programme"] in (True, False, "partly")
        assert match["kind"] in ("region", "municipality")
        assert isinstance(match["successors"], list)


@pytest.mark.parametrize(
    ("query", "sub_area"),
    [
        ("Östersund", "nordens_grona_balte"),
        ("Trondheim", "nordens_grona_balte"),
        ("Karlstad", "centrala_skandinavien"),
        ("Kongsvinger", "centrala_skandinavien"),
        ("Halden", "centrala_skandinavien"),
        ("Drammen", None),
    ],
)
def test_sub_area(snapshot: Snapshot, query: str, sub_area: str) -> None:
    assert snapshot.places.find(query, "sv").matches[0].sub_area == sub_area


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("sv", "Sveg?", "sveg"),
        ("nb", "Holtålen?", "Holtålen"),
        ("sv", "mora, inom området?", "Mora"),
        ("sv", "Torsby kommun?", "Torsby"),
        ("nb", "er Kongsberg med?", "Kongsberg"),
        ("nb", "Oslo?", "Oslo"),
        ("sv", "Mora, ingår den?", "Mora"),
        ("sv", "hej", None),
        ("nb", "ok", None),
        ("sv", "kommun", None),
        ("sv", "vi är en kommun i Mora och vill söka", None),
        ("nb", "Trysil turistkontor?", None),
        ("sv", "Östersund, hur söker vi?", None),
    ],
)
def test_a_message_that_only_names_a_place(
    snapshot: Snapshot, lang: str, text: str, name: object
) -> None:
    """ "Sveg?" asks whether Sveg is in the area; "Östersund, hur söker vi?" asks
    something more, and is left to the rest of the assistant."""
    found = snapshot.places.only_a_place(text, lang)
    if name is None:
        assert found is None
    else:
        assert found is not None and found.matches[0].name == name


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("kan et AS være med?", None),
        ("vi er et lite as i trondheim", "Trondheim"),
        ("kan vi ha med en partner?", None),
        ("vi holder til i Ås", "Ås"),
        ("Are", "Åre"),
    ],
)
def test_a_company_form_or_a_word_is_no_place_written_with_marks(
    snapshot: Snapshot, text: str, found: object
) -> None:
    """ "Ås" folded is "as", the company form, and "Hå" is "ha": such names count
    only written with their marks; "Are" is still Åre."""
    matches = snapshot.places.find(text, "nb").matches
    assert (matches[0].name if matches else None) == found
