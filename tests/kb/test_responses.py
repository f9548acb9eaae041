"""Choosing a domain response's variation: the one rule the actions, the channel and
the report share, checked on the real domain.yml and on odd shapes."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

from programme_kb.responses import variation_text

ROOT = Path(__file__).resolve().parents[2]
RESPONSES: Dict[str, List[Dict[str, Any]]] = yaml.safe_load(
    (ROOT / "domain.yml").read_text(encoding="utf-8")
)["responses"]
NB = [{"type": "slot", "name": "language", "value": "nb"}]


@pytest.mark.parametrize("name", sorted(RESPONSES))
def test_every_domain_response_has_a_swedish_and_a_norwegian_text(name: str) -> None:
    sv = variation_text(RESPONSES[name], "sv")
    nb = variation_text(RESPONSES[name], "nb")
    assert sv and nb
    assert sv != nb or name.startswith("utter_label_") or "{" in sv


@pytest.mark.parametrize(
    "variations, lang, expected",
    [
        ([{"text": "Hej"}, {"text": "Hei", "condition": NB}], "nb", "Hei"),
        ([{"text": "Hej"}, {"text": "Hei", "condition": NB}], "sv", "Hej"),
        ([{"text": "Hei", "condition": NB}, {"text": "Hej"}], "nb", "Hei"),
        ([{"text": "Hei", "condition": NB}, {"text": "Hej"}], "sv", "Hej"),
        ([{"text": "Hej"}], "nb", "Hej"),  # no Norwegian: the default
        ([{"text": "Hei", "condition": NB}], "sv", None),
        ([], "sv", None),
        ([{"text": None}, {"text": 3}, {"text": "Hej"}], "sv", "Hej"),
        ([{"text": "x", "condition": [{"name": "other", "value": "nb"}]}], "nb", None),
        ([{"text": "x", "condition": ["not a mapping"]}], "sv", None),
    ],
)
def test_the_variation_chosen(
    variations: List[Dict[str, Any]], lang: str, expected: Any
) -> None:
    assert variation_text(variations, lang) == expected
