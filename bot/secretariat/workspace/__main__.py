"""``python -m bot.secretariat.workspace``: serve the workspace on WORKSPACE_PORT, from HOST only."""

from __future__ import annotations

import argparse
import logging
import sys
from dataclasses import replace
from typing import List, Optional

from aiohttp import web

from bot.secretariat.workspace.app import create_app
from bot.secretariat.workspace.settings import Settings


def main(argv: Optional[List[str]] = None) -> int:
    settings = Settings.from_env()
    parser = argparse.ArgumentParser(prog="python -m bot.secretariat.workspace")
    parser.add_argument("--host", default=settings.host)
    parser.add_argument("--port", type=int, default=settings.port)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    settings = replace(settings, host=args.host, port=args.port)
    web.run_app(
        create_app(settings), host=settings.host, port=settings.port, print=None
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
