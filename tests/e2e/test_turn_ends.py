"""Every turn ends with one reply, even in a state no rule covers: a message the
eligibility form rejects while it waits for the organisation ("vem kan söka?" asked
again, or sent twice when an instance died mid-turn and the proxy retried it) made
Rasa run its core fallback ten times in one turn until the circuit breaker stopped
it, and every later message of the conversation got only the apology."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = pytest.mark.e2e

FAQ_LIKE = {
    "sv": (
        "vem kan söka pengar från programmet?",
        "vi är en kommun",
        "när är nästa utlysning?",
    ),
    "nb": ("hvem kan søke om penger?", "vi er en kommune", "når er neste utlysning?"),
}


def _texts(replies: Any) -> list:
    return [r.get("text") or "" for r in replies]


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_a_question_repeated_inside_the_form_gets_one_reply_and_the_form_goes_on(
    stack: Any, lang: str
) -> None:
    who, told, later = FAQ_LIKE[lang]
    sender = f"e2e-repeat-in-form-{lang}"
    stack.send(sender, who, lang)  # the form starts and asks for the organisation
    again = stack.send(sender, who, lang)
    assert 1 <= len(again) <= 3, _texts(again)  # one reply, not ten fallbacks
    answer = stack.send(sender, told, lang)
    kinds = [(r.get("custom") or {}).get("type") for r in answer]
    assert "eligibility" in kinds, _texts(answer)  # the form took the answer
    assert stack.send(sender, later, lang), "the conversation goes on"
