"""Hostile requests against one running instance, and what normal users feel meanwhile.

    python bench/adversarial_load.py [--normal 60] [--rounds 3]

Starts the real stack (tests.support.local_stack: Rasa REST, action server, web server) and
1. measures a steady stream of normal conversations alone (quiet p50/p95);
2. sends the adversarial suite below (over 100 kinds of request: oversized bodies,
   messages and metadata; wrong types in every field; broken encodings; ReDoS strings
   for the masking patterns; header abuse; path traversal on the web server; /payload
   injection; CORS from a foreign origin; direct calls to the action port) from two
   threads, round after round, while the same normal stream runs again.
Reported: 5xx answers and the slowest adversarial reply (targets: none, under 1 s),
and the normal stream's p95 under attack against its quiet value (target: under 3x).
Timing lives here, not in the tests (tests/security checks the answers themselves).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import statistics
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.local_stack import Stack  # noqa: E402

NORMAL: List[Tuple[str, str]] = [
    ("sv", "vem kan söka pengar från programmet?"),
    ("nb", "kan et AS søke?"),
    ("sv", "ingår Karlstad i programområdet?"),
    ("nb", "hvor lenge kan et forprosjekt vare?"),
    ("sv", "när är nästa utlysning?"),
    ("nb", "vi vil lage et felles reiselivsnettverk over grensen"),
]


@dataclass(frozen=True)
class Attack:
    """One hostile request: which server, method, path, headers and raw body."""

    name: str
    target: str  # rest | web | actions
    method: str = "POST"
    path: str = "/webhooks/rest/webhook"
    body: bytes = b""
    headers: Dict[str, str] = field(default_factory=dict)


def _json(value: object) -> bytes:
    return json.dumps(value).encode()


def attacks() -> List[Attack]:
    """The suite: each kind of hostile input once."""
    suite: List[Attack] = []
    rest = "rest"
    wrong_values: List[object] = [
        None,
        True,
        0,
        -1,
        1.5,
        10**30,
        [],
        ["x"],
        {},
        {"a": 1},
    ]
    for field_name in ("sender", "message", "metadata"):
        for value in wrong_values:
            body = {"sender": "adv", "message": "hej", field_name: value}
            suite.append(Attack(f"{field_name}={value!r}"[:40], rest, body=_json(body)))
    for language in (1, None, "x" * 9, "klingon", ["sv"], {"sv": 1}, "sv\u0000"):
        body = {"sender": "adv", "message": "hej", "metadata": {"language": language}}
        suite.append(Attack(f"language={language!r}"[:40], rest, body=_json(body)))
    sizes = {
        "body 40 kB": _json({"sender": "adv", "message": "x" * 40_000}),
        "body 1 MB": _json({"sender": "adv", "message": "x" * 1_000_000}),
        "message 5000 chars": _json({"sender": "adv", "message": "å" * 5000}),
        "metadata 30 kB": _json(
            {"sender": "adv", "message": "hej", "metadata": {"k": "v" * 30_000}}
        ),
        "metadata deep": b'{"sender":"adv","message":"hej","metadata":'
        + b'{"a":' * 500
        + b"1"
        + b"}" * 501,
        "sender 10 kB": _json({"sender": "s" * 10_000, "message": "hej"}),
    }
    suite += [Attack(name, rest, body=body) for name, body in sizes.items()]
    broken = {
        "not json": b"hej",
        "empty body": b"",
        "truncated json": b'{"sender": "adv", "message": "he',
        "invalid utf-8": b'{"sender": "adv", "message": "\xff\xfe\xfd"}',
        "lone surrogate": b'{"sender": "adv", "message": "\\ud800"}',
        "nul in message": b'{"sender": "adv", "message": "a\\u0000b"}',
        "bom": b'\xef\xbb\xbf{"sender": "adv", "message": "hej"}',
        "json array": b'[{"sender": "adv", "message": "hej"}]',
        "json number": b"12345",
        "duplicate keys": b'{"sender": "a", "sender": 1, "message": "hej"}',
        "control chars": _json({"sender": "adv", "message": "\x1b[2J\x07"}),
        "utf-16 body": '{"sender": "adv", "message": "hej"}'.encode("utf-16"),
    }
    suite += [Attack(name, rest, body=body) for name, body in broken.items()]
    redos = {
        "word run + @": "a" * 3900 + "@",
        "dots + @": "." * 3900 + "@",
        "a.a.a… + @": "a." * 1950 + "@",
        "digits": "1" * 3990,
        "digits and spaces": "1 " * 1990,
        "plus and digits": "+" + "4 6" * 1300,
        "many @": "@" * 3990,
        "mail-ish run": "a@b." * 990,
        "personnummer-ish": "19" * 1995,
        "no-break digits": "1\u00a0" * 1990,
        "full-width digits": "１" * 3990,
        "thin-space digits": "1\u2009" * 1990,
        "hyphen digits": "1-" * 1990,
        "iban-ish": "SE" + "1" * 3900,
    }
    suite += [
        Attack(f"ReDoS {name}", rest, body=_json({"sender": "adv", "message": text}))
        for name, text in redos.items()
    ]
    payloads = [
        "/restart",
        '/inform{"organisation_type": "x"}',
        '/ask_who_can_apply{"unknown_entity": "x"}',
        "/no_such_intent",
        "/" + "a" * 3000,
        '/greet{"a": ' * 50,
        "/action_listen",
        '/greet{"__proto__": {}}',
    ]
    suite += [
        Attack(f"payload {p[:20]}", rest, body=_json({"sender": "adv", "message": p}))
        for p in payloads
    ]
    normal_body = _json({"sender": "adv", "message": "hej"})
    headers = {
        "text/plain": {"Content-Type": "text/plain"},
        "no content type": {"Content-Type": ""},
        "huge header": {"X-Pad": "x" * 16_000},
        "many headers": {f"X-H{i}": "x" for i in range(150)},
        "foreign origin": {"Origin": "https://evil.example"},
        "null origin": {"Origin": "null"},
        "forged forwarded-for": {"X-Forwarded-For": "1.2.3.4, 5.6.7.8"},
        "wrong content-length": {"Content-Length": "100000"},
        "gzip claimed": {"Content-Encoding": "gzip"},
    }
    suite += [
        Attack(f"header {name}", rest, body=normal_body, headers=h)
        for name, h in headers.items()
    ]
    suite.append(
        Attack(
            "CORS preflight evil",
            rest,
            method="OPTIONS",
            headers={
                "Origin": "https://evil.example",
                "Access-Control-Request-Method": "POST",
            },
        )
    )
    for path in (
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd",
        "/widget.js/../../README.md",
        "//etc/passwd",
        "/%00",
        "/" + "a" * 5000,
        "/config.json?x=" + "%" * 100,
        "/.git/config",
        "/..\\..\\windows\\win.ini",
    ):
        suite.append(Attack(f"web GET {path[:25]}", "web", method="GET", path=path))
    suite.append(Attack("web POST", "web", path="/", body=b"x" * 10_000))
    for name, raw in (
        ("actions junk", b"not json"),
        ("actions unknown", _json({"next_action": "action_rm_rf", "tracker": {}})),
        ("actions empty", b"{}"),
        ("actions huge", b'{"next_action": "' + b"a" * 200_000 + b'"}'),
    ):
        suite.append(Attack(name, "actions", path="/webhook", body=raw))
    suite.append(Attack("actions GET /", "actions", method="GET", path="/"))
    return suite


def send(port: int, attack: Attack, timeout: float = 30.0) -> Tuple[int, float]:
    """(status, seconds); status 0 when the connection was refused or reset."""
    start = time.perf_counter()
    try:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        headers = {"Content-Type": "application/json", **attack.headers}
        connection.putrequest(attack.method, attack.path, skip_accept_encoding=True)
        if "Content-Length" not in attack.headers:
            connection.putheader("Content-Length", str(len(attack.body)))
        for key, value in headers.items():
            if value:
                connection.putheader(key, value)
        connection.endheaders(attack.body or None)
        status = connection.getresponse().status
        connection.close()
    except (OSError, http.client.HTTPException):
        status = 0
    return status, time.perf_counter() - start


def normal_stream(stack: Stack, label: str, count: int) -> List[float]:
    """Reply times of ``count`` normal messages, one after another."""
    times: List[float] = []
    for i in range(count):
        lang, text = NORMAL[i % len(NORMAL)]
        start = time.perf_counter()
        replies = stack.send(f"{label}-{i // len(NORMAL)}", text, lang)
        times.append(time.perf_counter() - start)
        assert replies, f"no reply to {text!r}"
    return times


def p95(values: List[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) >= 2 else values[0]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--normal", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    suite = attacks()
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.start()
        try:
            ports = {
                "rest": stack.rasa_port,
                "web": stack.web_port,
                "actions": stack.actions_port,
            }
            normal_stream(stack, "warm", len(NORMAL))
            quiet = normal_stream(stack, "quiet", args.normal)
            results: List[Tuple[Attack, int, float]] = []

            def attacker(offset: int) -> None:
                for _ in range(args.rounds):
                    for attack in suite[offset::2]:
                        status, seconds = send(ports[attack.target], attack)
                        results.append((attack, status, seconds))

            threads = [threading.Thread(target=attacker, args=(i,)) for i in (0, 1)]
            for thread in threads:
                thread.start()
            loud: List[float] = []
            while any(t.is_alive() for t in threads) or len(loud) < args.normal:
                loud += normal_stream(stack, f"loud{len(loud)}", len(NORMAL))
            for thread in threads:
                thread.join()
        finally:
            stack.stop()
    server_errors = [(a.name, s) for a, s, _ in results if s >= 500]
    refused = [a.name for a, s, _ in results if s == 0]
    slowest: Optional[Tuple[Attack, int, float]] = max(results, key=lambda r: r[2])
    over_a_second = sorted({a.name for a, _, seconds in results if seconds > 1.0})
    statuses: Dict[int, int] = {}
    for _, status, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    print(
        f"load average (1 min) at start / end: {load_before:.2f} / "
        f"{os.getloadavg()[0]:.2f} on {os.cpu_count()} cores"
    )
    print(f"adversarial kinds: {len(suite)}; requests sent: {len(results)}")
    print(f"statuses: {dict(sorted(statuses.items()))}")
    print(f"5xx: {len(server_errors)} {server_errors[:5]}")
    print(
        f"connection closed without an answer: {len(refused)} {sorted(set(refused))[:5]}"
    )
    slow = [seconds for _, _, seconds in results if seconds > 1.0]
    print(
        f"adversarial replies over 1 s: {len(slow)} "
        f"(kinds: {len(over_a_second)} {over_a_second[:5]})"
    )
    print(f"adversarial p95: {p95([s for _, _, s in results]) * 1000:.0f} ms")
    if slowest:
        print(
            f"slowest adversarial reply: {slowest[2] * 1000:.0f} ms ({slowest[0].name})"
        )
    q50, q95 = statistics.median(quiet) * 1000, p95(quiet) * 1000
    l50, l95 = statistics.median(loud) * 1000, p95(loud) * 1000
    print("| normal stream | n | p50 | p95 |")
    print("|---|---|---|---|")
    print(f"| quiet | {len(quiet)} | {q50:.0f} ms | {q95:.0f} ms |")
    print(
        f"| under the adversarial suite | {len(loud)} | {l50:.0f} ms | {l95:.0f} ms |"
    )
    print(f"p95 under attack / quiet: {l95 / q95:.2f}x (target < 3x)")


if __name__ == "__main__":
    main()
