"""Many conversations at once, and faults in the middle of them: no message is lost.

Each user message carries its turn number ("... [03]"), so PostgreSQL can be read
back: every conversation must hold turns 00..09, in order.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import signal
import threading
import time
import urllib.request
from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest

from bench.deploy_load import LoadResult, Turn, run_conversations
from deploy.services import wait_for
from tests.support.deploy_stack import DeployStack

pytestmark = pytest.mark.deploy

CONVERSATIONS = 50
TURNS = 10
APOLOGY_MARKERS = ("tekniskt fel", "teknisk feil")
NEEDS_ACTIONS = "får ett aktiebolag söka?"
"""Answered by the eligibility action, so it needs the action server."""
_TURN_RE = re.compile(r"\[(\d{2})\]$")


def _is_apology(replies: List[Dict[str, Any]]) -> bool:
    return any(m in (r.get("text") or "") for r in replies for m in APOLOGY_MARKERS)


def _load(
    deployment: DeployStack,
    prefix: str,
    on_turn: Optional[Callable[[Turn], None]] = None,
) -> Tuple[List[str], LoadResult]:
    senders = [f"{prefix}-{i:02d}" for i in range(CONVERSATIONS)]
    result = asyncio.run(
        run_conversations(
            deployment.rest_url, senders, TURNS, tag=True, on_turn=on_turn
        )
    )
    return senders, result


def _stored_turns(deployment: DeployStack, senders: List[str]) -> Dict[str, List[int]]:
    """Turn numbers of each conversation's user messages, in stored order."""
    texts = deployment.user_texts()
    turns: Dict[str, List[int]] = {}
    for sender in senders:
        found = (_TURN_RE.search(t) for t in texts.get(sender, []))
        turns[sender] = [int(m.group(1)) for m in found if m]
    return turns


def _answered_all(result: LoadResult, deployment: DeployStack) -> None:
    bad = [(t.sender, t.turn, t.status) for t in result.errors]
    assert not bad, f"{len(bad)} messages without a reply, e.g. {bad[:5]}"
    sorry = [(t.sender, t.turn) for t in result.ok if _is_apology(t.replies)]
    assert not sorry, (
        f"{len(sorry)} apologies, e.g. {sorry[:5]}; why, from the instances' logs:\n"
        + _failures_logged(deployment)
    )


def _failures_logged(deployment: DeployStack, most: int = 3) -> str:
    """The last tracebacks the instances logged for a message that failed: what a
    rare failure under load needs to be understood after the run is gone."""
    found: List[str] = []
    for name in ("rasa-0", "rasa-1"):
        try:
            text = deployment.log(name)
        except OSError:
            continue
        for block in text.split("Handling a message failed")[1:]:
            found.append(f"{name}: Handling a message failed{block[:3000]}")
    return "\n".join(found[-most:]) or "(no traceback logged)"


def _all_ready(deployment: DeployStack) -> Callable[[], bool]:
    return lambda: all(e["ready"] for e in deployment.processes().values())


def _send(deployment: DeployStack, sender: str, text: str) -> List[Dict[str, Any]]:
    body = json.dumps(
        {"sender": sender, "message": text, "metadata": {"language": "sv"}}
    ).encode()
    request = urllib.request.Request(
        deployment.rest_url, body, {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=180) as answer:
        assert answer.status == 200
        replies: List[Dict[str, Any]] = json.loads(answer.read())
    assert replies, "every message gets a reply"
    return replies


def test_fifty_conversations_lose_and_duplicate_nothing(
    deployment: DeployStack,
) -> None:
    senders, result = _load(deployment, "load")
    print(
        f"{len(result.turns)} messages in {result.wall_s:.0f} s, "
        f"p95 {result.percentile_ms(95):.0f} ms"
    )
    _answered_all(result, deployment)
    stored = _stored_turns(deployment, senders)
    wrong = {s: t for s, t in stored.items() if t != list(range(TURNS))}
    assert not wrong, (
        f"{len(wrong)} conversations differ, e.g. {list(wrong.items())[:3]}"
    )
    served_by = set(
        re.findall(
            r'"POST /webhooks/rest/webhook [^"]*" 200 upstream=127\.0\.0\.1:(\d+)',
            deployment.log("nginx-access"),
        )
    )
    ports = {str(e["port"]) for n, e in deployment.processes().items() if "rasa" in n}
    assert served_by == ports, "nginx spreads the conversations over both instances"


def test_killing_an_instance_midway_loses_no_message(deployment: DeployStack) -> None:
    killed: Dict[str, int] = {}

    def kill_a_third_of_the_way(turn: Turn) -> None:
        done = killed.setdefault("turns", 0) + 1
        killed["turns"] = done
        if done == CONVERSATIONS * TURNS // 3:
            killed["pid"] = deployment.kill("rasa-0")

    senders, result = _load(deployment, "kill", kill_a_third_of_the_way)
    assert "pid" in killed
    _answered_all(result, deployment)
    stored = _stored_turns(deployment, senders)
    for sender, turns in stored.items():
        whole = [t for i, t in enumerate(turns) if i == 0 or t != turns[i - 1]]
        assert whole == list(range(TURNS)), f"{sender} lost or reordered: {turns}"
    repeated = sum(len(t) - TURNS for t in stored.values())
    print(
        f"killed rasa-0 after {CONVERSATIONS * TURNS // 3} of {len(result.turns)} "
        f"messages: all answered, p95 {result.percentile_ms(95):.0f} ms, "
        f"{repeated} stored twice"
    )
    # A message in flight when its instance died is retried on the other one; if the
    # dead instance had stored it already, it is stored twice (docs/deployment.md).
    # Only those: each conversation has at most one message in flight, so no turn is
    # stored three times and no conversation repeats more than one turn. (How many
    # were in flight on the killed instance varies from run to run: 0-3 seen.)
    for sender, turns in stored.items():
        assert len(turns) - TURNS <= 1, f"{sender} repeated more than one turn: {turns}"
    assert "rasa-0 (port" in deployment.launcher_output(), "the supervisor saw it"


def test_action_server_outage_gets_apologies_then_answers(
    deployment: DeployStack,
) -> None:
    deployment.kill("actions-0")
    seen: List[bool] = []  # True = apology
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        seen.append(_is_apology(_send(deployment, f"act-{len(seen)}", NEEDS_ACTIONS)))
        if seen[0] and not seen[-1]:
            break
        time.sleep(0.5)
    assert seen[0], "while the action server is down the user gets the apology"
    assert not seen[-1], f"answers again once it is back: {seen}"
    assert seen == sorted(seen, reverse=True), f"apologies, then answers: {seen}"
    assert "actions-0 (port" in deployment.launcher_output()


def test_redis_outage_clear_reply_no_damage_then_recovery(
    deployment: DeployStack,
) -> None:
    who = "redis-1"
    assert not _is_apology(_send(deployment, who, "hej"))
    events_before = deployment.event_count(who)
    deployment.redis.stop()
    try:
        for text in ("vilka insatsområden finns det?", NEEDS_ACTIONS):
            assert _is_apology(_send(deployment, who, text))
        logs = deployment.log("rasa-0") + deployment.log("rasa-1")
        assert "Lock store unreachable (Redis at 127.0.0.1" in logs
        assert deployment.event_count(who) == events_before, "nothing was written"
    finally:
        deployment.redis.start()
    tracker_url = (
        f"{deployment.instance_url('rasa-1')}/conversations/{who}/tracker"
        f"?token={deployment.auth_token}"
    )
    assert deployment.get(tracker_url) == 200, "the stored conversation still loads"

    def answers_again() -> bool:
        return not _is_apology(_send(deployment, who, NEEDS_ACTIONS))

    wait_for(answers_again, "answers after Redis is back", 120)
    assert deployment.user_texts()[who][0] == "hej"
    assert "vilka insatsområden finns det?" not in deployment.user_texts()[who]
    logs = deployment.log("rasa-0") + deployment.log("rasa-1")
    assert "Lock store reachable again" in logs


def test_rolling_restart_serves_throughout(deployment: DeployStack) -> None:
    """SIGHUP (``python -m deploy.run reload``): a new model with no failed message."""
    wait_for(_all_ready(deployment), "every instance (rasa-0 was killed)", 600)
    before = {n: e["pid"] for n, e in deployment.processes().items() if "rasa" in n}
    stop = threading.Event()
    results: List[LoadResult] = []

    def keep_talking() -> None:
        round_ = 0
        while not stop.is_set():
            senders = [f"roll-{round_}-{i}" for i in range(4)]
            results.append(
                asyncio.run(run_conversations(deployment.rest_url, senders, 3))
            )
            round_ += 1

    talker = threading.Thread(target=keep_talking)
    talker.start()
    try:
        assert deployment.process is not None
        os.kill(deployment.process.pid, signal.SIGHUP)
        wait_for(
            lambda: "rolling restart done" in deployment.launcher_output(),
            "the rolling restart",
            900,
        )
    finally:
        stop.set()
        talker.join(timeout=600)
    after = {n: e["pid"] for n, e in deployment.processes().items() if "rasa" in n}
    assert all(after[n] != before[n] for n in before), "every instance was restarted"
    turns = [t for r in results for t in r.turns]
    print(f"{len(turns)} messages during the rolling restart")
    assert len(turns) >= 10
    failed = [(t.sender, t.status) for t in turns if t.status != 200 or not t.replies]
    assert not failed, f"{len(failed)} of {len(turns)} messages failed: {failed[:5]}"
    assert not [t for t in turns if _is_apology(t.replies)]


def test_every_process_still_serves(deployment: DeployStack) -> None:
    wait_for(_all_ready(deployment), "every process", 600)
    assert not _is_apology(_send(deployment, "final", "hej"))
