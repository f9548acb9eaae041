"""A knowledge edit is served without retraining; a change the NLU sees retrains.

The NLU export writes ``kb_lookups.yml`` only when its content changes (the file's
mtime is what tells ``make`` to retrain), and the Makefile makes the model depend on
that file, not on the knowledge base. Both halves are checked here on copies: the
export on a copy of the data directory, the Makefile by running ``make`` in a
temporary copy of the files the ``train`` target reads, with the training command
replaced by ``echo`` (nothing is ever trained).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Callable, Dict

import pytest

from programme_kb import nlu_export
from programme_kb.loader import DATA_DIR_ENV

REPO_ROOT = Path(__file__).resolve().parents[2]
OLD = 1_000_000_000  # a fixed past mtime (2001): "untouched" needs no clock


def edit_faq_answer(data: Path) -> None:
    """Reword the first FAQ answer (Swedish): text the NLU never sees."""
    _edit(data / "faq.yml", r"(answer:\n\s+sv: >-\n\s+)", r"\1Observera: ")


def edit_fact(data: Path) -> None:
    """Reword the first fact (Norwegian)."""
    _edit(
        data / "facts.yml", r"(text:\n\s+sv: >-\n(?:.+\n)+?\s+nb: >-\n\s+)", r"\1Merk: "
    )


def add_municipality_spelling(data: Path) -> None:
    """A new way to write a place (a village in Härjedalen): the lookups change."""
    _edit(
        data / "places.yml", r"(aliases: \[jämtland-härjedalen, )", r"\1ytterhogdal, "
    )


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    edited, count = re.subn(pattern, replacement, text, count=1)
    assert count == 1, f"{path.name}: the text this test edits has moved"
    path.write_text(edited, encoding="utf-8")


Edit = Callable[[Path], None]
UNSEEN_BY_NLU: Dict[str, Edit] = {"faq": edit_faq_answer, "fact": edit_fact}


def _export(data: Path, out: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(data))
    assert nlu_export.main([str(out)]) == 0


@pytest.mark.parametrize("edit", UNSEEN_BY_NLU.values(), ids=UNSEEN_BY_NLU.keys())
def test_export_leaves_an_unchanged_file_untouched(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, edit: Edit
) -> None:
    """Same content: same inode, same mtime, even after an FAQ or fact edit."""
    out = tmp_path / "generated" / "kb_lookups.yml"
    _export(data_copy, out, monkeypatch)
    os.utime(out, ns=(OLD * 10**9, OLD * 10**9))
    before = out.stat()
    _export(data_copy, out, monkeypatch)
    edit(data_copy)
    _export(data_copy, out, monkeypatch)
    after = out.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_export_replaces_the_file_when_the_lookups_change(
    data_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new place spelling is written, by atomic replace (a new inode), no temp left."""
    out = tmp_path / "generated" / "kb_lookups.yml"
    _export(data_copy, out, monkeypatch)
    os.utime(out, ns=(OLD * 10**9, OLD * 10**9))
    before = out.stat()
    assert "ytterhogdal" not in out.read_text(encoding="utf-8")
    add_municipality_spelling(data_copy)
    _export(data_copy, out, monkeypatch)
    after = out.stat()
    assert "- ytterhogdal\n" in out.read_text(encoding="utf-8")
    assert after.st_ino != before.st_ino and after.st_mtime_ns != before.st_mtime_ns
    assert [p.name for p in out.parent.iterdir()] == ["kb_lookups.yml"]


def test_write_if_changed_creates_the_directory(tmp_path: Path) -> None:
    out = tmp_path / "a" / "b.yml"
    assert nlu_export.write_if_changed(out, "x: 1\n") is True
    assert nlu_export.write_if_changed(out, "x: 1\n") is False
    assert out.read_text(encoding="utf-8") == "x: 1\n"


# --- the Makefile --------------------------------------------------------------------

TRAIN_MARK = "WOULD-TRAIN"
"""``make`` is run with RASA_MAIN='echo WOULD-TRAIN': a planned training prints this."""


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """The files ``make train`` reads, copied; a model "trained" once, all up to date."""
    if shutil.which("make") is None:
        pytest.fail("GNU make is needed (the project's entry point)")
    root = tmp_path / "repo"
    root.mkdir()
    for path in REPO_ROOT.iterdir():  # Makefile, config, domain, requirements, ...
        if path.is_file():
            shutil.copy2(path, root / path.name)
    ignore = shutil.ignore_patterns("__pycache__", "generated", "node_modules")
    for name in ("data", "programme_kb", "bot"):
        shutil.copytree(REPO_ROOT / name, root / name, ignore=ignore)
    for path in root.rglob("*"):
        os.utime(path, ns=(OLD * 10**9, OLD * 10**9))
    (root / ".stamps").mkdir()
    (root / ".stamps" / "install").touch()  # newer than whatever the install rule reads
    first = _make(root, "train")
    assert TRAIN_MARK in first.stdout, first.stdout  # no model yet: it trains
    return root


def _make(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop(DATA_DIR_ENV, None)
    done = subprocess.run(
        ["make", "--no-print-directory", *args,
         f"PY={sys.executable}", f"RASA_MAIN=echo {TRAIN_MARK}"],
        cwd=root, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def _up_to_date(root: Path) -> bool:
    """``make -n train`` plans no training (``-q`` cannot say: after a KB edit the
    lookups' no-op recipe, which re-reads their mtime, always counts as a remake)."""
    return TRAIN_MARK not in _make(root, "-n", "train").stdout


def test_the_copied_tree_starts_up_to_date(tree: Path) -> None:
    assert _up_to_date(tree)


@pytest.mark.parametrize("edit", UNSEEN_BY_NLU.values(), ids=UNSEEN_BY_NLU.keys())
def test_a_knowledge_edit_does_not_retrain(tree: Path, edit: Edit) -> None:
    """An FAQ answer or a fact: only the export runs, the model stays up to date —
    in a dry run (``make -n``, what an operator asks) and in a real one."""
    lookups = tree / "data" / "nlu" / "generated" / "kb_lookups.yml"
    mtime = lookups.stat().st_mtime_ns
    edit(tree / "programme_kb" / "data")
    dry = _make(tree, "-n", "train").stdout
    assert "programme_kb.nlu_export" in dry and TRAIN_MARK not in dry, dry
    for target in ("serve", "shell"):  # what the secretariat runs next
        dry = _make(tree, "-n", target).stdout
        assert f"bot.runtime.launcher {target}" in dry and TRAIN_MARK not in dry, dry
    real = _make(tree, "train").stdout
    assert TRAIN_MARK not in real, real
    assert lookups.stat().st_mtime_ns == mtime
    assert _up_to_date(tree)


def test_a_new_place_spelling_retrains(tree: Path) -> None:
    """The lookups change, so the model is out of date, in a dry run and a real one."""
    add_municipality_spelling(tree / "programme_kb" / "data")
    dry = _make(tree, "-n", "train").stdout
    assert TRAIN_MARK in dry, dry
    assert TRAIN_MARK in _make(tree, "train").stdout
    assert _up_to_date(tree)
