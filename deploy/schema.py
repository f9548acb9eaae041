"""Create the tracker store's tables before the Rasa instances start.

    python -m deploy.schema    # uses TRACKER_DB_URL

Rasa creates its ``events`` table on start-up; several instances starting at once
race for it and log errors. Creating it once, first, also turns an unreachable
database into one clear error before anything else has started.
"""

from __future__ import annotations

import logging
import os
import sys

from sqlalchemy.engine import make_url


def main() -> int:
    url = os.environ.get("TRACKER_DB_URL", "")
    logging.basicConfig(level=logging.WARNING, format="schema: %(message)s")
    from bot.plugins.tracker_store import UrlSQLTrackerStore

    UrlSQLTrackerStore(url=url)  # retries until the database answers
    print(f"schema: tracker tables ready in {make_url(url)!r}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
