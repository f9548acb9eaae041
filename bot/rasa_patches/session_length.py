"""A conversation session ends after so many events, not only after an hour's pause.

Rasa reads the whole latest session from the tracker store for every message and
rebuilds the tracker by replaying each of its events (``SQLTrackerStore._retrieve``,
``DialogueStateTracker.from_dict``), twice per message. A session ends only after
``session_expiration_time`` minutes without a message, so anyone posting to the public
endpoint in a loop grows one session without bound, and each of their messages costs
more than the last and takes the instance's time from every other conversation (under
the hostile-load benchmark the store's database thread was busy about half the time,
mostly reading the attacker's one conversation back).

Here a session also ends once it holds ``MAX_SESSION_EVENTS`` events (about 50 turns;
real conversations are well under), unless a form is running: Rasa then starts a new
session exactly as after a pause — ``action_session_start``, the slots carried over
(``carry_over_slots_to_new_session``), so what the user told us is remembered; only
the turn history the rules look back on starts again. The store then reads the new
session only.

Replaces ``rasa.core.processor.MessageProcessor._has_session_expired`` (Rasa 3.6.21)
by a wrapper around Rasa's own.
"""

from __future__ import annotations

from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

RASAS_CHECK = MessageProcessor._has_session_expired
MAX_SESSION_EVENTS = 500


def session_events(tracker: DialogueStateTracker) -> int:
    """How many events the tracker's latest session holds."""
    count = 0
    for event in reversed(tracker.events):
        if isinstance(event, SessionStarted):
            break
        count += 1
    return count


def has_session_expired(self: MessageProcessor, tracker: DialogueStateTracker) -> bool:
    """Rasa's expiry, or a session grown to ``MAX_SESSION_EVENTS`` outside a form."""
    if RASAS_CHECK(self, tracker):
        return True
    return (
        self.domain.session_config.are_sessions_enabled()
        and not tracker.active_loop_name
        and session_events(tracker) >= MAX_SESSION_EVENTS
    )


def install() -> None:
    MessageProcessor._has_session_expired = has_session_expired  # type: ignore[method-assign]


def uninstall() -> None:
    MessageProcessor._has_session_expired = RASAS_CHECK  # type: ignore[method-assign]
