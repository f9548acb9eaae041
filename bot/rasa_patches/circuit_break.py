"""A conversation whose turn tripped Rasa's circuit breaker goes on with the next turn.

Rasa stops predicting after ``MAX_NUMBER_OF_PREDICTIONS`` actions in one turn
("Circuit breaker tripped"); the user gets no reply (our REST channel answers with
its apology) and the tracker is saved without the ``action_listen`` that ends a
turn. Rasa counts the actions of a turn back to the last ``action_listen``, so every
later message of that conversation trips the breaker at once: one bad turn, and the
conversation answers nothing but apologies for good (seen in the deploy test that
kills an instance under load: seven apologies in a row for one conversation).

Here the tripped turn ends with ``action_listen``, as a finished turn does, so the
next message is predicted afresh; and the turn's last events are logged by kind and
name only (no user text), so that what looped can be read after the run.

Sets ``MessageProcessor.on_circuit_break`` — Rasa's own hook for this, which Rasa
itself never sets — on every processor (Rasa 3.6.21).
"""

from __future__ import annotations

import logging
from typing import Any, List

from rasa.core.processor import MessageProcessor
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import ActionExecuted, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

RASAS_INIT = MessageProcessor.__init__
EVENTS_LOGGED = 16


def describe(events: List[Event]) -> str:
    """Event kinds and names, never what the user wrote."""
    parts = []
    for event in events:
        if isinstance(event, ActionExecuted):
            parts.append(f"action:{event.action_name}")
        elif isinstance(event, UserUttered):
            parts.append(f"user:{(event.intent or {}).get('name')}")
        else:
            parts.append(str(event.type_name))
    return ", ".join(parts)


def end_the_turn(tracker: DialogueStateTracker, *_: Any) -> None:
    """Log what looped and close the turn, so the next message starts a new one."""
    logger.warning(
        "Turn ended after the circuit breaker tripped for a conversation; its last "
        "events: %s",
        describe(list(tracker.events)[-EVENTS_LOGGED:]),
    )
    tracker.update(ActionExecuted(ACTION_LISTEN_NAME))


def init(self: MessageProcessor, *args: Any, **kwargs: Any) -> None:
    RASAS_INIT(self, *args, **kwargs)
    if self.on_circuit_break is None:
        self.on_circuit_break = end_the_turn  # type: ignore[assignment]


def install() -> None:
    MessageProcessor.__init__ = init  # type: ignore[method-assign]


def uninstall() -> None:
    MessageProcessor.__init__ = RASAS_INIT  # type: ignore[method-assign]
