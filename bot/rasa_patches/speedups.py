"""Two of Rasa's hot spots made cheap, found by profiling a running assistant.

1. The check of the action server's replies, with its schema checked only once.
Rasa 3.6 validates every reply of the action server with ``jsonschema.validate``,
which first validates the *schema itself* against the JSON Schema meta-schema, on
every call. With jsonschema 4.17 that costs ~140 ms of CPU per custom action: a
profile of this assistant put it at 80 % of a message's CPU time in Rasa. Here the
reply is still validated in full against the same schema, with the same error;
only the meta-schema check happens once per process instead of once per action.

2. Event look-up by name. Reading a conversation from the tracker store turns every
stored event back into its class by walking all subclasses of ``Event`` (a few
hundred) per event: 6 % of a message's CPU. The answer never changes once Rasa is
imported, so it is remembered per name.

``install()`` is called by ``bot.runtime.rasa_main`` before Rasa starts.
"""

from __future__ import annotations

import functools
from typing import Any, Dict

from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.events import Event

_RASAS_CHECK = RemoteAction._validate_action_result
_RASAS_EVENT_LOOKUP = Event.resolve_by_type
_event_class = functools.lru_cache(maxsize=512)(_RASAS_EVENT_LOOKUP)


@functools.lru_cache(maxsize=1)
def _reply_validator() -> Any:
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)
    validator_class.check_schema(schema)
    return validator_class(schema)


def _validate_action_result(self: RemoteAction, result: Dict[str, Any]) -> bool:
    """Rasa's ``RemoteAction._validate_action_result`` without the per-call schema check."""
    if _reply_validator().is_valid(result):
        return True
    return bool(_RASAS_CHECK(self, result))  # Rasa's own error for the invalid reply


def install() -> None:
    """Rasa uses the check and the look-up above from now on (idempotent)."""
    Event.resolve_by_type = staticmethod(_event_class)
    RemoteAction._validate_action_result = _validate_action_result
