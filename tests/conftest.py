"""Shared fixtures: the domain as actions receive it, and real rasa_sdk trackers."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def domain() -> Dict[str, Any]:
    """domain.yml as the action server passes it to actions."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(ROOT / "domain.yml")).as_dict()


TrackerFactory = Callable[..., Any]


@pytest.fixture
def make_tracker() -> TrackerFactory:
    from rasa_sdk import Tracker

    def build(
        text: str = "",
        intent: str = "greet",
        lang: Optional[str] = "sv",
        slots: Optional[Dict[str, Any]] = None,
        entities: Optional[List[Dict[str, Any]]] = None,
        ranking: Optional[List[Dict[str, Any]]] = None,
        events: Optional[List[Dict[str, Any]]] = None,
    ) -> Tracker:
        latest = {
            "text": text,
            "intent": {"name": intent, "confidence": 0.9},
            "entities": entities or [],
            "intent_ranking": ranking or [{"name": intent, "confidence": 0.9}],
        }
        all_slots = {"language": lang, **(slots or {})}
        return Tracker(
            sender_id="test-user",
            slots=all_slots,
            latest_message=latest,
            events=events or [{"event": "user", "text": text, "parse_data": latest}],
            paused=False,
            followup_action=None,
            active_loop={},
            latest_action_name="action_listen",
        )

    return build


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Any:
    """One running stack for every end-to-end test of the session (needs a trained model)."""
    from tests.support.local_stack import Stack

    running = Stack(tmp_path_factory.mktemp("stack"), log_level="DEBUG")
    running.start()
    yield running
    running.stop()
