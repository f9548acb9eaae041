"""Throughput and reply latency of the deployments under concurrent conversations.

    python bench/deploy_load.py [--levels 1,5,10,25,50] [--setups sqlite,postgres,two]

Three set-ups, each started fresh on free loopback ports:
  sqlite   - one instance with SQLite, exactly what `make serve` runs (no nginx);
  postgres - one instance on PostgreSQL + Redis behind nginx (`deploy.run`);
  two      - two instances on PostgreSQL + Redis behind nginx (`deploy.run`).
At each level C, C conversations run at once, closed loop: a conversation sends its
next message as soon as the previous reply arrives (no thinking time, so this is
the most a set-up can serve), in Swedish and Norwegian, 10 turns each, at least
200 messages per level. Reported: messages per second, p50/p95/p99 reply latency,
and this load generator's own CPU (it shares the 2 cores with the servers).
Writes a markdown table to stdout (or --out) and a plot to docs/deploy_benchmark.png.

The same client drives the deployment tests (tests/deploy/).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence, Tuple

import aiohttp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SWEDISH = [
    "hej",
    "vem kan söka pengar från programmet?",
    "vi är en kommun",
    "när är nästa utlysning?",
    "ingår Karlstad i programområdet?",
    "Vi vill utveckla en gemensam turistdestination med vandringsleder över gränsen",
    "vilka insatsområden finns det?",
    "måste vi ha en norsk partner?",
    "vad är ett småprojekt?",
    "hur stor medfinansiering behövs?",
]
NORWEGIAN = [
    "hei",
    "kan et AS søke?",
    "hva er et forprosjekt?",
    "hvor stor egenandel må vi ha?",
    "er Drammen med?",
    "vi ønsker å lage et felles masterprogram i fornybar energi",
    "kan jeg snakke med en saksbehandler?",
    "hvorfor må prosjektet være grenseoverskridende?",
    "hvilke innsatsområder finnes?",
    "når er neste utlysning?",
]
REQUEST_TIMEOUT_S = 180.0
MIN_MESSAGES_PER_LEVEL = 200


def script(conversation: int, turns: int) -> Tuple[str, List[str]]:
    """Language and messages of one conversation; neighbours start at other points."""
    language, pool = ("sv", SWEDISH) if conversation % 2 == 0 else ("nb", NORWEGIAN)
    start = conversation // 2
    return language, [pool[(start + t) % len(pool)] for t in range(turns)]


def tagged(text: str, turn: int) -> str:
    """A message the tests can find in the database: its turn number at the end."""
    return f"{text} [{turn:02d}]"


@dataclass
class Turn:
    sender: str
    turn: int
    text: str
    status: int
    latency_s: float
    replies: List[Dict[str, Any]]
    finished_at: float


@dataclass
class LoadResult:
    turns: List[Turn] = field(default_factory=list)
    wall_s: float = 0.0
    cpu_s: float = 0.0

    @property
    def ok(self) -> List[Turn]:
        return [t for t in self.turns if t.status == 200 and t.replies]

    @property
    def errors(self) -> List[Turn]:
        return [t for t in self.turns if t.status != 200 or not t.replies]

    @property
    def messages_per_s(self) -> float:
        return len(self.ok) / self.wall_s if self.wall_s else 0.0

    def percentile_ms(self, p: float) -> float:
        """Nearest-rank percentile of the answered messages' reply times."""
        samples = sorted(t.latency_s for t in self.ok)
        if not samples:
            return math.nan
        return 1000 * samples[max(0, math.ceil(p / 100 * len(samples)) - 1)]

    @property
    def client_cpu_share(self) -> float:
        """This process's CPU time as a share of one core over the run."""
        return self.cpu_s / self.wall_s if self.wall_s else 0.0


async def _send(
    session: aiohttp.ClientSession, url: str, sender: str, text: str, language: str
) -> Tuple[int, List[Dict[str, Any]]]:
    body = {"sender": sender, "message": text, "metadata": {"language": language}}
    try:
        async with session.post(url, json=body) as answer:
            raw = await answer.read()
    except (aiohttp.ClientError, asyncio.TimeoutError):
        return 0, []
    try:
        payload = json.loads(raw)
    except ValueError:  # nginx's own error pages are HTML
        payload = None
    return answer.status, payload if isinstance(payload, list) else []


async def run_conversations(
    url: str,
    senders: Sequence[str],
    turns: int,
    concurrency: Optional[int] = None,
    tag: bool = False,
    on_turn: Optional[Callable[[Turn], None]] = None,
) -> LoadResult:
    """Every sender's conversation, ``concurrency`` at a time, closed loop."""
    result = LoadResult()
    queue: asyncio.Queue[Tuple[int, str]] = asyncio.Queue()
    for index, sender in enumerate(senders):
        queue.put_nowait((index, sender))
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT_S)
    connector = aiohttp.TCPConnector(limit=0)

    async def worker(session: aiohttp.ClientSession) -> None:
        while not queue.empty():
            index, sender = queue.get_nowait()
            language, texts = script(index, turns)
            for number, text in enumerate(texts):
                message = tagged(text, number) if tag else text
                started = time.perf_counter()
                status, replies = await _send(session, url, sender, message, language)
                finished = time.perf_counter()
                turn = Turn(
                    sender,
                    number,
                    message,
                    status,
                    finished - started,
                    replies,
                    finished,
                )
                result.turns.append(turn)
                if on_turn:
                    on_turn(turn)

    cpu, wall = time.process_time(), time.perf_counter()
    async with aiohttp.ClientSession(timeout=timeout, connector=connector) as session:
        workers = concurrency or len(senders)
        await asyncio.gather(*(worker(session) for _ in range(workers)))
    result.wall_s = time.perf_counter() - wall
    result.cpu_s = time.process_time() - cpu
    return result


# -- the benchmark ---------------------------------------------------------------------
@dataclass
class Row:
    setup: str
    level: int
    result: LoadResult


SETUP_LABELS = {
    "sqlite": "1 instance, SQLite (`make serve`)",
    "postgres": "1 instance, PostgreSQL + Redis, nginx",
    "two": "2 instances, PostgreSQL + Redis, nginx",
}


def _start(setup: str, tmp: Path) -> Tuple[Any, str]:
    """The running set-up and its REST URL."""
    if setup == "sqlite":
        from bot.local_stack import Stack

        stack: Any = Stack(tmp)
        stack.start()
        return stack, stack.rest_url
    from deploy.harness import DeployStack

    stack = DeployStack(instances=2 if setup == "two" else 1)
    stack.start()
    return stack, stack.rest_url


def _stop(stack: Any) -> None:
    if hasattr(stack, "cleanup"):
        stack.cleanup()
    else:
        stack.stop()


def measure(setup: str, levels: Sequence[int], turns: int) -> List[Row]:
    rows: List[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        stack, url = _start(setup, Path(tmp))
        try:
            warm = [f"warm-{setup}-{i}" for i in range(4)]  # sv, nb; every instance
            asyncio.run(run_conversations(url, warm, len(SWEDISH), concurrency=2))
            for level in levels:
                conversations = max(level, math.ceil(MIN_MESSAGES_PER_LEVEL / turns))
                senders = [f"bench-{setup}-{level}-{i}" for i in range(conversations)]
                result = asyncio.run(
                    run_conversations(url, senders, turns, concurrency=level)
                )
                rows.append(Row(setup, level, result))
                print(_row_line(rows[-1]), file=sys.stderr, flush=True)
        finally:
            _stop(stack)
    return rows


def _row_line(row: Row) -> str:
    r = row.result
    return (
        f"| {SETUP_LABELS[row.setup]} | {row.level} | {len(r.ok)} | {len(r.errors)} | "
        f"{r.messages_per_s:.1f} | {r.percentile_ms(50):.0f} | {r.percentile_ms(95):.0f} | "
        f"{r.percentile_ms(99):.0f} | {100 * r.client_cpu_share:.0f} % "
        f"({1000 * r.cpu_s / max(1, len(r.turns)):.1f} ms) |"
    )


def table(rows: List[Row]) -> str:
    lines = [
        "| set-up | concurrent conversations | answered | errors | messages/s | "
        "p50 ms | p95 ms | p99 ms | load generator CPU (per message) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        *(_row_line(r) for r in rows),
    ]
    by = {(r.setup, r.level): r.result for r in rows}
    one, two = by.get(("postgres", 25)), by.get(("two", 25))
    if one and two and one.messages_per_s:
        ratio = two.messages_per_s / one.messages_per_s
        lines += [
            "",
            f"At 25 concurrent conversations two instances serve {ratio:.2f}× the "
            f"messages per second of one (target ≥ 1.4×); p95 {two.percentile_ms(95):.0f} ms "
            "(target ≤ 500 ms).",
        ]
    return "\n".join(lines)


def plot(rows: List[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    for setup in SETUP_LABELS:
        mine = sorted((r for r in rows if r.setup == setup), key=lambda r: r.level)
        if not mine:
            continue
        levels = [r.level for r in mine]
        label = SETUP_LABELS[setup].replace("`", "")
        left.plot(levels, [r.result.messages_per_s for r in mine], "o-", label=label)
        right.plot(
            levels, [r.result.percentile_ms(95) for r in mine], "o-", label=label
        )
    right.axhline(500, color="grey", linestyle="--", linewidth=1, label="500 ms")
    left.set(
        xlabel="samtidiga samtal · samtidige samtaler",
        ylabel="meddelanden/s · meldinger/s",
        title="Genomströmning · Gjennomstrømning",
    )
    right.set(
        xlabel="samtidiga samtal · samtidige samtaler",
        ylabel="p95 svarstid · svartid (ms)",
        title="Svarstid p95 · Svartid p95",
        yscale="log",
    )
    for axis in (left, right):
        axis.grid(alpha=0.3)
        axis.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,5,10,25,50")
    parser.add_argument("--setups", default="sqlite,postgres,two")
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--plot", type=Path, default=ROOT / "docs" / "deploy_benchmark.png"
    )
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    levels = [int(v) for v in args.levels.split(",")]
    rows: List[Row] = []
    for setup in args.setups.split(","):
        rows += measure(setup, levels, args.turns)
    text = table(rows)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    plot(rows, args.plot)
    print(text)


if __name__ == "__main__":
    main()
