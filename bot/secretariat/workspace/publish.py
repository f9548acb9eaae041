"""Validate, publish and undo changes to the knowledge base, with history.

A change is a list of entry edits (``EntryEdit``: the entry as the officer saw
it, and as it should be). Publishing, under one lock:

1. reads the files as they are now and refuses an edit whose entry is no longer
   what the officer started from (``ConflictError``: no lost update);
2. applies the edits with the YAML round trip (``bot.secretariat.workspace.yamledit``);
3. validates the result exactly as ``make kb-check`` does (``programme_kb.kb.load``
   on a copy of the data directory with the new texts) and refuses it with every
   problem (``InvalidError``) — nothing is written;
4. refuses when a file changed on disk while this ran (``ChangedOnDiskError``);
5. writes each file atomically (the action server's hot reload picks it up) and
   records who, when, why and the diff.

Undo publishes the inverse edits; when the files are still exactly as the change
left them, the texts from before are restored byte for byte.
"""

from __future__ import annotations

import contextlib
import difflib
import fcntl
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Optional, Tuple

from bot.secretariat.workspace import yamledit
from bot.secretariat.workspace.store import Change, Store
from programme_kb.kb import KnowledgeBase, load
from programme_kb.loader import KnowledgeBaseError, Problem


@dataclass(frozen=True)
class EntryEdit:
    file: str
    entry_id: str
    before: Optional[yamledit.Plain]
    """The entry as the officer started from it; None for a new entry."""
    after: Optional[yamledit.Plain]
    """The entry as it should be; None removes it."""

    def as_dict(self) -> Dict[str, object]:
        return {
            "file": self.file,
            "entry_id": self.entry_id,
            "before": self.before,
            "after": self.after,
        }


class ConflictError(Exception):
    """The entry changed since the officer opened it."""

    def __init__(self, edit: EntryEdit, current: Optional[yamledit.Plain]) -> None:
        super().__init__(f"{edit.file}: {edit.entry_id} changed meanwhile")
        self.edit, self.current = edit, current


class InvalidError(Exception):
    """The edited data does not pass the knowledge-base check."""

    def __init__(self, problems: List[Problem]) -> None:
        super().__init__("; ".join(map(str, problems)))
        self.problems = problems


class ChangedOnDiskError(Exception):
    """A file was changed by someone else while the change was being made."""


def read_texts(data_dir: Path, files: List[str]) -> Dict[str, str]:
    return {name: (data_dir / name).read_text(encoding="utf-8") for name in files}


def check(
    data_dir: Path, texts: Dict[str, str]
) -> Tuple[Optional[KnowledgeBase], List[Problem]]:
    """The data directory with ``texts`` in place of its files, loaded as kb-check does."""
    with tempfile.TemporaryDirectory(prefix="workspace-check-") as tmp:
        target = Path(tmp)
        for path in data_dir.glob("*.yml"):
            shutil.copyfile(path, target / path.name)
        for name, text in texts.items():
            (target / name).write_text(text, encoding="utf-8")
        try:
            return load(target), []
        except KnowledgeBaseError as err:
            return None, err.problems


def diff(name: str, before: str, after: str) -> str:
    return "".join(
        difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=f"{name} (före/før)",
            tofile=f"{name} (efter/etter)",
        )
    )


def apply(texts: Dict[str, str], edits: List[EntryEdit]) -> Dict[str, str]:
    """The texts with every edit applied; ConflictError if an entry is not as expected."""
    result = dict(texts)
    for edit in edits:
        current = yamledit.find(result[edit.file], edit.file, edit.entry_id)
        if current != edit.before:
            raise ConflictError(edit, current)
        result[edit.file] = yamledit.set_entry(
            result[edit.file], edit.file, edit.entry_id, edit.after
        )
    return result


class Publisher:
    def __init__(self, data_dir: Path, store: Store, lock_file: Path) -> None:
        self.data_dir, self.store, self.lock_file = data_dir, store, lock_file

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.lock_file.parent.mkdir(parents=True, exist_ok=True)
        with self.lock_file.open("a") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def preview(
        self, edits: List[EntryEdit]
    ) -> Tuple[Optional[KnowledgeBase], List[Problem]]:
        """The knowledge base as it would be after the edits (nothing written)."""
        files = sorted({e.file for e in edits})
        texts = apply(read_texts(self.data_dir, files), edits)
        return check(self.data_dir, texts)

    def publish(
        self,
        edits: List[EntryEdit],
        user: str,
        reason: str,
        summary: str,
        undoes: Optional[int] = None,
        exact: Optional[Dict[str, Tuple[str, str]]] = None,
    ) -> Optional[int]:
        """Write the edits; the id of the recorded change, or None when nothing changed.

        ``exact``: file -> (text expected on disk, text to write), used by undo to
        restore a file byte for byte.
        """
        with self._locked():
            files = sorted({e.file for e in edits})
            before = read_texts(self.data_dir, files)
            if exact and all(before[n] == old for n, (old, _) in exact.items()):
                after = {n: new for n, (_, new) in exact.items()}
            else:
                after = apply(before, edits)
            changed = [n for n in files if after[n] != before[n]]
            if not changed:
                return None
            _, problems = check(self.data_dir, after)
            if problems:
                raise InvalidError(problems)
            if read_texts(self.data_dir, changed) != {n: before[n] for n in changed}:
                raise ChangedOnDiskError(", ".join(changed))
            for name in changed:
                _write(self.data_dir / name, after[name])
            return self.store.add_change(
                user,
                reason,
                summary,
                [e.as_dict() for e in edits],
                {n: [before[n], after[n]] for n in changed},
                "".join(diff(n, before[n], after[n]) for n in changed),
                undoes=undoes,
            )

    def undo(self, change: Change, user: str, reason: str) -> Optional[int]:
        """Publish the inverse of ``change`` (ConflictError if its entries changed since)."""
        edits = [
            EntryEdit(e["file"], e["entry_id"], e["after"], e["before"])
            for e in reversed(change.entries)
        ]
        exact = {n: (texts[1], texts[0]) for n, texts in change.files.items()}
        return self.publish(
            edits,
            user,
            reason,
            f"undo #{change.id}: {change.summary}",
            change.id,
            exact,
        )


def _write(path: Path, text: str) -> None:
    """Replace the file at once (readers see the old or the new file, never half)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        with contextlib.suppress(OSError):
            shutil.copymode(path, temporary)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
