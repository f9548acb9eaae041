"""The adversarial suite of bench/adversarial_load.py, once, against the real stack.

Every kind of hostile request (over 100: sizes, wrong types in every field, broken
encodings, ReDoS strings for the masking patterns, header abuse, path traversal,
/payload injection, a foreign origin, direct calls to the action port) gets an answer
that is not a 5xx, and the instance still answers a normal question afterwards. How
long the replies take, alone and under a normal stream, is measured by the bench.
"""

from __future__ import annotations

from typing import Any, List, Tuple

import pytest

from bench.adversarial_load import Attack, attacks, send

pytestmark = pytest.mark.e2e

SUITE = attacks()


def test_the_suite_has_over_a_hundred_kinds() -> None:
    assert len(SUITE) >= 100
    assert len({a.name for a in SUITE}) == len(SUITE), "each kind once"
    assert {a.target for a in SUITE} == {"rest", "web", "actions"}


def test_no_hostile_request_gets_a_server_error(stack: Any) -> None:
    ports = {
        "rest": stack.rasa_port,
        "web": stack.web_port,
        "actions": stack.actions_port,
    }
    answers: List[Tuple[Attack, int]] = [
        (attack, send(ports[attack.target], attack)[0]) for attack in SUITE
    ]
    errors = [(a.name, status) for a, status in answers if status >= 500]
    assert not errors, errors
    unanswered = [a.name for a, status in answers if status == 0]
    assert not unanswered, f"closed without an answer: {unanswered}"
    refused_rest = [a for a, s in answers if a.target == "rest" and 400 <= s < 500]
    assert len(refused_rest) >= 50, "most hostile REST requests are refused with a 4xx"
    replies = stack.send("after-the-suite", "vem kan söka?", "sv")
    assert replies and replies[0].get("text"), "the instance still answers"
