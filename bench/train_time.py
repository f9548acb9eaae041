"""Wall-clock time of a full `rasa train` (NLU + dialogue) into a scratch folder,
started the way `make train` starts it (bot.runtime.rasa_main, with our training speed-ups),
with an empty Rasa cache as on a fresh machine: a working copy's cache near Rasa's
1000 MB limit added ~2 minutes of cache housekeeping (docs/benchmarks.md).

python bench/train_time.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RASA_MAIN = [sys.executable, "-m", "bot.runtime.rasa_main"]


def main() -> None:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}
    with tempfile.TemporaryDirectory() as out:
        env["RASA_CACHE_DIRECTORY"] = str(Path(out) / "cache")
        started = time.perf_counter()
        subprocess.run(
            [*RASA_MAIN, "train", "--force", "--out", out, "--num-threads", "2"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        seconds = time.perf_counter() - started
    print(
        f"| full training (`rasa train --force`, 2 threads) | {seconds / 60:.1f} min |"
    )


if __name__ == "__main__":
    main()
