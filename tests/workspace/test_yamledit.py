"""The YAML round trip: unchanged files byte for byte, comments and layout kept."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.secretariat.workspace import yamledit
from tests.workspace.conftest import DATA

ENTRY = "start_before_decision"


@pytest.mark.parametrize("name", yamledit.EDITABLE)
def test_round_trip_is_byte_identical(name: str) -> None:
    text = (DATA / name).read_text(encoding="utf-8")
    assert yamledit.dump(yamledit.load(text)) == text


def test_setting_an_entry_to_its_own_value_returns_the_same_text() -> None:
    text = (DATA / "faq.yml").read_text(encoding="utf-8")
    entry = yamledit.find(text, "faq.yml", ENTRY)
    assert yamledit.set_entry(text, "faq.yml", ENTRY, entry) is text


def _comments(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.lstrip().startswith("#")]


def test_an_answer_change_touches_only_its_lines_and_keeps_comments() -> None:
    text = (DATA / "faq.yml").read_text(encoding="utf-8")
    entry = yamledit.find(text, "faq.yml", ENTRY)
    assert entry is not None
    entry["answer"]["nb"] = "Et prosjekt kan starte den dagen søknaden sendes inn."
    changed = yamledit.set_entry(text, "faq.yml", ENTRY, entry)
    assert _comments(changed) == _comments(text)
    old, new = text.splitlines(), changed.splitlines()
    removed = [line for line in old if line not in new]
    assert removed and all(line.startswith("        ") for line in removed)
    assert len(old) - len(new) == len(removed) - 1  # the answer's lines became one
    assert yamledit.find(changed, "faq.yml", ENTRY) == entry
    others = [e for e in yamledit.entries(text, "faq.yml") if e["id"] != ENTRY]
    assert [
        e for e in yamledit.entries(changed, "faq.yml") if e["id"] != ENTRY
    ] == others


def test_a_new_entry_is_written_in_the_files_style_and_removing_it_restores_the_file() -> (
    None
):
    text = (DATA / "faq.yml").read_text(encoding="utf-8")
    entry: Dict[str, Any] = {
        "id": "dog_race",
        "questions": {"sv": ['Får vi söka för "<script>"?'], "nb": ["Kan vi søke?"]},
        "answer": {"sv": "Programmet stöder samarbete. " * 8, "nb": "Kort svar."},
        "sources": ["isn_faq"],
        "as_of": "2026-12-01",
    }
    entry["answer"]["sv"] = entry["answer"]["sv"].strip()
    added = yamledit.set_entry(text, "faq.yml", "dog_race", entry)
    tail = added[len(text) :]
    assert tail.startswith("\n  - id: dog_race\n")
    assert "      sv: >-\n" in tail and "    sources: [isn_faq]\n" in tail
    assert '"Får vi söka för \\"<script>\\"?"' in tail
    assert max(len(line) for line in tail.splitlines()) <= 90
    assert yamledit.set_entry(added, "faq.yml", "dog_race", None) == text


SMALL = (
    '# a comment\nfaq:\n\n  - id: one\n    questions:\n      sv:\n        - "Fråga?"\n'
    '      nb:\n        - "Spørsmål?"\n    answer:\n      sv: >-\n        Svar.\n'
    "      nb: >-\n        Svar.\n    sources: [isn_faq]\n    as_of: 2025-01-01\n"
)


@settings(max_examples=80, deadline=None)
@given(
    st.text(
        st.characters(
            blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff"
        ),
        min_size=1,
        max_size=300,
    ).map(lambda s: " ".join(s.split()))
)
def test_any_answer_text_survives_the_round_trip(answer: str) -> None:
    assert yamledit.dump(yamledit.load(SMALL)) == SMALL
    entry = yamledit.find(SMALL, "faq.yml", "one")
    assert entry is not None
    entry["answer"]["sv"] = answer
    entry["questions"]["nb"].append(answer)
    changed = yamledit.set_entry(SMALL, "faq.yml", "one", entry)
    assert yamledit.find(changed, "faq.yml", "one") == entry
    assert changed.startswith("# a comment\n")


def test_folding_adds_no_characters() -> None:
    sentence = "Ett ord och ett till " * 20
    folded = yamledit.folded(sentence.strip())
    assert str(folded) == sentence.strip()
    assert all(sentence[p] == " " for p in folded.fold_pos)  # type: ignore[attr-defined]
    assert re.fullmatch(r"[\w ]+", str(folded))
