"""Reply latency over the REST channel and resident memory of the running stack.

    python bench/rest_latency.py [--messages 200]

Starts the real stack (action server in the loop), sends the messages one after
another from a few conversations in both languages, and reports the median and p95
reply time and the resident memory (RSS) of Rasa plus the action server.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.local_stack import Stack  # noqa: E402

MESSAGES: List[Tuple[str, str]] = [
    ("sv", "hej"),
    ("sv", "vem kan söka pengar från programmet?"),
    ("sv", "vi är en kommun"),
    ("sv", "när är nästa utlysning?"),
    ("sv", "ingår Karlstad i programområdet?"),
    (
        "sv",
        "Vi vill utveckla en gemensam turistdestination med vandringsleder över gränsen",
    ),
    ("sv", "vilka insatsområden finns det?"),
    ("sv", "måste vi ha en norsk partner?"),
    ("nb", "hei"),
    ("nb", "kan et AS søke?"),
    ("nb", "hva er et forprosjekt?"),
    ("nb", "hvor stor egenandel må vi ha?"),
    ("nb", "er Drammen med?"),
    ("nb", "vi ønsker å lage et felles masterprogram i fornybar energi"),
    ("nb", "kan jeg snakke med en saksbehandler?"),
    ("nb", "hvorfor må prosjektet være grenseoverskridende?"),
]


def rss_mb(pids: List[int]) -> Dict[int, float]:
    out = {}
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            cmd = (
                Path(f"/proc/{pid}/cmdline")
                .read_bytes()
                .replace(b"\0", b" ")
                .decode()[:80]
            )
        except OSError:
            continue
        kb = next(
            (
                int(line.split()[1])
                for line in status.splitlines()
                if line.startswith("VmRSS:")
            ),
            0,
        )
        if "rasa" in cmd:
            out[pid] = kb / 1024
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.start()
        try:
            for lang, text in MESSAGES:  # warm-up: first calls load lazy tables
                stack.send(f"warm-{lang}", text, lang)
            samples = []
            for i in range(args.messages):
                lang, text = MESSAGES[i % len(MESSAGES)]
                sender = f"bench-{i // len(MESSAGES)}-{lang}"
                start = time.perf_counter()
                replies = stack.send(sender, text, lang)
                samples.append((time.perf_counter() - start) * 1000)
                assert replies
            memory = rss_mb(stack.pids())
        finally:
            stack.stop()
    samples.sort()
    p95 = samples[int(0.95 * len(samples)) - 1]
    print(
        f"| REST reply, sequential, n={len(samples)} | median {statistics.median(samples):.0f} ms | p95 {p95:.0f} ms |"
    )
    print(
        f"| resident memory, Rasa + action server | {sum(memory.values()):.0f} MB | {', '.join(f'{v:.0f}' for v in memory.values())} MB per process |"
    )


if __name__ == "__main__":
    main()
