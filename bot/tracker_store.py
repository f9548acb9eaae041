"""Rasa's SQL tracker store configured by one URL.

Rasa's ``SQLTrackerStore`` wants dialect, host, port and database separately; the
operations world hands out URLs. ``TRACKER_DB_URL`` (or the ``url`` key in
endpoints.yml) may be any SQLAlchemy URL; the default is an embedded SQLite file.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

from rasa.core.brokers.broker import EventBroker
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.domain import Domain
from sqlalchemy.engine import make_url

TRACKER_DB_URL_ENV = "TRACKER_DB_URL"
DEFAULT_SQLITE_FILE = Path("var") / "conversations.db"


def tracker_db_url(url: Optional[str] = None) -> str:
    return url or os.environ.get(TRACKER_DB_URL_ENV) or f"sqlite:///{DEFAULT_SQLITE_FILE}"


class UrlSQLTrackerStore(SQLTrackerStore):
    def __init__(
        self,
        domain: Optional[Domain] = None,
        url: Optional[str] = None,
        event_broker: Optional[EventBroker] = None,
        **kwargs: Any,
    ) -> None:
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
