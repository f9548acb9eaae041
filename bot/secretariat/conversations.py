"""The conversation database as the secretariat's tools read it: Rasa's ``events`` table.

Shared by ``make purge`` (retention), ``make report`` and the workspace's inbox: one
engine from TRACKER_DB_URL, one answer to "is there anything yet", one rule for where
Rasa's sessions begin.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from bot import settings

SESSION_STARTED = "session_started"
SESSION_START_ACTION = "action_session_start"
SESSION_METADATA_SLOT = "session_started_metadata"

REPORT_OUTPUTS = ("report.html", "report.csv", "report-period.json")
"""What ``make report`` (bot.secretariat.report.write) leaves in its folder: the page, the table
and the first and last day they hold."""


def engine_for(url: Optional[str] = None) -> Engine:
    return sa.create_engine(url or settings.tracker_db_url())


def has_events_table(engine: Engine) -> bool:
    """False for a database with no conversations yet (a missing SQLite file is not created)."""
    database = engine.url.database
    sqlite_file = engine.dialect.name == "sqlite" and database not in (
        None,
        "",
        ":memory:",
    )
    if sqlite_file and not Path(str(database)).is_file():
        return False
    return sa.inspect(engine).has_table("events")


class SessionSplitter:
    """Tells where Rasa's sessions begin in one sender's events, read in id order.

    Rasa opens a session with a run of marker events (``session_started_metadata``
    slot, ``action_session_start``, ``session_started``); the first of a run
    begins the session.
    """

    def __init__(self) -> None:
        self.sender: object = None
        self.number = 0
        self._in_markers = False

    def feed(self, sender: object, type_name: object, name: object) -> bool:
        """True when this event opens a new session (sender change included).

        ``name`` is the action name of action events and the slot name of slot events.
        """
        marker = (
            type_name == SESSION_STARTED
            or (type_name == "action" and name == SESSION_START_ACTION)
            or (type_name == "slot" and name == SESSION_METADATA_SLOT)
        )
        new = sender != self.sender or (marker and not self._in_markers)
        if new:
            self.sender = sender
            self.number += 1
        self._in_markers = marker
        return new
