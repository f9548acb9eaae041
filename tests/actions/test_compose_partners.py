"""A partner named by place (issue 12): outside the area gets the rule for outside
partners, inside gets the partner rule for the user's side, and a partner's place
outside the area says nothing about which side the user is on."""

from __future__ import annotations

from typing import Any

import pytest

import programme_kb
from programme_kb.compose import compose, told


def snap() -> Any:
    return programme_kb.shared_service().snapshot


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "får en partner från stockholm vara med i projektet"),
        ("sv", "Får en partner från Stockholm vara med i projektet?"),
        ("nb", "kan en partner fra oslo være med"),
        ("nb", "kan vi ha en partner fra Bergen i prosjektet?"),
        ("sv", "kan en partner i malmö vara med?"),
    ],
)
def test_a_partner_from_outside_the_area_gets_the_outside_rule(
    lang: str, text: str
) -> None:
    result = compose(snap(), text, lang)
    kinds = [p.kind for p in result.parts]
    entries = [p.data.get("entry") for p in result.parts]
    assert "outside_area_partner" in entries, kinds
    assert "not_known" not in kinds
    assert told(snap(), text, lang).side is None


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("sv", "kan vi ha en partner i Trysil? vi är en kommun i Östersund", "se"),
        ("nb", "kan vi ha en partner i Östersund? vi er en kommune i Trysil", "no"),
    ],
)
def test_a_partner_in_the_area_gets_the_rule_for_the_users_side(
    lang: str, text: str, side: str
) -> None:
    result = compose(snap(), text, lang)
    kinds = [p.kind for p in result.parts]
    assert "not_known" not in kinds and "partner" in kinds, kinds
    assert told(snap(), text, lang).side == side


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("sv", "vi vill jobba med hållbar turism tillsammans med Trysil", "se"),
        ("nb", "vi vil samarbeide med Östersund om turisme", "no"),
    ],
)
def test_a_partner_place_in_the_area_still_tells_the_users_side(
    lang: str, text: str, side: str
) -> None:
    assert told(snap(), text, lang).side == side
