"""Both languages everywhere: responses, buttons, training data per intent."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
MIN_EXAMPLES_PER_LANGUAGE = 25
NOT_TRAINED = {"nlu_fallback", "other_language", "feedback"}
"""Intents that arrive as payloads or are decided by a component, never typed."""


def _language_of(variation: Dict[str, Any]) -> str:
    for condition in variation.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition["value"])
    return "sv"


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_every_response_exists_in_swedish_and_norwegian(name: str) -> None:
    variations: List[Dict[str, Any]] = DOMAIN["responses"][name]
    by_lang = {_language_of(v): v for v in variations}
    assert set(by_lang) == {"sv", "nb"}, (
        f"{name} needs exactly one sv (default) and one nb variation"
    )
    sv, nb = by_lang["sv"], by_lang["nb"]
    assert sv["text"].strip() and nb["text"].strip()
    placeholders = lambda text: sorted(p.split("}")[0] for p in text.split("{")[1:])  # noqa: E731
    assert placeholders(sv["text"]) == placeholders(nb["text"]), (
        "both languages fill the same values"
    )
    assert [b["payload"] for b in sv.get("buttons", [])] == [
        b["payload"] for b in nb.get("buttons", [])
    ]
    for button in sv.get("buttons", []) + nb.get("buttons", []):
        assert button["title"].strip()


def test_every_action_in_the_domain_is_implemented() -> None:
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    implemented = set(executor.actions)
    custom = {a for a in DOMAIN["actions"] if not a.startswith("utter_")}
    assert custom <= implemented, custom - implemented


def test_forms_let_the_same_questions_through() -> None:
    """The eligibility slot's ``not_intent`` and the project form share one list."""
    from actions.common import QUESTION_INTENTS

    mappings = DOMAIN["slots"]["organisation_type"]["mappings"]
    from_text = next(m for m in mappings if m["type"] == "from_text")
    assert set(from_text["not_intent"]) == QUESTION_INTENTS
    assert set(DOMAIN["intents"]) >= QUESTION_INTENTS


def _intent_counts(folder: Path) -> Counter[str]:
    from rasa.shared.nlu.training_data.loading import load_data

    data = load_data(str(folder))
    return Counter(m.get("intent") for m in data.intent_examples)


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_each_intent_has_enough_examples_per_language(lang: str) -> None:
    counts = _intent_counts(ROOT / "data" / "nlu" / lang)
    for intent in set(DOMAIN["intents"]) - NOT_TRAINED:
        assert counts[intent] >= MIN_EXAMPLES_PER_LANGUAGE, (
            f"{lang}: {intent} has {counts[intent]}"
        )


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_held_out_files_are_never_trained_on(lang: str) -> None:
    from rasa.shared.nlu.training_data.loading import load_data

    train = {
        m.get("text").strip().lower()
        for m in load_data(str(ROOT / "data" / "nlu")).intent_examples
    }
    test = [
        m.get("text").strip().lower()
        for m in load_data(
            str(ROOT / "tests" / "nlu" / f"test_{lang}.yml")
        ).intent_examples
    ]
    assert len(test) >= 200
    assert not [t for t in test if t in train]
