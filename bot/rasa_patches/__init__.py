"""Every replacement of Rasa's own code, in one place, for one Rasa version only.

Each module replaces one piece of Rasa and says why in its docstring:

- ``action_results``: the action server's replies checked without re-checking the schema;
- ``action_tracker_tail``: the action server gets the last turns' events, not the whole
  conversation;
- ``circuit_break``: a turn that tripped Rasa's circuit breaker ends with
  ``action_listen``, so the conversation answers its next message;
- ``event_lookup``: event classes found by name once, not per stored event;
- ``session_length``: a session also ends after so many events, so no sender can make
  every message of theirs, and the instance, slower by never pausing;
- ``training``: DIET's training step without the persistent tape. ``rasa run`` needs it
  too: loading a DIET model runs one training step (``RasaModel.load`` calls ``fit`` to
  build the optimiser before the weights are restored), and with Rasa's persistent tape
  that traced step keeps about 280 MB in the serving process.

The plug-ins in ``bot.plugins`` that override private methods (the lock store's
``_acquire_lock``, the tracker store's ``save``) call ``check_version`` too.

On any Rasa version other than ``SUPPORTED_RASA`` nothing is replaced and a warning
says so: Rasa's own code runs, slower but as Rasa wrote it, instead of an edited copy
of code that has changed under it.
"""

from __future__ import annotations

import logging

import rasa

SUPPORTED_RASA = "3.6.21"
logger = logging.getLogger(__name__)


def check_version(what: str) -> bool:
    """True on the Rasa version our replacements were written against; else a warning."""
    if rasa.__version__ == SUPPORTED_RASA:
        return True
    logger.warning(
        "%s was written for Rasa %s, this is Rasa %s: Rasa's own code is used instead; "
        "check bot/rasa_patches before upgrading",
        what,
        SUPPORTED_RASA,
        rasa.__version__,
    )
    return False


def install() -> bool:
    """Replace Rasa's code (idempotent). False: refused, Rasa's own code runs."""
    if not check_version("bot.rasa_patches"):
        return False
    from bot.rasa_patches import (
        action_results,
        action_tracker_tail,
        circuit_break,
        event_lookup,
        session_length,
        training,  # imports TensorFlow, which Rasa loads with any DIET model anyway
    )

    action_results.install()
    action_tracker_tail.install()
    circuit_break.install()
    event_lookup.install()
    session_length.install()
    training.install()
    return True
