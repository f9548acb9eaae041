"""Rasa's SQL tracker store configured by one URL, storing no personal data.

Rasa's ``SQLTrackerStore`` wants dialect, host, port and database separately; the
operations world hands out URLs. ``TRACKER_DB_URL`` (or the ``url`` key in
endpoints.yml) may be any SQLAlchemy URL; the default is an embedded SQLite file.

Every event is masked (``bot.privacy.masking``) on its way out of the process: what
the user typed, entity and slot values, and bot texts that may echo them. The
secretariat's own public address and phone (found in the knowledge base) stay.
Rasa's own ``save()`` runs unchanged; the masking sits where the data leaves it:

- the database: an SQLAlchemy ``before_flush`` hook on the store's sessions rewrites
  each new event row before it is written;
- an event broker, if endpoints.yml configures one: the store hands Rasa a broker
  that masks each event and passes it on to the configured one.

The database work runs off the event loop. On Rasa 3.6.21 the SQL store's ``save``
(without an event broker) and ``_retrieve`` are ``async`` in name only: their bodies
never await, so each blocked the loop for its whole query, commit and tracker rebuild,
and every other conversation waited (a third of a message's time under load). Here
Rasa's own coroutine is run to its end in the store's database thread: one thread for
SQLite, which takes one writer at a time anyway, a few for a server database. With an
event broker configured, or on another Rasa version, Rasa's own path runs unchanged.

Importing this module also masks the log records of the Rasa process.
"""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Coroutine, Dict, FrozenSet, Optional, Tuple, TypeVar

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot import rasa_patches, settings
from bot.privacy.masking import find_contacts, install_log_masking, mask_event
from bot.secretariat import retention
from programme_kb.loader import data_dir
from programme_kb.service import Stamp, data_stamp

install_log_masking()

SERVER_DATABASE_THREADS = 4
"""Database threads for PostgreSQL and the like (Rasa's pool holds 50 connections)."""

T = TypeVar("T")


def finish_without_awaiting(coroutine: Coroutine[Any, Any, T]) -> T:
    """Run a coroutine whose body never awaits to its end, in the calling thread.

    Raises (and closes the coroutine) if it does await: that one needs its event loop.
    """
    try:
        coroutine.send(None)
    except StopIteration as done:
        return done.value
    coroutine.close()
    raise RuntimeError("the coroutine awaited: it cannot run off its event loop")


def tracker_db_url(url: Optional[str] = None) -> str:
    return url or settings.tracker_db_url()


class MaskingEventBroker(EventBroker):
    """The configured event broker, receiving every event masked."""

    def __init__(self, broker: EventBroker, keep: Callable[[], FrozenSet[str]]) -> None:
        self.broker = broker
        self.keep = keep

    def publish(self, event: Dict[str, Any]) -> None:
        self.broker.publish(mask_event(event, self.keep()))

    def is_ready(self) -> bool:
        return bool(self.broker.is_ready())

    async def close(self) -> None:
        await self.broker.close()


class UrlSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        url: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
        # Rasa passes the endpoint's ``url`` as ``host`` when it builds a custom store.
        host = kwargs.pop("host", None)
        if url is None and isinstance(host, str) and "://" in host:
            url = host
        parsed = make_url(tracker_db_url(url))
        if parsed.drivername.startswith("sqlite") and parsed.database:
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        super().__init__(
            domain=domain,
            dialect=parsed.drivername,
            host=parsed.host,
            port=parsed.port,
            db=parsed.database or "rasa.db",
            username=parsed.username,
            password=parsed.password,
            query=dict(parsed.query),
            event_broker=event_broker,
            **kwargs,
        )
        self._public: Tuple[Optional[Stamp], FrozenSet[str]] = (None, frozenset())
        sqlite = parsed.drivername.startswith("sqlite")
        self._database = ThreadPoolExecutor(
            max_workers=1 if sqlite else SERVER_DATABASE_THREADS,
            thread_name_prefix="tracker-db",
        )
        self._off_loop = rasa_patches.check_version(
            "Running the SQL store off the loop"
        )
        sa.event.listen(self.sessionmaker, "before_flush", self._mask_new_rows)
        if self.event_broker is not None:
            self.event_broker = MaskingEventBroker(
                self.event_broker, self.public_contacts
            )

    async def _in_database_thread(self, coroutine: Coroutine[Any, Any, T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._database, finish_without_awaiting, coroutine
        )

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> Optional[DialogueStateTracker]:
        """Rasa's own read and tracker rebuild, in the database thread."""
        read = super()._retrieve(sender_id, fetch_events_from_all_sessions)
        if not self._off_loop:
            return await read
        return await self._in_database_thread(read)

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Rasa's own save, in the database thread unless an event broker is configured
        (streaming to it awaits the broker, on the loop)."""
        if self.event_broker is not None or not self._off_loop:
            return await super().save(tracker)
        await self._in_database_thread(super().save(tracker))

    def public_contacts(self) -> FrozenSet[str]:
        """Addresses and numbers the knowledge base publishes; re-read when it changes."""
        directory = data_dir()
        stamp = data_stamp(directory)
        if stamp != self._public[0]:
            found = {
                c
                for name, _, _ in stamp
                for c in find_contacts((directory / name).read_text(encoding="utf-8"))
            }
            self._public = (stamp, frozenset(found))
        return self._public[1]

    def _mask_new_rows(self, session: Session, *_: Any) -> None:
        """Before a flush: every new event row of this store, masked."""
        keep = self.public_contacts()
        for row in session.new:
            if isinstance(row, self.SQLEvent) and row.data:
                row.data = json.dumps(mask_event(json.loads(row.data), keep))

    def delete_sender(self, sender_id: str) -> int:
        """Forget one conversation completely (on the user's request); returns rows deleted."""
        return retention.delete_sender(self.engine, sender_id)
