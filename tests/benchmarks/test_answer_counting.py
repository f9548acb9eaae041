"""How bench/answers.py reads a reply (issue 12): the counting rules must mean what the
assistant's own tables say, so the benchmark cannot flatter it."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from bench.answers import answer_id, is_right


@pytest.mark.parametrize(
    ("got", "expect", "right"),
    [
        (
            "topic:ask_partner",
            ["faq:partner_other_country"],
            True,
        ),  # the card covers it
        ("topic:ask_partner", ["faq:outside_area_partner"], False),  # it does not
        ("who_can_apply", ["faq:who_can_apply"], True),
        ("who_can_apply", ["faq:advance_payment"], False),
        ("calls", ["faq:decision_time"], True),
        ("calls", ["faq:start_before_decision"], False),
        ("context:partner", ["faq:partner_other_country"], True),
        ("context:partner", ["faq:find_partners"], False),
        ("not_known", ["not_known", "faq:eligible_costs"], True),
        ("faq:payment_time", ["faq:payment_claim_timing"], False),
    ],
)
def test_counting_rules(got: str, expect: List[str], right: bool) -> None:
    assert is_right(got, expect) is right


def _compound(*parts: Dict[str, Any]) -> List[Dict[str, Any]]:
    return [{"custom": {"type": "compound", "parts": list(parts)}}]


def test_a_compound_reply_is_read_by_its_parts() -> None:
    replies = _compound(
        {"kind": "place", "data": {}},
        {"kind": "answer", "data": {"entry": "outside_area_partner"}},
    )
    assert (
        answer_id(replies, ["faq:outside_area_partner"]) == "faq:outside_area_partner"
    )
    assert answer_id(replies, ["faq:currency"]) == "place"  # first part that answers


def test_a_compound_partner_part_is_the_partner_rule_only_when_that_was_asked() -> None:
    replies = _compound(
        {"kind": "eligibility", "data": {"type": "eligibility", "eligible": True,
                                          "organisation_type": "municipality"}},
        {"kind": "partner", "data": {}},
    )  # fmt: skip
    assert answer_id(replies, ["faq:partner_other_country"]) == "context:partner"
    assert (
        answer_id(replies, ["eligibility:municipality"]) == "eligibility:municipality"
    )
