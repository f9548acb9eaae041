"""The check of the action server's replies, with its schema checked only once.

Rasa 3.6 validates every reply of the action server with ``jsonschema.validate``,
which first validates the *schema itself* against the JSON Schema meta-schema, on
every call. With jsonschema 4.17 that costs ~140 ms of CPU per custom action: a
profile of this assistant put it at 80 % of a message's CPU time in Rasa. Here the
reply is still validated in full against the same schema, with the same error;
only the meta-schema check happens once per process instead of once per action.

Replaces ``rasa.core.actions.action.RemoteAction._validate_action_result`` (Rasa 3.6.21).
"""

from __future__ import annotations

import functools
from typing import Any, Dict

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

RASAS_CHECK = RemoteAction._validate_action_result


@functools.lru_cache(maxsize=1)
def _reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result`` without the per-call schema check."""
    if _reply_validator().is_valid(result):
        return True
    return bool(RASAS_CHECK(self, result))  # Rasa's own error for the invalid reply


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]


def uninstall() -> None:
    RemoteAction._validate_action_result = RASAS_CHECK  # type: ignore[method-assign]
