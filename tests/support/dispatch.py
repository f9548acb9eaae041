"""Reading what an action sent through rasa_sdk's CollectingDispatcher."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk.executor import CollectingDispatcher


def cards(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    """The custom payloads (the cards the widget renders), in the order sent."""
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]
