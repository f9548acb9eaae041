"""Other funding programmes are recognised by name, never confused with ours."""

from __future__ import annotations

from typing import Optional

import pytest

from programme_kb.scope import other_programme
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("när är nästa deadline i interreg aurora", "Interreg Aurora"),
        ("Når åpner INTERREG AURORA neste gang?", "Interreg Aurora"),
        ("kan vi söka från Horisont Europa i stället", "Horisont Europa"),
        ("er det noen frist for erasmus+ for videregående skoler", "Erasmus+"),
        ("hvordan søker jeg regionale utviklingsmidler", "regionale utviklingsmidler"),
        ("vad gäller för öresund-kattegat-skagerrak", "Öresund-Kattegat-Skagerrak"),
        ("när är nästa utlysning", None),
        ("Interreg Sverige–Norge: kan vi söka?", None),
        ("vi jobbar med norrsken (aurora) och turism", None),
        ("", None),
    ],
)
def test_other_programme(snapshot: Snapshot, text: str, name: Optional[str]) -> None:
    assert other_programme(snapshot.kb, text) == name


def test_long_input_is_cheap(snapshot: Snapshot) -> None:
    assert other_programme(snapshot.kb, "interreg " * 20000) is None
