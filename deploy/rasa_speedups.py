"""Rasa's check of the action server's replies, with its schema checked only once.

Rasa 3.6 validates every reply of the action server with ``jsonschema.validate``,
which first validates the *schema itself* against the JSON Schema meta-schema, on
every call. With jsonschema 4.17 that costs ~140 ms of CPU per custom action: a
profile of this assistant put it at 80 % of a message's CPU time in Rasa. Here the
reply is still validated in full against the same schema, with the same error;
only the meta-schema check happens once per process instead of once per action.

``install()`` is called by ``deploy.rasa_main`` before Rasa starts.
"""

from __future__ import annotations

import functools
from typing import Any, Dict

from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction


@functools.lru_cache(maxsize=1)
def _reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result`` without the per-call schema check."""
    error = best_match(_reply_validator().iter_errors(result))
    if error is None:
        return True
    original = RemoteAction.__dict__["_rasa_validate_action_result"]
    return bool(original(self, result))  # Rasa's own message for the invalid reply


def install() -> None:
    if "_rasa_validate_action_result" not in RemoteAction.__dict__:
        original = RemoteAction._validate_action_result
        RemoteAction._rasa_validate_action_result = original
        RemoteAction._validate_action_result = _validate_action_result
