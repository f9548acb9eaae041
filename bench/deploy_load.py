"""Throughput and reply latency of the deployments under concurrent conversations.

    python bench/deploy_load.py [--levels 1,5,10,25,50] [--setups sqlite,postgres,two]

Three set-ups, each started fresh on free loopback ports:
  sqlite   - one instance with SQLite: `make serve` itself (tests.support.local_stack, no nginx);
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
import random
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
    think_s: float = 0.0,
) -> LoadResult:
    """Every sender's conversation, ``concurrency`` at a time; each message is sent
    a thinking time after the previous reply (0: closed loop, as fast as answered).

    Thinking times vary from 0.5 to 1.5 × ``think_s`` and conversations start spread
    over one ``think_s``, as people do: otherwise they all send in step, in bursts.
    """
    result = LoadResult()
    pauses = random.Random(42)
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
                if think_s:
                    share = pauses.uniform(0.5, 1.5) if number else pauses.random()
                    await asyncio.sleep(share * think_s)
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
SETUP_LABELS = {
    "sqlite": "1 instance, SQLite (`make serve`)",
    "postgres": "1 instance, PostgreSQL + Redis, nginx",
    "two": "2 instances, PostgreSQL + Redis, nginx",
}


@dataclass
class Row:
    setup: str
    level: int
    think_s: float
    result: LoadResult
    sweep: bool = False
    """Part of the capacity sweep: thinking time shortened until p95 exceeds the limit."""


SLO_LEVEL = 25
SLO_P95_MS = 500.0
SLO_THINKS = (2.0, 1.5, 1.2, 1.0, 0.8, 0.65, 0.5, 0.4, 0.3)


def _make(setup: str, tmp: Path) -> Any:
    """The set-up, not started yet; ``rest_url`` says where to send messages."""
    stack: Any
    if setup == "sqlite":
        from tests.support.local_stack import Stack

        stack = Stack(tmp)
    else:
        from tests.support.deploy_stack import DeployStack

        stack = DeployStack(instances=2 if setup == "two" else 1)
    return stack


def measure(
    setup: str,
    levels: Sequence[int],
    paced: Sequence[int],
    think_s: float,
    turns: int,
    min_messages: int = MIN_MESSAGES_PER_LEVEL,
    sweep_thinks: Sequence[float] = (),
) -> List[Row]:
    """Closed loop at each of ``levels``, then with thinking time at each of ``paced``,
    then the capacity sweep: 25 conversations with ever shorter thinking times."""
    rows: List[Row] = []
    with tempfile.TemporaryDirectory() as tmp:
        stack = _make(setup, Path(tmp))
        url = stack.rest_url
        try:
            stack.start()
            warm = [f"warm-{setup}-{i}" for i in range(4)]  # sv, nb; every instance
            asyncio.run(run_conversations(url, warm, len(SWEDISH), concurrency=2))
            plan = [(level, 0.0) for level in levels] + [(c, think_s) for c in paced]
            for level, think in plan:
                conversations = max(level, math.ceil(min_messages / turns))
                senders = [
                    f"bench-{setup}-{level}-{think}-{i}" for i in range(conversations)
                ]
                result = asyncio.run(
                    run_conversations(
                        url, senders, turns, concurrency=level, think_s=think
                    )
                )
                rows.append(Row(setup, level, think, result))
                print(_row_line(rows[-1]), file=sys.stderr, flush=True)
            for think in sweep_thinks:
                senders = [f"slo-{setup}-{think}-{i}" for i in range(SLO_LEVEL)]
                result = asyncio.run(
                    run_conversations(
                        url, senders, turns, concurrency=SLO_LEVEL, think_s=think
                    )
                )
                rows.append(Row(setup, SLO_LEVEL, think, result, sweep=True))
                print(_row_line(rows[-1]), file=sys.stderr, flush=True)
                if result.percentile_ms(95) > SLO_P95_MS:
                    break  # shorter thinking times only load it more
        finally:
            if hasattr(stack, "cleanup"):
                stack.cleanup()
            else:
                stack.stop()
    return rows


def _row_line(row: Row) -> str:
    r = row.result
    return (
        f"| {SETUP_LABELS[row.setup]} | {row.level} | {len(r.ok)} | {len(r.errors)} | "
        f"{r.messages_per_s:.1f} | {r.percentile_ms(50):.0f} | {r.percentile_ms(95):.0f} | "
        f"{r.percentile_ms(99):.0f} | {100 * r.client_cpu_share:.1f} % "
        f"({1000 * r.cpu_s / max(1, len(r.turns)):.1f} ms) |"
    )


HEADER = [
    "| set-up | concurrent conversations | answered | errors | messages/s | "
    "p50 ms | p95 ms | p99 ms | load generator CPU: share of a core (per message) |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
]


def table(rows: List[Row], think_s: float) -> str:
    closed = [r for r in rows if not r.think_s]
    paced = [r for r in rows if r.think_s and not r.sweep]
    sweep = [r for r in rows if r.sweep]
    lines = [
        "Closed loop: each conversation sends its next message as soon as the reply "
        "arrives (the most a set-up can serve).",
        "",
        *HEADER,
        *(_row_line(r) for r in closed),
    ]
    if paced:
        lines += [
            "",
            f"With thinking time between a reply and the next message (uniform "
            f"{think_s / 2:g}–{think_s * 1.5:g} s; conversations start spread over "
            f"{think_s:g} s):",
            "",
            *HEADER,
            *(_row_line(r) for r in paced),
        ]
    by = {(r.setup, r.level): r.result for r in closed}
    one, two = by.get(("postgres", 25)), by.get(("two", 25))
    if one and two and one.messages_per_s:
        ratio = two.messages_per_s / one.messages_per_s
        lines += [
            "",
            f"At 25 concurrent conversations (closed loop) two instances serve "
            f"{ratio:.2f}× the messages per second of one (target ≥ 1.4×), "
            f"p95 {two.percentile_ms(95):.0f} ms: in a closed loop every conversation "
            f"waits its turn behind the others, so p95 is about 25 ÷ throughput.",
        ]
    if sweep:
        lines += [
            "",
            f"Capacity: {SLO_LEVEL} conversations, thinking time shortened step by step "
            f"until p95 exceeds {SLO_P95_MS:.0f} ms:",
            "",
            "| set-up | mean thinking time s | messages/s | p50 ms | p95 ms | p99 ms |",
            "|---|---:|---:|---:|---:|---:|",
            *(
                f"| {SETUP_LABELS[r.setup]} | {r.think_s:g} | "
                f"{r.result.messages_per_s:.1f} | {r.result.percentile_ms(50):.0f} | "
                f"{r.result.percentile_ms(95):.0f} | {r.result.percentile_ms(99):.0f} |"
                for r in sweep
            ),
        ]
        capacity = {
            setup: max(
                (
                    r.result.messages_per_s
                    for r in sweep
                    if r.setup == setup and r.result.percentile_ms(95) <= SLO_P95_MS
                ),
                default=0.0,
            )
            for setup in SETUP_LABELS
        }
        if capacity["postgres"] and capacity["two"]:
            lines += [
                "",
                f"Messages per second served to {SLO_LEVEL} conversations with p95 ≤ "
                f"{SLO_P95_MS:.0f} ms: one instance {capacity['postgres']:.1f}, two "
                f"instances {capacity['two']:.1f} = "
                f"{capacity['two'] / capacity['postgres']:.2f}× (target ≥ 1.4×).",
            ]
    two_paced = next((r for r in paced if r.setup == "two" and r.level == 25), None)
    if two_paced:
        lines.append(
            f"With thinking time, 25 conversations on two instances get p95 "
            f"{two_paced.result.percentile_ms(95):.0f} ms (target ≤ 500 ms)."
        )
    return "\n".join(lines)


def plot(rows: List[Row], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import matplotlib.ticker

    fig, (left, right, third) = plt.subplots(1, 3, figsize=(15, 4.8))
    for setup in SETUP_LABELS:
        mine = sorted(
            (r for r in rows if r.setup == setup and not r.think_s),
            key=lambda r: r.level,
        )
        if len(mine) < 2:
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
    levels = sorted({r.level for r in rows if not r.think_s})
    left.set_ylim(bottom=0)
    for axis in (left, right):
        axis.set_xscale("log")
        axis.set_xticks(levels, [str(v) for v in levels])
        axis.minorticks_off()
        axis.grid(alpha=0.3)
    right.yaxis.set_major_formatter(matplotlib.ticker.ScalarFormatter())
    for setup in SETUP_LABELS:
        mine = sorted(
            (r for r in rows if r.setup == setup and r.sweep),
            key=lambda r: r.result.messages_per_s,
        )
        third.plot(
            [r.result.messages_per_s for r in mine],
            [r.result.percentile_ms(95) for r in mine],
            "o-",
        )
    third.axhline(SLO_P95_MS, color="grey", linestyle="--", linewidth=1)
    third.set(
        xlabel="meddelanden/s · meldinger/s",
        ylabel="p95 (ms)",
        title=f"{SLO_LEVEL} samtal med betänketid · samtaler med tenketid",
    )
    third.set_ylim(bottom=0)
    third.grid(alpha=0.3)
    handles, labels = right.get_legend_handles_labels()
    fig.legend(handles, labels, loc="lower center", ncol=3, fontsize=8, frameon=False)
    fig.tight_layout(rect=(0, 0.12, 1, 1))
    fig.savefig(path, dpi=110)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--levels", default="1,5,10,25,50")
    parser.add_argument("--setups", default="sqlite,postgres,two")
    parser.add_argument("--paced", default="25,50", help="levels with thinking time")
    parser.add_argument("--think", type=float, default=2.0)
    parser.add_argument(
        "--sweep",
        default=",".join(f"{t:g}" for t in SLO_THINKS),
        help="mean thinking times of the capacity sweep ('' to skip)",
    )
    parser.add_argument("--turns", type=int, default=10)
    parser.add_argument("--min-messages", type=int, default=MIN_MESSAGES_PER_LEVEL)
    parser.add_argument("--out", type=Path)
    parser.add_argument(
        "--plot", type=Path, default=ROOT / "docs" / "deploy_benchmark.png"
    )
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

    def numbers(text: str) -> List[int]:
        return [int(v) for v in text.split(",") if v]

    rows: List[Row] = []
    load: List[str] = []
    for setup in args.setups.split(","):
        levels, paced = numbers(args.levels), numbers(args.paced)
        before = os.getloadavg()[0]
        thinks = [float(v) for v in args.sweep.split(",") if v]
        rows += measure(
            setup, levels, paced, args.think, args.turns, args.min_messages, thinks
        )
        load.append(f"{setup} {before:.1f}→{os.getloadavg()[0]:.1f}")
    text = table(rows, args.think) + (
        "\n\nLoad average of the machine (1 min) before→after each set-up, "
        "other users included: " + ", ".join(load) + "."
    )
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n", encoding="utf-8")
    plot(rows, args.plot)
    print(text)


if __name__ == "__main__":
    main()
