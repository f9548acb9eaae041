"""How Rasa is started: the API token never on the command line, and the cheaper
check of the action server's replies accepts and rejects exactly what Rasa's does."""

from __future__ import annotations

from typing import Any, Callable, Dict

import pytest
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event, SlotSet, UserUttered

from bot.rasa_patches import speedups as rasa_speedups
from bot.runtime.rasa_main import rasa_arguments


def test_the_api_is_enabled_only_for_rasa_run_with_a_token() -> None:
    assert rasa_arguments(["run", "--port", "5005"], "") == ["run", "--port", "5005"]
    with_token = rasa_arguments(["run", "--port", "5005"], "s3cret")
    assert with_token[-3:] == ["--enable-api", "--auth-token", "s3cret"]
    assert rasa_arguments(["shell", "--port", "5005"], "s3cret") == [
        "shell",
        "--port",
        "5005",
    ]
    assert rasa_arguments(["run", "actions"], "s3cret") == ["run", "actions"]


@pytest.mark.parametrize("flag", ["--enable-api", "--auth-token"])
def test_a_token_on_the_command_line_is_refused(flag: str) -> None:
    with pytest.raises(SystemExit, match="RASA_AUTH_TOKEN"):
        rasa_arguments(["run", flag, "x"], "")


REPLIES = [
    {"events": [], "responses": []},
    {
        "events": [{"event": "slot", "name": "language", "value": "nb"}],
        "responses": [{"text": "Hei", "buttons": [], "custom": {"type": "x"}}],
    },
    {"events": [{"event": "slot", "name": "x"}], "responses": [{"text": "t"}]},
    {"events": "not a list", "responses": []},
    {"events": [{"no_event_key": 1}], "responses": []},
    {"events": [{"event": "slot", "timestamp": "yesterday"}], "responses": []},
    {"events": [], "responses": [{"text": 3}]},
]


def _outcome(check: Callable[..., bool], reply: Dict[str, Any]) -> str:
    """ "valid", or the message of the ValidationError Rasa raises for a bad reply."""
    try:
        return "valid" if check(RemoteAction("action_x", None), reply) else "False"
    except ValidationError as error:
        return error.message


@pytest.mark.parametrize("reply", REPLIES)
def test_the_check_agrees_with_rasas_own(reply: Dict[str, Any]) -> None:
    assert _outcome(rasa_speedups._validate_action_result, reply) == _outcome(
        RemoteAction._validate_action_result, reply
    )


def test_invalid_replies_exist_in_the_cases() -> None:
    """Guards the test above: some cases must be ones Rasa rejects."""
    outcomes = {_outcome(RemoteAction._validate_action_result, r) for r in REPLIES}
    assert "valid" in outcomes and len(outcomes) >= 4


@pytest.mark.parametrize("name", ["user", "slot", "action", "followup", "topic"])
def test_event_classes_are_found_as_by_rasa(name: str) -> None:
    rasas = rasa_speedups._RASAS_EVENT_LOOKUP(name)
    assert rasa_speedups._event_class(name) is rasas
    assert rasa_speedups._event_class(name) is rasas, "the same when remembered"


def test_unknown_event_names_still_fail_or_fall_back() -> None:
    with pytest.raises(ValueError, match="Unknown event name"):
        rasa_speedups._event_class("no_such_event")
    assert rasa_speedups._event_class("no_such_event", UserUttered) is UserUttered


def test_install_replaces_rasas_check_and_lookup() -> None:
    try:
        rasa_speedups.install()
        rasa_speedups.install()
        assert (
            RemoteAction._validate_action_result
            is rasa_speedups._validate_action_result
        )
        assert Event.resolve_by_type("slot") is SlotSet
    finally:
        RemoteAction._validate_action_result = rasa_speedups._RASAS_CHECK  # type: ignore[method-assign]
        Event.resolve_by_type = staticmethod(rasa_speedups._RASAS_EVENT_LOOKUP)
