"""Rasa's SQL tracker store configured by one URL, storing no personal data.

Rasa's ``SQLTrackerStore`` wants dialect, host, port and database separately; the
operations world hands out URLs. ``TRACKER_DB_URL`` (or the ``url`` key in
endpoints.yml) may be any SQLAlchemy URL; the default is an embedded SQLite file.

Every event is masked (``bot.privacy.masking``) on its way into the database: what the
user typed, entity and slot values, and bot texts that may echo them. The
secretariat's own public address and phone (found in the knowledge base) stay.
Importing this module also masks the log records of the Rasa process.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, FrozenSet, Optional, Tuple

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY
from sqlalchemy.engine import make_url

from bot import settings
from bot.privacy.masking import find_contacts, install_log_masking, mask_event
from bot.secretariat import retention
from programme_kb.loader import data_dir
from programme_kb.service import Stamp, data_stamp

install_log_masking()


def tracker_db_url(url: Optional[str] = None) -> str:
    return url or settings.tracker_db_url()


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

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Store the new events of the conversation, masked (same rows as Rasa's own)."""
        await self.stream_events(tracker)
        keep = self.public_contacts()
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = mask_event(event.as_dict(), keep)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=data.get("parse_data", {})
                        .get("intent", {})
                        .get(INTENT_NAME_KEY),
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()

    def delete_sender(self, sender_id: str) -> int:
        """Forget one conversation completely (on the user's request); returns rows deleted."""
        return retention.delete_sender(self.engine, sender_id)
