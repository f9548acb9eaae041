"""Classes of wrong parts in composed replies (issue 13, point 2: "no part answered
wrongly"), found on bench/data/compound_dev2.yml and fixed in general.

Each test holds one class over several phrasings in Swedish and Norwegian (Bokmål,
some Nynorsk), none of them copied from a bench set.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from programme_kb.compose import compose
from programme_kb.service import Snapshot


def _entries(snapshot: Snapshot, text: str, lang: str) -> List[Optional[object]]:
    return [
        p.data.get("entry")
        for p in compose(snapshot, text, lang).parts
        if p.kind in ("answer", "partner", "not_known")
    ]


def _kinds(snapshot: Snapshot, text: str, lang: str) -> List[Tuple[str, object]]:
    return [
        (p.kind, p.data.get("entry"))
        for p in compose(snapshot, text, lang).parts
        if p.kind in ("answer", "not_known")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "vi är en kommun i Torsby. hur mycket pengar finns kvar i programmet?", "remaining_funds"),
        ("nb", "vi er en kommune på Røros. hvor mye penger er det igjen i programmet?", "remaining_funds"),
        ("sv", "vi är en förening i Mora. kan ett projekt omfatta båda delområdena?", "cross_sub_area"),
        ("nb", "vi er en forening i Elverum. kan et prosjekt gå over begge delområdene?", "cross_sub_area"),
        ("sv", "vi är ett AB i Arvika. kan en partner utanför programområdet vara med?", "outside_area_partner"),
        ("nb", "vi er et AS i Tynset. kan en partner utenfor programområdet være med?", "outside_area_partner"),
    ],
)  # fmt: skip
def test_a_question_holding_area_words_is_answered_when_it_asks_something_else(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """ "i programmet", "programområdet", "delområdena" in a question that asks about
    money left, partners outside or a project over both sub-areas: the place part
    does not answer it, so it is not skipped as "is our place in the area"."""
    assert entry in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är en förening i Sundsvall, ingår vi i programområdet?"),
        ("nb", "vi er et idrettslag i Levanger, er vi med i programområdet?"),
        ("sv", "vi är en förening i Gävle, vi ligger väl inte i området?"),
        ("nb", "vi er en forening i Drammen, vi er vel ikke innenfor området?"),
        ("nb", "vi er eit idrettslag på Oppdal, er vi med i programområdet?"),
    ],
)
def test_a_place_question_is_answered_by_the_place_part_alone(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "ingår vi i programområdet?" is answered by the place part; no FAQ list of
    regions and no "I cannot say" beside it."""
    parts = compose(snapshot, text, lang).parts
    assert [p.kind for p in parts if p.kind == "place"] == ["place"]
    assert _kinds(snapshot, text, lang) == []
