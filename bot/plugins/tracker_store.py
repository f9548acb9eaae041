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

Importing this module also masks the log records of the Rasa process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable, Dict, FrozenSet, Optional, Tuple

import sqlalchemy as sa
from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session

from bot import settings
from bot.privacy.masking import find_contacts, install_log_masking, mask_event
from bot.secretariat import retention
from programme_kb.loader import data_dir
from programme_kb.service import Stamp, data_stamp

install_log_masking()


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
        sa.event.listen(self.sessionmaker, "before_flush", self._mask_new_rows)
        if self.event_broker is not None:
            self.event_broker = MaskingEventBroker(
                self.event_broker, self.public_contacts
            )

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
