"""The tracker store masks before saving; purge and delete remove what they should."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any, List, Tuple

import pytest

from bot.secretariat import retention
from tests.secretariat.seed import PUBLIC_EMAIL, at, seed

ROOT = Path(__file__).resolve().parents[2]


def _rows(db: Path, sql: str, *args: Any) -> List[Tuple[Any, ...]]:
    with sqlite3.connect(db) as connection:
        return list(connection.execute(sql, args))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "conversations.db"
    seed(path)
    return path


def test_store_masks_user_text_entities_and_slots_but_keeps_the_public_address(
    db: Path,
) -> None:
    raw = "\n".join(data for (data,) in _rows(db, "SELECT data FROM events"))
    for secret in ("anna@firma.se", "912 34 567", "070-123 45 67"):
        assert secret not in raw
    texts = [
        json.loads(d)["text"]
        for (d,) in _rows(db, "SELECT data FROM events WHERE type_name='user'")
    ]
    assert "Får ett aktiebolag söka? Mejla mig på [e-post]" in texts
    assert "kan jeg snakke med et menneske? tlf [telefon]" in texts
    assert PUBLIC_EMAIL in raw, (
        "the secretariat's published address is not personal data"
    )


SECRETS = ("anna@firma.se", "070-123 45 67", "19811218-9876")


def _tracker_with_secrets(sender: str) -> Any:
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    domain = Domain.load(str(ROOT / "domain.yml"))
    events = [
        ActionExecuted("action_listen"),
        UserUttered(
            "mejla anna@firma.se eller ring 070-123 45 67, pnr 19811218-9876",
            {"name": "contact", "confidence": 1.0},
        ),
        SlotSet("organisation_type", "anna@firma.se"),
        BotUttered("Vi svarar till anna@firma.se och 070-123 45 67"),
        ActionExecuted("action_listen"),
    ]
    return domain, DialogueStateTracker.from_events(sender, events, domain.slots)


def test_rasas_own_sql_event_broker_receives_every_event_masked(
    tmp_path: Path,
) -> None:
    """An event broker configured in endpoints.yml sees what the database sees."""
    from rasa.core.brokers.sql import SQLEventBroker

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    broker = SQLEventBroker(db=str(tmp_path / "broker.db"))
    domain, tracker = _tracker_with_secrets("s-broker")
    store = UrlSQLTrackerStore(
        domain=domain, url=f"sqlite:///{tmp_path / 't.db'}", event_broker=broker
    )
    asyncio.run(store.save(tracker))
    streamed = [d for (d,) in _rows(tmp_path / "broker.db", "SELECT data FROM events")]
    stored = [d for (d,) in _rows(tmp_path / "t.db", "SELECT data FROM events")]
    assert len(streamed) == len(stored) == len(tracker.events)
    for raw in ("\n".join(streamed), "\n".join(stored)):
        for secret in SECRETS:
            assert secret not in raw
        assert "[e-post]" in raw and "[telefon]" in raw
    texts = [json.loads(d).get("text") for d in streamed]
    assert texts == [json.loads(d).get("text") for d in stored]
    assert json.loads(streamed[1])["sender_id"] == "s-broker"


def test_rows_written_by_rasas_own_save_are_masked_and_read_back(
    tmp_path: Path,
) -> None:
    """No copy of Rasa's save(): its rows are masked by the session hook."""
    import inspect

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    own = inspect.getsource(UrlSQLTrackerStore)
    assert "SQLEvent(" not in own and "super().save(tracker)" in own
    domain, tracker = _tracker_with_secrets("s-rows")
    store = UrlSQLTrackerStore(domain=domain, url=f"sqlite:///{tmp_path / 't.db'}")
    asyncio.run(store.save(tracker))
    back = asyncio.run(store.retrieve("s-rows"))
    assert back is not None
    assert [e.as_dict().get("text") for e in back.events][1] == (
        "mejla [e-post] eller ring [telefon], pnr [personnummer]"
    )
    assert back.get_slot("organisation_type") == "[e-post]"
    # a second save of the same conversation adds the new events only, masked too
    from rasa.shared.core.events import UserUttered

    tracker.update(UserUttered("min mejl är bo@exempel.no", {"name": "x"}))
    asyncio.run(store.save(tracker))
    raw = "\n".join(d for (d,) in _rows(tmp_path / "t.db", "SELECT data FROM events"))
    assert "bo@exempel.no" not in raw
    assert len(_rows(tmp_path / "t.db", "SELECT id FROM events")) == 6


def test_public_contacts_follow_a_file_restored_with_an_older_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    data = tmp_path / "kb"
    shutil.copytree(ROOT / "programme_kb" / "data", data)
    monkeypatch.setenv("PROGRAMME_KB_DATA", str(data))
    base = (data / "contact.yml").stat().st_mtime
    for path in data.glob("*.yml"):
        os.utime(path, (base, base))
    os.utime(data / "faq.yml", (base + 100, base + 100))  # the newest file
    store = UrlSQLTrackerStore(url=f"sqlite:///{tmp_path / 'x.db'}")
    assert PUBLIC_EMAIL in store.public_contacts()
    contact = data / "contact.yml"
    new = "sekretariatet.ny@lansstyrelsen.se"
    contact.write_text(
        contact.read_text(encoding="utf-8").replace(PUBLIC_EMAIL, new),
        encoding="utf-8",
    )
    os.utime(contact, (base - 100, base - 100))  # e.g. restored with ``cp -p``
    assert new in store.public_contacts()


def test_store_is_built_from_endpoints_yml_the_way_rasa_builds_it(
    tmp_path: Path,
) -> None:
    """Rasa passes the endpoint URL as ``host``; the store must accept that."""
    from rasa.core.tracker_store import TrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker
    from rasa.utils.endpoints import EndpointConfig

    url = f"sqlite:///{tmp_path / 'sub' / 'x.db'}"
    config = EndpointConfig(
        url=url, type="bot.plugins.tracker_store.UrlSQLTrackerStore"
    )
    store = TrackerStore.create(config, Domain.empty())
    tracker = DialogueStateTracker.from_events(
        "s", [UserUttered("min mejl: per@example.com")]
    )
    asyncio.run(store.save(tracker))
    again = asyncio.run(store.retrieve("s"))
    assert again is not None and again.latest_message is not None
    assert again.latest_message.text == "min mejl: [e-post]"
    assert (tmp_path / "sub" / "x.db").is_file()


def test_old_sessions_are_split_where_rasa_starts_them() -> None:
    rows = [
        (1, "a", "slot", "session_started_metadata", 10.0),
        (2, "a", "action", "action_session_start", 10.0),
        (3, "a", "session_started", None, 10.0),
        (4, "a", "slot", "session_started_metadata", 10.0),
        (5, "a", "user", None, 11.0),
        (6, "a", "slot", "session_started_metadata", 500.0),
        (7, "a", "action", "action_session_start", 500.0),
        (8, "a", "session_started", None, 500.0),
        (9, "a", "user", None, 501.0),
        (10, "b", "user", None, 12.0),
        (11, "c", "user", None, None),
    ]
    assert retention.old_sessions(rows, cutoff=100.0) == [[1, 2, 3, 4, 5], [10]]


def test_purge_deletes_only_conversations_older_than_the_limit(
    db: Path, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    log.write_text(
        '{"time": "2024-01-01T11:01:00+00:00", "sender_id": "old", "text": "x"}\n'
        '{"time": "2025-03-04T09:01:00+00:00", "sender_id": "c", "text": "y"}\n'
        "not json\n",
        encoding="utf-8",
    )
    before = dict(
        _rows(db, "SELECT sender_id, count(*) FROM events GROUP BY sender_id")
    )
    now = at(5, 0)  # 2025-03-05 00:00: 'a' has a session on 3 March and one on 4 March
    result = retention.purge(
        retention.engine_for(f"sqlite:///{db}"), days=1, now=now, log_path=log
    )
    after = dict(_rows(db, "SELECT sender_id, count(*) FROM events GROUP BY sender_id"))
    assert "old" not in after and "b" not in after
    assert after["c"] == before["c"] and after["d"] == before["d"]
    assert 0 < after["a"] < before["a"], (
        "only the first of a's two sessions is older than a day"
    )
    assert result.conversations == 3 and result.events == sum(before.values()) - sum(
        after.values()
    )
    assert result.log_lines == 1
    assert (
        log.read_text(encoding="utf-8")
        .splitlines()[0]
        .startswith('{"time": "2025-03-04')
    )
    assert "not json" in log.read_text(encoding="utf-8"), (
        "lines we cannot read are kept"
    )


def test_a_purged_sender_can_still_be_retrieved_from_its_newest_session(
    db: Path,
) -> None:
    from rasa.shared.core.domain import Domain

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    retention.purge(retention.engine_for(f"sqlite:///{db}"), days=1, now=at(5, 0))
    store = UrlSQLTrackerStore(
        domain=Domain.load(str(ROOT / "domain.yml")), url=f"sqlite:///{db}"
    )
    tracker = asyncio.run(store.retrieve("a"))
    assert tracker is not None and tracker.latest_message is not None
    assert (tracker.latest_message.text or "").startswith("/feedback")


def test_purge_zero_days_empties_and_nothing_old_is_a_no_op(db: Path) -> None:
    engine = retention.engine_for(f"sqlite:///{db}")
    assert retention.purge(engine, days=3650, now=at(5, 12)).events == 0
    retention.purge(engine, days=0, now=at(5, 23))
    assert _rows(db, "SELECT count(*) FROM events") == [(0,)]
    with pytest.raises(ValueError):
        retention.purge(engine, days=-1)


def test_delete_sender_removes_every_event_and_log_line(
    db: Path, tmp_path: Path
) -> None:
    log = tmp_path / "unanswered.jsonl"
    log.write_text(
        '{"time": "2025-03-04T09:01:00+00:00", "sender_id": "c"}\n{"sender_id": "d"}\n'
    )
    engine = retention.engine_for(f"sqlite:///{db}")
    deleted = retention.delete_sender(engine, "c", log_path=log)
    assert deleted > 0 and _rows(
        db, "SELECT count(*) FROM events WHERE sender_id = 'c'"
    ) == [(0,)]
    assert _rows(db, "SELECT count(*) FROM events WHERE sender_id = 'd'")[0][0] > 0
    assert log.read_text() == '{"sender_id": "d"}\n'
    assert retention.delete_sender(engine, "nobody", log_path=log) == 0


def test_empty_or_missing_database_is_not_an_error(tmp_path: Path) -> None:
    missing = tmp_path / "none" / "conversations.db"
    engine = retention.engine_for(f"sqlite:///{missing}")
    assert retention.purge(
        engine, days=1, log_path=tmp_path / "no.jsonl"
    ) == retention.PurgeResult(0, 0, 0)
    assert retention.delete_sender(engine, "x", log_path=tmp_path / "no.jsonl") == 0
    assert not missing.exists(), "purging must not create a database"


def test_cli_purge_and_delete(db: Path, tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "UNANSWERED_LOG": str(tmp_path / "u.jsonl"),
        "RETENTION_DAYS": "36500",
        "REPORT_DIR": str(tmp_path / "report"),  # never the repository's var/report
    }
    run = [sys.executable, "-m", "bot.secretariat.retention", "--db", f"sqlite:///{db}"]
    out = subprocess.run(
        [*run, "purge"], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert "0 samtal/samtaler" in out.stdout, "RETENTION_DAYS is the default"
    days = str(
        (dt.date.today() - dt.date(2024, 6, 1)).days
    )  # only the 2024 conversation is older
    out = subprocess.run(
        [*run, "purge", "--days", days],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "1 samtal/samtaler" in out.stdout, (
        out.stdout + out.stderr
    )
    out = subprocess.run(
        [*run, "delete", "b"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert "'b'" in out.stdout and _rows(
        db, "SELECT count(*) FROM events WHERE sender_id = 'b'"
    ) == [(0,)]
    bad = subprocess.run(
        [*run, "purge", "--days", "-3"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--days" in bad.stderr


def _written_report(db: Path, out: Path) -> List[Path]:
    """``make report`` over the seeded conversations, written to ``out``."""
    from bot.secretariat import report

    engine = retention.engine_for(f"sqlite:///{db}")
    report.write(report.build(report.load_turns(engine, None, None), None, None), out)
    return [out / name for name in retention.REPORT_OUTPUTS]


def test_a_written_report_names_the_days_it_holds(db: Path, tmp_path: Path) -> None:
    files = _written_report(db, tmp_path / "report")
    assert all(f.exists() for f in files)
    period = json.loads(files[2].read_text(encoding="utf-8"))
    first, last = (dt.date.fromisoformat(period[k]) for k in ("first_day", "last_day"))
    assert first <= last


@pytest.mark.parametrize(
    ("days_after_first", "removed"), [(0, False), (1, True), (400, True)]
)
def test_purge_removes_a_written_report_that_quotes_purged_days(
    db: Path, tmp_path: Path, days_after_first: int, removed: bool
) -> None:
    """A report is a copy of the questions it shows: purged with them."""
    out = tmp_path / "report"
    files = _written_report(db, out)
    first = dt.date.fromisoformat(
        json.loads(files[2].read_text(encoding="utf-8"))["first_day"]
    )
    limit = dt.datetime.combine(first + dt.timedelta(days=days_after_first), dt.time())
    result = retention.purge(
        retention.engine_for(f"sqlite:///{db}"),
        days=0,
        now=limit.timestamp(),
        log_path=tmp_path / "unanswered.jsonl",
        report_dir=out,
    )
    assert all(not f.exists() for f in files) is removed
    assert all(f.exists() for f in files) is not removed
    assert result.report_files == (3 if removed else 0)


@pytest.mark.parametrize("period", [None, "not json", '{"first_day": "yesterday"}'])
def test_a_report_of_unknown_period_is_purged(
    db: Path, tmp_path: Path, period: Any
) -> None:
    out = tmp_path / "report"
    files = _written_report(db, out)
    if period is None:
        files[2].unlink()
    else:
        files[2].write_text(period, encoding="utf-8")
    retention.purge(
        retention.engine_for(f"sqlite:///{db}"),
        days=10_000,
        log_path=tmp_path / "unanswered.jsonl",
        report_dir=out,
    )
    assert not any(f.exists() for f in files)


def test_deleting_a_sender_removes_the_written_report(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    files = _written_report(db, out)
    (out / "notes.txt").write_text("the secretariat's own file", encoding="utf-8")
    retention.delete_sender(
        retention.engine_for(f"sqlite:///{db}"),
        "a",
        log_path=tmp_path / "unanswered.jsonl",
        report_dir=out,
    )
    assert not any(f.exists() for f in files)
    assert (out / "notes.txt").exists(), "only the report's own files are removed"


def test_purge_without_a_report_folder_leaves_reports_alone(
    db: Path, tmp_path: Path
) -> None:
    files = _written_report(db, tmp_path / "report")
    retention.purge(
        retention.engine_for(f"sqlite:///{db}"),
        days=0,
        log_path=tmp_path / "unanswered.jsonl",
    )
    assert all(f.exists() for f in files)


def _store_and_tracker(tmp_path: Path, sender: str) -> Tuple[Any, Any]:
    from bot.plugins.tracker_store import UrlSQLTrackerStore

    domain, tracker = _tracker_with_secrets(sender)
    store = UrlSQLTrackerStore(domain=domain, url=f"sqlite:///{tmp_path / 't.db'}")
    return store, tracker


def _database_threads(store: Any) -> List[str]:
    """The names of the threads that send SQL to the store's database."""
    import threading

    import sqlalchemy as sa

    names: List[str] = []
    sa.event.listen(
        store.engine,
        "before_cursor_execute",
        lambda *_: names.append(threading.current_thread().name),
    )
    return names


def test_the_stores_reads_and_writes_run_in_its_database_thread(
    tmp_path: Path,
) -> None:
    store, tracker = _store_and_tracker(tmp_path, "s-thread")
    threads = _database_threads(store)

    async def save_and_read() -> Any:
        await store.save(tracker)
        return await store.retrieve("s-thread")

    back = asyncio.run(save_and_read())
    assert back is not None and len(back.events) == len(tracker.events)
    assert back.get_slot("organisation_type") == "[e-post]"
    assert threads and all(name.startswith("tracker-db") for name in threads), threads


def test_the_event_loop_keeps_serving_while_the_database_is_locked(
    tmp_path: Path,
) -> None:
    """Another writer holds SQLite's lock for half a second: the save waits for it in
    the database thread while the loop goes on (on the loop, nothing else would run)."""
    import threading
    import time

    store, tracker = _store_and_tracker(tmp_path, "s-busy")
    asyncio.run(store.save(tracker))  # the table exists
    locked, release = threading.Event(), threading.Event()

    def hold_the_lock() -> None:
        connection = sqlite3.connect(tmp_path / "t.db", isolation_level=None)
        connection.execute("BEGIN EXCLUSIVE")
        locked.set()
        release.wait(5)
        connection.execute("COMMIT")
        connection.close()

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert locked.wait(5)
    from rasa.shared.core.events import UserUttered

    tracker.update(UserUttered("en fråga till", {"name": "x"}))

    async def save_while_ticking() -> int:
        ticks = 0
        saving = asyncio.ensure_future(store.save(tracker))
        started = time.monotonic()
        while time.monotonic() - started < 0.5:
            await asyncio.sleep(0.01)
            ticks += 1
        assert not saving.done(), "the save went through a held lock"
        release.set()
        await saving
        return ticks

    ticks = asyncio.run(save_while_ticking())
    holder.join()
    assert ticks >= 20, f"the loop ran {ticks} times in 0.5 s"
    assert len(_rows(tmp_path / "t.db", "SELECT id FROM events")) == 6


def test_with_an_event_broker_or_another_rasa_rasas_own_path_runs_on_the_loop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import rasa

    monkeypatch.setattr(rasa, "__version__", "3.6.22")
    store, tracker = _store_and_tracker(tmp_path, "s-other")
    threads = _database_threads(store)
    asyncio.run(store.save(tracker))
    assert asyncio.run(store.retrieve("s-other")) is not None
    assert set(threads) == {threading.main_thread().name}


def test_a_coroutine_that_awaits_is_refused_off_its_loop() -> None:
    from bot.plugins.tracker_store import finish_without_awaiting

    async def plain() -> int:
        return 7

    async def waits() -> int:
        await asyncio.sleep(0)
        return 7

    assert finish_without_awaiting(plain()) == 7
    with pytest.raises(RuntimeError, match="awaited"):
        finish_without_awaiting(waits())
