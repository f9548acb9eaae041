"""How Rasa is started: the API token never on the command line, and the cheaper
check of the action server's replies accepts and rejects exactly what Rasa's does."""

from __future__ import annotations

from typing import Any, Callable, Dict, Iterator, List

import pytest
import rasa
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.processor import MessageProcessor
from rasa.shared.core.events import Event, SlotSet, UserUttered
from rasa.utils.tensorflow.layers import CRF

from bot import rasa_patches
from bot.rasa_patches import (
    action_results,
    action_tracker_tail,
    event_lookup,
    session_length,
    training,
)
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


REPLIES: List[Dict[str, Any]] = [
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
    assert _outcome(action_results.validate_action_result, reply) == _outcome(
        RemoteAction._validate_action_result, reply
    )


def test_invalid_replies_exist_in_the_cases() -> None:
    """Guards the test above: some cases must be ones Rasa rejects."""
    outcomes = {_outcome(RemoteAction._validate_action_result, r) for r in REPLIES}
    assert "valid" in outcomes and len(outcomes) >= 4


@pytest.mark.parametrize("name", ["user", "slot", "action", "followup", "topic"])
def test_event_classes_are_found_as_by_rasa(name: str) -> None:
    rasas = event_lookup.RASAS_LOOKUP(name)
    assert event_lookup.event_class(name) is rasas
    assert event_lookup.event_class(name) is rasas, "the same when remembered"


def test_unknown_event_names_still_fail_or_fall_back() -> None:
    with pytest.raises(ValueError, match="Unknown event name"):
        event_lookup.event_class("no_such_event")
    assert event_lookup.event_class("no_such_event", UserUttered) is UserUttered


@pytest.fixture
def rasas_own_code() -> Iterator[None]:
    """Each test starts and ends with Rasa's own code in place."""
    patches = (
        action_results,
        action_tracker_tail,
        event_lookup,
        session_length,
        training,
    )
    for patch in patches:
        patch.uninstall()
    yield
    for patch in patches:
        patch.uninstall()


def _replaced() -> Dict[str, bool]:
    return {
        "action_results": RemoteAction._validate_action_result
        is action_results.validate_action_result,
        "action_tracker_tail": RemoteAction._action_call_format
        is action_tracker_tail.action_call_format,
        "event_lookup": Event.resolve_by_type is event_lookup.event_class,
        "session_length": MessageProcessor._has_session_expired
        is session_length.has_session_expired,
        "training": CRF.call is not training._RASAS_CRF_CALL,
    }


def test_install_replaces_rasas_code_on_the_supported_version(
    rasas_own_code: None,
) -> None:
    assert rasa.__version__ == rasa_patches.SUPPORTED_RASA
    assert rasa_patches.install() is True
    assert rasa_patches.install() is True  # idempotent
    assert all(_replaced().values()), _replaced()
    assert Event.resolve_by_type("slot") is SlotSet


@pytest.mark.parametrize("other", ["3.6.20", "3.6.22", "3.7.0"])
def test_another_rasa_version_keeps_rasas_own_code_and_says_so(
    rasas_own_code: None,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    other: str,
) -> None:
    monkeypatch.setattr(rasa, "__version__", other)
    with caplog.at_level("WARNING"):
        assert rasa_patches.install() is False
    assert _replaced() == {
        "action_results": False,
        "action_tracker_tail": False,
        "event_lookup": False,
        "session_length": False,
        "training": False,
    }
    assert other in caplog.text and rasa_patches.SUPPORTED_RASA in caplog.text


def test_rasa_run_replaces_the_training_step_that_loading_a_model_runs(
    rasas_own_code: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rasa.__main__

    from bot.runtime import rasa_main

    monkeypatch.setattr(rasa.__main__, "main", lambda: None)
    monkeypatch.setattr("sys.argv", ["rasa_main", "run", "--port", "5005"])
    rasa_main.main()
    assert all(_replaced().values()), _replaced()


def test_loading_a_model_runs_rasas_training_step() -> None:
    """Why ``rasa run`` needs the training patch: Rasa's model loading fits one batch
    (checked in Rasa's source, so a Rasa that stops doing it makes this test fail)."""
    import inspect

    from rasa.utils.tensorflow.models import RasaModel

    assert "fit(" in inspect.getsource(RasaModel.load)
