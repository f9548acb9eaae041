"""``rasa run`` with its HTTP API token taken from the environment, not the command line.

    python -m bot.runtime.rasa_main run --model models --endpoints deploy/endpoints.yml ...

``make serve`` / ``make shell`` (bot.runtime.launcher) and the scaled set-up (deploy/) both
start Rasa this way.

A token on the command line is readable by every local user (``ps``, /proc). Here
RASA_AUTH_TOKEN is read from the environment and handed to Rasa's own argument
parser inside the process. Without a token the HTTP API is not enabled at all, so
it is never reachable unauthenticated; the REST channel works either way.
It also installs ``bot.rasa_patches`` (the action-reply check 5× cheaper, event classes
remembered, DIET's training step ~15 % faster with a byte-identical model and, because
loading a model runs one training step, about 280 MB less in ``rasa run``), on Rasa 3.6.21
only; `make train` trains through here for that reason.
"""

from __future__ import annotations

import os
import sys
from typing import List

AUTH_TOKEN_ENV = "RASA_AUTH_TOKEN"


def rasa_arguments(argv: List[str], token: str) -> List[str]:
    """Rasa's arguments, with ``--enable-api --auth-token`` only for ``rasa run``
    with a token set (``rasa shell`` talks to its own server and needs no API)."""
    if any(a in ("--enable-api", "--auth-token") for a in argv):
        raise SystemExit(f"Pass the API token in {AUTH_TOKEN_ENV}, not as an argument.")
    serving = bool(argv) and argv[0] == "run" and argv[1:2] != ["actions"]
    if serving and token:
        return [*argv, "--enable-api", "--auth-token", token]
    return list(argv)


def main() -> None:
    token = os.environ.pop(AUTH_TOKEN_ENV, "")  # not inherited by anything Rasa starts
    sys.argv = ["rasa", *rasa_arguments(sys.argv[1:], token)]
    from rasa.__main__ import main as rasa_main

    from bot import rasa_patches

    rasa_patches.install()
    rasa_main()


if __name__ == "__main__":
    main()
