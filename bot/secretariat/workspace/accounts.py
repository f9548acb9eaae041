"""Create or reset a workspace account: ``make admin-user NAME=anna``.

The password is asked twice with getpass (never on the command line, where ``ps``
and the shell history would keep it) and stored only as an Argon2id hash.
"""

from __future__ import annotations

import argparse
import getpass
import re
import sys
from typing import Callable, List, Optional

from bot.secretariat.workspace.auth import MIN_PASSWORD, NAME_PATTERN, Accounts
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.store import Store


def main(
    argv: Optional[List[str]] = None, ask: Callable[[str], str] = getpass.getpass
) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bot.secretariat.workspace.accounts"
    )
    parser.add_argument("command", choices=["add"])
    parser.add_argument("name", help="lower-case letters, digits, . _ -")
    args = parser.parse_args(argv)
    name = args.name.strip().lower()
    if not re.match(NAME_PATTERN, name):
        print(
            "Namnet: 2–40 tecken a–z, 0–9, . _ - / Navnet: 2–40 tegn a–z, 0–9, . _ -",
            file=sys.stderr,
        )
        return 2
    password = ask(f"Lösenord / Passord ({name}, minst/minst {MIN_PASSWORD}): ")
    if password != ask("Igen / Igjen: "):
        print("Lösenorden skiljer sig / Passordene er ulike", file=sys.stderr)
        return 1
    try:
        Accounts(Store(Settings.from_env().database)).add(name, password)
    except ValueError as err:
        print(f"Ogiltigt lösenord / Ugyldig passord: {err}", file=sys.stderr)
        return 1
    print(f"OK: {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
