"""A broken data directory is reported precisely and never replaces good data.

Each test breaks one thing in a private copy of the data, finds the line it broke
by searching the file (so the tests survive edits to the data), and checks that
``programme_kb.kb.load`` raises ``KnowledgeBaseError`` naming file, line and field.
"""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any, Callable, List, Optional

import pytest

from programme_kb.kb import load
from programme_kb.loader import KnowledgeBaseError, Problem
from programme_kb.service import Service

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"


# ------------------------------------------------------------------------ helpers


def _lines(path: Path) -> List[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _write(path: Path, lines: List[str]) -> None:
    path.write_text("\n".join(lines), encoding="utf-8")


def _find(lines: List[str], predicate: Callable[[str], bool], start: int = 0) -> int:
    """0-based index of the first line at or after ``start`` that matches."""
    for index in range(start, len(lines)):
        if predicate(lines[index]):
            return index
    raise AssertionError("anchor line not found in the data file")


def _item_start(lines: List[str], key: str, value: str) -> int:
    return _find(lines, lambda line: line.strip() == f"- {key}: {value}")


def _problems(directory: Path) -> List[Problem]:
    with pytest.raises(KnowledgeBaseError) as info:
        load(directory)
    problems = info.value.problems
    assert problems, "KnowledgeBaseError without problems"
    assert all(isinstance(p, Problem) for p in problems)
    # the message lists every problem as file:line: field: message
    for problem in problems:
        assert f"{problem.file}:{problem.line}: {problem.field}" in str(info.value)
    return problems


def _only(problems: List[Problem], file: str) -> Problem:
    assert len(problems) == 1, [str(p) for p in problems]
    assert problems[0].file == file, str(problems[0])
    return problems[0]


def _break_syntax(data: Path) -> int:
    """Append ': oops' to the topic line of fact proposal_sent; returns its 1-based line."""
    path = data / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "proposal_sent")
    target = _find(lines, lambda line: line.strip().startswith("topic:"), start)
    lines[target] += ": oops"
    _write(path, lines)
    return target + 1


# -------------------------------------------------------------------------- load


def test_shipped_data_loads(data_copy: Path) -> None:
    kb = load(data_copy)
    assert len(kb.areas) == 8 and kb.directory == data_copy


def test_yaml_syntax_error(data_copy: Path) -> None:
    line = _break_syntax(data_copy)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.line == line
    assert problem.field == "(syntax)"
    assert "mapping values" in problem.message


def test_syntax_error_by_bad_indentation(data_copy: Path) -> None:
    path = data_copy / "calls.yml"
    lines = _lines(path)
    target = _find(lines, lambda line: line.startswith("windows_from_year:"))
    lines[target] = "   " + lines[target]  # indented scalar under a sequence-valued key
    _write(path, lines)
    problem = _only(_problems(data_copy), "calls.yml")
    assert problem.field == "(syntax)"
    assert problem.line in (target, target + 1)  # the parser stops at or just before it


def test_missing_nb_in_a_fact(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "two_applicants")
    text_line = _find(lines, lambda line: line.strip() == "text:", start)
    nb_line = _find(lines, lambda line: line.strip().startswith("nb:"), text_line)
    source_line = _find(
        lines, lambda line: line.strip().startswith("sources:"), nb_line
    )
    del lines[nb_line:source_line]  # the nb key and its folded text
    _write(path, lines)
    index = _fact_index(data_copy, "two_applicants")
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.field == f"facts[{index}].text.nb"
    assert problem.line == text_line + 1  # the mapping that lacks the key
    assert "required" in problem.message


def test_blank_sv_text(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "partner_help")
    sv_line = _find(lines, lambda line: line.strip().startswith("sv:"), start)
    nb_line = _find(lines, lambda line: line.strip().startswith("nb:"), sv_line)
    lines[sv_line:nb_line] = [lines[sv_line].split("sv:")[0] + 'sv: "   "']
    _write(path, lines)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.field.endswith(".text.sv")
    assert problem.line == sv_line + 1


def test_unknown_key(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "partner_help")
    lines.insert(start + 1, "    colour: blue")
    _write(path, lines)
    index = _fact_index(data_copy, "partner_help")
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.field == f"facts[{index}].colour"
    assert problem.line == start + 2
    assert "extra" in problem.message


def test_misspelt_key_in_a_region(data_copy: Path) -> None:
    path = data_copy / "places.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "varmland")
    target = _find(lines, lambda line: line.strip().startswith("status:"), start)
    lines[target] = lines[target].replace("status:", "stauts:")
    _write(path, lines)
    problems = _problems(data_copy)
    assert {p.file for p in problems} == {"places.yml"}
    fields = {p.field: p for p in problems}
    misspelt = [p for f, p in fields.items() if f.endswith(".stauts")]
    assert misspelt and misspelt[0].line == target + 1
    assert any(
        f.endswith(".status") and "required" in p.message for f, p in fields.items()
    )


def test_duplicate_id_is_reported_with_file_and_field(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "joint_implementation")
    lines[start] = lines[start].replace("joint_implementation", "two_applicants")
    _write(path, lines)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.field.startswith("facts[")
    assert "two_applicants" in problem.message and "duplicate" in problem.message


def test_duplicate_id_is_reported_at_its_line(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "joint_implementation")
    lines[start] = lines[start].replace("joint_implementation", "two_applicants")
    _write(path, lines)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.line == start + 1


def test_duplicate_faq_id(data_copy: Path) -> None:
    path = data_copy / "faq.yml"
    lines = _lines(path)
    second = _find(
        lines,
        lambda line: line.startswith("  - id:"),
        _find(lines, lambda line: line.startswith("  - id:")) + 1,
    )
    first_id = (
        lines[_find(lines, lambda line: line.startswith("  - id:"))]
        .split(":", 1)[1]
        .strip()
    )
    lines[second] = f"  - id: {first_id}"
    _write(path, lines)
    problem = _only(_problems(data_copy), "faq.yml")
    assert problem.field == "faq[1]" and first_id in problem.message


def test_duplicate_key_in_one_mapping(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "partner_help")
    lines.insert(start + 1, "    id: partner_help_again")
    _write(path, lines)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.line == start + 2
    assert problem.field.endswith(".id") and "duplicate" in problem.message


def test_wrong_focus_area_code(data_copy: Path) -> None:
    path = data_copy / "focus_areas.yml"
    lines = _lines(path)
    target = _find(lines, lambda line: line.strip() == '- code: "2B"')
    lines[target] = lines[target].replace("2B", "2C")
    _write(path, lines)
    problem = _only(_problems(data_copy), "focus_areas.yml")
    assert problem.line == target + 1
    assert problem.field.startswith("areas[") and problem.field.endswith("].code")
    assert "2C" not in problem.field and "code" in problem.message


def test_unsupported_supersedes_reference(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    text = path.read_text(encoding="utf-8")
    assert "supersedes: area_2021" in text
    path.write_text(
        text.replace("supersedes: area_2021", "supersedes: area_2020"), encoding="utf-8"
    )
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.field.endswith(".supersedes") and "area_2020" in problem.message
    assert _lines(path)[problem.line - 1].strip() == "supersedes: area_2020"


def test_unknown_source_id_is_reported_at_its_line(data_copy: Path) -> None:
    path = data_copy / "faq.yml"
    lines = _lines(path)
    target = _find(lines, lambda line: line.strip().startswith("sources:"))
    if lines[target].strip() == "sources:":  # a block list: the first item
        target += 1
        lines[target] = lines[target].split("-")[0] + "- no_such_page"
    else:
        lines[target] = lines[target].split(":")[0] + ": [no_such_page]"
    _write(path, lines)
    problem = _only(_problems(data_copy), "faq.yml")
    assert "no_such_page" in problem.message and problem.field.startswith("faq[0]")
    assert problem.line == target + 1


def test_missing_source_in_a_region(data_copy: Path) -> None:
    path = data_copy / "places.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "innlandet")
    target = _find(lines, lambda line: line.strip().startswith("sources:"), start)
    del lines[target]
    _write(path, lines)
    problem = _only(_problems(data_copy), "places.yml")
    assert problem.field.endswith(".sources") and "required" in problem.message
    assert problem.line == start + 1


@pytest.mark.parametrize(
    "content", ["", "\n\n", "# the secretariat emptied this file\n"]
)
def test_empty_file(data_copy: Path, content: str) -> None:
    (data_copy / "faq.yml").write_text(content, encoding="utf-8")
    problem = _only(_problems(data_copy), "faq.yml")
    assert (
        problem.line == 1 and problem.field == "(file)" and "empty" in problem.message
    )


def test_file_that_is_a_list(data_copy: Path) -> None:
    (data_copy / "contact.yml").write_text("- a\n- b\n", encoding="utf-8")
    problem = _only(_problems(data_copy), "contact.yml")
    assert problem.field == "(file)" and "mapping" in problem.message


def test_missing_file(data_copy: Path) -> None:
    (data_copy / "places.yml").unlink()
    problem = _only(_problems(data_copy), "places.yml")
    assert problem.field == "(file)" and "missing" in problem.message


def test_every_problem_is_reported_at_once(data_copy: Path) -> None:
    _break_syntax(data_copy)
    (data_copy / "places.yml").unlink()
    (data_copy / "faq.yml").write_text("", encoding="utf-8")
    files = {p.file for p in _problems(data_copy)}
    assert files == {"facts.yml", "places.yml", "faq.yml"}


def test_impossible_date_is_a_problem_not_a_crash(data_copy: Path) -> None:
    path = data_copy / "facts.yml"
    lines = _lines(path)
    start = _item_start(lines, "id", "viken_split")
    target = _find(lines, lambda line: line.strip().startswith("as_of:"), start)
    lines[target] = "    as_of: 2024-13-45"
    _write(path, lines)
    problem = _only(_problems(data_copy), "facts.yml")
    assert problem.line == target + 1 and problem.field.endswith(".as_of")


def _fact_index(directory: Path, fact_id: str) -> int:
    ids = [
        line.strip()[len("- id: ") :]
        for line in _lines(directory / "facts.yml")
        if line.strip().startswith("- id: ")
    ]
    return ids.index(fact_id)


# ----------------------------------------------------------------------- service


def test_reload_after_breaking_keeps_the_old_snapshot(data_copy: Path) -> None:
    service = Service(data_copy)
    before = service.snapshot
    answer_before = before.faq.answer("Får vi skriva ansökan på svorsk?", "sv")
    line = _break_syntax(data_copy)

    problems = service.reload()

    assert problems and problems[0].file == "facts.yml" and problems[0].line == line
    assert service.last_problems == problems
    assert service.snapshot is before
    answer_after = service.snapshot.faq.answer("Får vi skriva ansökan på svorsk?", "sv")
    assert answer_after.best and answer_before.best
    assert answer_after.best.entry_id == answer_before.best.entry_id


def test_reload_after_fixing_swaps_in_the_new_data(data_copy: Path) -> None:
    service = Service(data_copy)
    before = service.snapshot
    path = data_copy / "facts.yml"
    original = path.read_text(encoding="utf-8")
    _break_syntax(data_copy)
    assert service.reload()
    assert service.snapshot is before

    fixed = original.replace(
        "Rapportperioderna är normalt sex månader långa.",
        "Rapportperioderna är normalt sex månader långa (ändrat i test).",
    )
    assert fixed != original
    path.write_text(fixed, encoding="utf-8")
    assert service.reload() == []
    assert service.last_problems == []
    assert service.snapshot is not before
    assert "ändrat i test" in service.snapshot.kb.facts["reporting_periods"].text.sv


def test_refresh_if_changed_keeps_serving_through_a_broken_edit(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    service_module = importlib.import_module("programme_kb.service")
    monkeypatch.setattr(service_module, "CHECK_INTERVAL_S", 0.0)
    service = Service(data_copy)
    before = service.snapshot
    _break_syntax(data_copy)
    _touch_later(data_copy / "facts.yml")
    assert service.refresh_if_changed() is before
    assert service.last_problems and service.last_problems[0].file == "facts.yml"


def test_reload_survives_an_impossible_date(data_copy: Path) -> None:
    service = Service(data_copy)
    before = service.snapshot
    path = data_copy / "facts.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "as_of: 2024-01-01", "as_of: 2024-02-30", 1
        ),
        encoding="utf-8",
    )
    problems = service.reload()
    assert problems and service.snapshot is before


def _mark_reporting_fact(data: Path, mark: str) -> Path:
    """Append ``mark`` to a known Swedish fact text; returns the edited file."""
    path = data / "facts.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace(
            "Rapportperioderna är normalt sex månader långa.",
            f"Rapportperioderna är normalt sex månader långa {mark}.",
        ),
        encoding="utf-8",
    )
    return path


def _touch_later(path: Path) -> None:
    import os

    later = path.stat().st_mtime + 10
    os.utime(path, (later, later))


def test_a_file_restored_with_an_older_time_is_noticed(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cp -p`` / ``git checkout`` put back files with old times; the newest time
    of the directory does not change, the file does."""
    import importlib
    import os

    monkeypatch.setattr(
        importlib.import_module("programme_kb.service"), "CHECK_INTERVAL_S", 0.0
    )
    base = (data_copy / "facts.yml").stat().st_mtime
    for path in data_copy.glob("*.yml"):
        os.utime(path, (base, base))
    os.utime(data_copy / "places.yml", (base + 100, base + 100))  # the newest file
    service = Service(data_copy)
    before = service.snapshot
    path = _mark_reporting_fact(data_copy, "(återställd)")
    os.utime(path, (base - 100, base - 100))
    assert service.refresh_if_changed() is not before
    assert "återställd" in service.snapshot.kb.facts["reporting_periods"].text.sv


def test_valid_data_is_kept_as_the_last_good_copy(
    data_copy: Path, tmp_path: Path
) -> None:
    keep = tmp_path / "last-good"
    service = Service(data_copy, last_good=keep)
    names = sorted(p.name for p in data_copy.glob("*.yml"))
    assert sorted(p.name for p in keep.glob("*.yml")) == names
    assert (keep / "faq.yml").read_bytes() == (data_copy / "faq.yml").read_bytes()
    _mark_reporting_fact(data_copy, "(ny)")
    assert service.reload() == []
    assert "(ny)" in (keep / "facts.yml").read_text(encoding="utf-8")
    _break_syntax(data_copy)
    assert service.reload()
    assert ": oops" not in (keep / "facts.yml").read_text(encoding="utf-8"), (
        "broken data never becomes the last good copy"
    )
    assert not list(tmp_path.glob(".last-good*")), "no half-written copies left"


def test_a_restart_with_broken_data_serves_the_last_good_copy(
    data_copy: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    keep = tmp_path / "last-good"
    Service(data_copy, last_good=keep)
    line = _break_syntax(data_copy)

    with caplog.at_level("ERROR", logger="programme_kb.service"):
        restarted = Service(data_copy, last_good=keep)

    answer = restarted.snapshot.faq.answer("Får vi skriva ansökan på svorsk?", "sv")
    assert answer.best is not None, "the last good data is served"
    assert restarted.last_problems[0].file == "facts.yml"
    assert f"facts.yml:{line}:" in caplog.text, "the log says what is wrong"
    assert str(keep) in caplog.text
    with pytest.raises(KnowledgeBaseError):
        Service(data_copy, last_good=tmp_path / "never-written")
    with pytest.raises(KnowledgeBaseError):  # an explicit directory never falls back
        Service(data_copy)


def test_the_action_server_starts_on_broken_data_from_the_last_good_copy(
    data_copy: Path, tmp_path: Path
) -> None:
    """``import actions`` (what ``rasa run actions`` does) survives a broken edit."""
    import os

    keep = tmp_path / "last-good"
    Service(data_copy, last_good=keep)
    _break_syntax(data_copy)
    env = {
        **os.environ,
        "PROGRAMME_KB_DATA": str(data_copy),
        "PROGRAMME_KB_LAST_GOOD": str(keep),
    }
    started = subprocess.run(
        [str(VENV_PYTHON), "-c", "import actions, programme_kb; "
         "print(len(programme_kb.shared_service().snapshot.kb.faq))"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    assert int(started.stdout.strip()) > 0
    assert "facts.yml:" in started.stderr and str(keep) in started.stderr


# ---------------------------------------------------------------------------- CLI


def _check(data: Optional[Path]) -> subprocess.CompletedProcess[str]:
    args = [str(VENV_PYTHON), "-m", "programme_kb", "check"]
    if data is not None:
        args += ["--data", str(data)]
    return subprocess.run(
        args, cwd=REPO_ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_check_on_broken_data_exits_1_and_names_file_and_line(
    data_copy: Path,
) -> None:
    line = _break_syntax(data_copy)
    (data_copy / "places.yml").unlink()
    result = _check(data_copy)
    assert result.returncode == 1, result.stdout + result.stderr
    output = result.stdout + result.stderr
    assert f"facts.yml:{line}:" in output
    assert "places.yml:1:" in output
    assert "OK" not in result.stdout
    assert "Kunskapsbasen har 2 fel / Kunnskapsbasen har 2 feil:" in result.stderr


def test_cli_check_never_reports_the_last_good_copy(
    data_copy: Path, tmp_path: Path
) -> None:
    """``make kb-check`` (no --data) checks the configured data, not the fallback."""
    import os

    keep = tmp_path / "last-good"
    Service(data_copy, last_good=keep)
    line = _break_syntax(data_copy)
    env = {
        **os.environ,
        "PROGRAMME_KB_DATA": str(data_copy),
        "PROGRAMME_KB_LAST_GOOD": str(keep),
    }
    result = subprocess.run(
        [str(VENV_PYTHON), "-m", "programme_kb", "check"],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1 and f"facts.yml:{line}:" in result.stderr
    assert "OK" not in result.stdout


def test_service_module_is_reachable_as_package_attribute() -> None:
    import programme_kb

    assert callable(getattr(programme_kb.service, "build", None))


@pytest.mark.parametrize(
    ("file", "opening"),
    [
        ("faq.yml", "Ja."),
        ("faq.yml", "Nej,"),
        ("faq.yml", "Nei."),
        ("facts.yml", "Ja,"),
    ],
)
def test_an_answer_opening_with_a_bare_yes_or_no_is_refused(
    data_copy: Path, file: str, opening: str
) -> None:
    """A bare verdict is false for the negated wording of the same question."""
    path = data_copy / file
    lines = _lines(path)
    index = _find(lines, lambda line: line.strip() == "nb: >-") + 1
    lines[index] = lines[index].replace(
        lines[index].strip(), f"{opening} {lines[index].strip()}"
    )
    _write(path, lines)
    problem = _only(_problems(data_copy), file)
    assert "yes/no" in problem.message and problem.line > 1


def test_refresh_without_waiting_serves_the_old_data_while_the_new_is_built(
    data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The action server never waits for a reload on its event loop."""
    import importlib
    import threading

    service_module = importlib.import_module("programme_kb.service")
    monkeypatch.setattr(service_module, "CHECK_INTERVAL_S", 0.0)
    service = Service(data_copy)
    before = service.snapshot
    real_build = service_module.build
    started, release = threading.Event(), threading.Event()
    builds: List[int] = []

    def slow_build(directory: Optional[Path] = None) -> Any:
        builds.append(1)
        started.set()
        assert release.wait(30), "the test never released the build"
        return real_build(directory)

    monkeypatch.setattr(service_module, "build", slow_build)
    _mark_reporting_fact(data_copy, "(ny text)")
    _touch_later(data_copy / "facts.yml")
    assert service.refresh_if_changed(wait=False) is before  # returns at once
    assert started.wait(30)
    assert service.refresh_if_changed(wait=False) is before  # still building
    assert builds == [1], "one reload at a time"
    release.set()
    reloading = service._reloading
    assert reloading is not None
    reloading.join(30)
    after = service.refresh_if_changed(wait=False)
    assert after is not before
    assert "(ny text)" in after.kb.facts["reporting_periods"].text.sv


def test_an_entry_explaining_no_entry_is_reported(data_copy: Path) -> None:
    """``explains`` names the entry whose rule it gives the reason for; a name that
    is no entry (a typo) is a clear problem, not an entry that never swaps."""
    path = data_copy / "faq.yml"
    lines = _lines(path)
    target = _find(lines, lambda line: line.strip().startswith("explains:"))
    lines[target] = lines[target].split(":")[0] + ": partner_other_countri"
    _write(path, lines)
    problem = _only(_problems(data_copy), "faq.yml")
    assert "partner_other_countri" in problem.message
