"""The unanswered-question log (JSON lines), written and rewritten under one lock.

The action server appends a line for each question the assistant could not
answer; ``make purge`` and "delete my conversation" rewrite the file without some
lines (bot.secretariat.retention). Without a lock, a line appended while the purge was
rewriting vanished with the old file, and a purged line could come back in a
write that had read the file before. Both now take an exclusive ``flock`` on a
sidecar file (``unanswered.jsonl.lock``), never on the log itself: the rewrite
replaces the log with a new file (atomic ``os.replace``), and a lock held on the
replaced file would no longer stop anyone. A writer opens the log only once it
holds the lock, so it always appends to the current file.

Its own module (not inside bot.secretariat.retention) because the action server writes it:
the actions import this small file and nothing of SQLAlchemy or the purge.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the log's exclusive lock (blocks until every other holder is done)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with lock_path(path).open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def append(path: Path, record: Dict[str, Any]) -> None:
    """Add one JSON line, whole, to the current log file."""
    line = json.dumps(record, ensure_ascii=False) + "\n"
    with locked(path), path.open("a", encoding="utf-8") as handle:
        handle.write(line)


def rewrite(path: Path, drop: Callable[[Dict[str, Any]], bool]) -> int:
    """Remove the JSON lines ``drop`` selects, atomically; returns lines removed.

    Unreadable lines are kept: what cannot be read cannot be judged old.
    """
    with locked(path):
        if not path.is_file():
            return 0
        kept: List[str] = []
        dropped = 0
        for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                record = None
            if isinstance(record, dict) and drop(record):
                dropped += 1
            else:
                kept.append(line)
        if dropped:
            handle, temporary = tempfile.mkstemp(
                dir=path.parent, prefix=f".{path.name}."
            )
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.writelines(kept)
            os.replace(temporary, path)
        return dropped
