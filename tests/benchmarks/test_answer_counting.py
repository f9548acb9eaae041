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
        ("context:partner", ["faq:two_applications", "faq:how_to_apply"], True),
        # the rule for their side with the regions to pair with: the pairing too
        ("context:partner_pairing", ["faq:partner_pairing"], True),
        ("context:partner_pairing", ["faq:partner_other_country"], True),
        ("context:partner", ["faq:partner_pairing"], False),
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
    # not the one expected: the question's answer is what is judged (a wrong entry)
    assert answer_id(replies, ["faq:currency"]) == "faq:outside_area_partner"
    assert answer_id(replies, ["faq:currency"], question_first=False) == "place"


@pytest.mark.parametrize("question_part", ["not_known", "project_type"])
def test_what_the_user_told_is_context_when_the_message_asked_something_else(
    question_part: str,
) -> None:
    """ "vi är en kommun, måste vi följa LOU?": the verdict for the municipality
    restates what they told; the question's part ("cannot say for sure") decides."""
    replies = _compound(
        {"kind": "eligibility", "data": {"type": "eligibility", "eligible": True,
                                          "organisation_type": "municipality"}},
        {"kind": question_part, "data": {}},
        {"kind": "next_step", "data": {}},
    )  # fmt: skip
    assert answer_id(replies, ["faq:procurement"]) == question_part
    first_part = answer_id(replies, ["faq:procurement"], question_first=False)
    assert first_part == "eligibility:municipality"


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


def test_a_partner_part_with_the_regions_answers_the_pairing() -> None:
    replies = _compound(
        {"kind": "eligibility", "data": {"type": "eligibility", "eligible": True}},
        {"kind": "partner", "data": {"side": "se", "pairing": True}},
    )
    assert answer_id(replies, ["faq:partner_pairing"]) == "context:partner_pairing"
    plain = _compound({"kind": "partner", "data": {"side": "se", "pairing": False}})
    assert answer_id(plain, ["faq:partner_pairing"]) != "context:partner_pairing"


@pytest.mark.parametrize(
    ("pairing", "expect", "outcome"),
    [
        (True, ["partner_pairing"], "right"),
        (False, ["partner_pairing"], "wrong"),
        (True, ["partner_other_country"], "right"),
        (True, ["decision_time"], "wrong"),  # the rule does not answer it
    ],
)
def test_the_compound_bench_reads_a_partner_part_with_regions_as_the_pairing(
    pairing: bool, expect: List[str], outcome: str
) -> None:
    """bench/compound.py counts the partner part that names the regions to pair
    with as the pairing entry's answer, as bench/answers.py does; without the
    regions it is only the partner rule."""
    from types import SimpleNamespace

    from bench.compound import score

    partner = SimpleNamespace(
        kind="partner",
        data={"entry": "partner_other_country", "pairing": pairing},
    )
    result = SimpleNamespace(parts=[partner])
    outcomes = dict(score({"expect": {"answer": expect}}, result, None))  # type: ignore[arg-type]
    assert outcomes["answer"] == outcome
