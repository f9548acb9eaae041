"""Precedent evidence: which words of funded projects' descriptions count.

A word that many descriptions share is no evidence when they span most focus areas
("prosjekt"), but it is when they belong to one area: the programme funding many
culture projects must not make "kultur" stop pointing at 3C.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from programme_kb.kb import load
from programme_kb.precedents import COMMON_SHARE, PrecedentIndex
from programme_kb.service import Snapshot

MANY_CULTURE_PROJECTS = {
    "sv": "Kulturlivet och kulturarvet i gränsbygden ska nå fler, projekt nummer {i}.",
    "nb": "Kulturlivet og kulturarven i grensebygda skal nå flere, prosjekt nummer {i}.",
}
ADDED = 20
TEXT = {
    "sv": "museerna och kulturarrangemangen ska bli digitalt tillgängliga",
    "nb": "museene og kulturarrangementene skal bli mer digitalt tilgjengelige",
}


def _with_culture_projects(data: Path, lang: str, count: int) -> None:
    entries = "".join(
        f"""
  - id: test_culture_{i}
    name: "Kultur {i}"
    sub_area: centrala_skandinavien
    focus_area: "3C"
    focus_area_basis: inferred
    language: {lang}
    description: "{MANY_CULTURE_PROJECTS[lang].format(i=i)}"
    url: "https://example.org/kultur-{i}"
    as_of: 2026-12-06
"""
        for i in range(count)
    )
    path = data / "projects.yml"
    path.write_text(path.read_text(encoding="utf-8") + entries, encoding="utf-8")


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_a_word_frequent_in_one_area_stays_evidence_for_it(
    snapshot: Snapshot, data_copy: Path, lang: str
) -> None:
    _with_culture_projects(data_copy, lang, ADDED)
    kb = load(data_copy)
    index = PrecedentIndex(kb, snapshot.focus.analyzer)
    # the descriptions indexed: the projects', and each area's aim and examples
    described = len(kb.projects) + sum(
        2 * (1 + len(area.examples)) for area in kb.areas.values()
    )
    assert COMMON_SHARE * described < ADDED, "the culture words must be common"
    found = index.area_evidence(TEXT[lang], lang)
    best = max(found.items(), key=lambda item: item[1].score)
    assert best[0] == "3C", found
    assert any(w.lower().startswith("kultur") for w in best[1].shared)


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_a_word_shared_by_most_areas_is_no_evidence(
    snapshot: Snapshot, lang: str
) -> None:
    text = {
        "sv": "projektet projekten projekt",
        "nb": "prosjektet prosjektene prosjekt",
    }
    index = PrecedentIndex(snapshot.kb, snapshot.focus.analyzer)
    found = index.area_evidence(text[lang], lang)
    assert found == {}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vill ordna ett gemensamt evenemang med ett lag i Røros"),
        ("nb", "vil gjerne samarbeide med en svensk kommune om felles tiltak i Arvika"),
        ("sv", "ett gränsöverskridande samarbete mellan Torsby och Trysil"),
        ("nb", "et grenseoverskridende samarbeid sammen med Åre og Meråker"),
        ("sv", "ett samarbete på båda sidor om gränsen, över gränsen till andra sidan"),
        (
            "nb",
            "vi vil gjøre noe på begge sider av grensen, over grensa til den andre siden",
        ),
        ("nb", "noko på begge sider av grensa, på andre sida"),
    ],
)
def test_places_and_working_together_are_no_evidence(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Every project works together across the border, and a place says where a
    funded project was, not what it did: "ett gemensamt … i Røros" and "på båda
    sidor om gränsen" are no topic."""
    index = PrecedentIndex(snapshot.kb, snapshot.focus.analyzer)
    assert index.area_evidence(text, lang) == {}
