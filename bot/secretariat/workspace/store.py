"""The workspace's own records in one SQLite file (var/workspace/workspace.db).

Accounts, sessions, sign-in attempts, the history of published changes and the
inbox decisions. SQLite from the standard library: one small file next to the
other runtime data, safe for the several threads of one process (a connection
per call) and for ``make admin-user`` running beside the server.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

SCHEMA = """
CREATE TABLE IF NOT EXISTS users (
    name TEXT PRIMARY KEY, hash TEXT NOT NULL, created REAL NOT NULL);
CREATE TABLE IF NOT EXISTS sessions (
    token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, csrf TEXT NOT NULL,
    lang TEXT NOT NULL, created REAL NOT NULL, seen REAL NOT NULL);
CREATE TABLE IF NOT EXISTS attempts (
    id INTEGER PRIMARY KEY, name TEXT NOT NULL, address TEXT NOT NULL,
    ok INTEGER NOT NULL, time REAL NOT NULL);
CREATE TABLE IF NOT EXISTS changes (
    id INTEGER PRIMARY KEY, user TEXT NOT NULL, time REAL NOT NULL,
    reason TEXT NOT NULL, summary TEXT NOT NULL, entries TEXT NOT NULL,
    files TEXT NOT NULL, diff TEXT NOT NULL, undoes INTEGER, undone_by INTEGER);
CREATE TABLE IF NOT EXISTS decisions (
    id INTEGER PRIMARY KEY, user TEXT NOT NULL, time REAL NOT NULL,
    action TEXT NOT NULL, reason TEXT NOT NULL, entry_id TEXT,
    change_id INTEGER, records TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS drafts (
    token_hash TEXT PRIMARY KEY, user TEXT NOT NULL, time REAL NOT NULL,
    form TEXT NOT NULL);
"""


@dataclass(frozen=True)
class Change:
    """One published change: who, when, why, what (entries and a diff)."""

    id: int
    user: str
    time: float
    reason: str
    summary: str
    entries: List[Dict[str, Any]]
    """[{"file", "entry_id", "before", "after"}] as plain data."""
    files: Dict[str, List[str]]
    """file name -> [text before, text after]."""
    diff: str
    undoes: Optional[int]
    undone_by: Optional[int]


class Store:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        with self.connect() as db:
            db.executescript(SCHEMA)

    @contextlib.contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        db = sqlite3.connect(self.path, timeout=30)
        try:
            with db:  # one transaction, committed on success
                yield db
        finally:
            db.close()

    # --- accounts -------------------------------------------------------------------

    def put_user(self, name: str, password_hash: str) -> None:
        with self.connect() as db:
            db.execute(
                "INSERT INTO users(name, hash, created) VALUES (?, ?, ?) "
                "ON CONFLICT(name) DO UPDATE SET hash = excluded.hash",
                (name, password_hash, time.time()),
            )

    def user_hash(self, name: str) -> Optional[str]:
        with self.connect() as db:
            row = db.execute(
                "SELECT hash FROM users WHERE name = ?", (name,)
            ).fetchone()
        return row[0] if row else None

    # --- sessions -------------------------------------------------------------------

    def add_session(self, token_hash: str, user: str, csrf: str, lang: str) -> None:
        now = time.time()
        with self.connect() as db:
            # sessions over a day old cannot be live any more (auth.LIFETIME_S is shorter)
            db.execute("DELETE FROM sessions WHERE created < ?", (now - 86400,))
            db.execute("DELETE FROM drafts WHERE time < ?", (now - 86400,))
            db.execute(
                "INSERT INTO sessions VALUES (?, ?, ?, ?, ?, ?)",
                (token_hash, user, csrf, lang, now, now),
            )

    def session(self, token_hash: str) -> Optional[Dict[str, Any]]:
        with self.connect() as db:
            row = db.execute(
                "SELECT user, csrf, lang, created, seen FROM sessions WHERE token_hash = ?",
                (token_hash,),
            ).fetchone()
        if row is None:
            return None
        return dict(zip(("user", "csrf", "lang", "created", "seen"), row, strict=True))

    def touch_session(self, token_hash: str, lang: Optional[str] = None) -> None:
        with self.connect() as db:
            db.execute(
                "UPDATE sessions SET seen = ?, lang = COALESCE(?, lang) WHERE token_hash = ?",
                (time.time(), lang, token_hash),
            )

    def drop_session(self, token_hash: str) -> None:
        with self.connect() as db:
            db.execute("DELETE FROM sessions WHERE token_hash = ?", (token_hash,))

    # --- sign-in attempts -----------------------------------------------------------

    def add_attempt(self, name: str, address: str, ok: bool) -> None:
        with self.connect() as db:
            db.execute(
                "INSERT INTO attempts(name, address, ok, time) VALUES (?, ?, ?, ?)",
                (name, address, int(ok), time.time()),
            )

    def failures_since(self, name: str, address: str, since: float) -> int:
        """Failed attempts for this account or from this address since the last success."""
        with self.connect() as db:
            row = db.execute(
                "SELECT COUNT(*) FROM attempts WHERE ok = 0 AND time >= ? AND "
                "(name = ? OR address = ?) AND time > COALESCE((SELECT MAX(time) FROM "
                "attempts WHERE ok = 1 AND name = ?), 0)",
                (since, name, address, name),
            ).fetchone()
        return int(row[0])

    # --- history --------------------------------------------------------------------

    def add_change(
        self,
        user: str,
        reason: str,
        summary: str,
        entries: List[Dict[str, Any]],
        files: Dict[str, List[str]],
        diff: str,
        undoes: Optional[int] = None,
    ) -> int:
        with self.connect() as db:
            cursor = db.execute(
                "INSERT INTO changes(user, time, reason, summary, entries, files, diff, "
                "undoes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    user,
                    time.time(),
                    reason,
                    summary,
                    json.dumps(entries, ensure_ascii=False),
                    json.dumps(files, ensure_ascii=False),
                    diff,
                    undoes,
                ),
            )
            change_id = int(cursor.lastrowid or 0)
            if undoes is not None:
                db.execute(
                    "UPDATE changes SET undone_by = ? WHERE id = ?", (change_id, undoes)
                )
        return change_id

    def changes(self, entry_id: Optional[str] = None, limit: int = 200) -> List[Change]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT * FROM changes ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        found = [_change(r) for r in rows]
        if entry_id is not None:
            found = [
                c for c in found if any(e["entry_id"] == entry_id for e in c.entries)
            ]
        return found

    def change(self, change_id: int) -> Optional[Change]:
        with self.connect() as db:
            row = db.execute(
                "SELECT * FROM changes WHERE id = ?", (change_id,)
            ).fetchone()
        return _change(row) if row else None

    # --- inbox decisions ------------------------------------------------------------

    def add_decision(
        self,
        user: str,
        action: str,
        reason: str,
        records: List[str],
        entry_id: Optional[str] = None,
        change_id: Optional[int] = None,
    ) -> None:
        with self.connect() as db:
            db.execute(
                "INSERT INTO decisions(user, time, action, reason, entry_id, change_id, "
                "records) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    user,
                    time.time(),
                    action,
                    reason,
                    entry_id,
                    change_id,
                    json.dumps(records),
                ),
            )

    def decided_records(self) -> set[str]:
        with self.connect() as db:
            rows = db.execute("SELECT records FROM decisions").fetchall()
        return {r for (raw,) in rows for r in json.loads(raw)}

    def decisions(self, limit: int = 100) -> List[Dict[str, Any]]:
        with self.connect() as db:
            rows = db.execute(
                "SELECT user, time, action, reason, entry_id, records FROM decisions "
                "ORDER BY id DESC LIMIT ?",
                (limit,),
            ).fetchall()
        keys = ("user", "time", "action", "reason", "entry_id", "records")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    # --- drafts kept across an expired session ---------------------------------------

    def put_draft(self, token_hash: str, user: str, form: Dict[str, str]) -> None:
        with self.connect() as db:
            db.execute(
                "INSERT OR REPLACE INTO drafts VALUES (?, ?, ?, ?)",
                (token_hash, user, time.time(), json.dumps(form, ensure_ascii=False)),
            )

    def take_draft(self, token_hash: str, user: str) -> Optional[Dict[str, str]]:
        with self.connect() as db:
            row = db.execute(
                "SELECT form FROM drafts WHERE token_hash = ? AND user = ?",
                (token_hash, user),
            ).fetchone()
            db.execute("DELETE FROM drafts WHERE token_hash = ?", (token_hash,))
        return json.loads(row[0]) if row else None


def _change(row: Any) -> Change:
    (id_, user, when, reason, summary, entries, files, diff, undoes, undone_by) = row
    return Change(
        id_,
        user,
        when,
        reason,
        summary,
        json.loads(entries),
        json.loads(files),
        diff,
        undoes,
        undone_by,
    )
