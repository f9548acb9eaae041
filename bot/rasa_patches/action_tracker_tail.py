"""The action server gets the recent part of the conversation, not all of it.

Rasa 3.6 sends the whole conversation (``EventVerbosity.ALL``) to the action server
with every custom action: serialised, sent, parsed and turned into a ``Tracker`` again,
however long the conversation is. A conversation of a few hundred turns — a user who
never closes the tab, or anyone posting to the public endpoint in a loop — made every
reply slower than the last (measured: 245 → 750 ms for a long message by its 60th
turn, 29 → 170 ms for "hej"), and slowed every other conversation on the instance.

Our actions read the slots (the conversation's memory), the latest message and the
events since the user's previous message (the form's slots to validate, the fallback's
"what did I just do"); rasa_sdk's own helpers read no further back. So the events are
cut to those after the ``USER_TURNS_KEPT``-th last user message, with one turn to
spare; slots, latest message, active loop and everything else are sent as before.

Replaces ``rasa.core.actions.action.RemoteAction._action_call_format`` (Rasa 3.6.21)
by a wrapper around Rasa's own.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa.core.actions.action import RemoteAction

RASAS_FORMAT = RemoteAction._action_call_format
USER_TURNS_KEPT = 3


def recent_events(
    events: List[Dict[str, Any]], turns: int = USER_TURNS_KEPT
) -> List[Dict[str, Any]]:
    """The events from the ``turns``-th last user message on (all when there are fewer)."""
    seen = 0
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            seen += 1
            if seen == turns:
                return events[index:]
    return events


def action_call_format(self: RemoteAction, tracker: Any, domain: Any) -> Dict[str, Any]:
    body: Dict[str, Any] = RASAS_FORMAT(self, tracker, domain)
    state = body.get("tracker")
    if isinstance(state, dict) and isinstance(state.get("events"), list):
        state["events"] = recent_events(state["events"])
    return body


def install() -> None:
    RemoteAction._action_call_format = action_call_format  # type: ignore[method-assign]


def uninstall() -> None:
    RemoteAction._action_call_format = RASAS_FORMAT  # type: ignore[method-assign]
