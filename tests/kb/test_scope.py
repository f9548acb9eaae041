"""Other funding programmes are recognised by name, never confused with ours."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import pytest
import yaml

from programme_kb.scope import about_the_programme, asks_about_office, other_programme
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
        ("kan vi söka pengar från Leader och Interreg för samma projekt?", "Leader"),
        ("kan vi få leader-midler i tillegg?", "Leader-midler"),
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


@pytest.mark.parametrize(
    ("text", "office"),
    [
        ("har ni öppet på luciadagen", True),
        ("jobber dere i romjula", True),
        ("har dere kontor i steinkjer jeg kan stikke innom", True),
        ("vad har sekretariatet för öppettider", True),
        ("er dere stengt i julen", True),
        ("har ni semester i juli", True),
        ("kva er opningstidene dykkar", True),
        ("kan vi komma förbi ert kontor", True),
        # a call open or closed, or how the secretariat works: not the office
        ("har dere åpent for søknader nå", False),
        ("när stänger utlysningen", False),
        ("jobbar ni med turism", False),
        ("hvordan jobber dere med prosjektene", False),
        ("kan vi besöka projektet i Norge under sommaren", False),
        ("", False),
    ],
)
def test_asks_about_office(snapshot: Snapshot, text: str, office: bool) -> None:
    assert asks_about_office(snapshot.kb, text) is office


def test_office_words_on_long_input_are_cheap(snapshot: Snapshot) -> None:
    assert asks_about_office(snapshot.kb, "dere " * 20000) is False


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("Kan vi köpa en bil i projektet?", True),
        ("Jag kommer inte in i Min ansökan", True),
        ("tilsagn?", True),
        ("hvor mange søknader ble avslått?", True),
        ("Vi har en faktura fra et hotell for et partnermøte", True),
        ("kva seier styringskomiteen?", True),
        ("vad blir det för väder i morgon?", False),
        ("hur söker jag bostadsbidrag?", False),
        ("hvordan søker jeg om startlån?", False),
        ("ja", False),
        ("", False),
    ],
)
def test_about_the_programme(snapshot: Snapshot, text: str, about: bool) -> None:
    assert about_the_programme(snapshot.kb, text) is about


def test_no_out_of_scope_training_example_is_about_the_programme(
    snapshot: Snapshot,
) -> None:
    """The programme words turn an out-of-scope reading into "I do not know, ask …":
    none may be a word of the examples the intent model learnt "out of scope" from."""
    root = Path(__file__).resolve().parents[2] / "data" / "nlu"
    examples = [
        line.strip()[2:]
        for path in root.glob("*/*.yml")
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", [])
        if block.get("intent") == "out_of_scope"
        for line in block["examples"].splitlines()
        if line.strip().startswith("- ")
    ]
    assert len(examples) > 100
    assert [e for e in examples if about_the_programme(snapshot.kb, e)] == []
