"""Run every benchmark and write results/benchmarks.md with the date and the machine.

The figures, with what they mean, are carried over into docs/benchmarks.md.

    python bench/run_all.py [--skip-training] [--compare-lemmas]

Timing lives here, not in pass/fail tests. Evaluation files under bench/data/*_eval.yml
and tests/nlu/ are never tuned on.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import List

ROOT = Path(__file__).resolve().parent.parent


def machine() -> str:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    mem_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal")
    )
    return f"{os.cpu_count()} cores ({cpu}), {mem_kb / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def run(script: str, *args: str) -> str:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"}
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-training", action="store_true")
    parser.add_argument("--compare-lemmas", action="store_true")
    args = parser.parse_args()
    sections: List[str] = [
        "# Benchmarks",
        "",
        f"Measured {dt.date.today().isoformat()} on {machine()}, by `make bench` (`bench/run_all.py`).",
        "",
        "## Knowledge base (`bench/kb_quality.py`, held-out `bench/data/*_eval.yml`)",
        "",
        run("kb_quality.py"),
        "",
        "### Funded projects as evidence (`bench/focus_projects.py`, leave-one-out over `projects.yml`)",
        "",
        run("focus_projects.py"),
        "",
        "## Reply language (`bench/reply_language.py`, held-out `bench/data/language_eval.yml`)",
        "",
        run("reply_language.py"),
        "",
        "## NLU on the held-out files (`bench/nlu_quality.py`, `tests/nlu/test_{sv,nb}.yml`)",
        "",
        run("nlu_quality.py", *(["--compare-lemmas"] if args.compare_lemmas else [])),
        "",
        "## Over the REST channel, action server in the loop (`bench/rest_latency.py`)",
        "",
        run("rest_latency.py"),
    ]
    if not args.skip_training:
        sections += [
            "",
            "## Training (`bench/train_time.py`)",
            "",
            run("train_time.py"),
        ]
    (ROOT / "results").mkdir(exist_ok=True)
    (ROOT / "results" / "benchmarks.md").write_text(
        "\n".join(sections) + "\n", encoding="utf-8"
    )
    print("\n".join(sections))


if __name__ == "__main__":
    main()
