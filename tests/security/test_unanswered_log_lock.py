"""The unanswered-question log: a purge while questions are logged loses none and
brings back none (bot.privacy.unanswered_log, bot.secretariat.retention, actions.fallback)."""

from __future__ import annotations

import datetime as dt
import json
import multiprocessing
import threading
from pathlib import Path
from typing import Any, List

import pytest

from bot.privacy import unanswered_log
from bot.secretariat import retention

OLD = "2020-01-01T00:00:00+00:00"
NOW = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
WRITTEN = 400


def _record(i: int, time: str = NOW, sender: str = "writer") -> dict[str, Any]:
    return {"time": time, "sender_id": sender, "stage": 1, "text": f"fråga {i}"}


def _lines(path: Path) -> List[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def _write(path: str, start: int, count: int) -> None:
    for i in range(start, start + count):
        unanswered_log.append(Path(path), _record(i))


def _seed_old(path: Path, count: int = 300) -> None:
    for i in range(count):
        unanswered_log.append(path, _record(-1 - i, OLD, "gammal"))


@pytest.mark.parametrize("writers", ["threads", "processes"])
def test_purge_while_writing_loses_no_line_and_resurrects_none(
    tmp_path: Path, writers: str
) -> None:
    path = tmp_path / "unanswered.jsonl"
    _seed_old(path)
    halves = [(0, WRITTEN // 2), (WRITTEN // 2, WRITTEN // 2)]
    if writers == "threads":
        workers: List[Any] = [
            threading.Thread(target=_write, args=(str(path), *h)) for h in halves
        ]
    else:
        context = multiprocessing.get_context("fork")
        workers = [context.Process(target=_write, args=(str(path), *h)) for h in halves]
    for worker in workers:
        worker.start()
    purged = 0
    while any(w.is_alive() for w in workers):  # purge again and again meanwhile
        purged += retention._rewrite_log(path, lambda r: r.get("time") == OLD)
        unanswered_log.append(path, _record(10_000 + purged, OLD, "gammal"))
    for worker in workers:
        worker.join()
    purged += retention._rewrite_log(path, lambda r: r.get("time") == OLD)
    lines = _lines(path)
    texts = [r["text"] for r in lines]
    assert sorted(texts) == sorted(f"fråga {i}" for i in range(WRITTEN)), "lost"
    assert len(texts) == len(set(texts)), "duplicated"
    assert not [r for r in lines if r["time"] == OLD], "a purged line came back"
    assert purged >= 300


def test_the_rewrite_replaces_the_file_and_keeps_unreadable_lines(
    tmp_path: Path,
) -> None:
    path = tmp_path / "unanswered.jsonl"
    unanswered_log.append(path, _record(1, OLD))
    with path.open("a", encoding="utf-8") as handle:
        handle.write("not json\n")
    unanswered_log.append(path, _record(2))
    assert unanswered_log.rewrite(path, lambda r: r["time"] == OLD) == 1
    assert path.read_text(encoding="utf-8").splitlines()[0] == "not json"
    assert unanswered_log.lock_path(path).exists()
    assert unanswered_log.rewrite(tmp_path / "none.jsonl", lambda r: True) == 0


def test_the_action_writes_through_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, make_tracker: Any
) -> None:
    from actions import fallback

    path = tmp_path / "var" / "unanswered.jsonl"
    monkeypatch.setenv("UNANSWERED_LOG", str(path))
    taken: List[Path] = []
    real = unanswered_log.locked

    def watching(locked_path: Path) -> Any:
        taken.append(locked_path)
        return real(locked_path)

    monkeypatch.setattr(unanswered_log, "locked", watching)
    fallback.log_unanswered(
        make_tracker("ring mig på 070-123 45 67", lang="sv"), "sv", 1
    )
    assert taken == [path]
    (record,) = _lines(path)
    assert record["text"] == "ring mig på [telefon]" and record["stage"] == 1
