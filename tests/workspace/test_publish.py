"""Publishing: validation as kb-check, history, undo, no lost update, disk changes seen."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any, Dict

import pytest

from bot.secretariat.workspace import publish as publish_module
from bot.secretariat.workspace import yamledit
from bot.secretariat.workspace.publish import (
    ChangedOnDiskError,
    ConflictError,
    EntryEdit,
    InvalidError,
    Publisher,
)
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.store import Store
from programme_kb.kb import load

ENTRY = "start_before_decision"


@pytest.fixture
def publisher(settings: Settings) -> Publisher:
    return Publisher(settings.data_dir, Store(settings.database), settings.lock_file)


def _entry(settings: Settings, entry_id: str = ENTRY) -> Dict[str, Any]:
    text = (settings.data_dir / "faq.yml").read_text(encoding="utf-8")
    entry = yamledit.find(text, "faq.yml", entry_id)
    assert entry is not None
    return entry


def _edited(entry: Dict[str, Any], nb: str) -> Dict[str, Any]:
    after = copy.deepcopy(entry)
    after["answer"]["nb"] = nb
    return after


NB = "Et prosjekt kan starte den dagen søknaden sendes inn, på egen risiko fram til vedtaket."


def test_publish_records_who_when_why_and_the_diff_and_undo_restores_the_bytes(
    settings: Settings, publisher: Publisher
) -> None:
    path = settings.data_dir / "faq.yml"
    original = path.read_bytes()
    before = _entry(settings)
    change_id = publisher.publish(
        [EntryEdit("faq.yml", ENTRY, before, _edited(before, NB))],
        "anna",
        "ny lydelse",
        ENTRY,
    )
    assert change_id is not None
    assert load(settings.data_dir).faq[0].answer.nb == NB  # what the assistant reloads
    change = publisher.store.change(change_id)
    assert change is not None
    assert (change.user, change.reason) == ("anna", "ny lydelse")
    assert (
        f"+        {NB[:40]}" in change.diff.replace("\n", " ")
        or NB.split()[0] in change.diff
    )
    assert change.files["faq.yml"][0].encode() == original
    undo_id = publisher.undo(change, "ola", "fel ändring")
    assert path.read_bytes() == original
    assert publisher.store.change(change_id).undone_by == undo_id  # type: ignore[union-attr]
    assert publisher.store.change(undo_id).undoes == change_id  # type: ignore[arg-type,union-attr]


def test_an_unchanged_save_writes_nothing_and_records_nothing(
    settings: Settings, publisher: Publisher
) -> None:
    path = settings.data_dir / "faq.yml"
    stat = path.stat()
    entry = _entry(settings)
    assert (
        publisher.publish(
            [EntryEdit("faq.yml", ENTRY, entry, entry)], "anna", "x", ENTRY
        )
        is None
    )
    assert path.stat().st_mtime_ns == stat.st_mtime_ns
    assert publisher.store.changes() == []


def test_the_second_save_of_the_same_entry_is_refused_with_the_others_change(
    settings: Settings, publisher: Publisher
) -> None:
    opened = _entry(settings)  # both officers open the entry
    publisher.publish(
        [EntryEdit("faq.yml", ENTRY, opened, _edited(opened, NB))], "anna", "a", ENTRY
    )
    after_first = (settings.data_dir / "faq.yml").read_bytes()
    with pytest.raises(ConflictError) as refused:
        publisher.publish(
            [EntryEdit("faq.yml", ENTRY, opened, _edited(opened, "Olas svar."))],
            "ola",
            "b",
            ENTRY,
        )
    assert refused.value.current is not None
    assert refused.value.current["answer"]["nb"] == NB
    assert (settings.data_dir / "faq.yml").read_bytes() == after_first


def test_undo_is_refused_when_the_entry_changed_after(
    settings: Settings, publisher: Publisher
) -> None:
    first = _entry(settings)
    one = publisher.publish(
        [EntryEdit("faq.yml", ENTRY, first, _edited(first, NB))], "anna", "a", ENTRY
    )
    second = _entry(settings)
    publisher.publish(
        [EntryEdit("faq.yml", ENTRY, second, _edited(second, "Andre svar."))],
        "ola",
        "b",
        ENTRY,
    )
    with pytest.raises(ConflictError):
        publisher.undo(publisher.store.change(one), "anna", "ångra")  # type: ignore[arg-type]


def test_undo_of_an_older_change_keeps_later_changes_to_other_entries(
    settings: Settings, publisher: Publisher
) -> None:
    a = _entry(settings)
    one = publisher.publish(
        [EntryEdit("faq.yml", ENTRY, a, _edited(a, NB))], "anna", "a", ENTRY
    )
    b = _entry(settings, "reporting_periods")
    publisher.publish(
        [EntryEdit("faq.yml", "reporting_periods", b, _edited(b, "Seks måneder."))],
        "ola",
        "b",
        "x",
    )
    publisher.undo(publisher.store.change(one), "anna", "ångra")  # type: ignore[arg-type]
    assert _entry(settings) == a
    assert _entry(settings, "reporting_periods")["answer"]["nb"] == "Seks måneder."


@pytest.mark.parametrize(
    "field, value, problem",
    [
        ("nb", "", "nb"),  # one-language answer
        ("nb", "   ", "nb"),
        ("sv", "Ja, det får ni.", "state the rule"),  # a bare verdict
    ],
)
def test_an_edit_that_breaks_validation_is_refused_and_nothing_is_written(
    settings: Settings, publisher: Publisher, field: str, value: str, problem: str
) -> None:
    before = [p.read_bytes() for p in sorted(settings.data_dir.glob("*.yml"))]
    entry = _entry(settings)
    after = copy.deepcopy(entry)
    after["answer"][field] = value
    with pytest.raises(InvalidError) as refused:
        publisher.publish(
            [EntryEdit("faq.yml", ENTRY, entry, after)], "anna", "x", ENTRY
        )
    assert any(problem in f"{p.field} {p.message}" for p in refused.value.problems)
    assert [p.read_bytes() for p in sorted(settings.data_dir.glob("*.yml"))] == before
    assert publisher.store.changes() == []


def test_a_source_that_does_not_exist_is_refused_as_kb_check_refuses_it(
    settings: Settings, publisher: Publisher
) -> None:
    entry = _entry(settings)
    after = copy.deepcopy(entry)
    after["sources"] = ["no_such_page"]
    with pytest.raises(InvalidError) as refused:
        publisher.publish(
            [EntryEdit("faq.yml", ENTRY, entry, after)], "anna", "x", ENTRY
        )
    assert any("no_such_page" in p.message for p in refused.value.problems)


def test_a_file_changed_on_disk_meanwhile_is_detected_and_not_overwritten(
    settings: Settings, publisher: Publisher, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = settings.data_dir / "faq.yml"
    real_check = publish_module.check

    def someone_edits_meanwhile(data_dir: Path, texts: Dict[str, str]) -> Any:
        result = real_check(data_dir, texts)
        path.write_text(
            path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8"
        )
        return result

    monkeypatch.setattr(publish_module, "check", someone_edits_meanwhile)
    entry = _entry(settings)
    with pytest.raises(ChangedOnDiskError):
        publisher.publish(
            [EntryEdit("faq.yml", ENTRY, entry, _edited(entry, NB))], "anna", "x", ENTRY
        )
    assert path.read_text(encoding="utf-8").endswith("# edited by hand\n")
    assert _entry(settings)["answer"]["nb"] != NB


def test_a_hand_edit_elsewhere_in_the_file_is_kept_by_a_later_publish(
    settings: Settings, publisher: Publisher
) -> None:
    path = settings.data_dir / "faq.yml"
    entry = _entry(settings)
    path.write_text(
        path.read_text(encoding="utf-8") + "# a note by a developer\n", encoding="utf-8"
    )
    publisher.publish(
        [EntryEdit("faq.yml", ENTRY, entry, _edited(entry, NB))], "anna", "x", ENTRY
    )
    assert "# a note by a developer\n" in path.read_text(encoding="utf-8")


def test_the_running_assistants_hot_reload_serves_a_published_answer(
    settings: Settings, publisher: Publisher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The action server's Service (programme_kb.service) notices the written file."""
    from programme_kb import service as service_module

    monkeypatch.setattr(service_module, "CHECK_INTERVAL_S", 0.0)
    running = service_module.Service(settings.data_dir)
    question = "Vad gäller för en hundkapplöpning i programmet?"
    assert not running.refresh_if_changed().faq.answer(question, "sv").answered
    entry = {
        "id": "dog_race",
        "questions": {
            "sv": [question],
            "nb": ["Hva gjelder for et hundeløp i programmet?"],
        },
        "answer": {
            "sv": "Programmet stöder samarbete över gränsen.",
            "nb": "Programmet støtter samarbeid over grensen.",
        },
        "sources": ["isn_faq"],
        "as_of": "2026-12-01",
    }
    change = publisher.publish(
        [EntryEdit("faq.yml", "dog_race", None, entry)], "anna", "ny", "dog_race"
    )
    result = running.refresh_if_changed().faq.answer(question, "sv")
    assert result.answered and result.best and result.best.entry_id == "dog_race"
    publisher.undo(publisher.store.change(change), "anna", "ångra")  # type: ignore[arg-type]
    assert not running.refresh_if_changed().faq.answer(question, "sv").answered
