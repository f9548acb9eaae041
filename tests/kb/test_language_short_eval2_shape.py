"""Shape of the held-out file bench/data/language_short_eval2.yml.

Why: the reply-language figure on short messages is only meaningful if the file holds
both languages in balance, with a small honest share of ambiguous items. A file that
lost one language (or whose items lost their expected language) would still score, so
this test fails instead. It reads the file's shape only and never runs the detector on
the messages: the file is held out and must not be tuned on.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml

EVAL2 = (
    Path(__file__).resolve().parents[2] / "bench" / "data" / "language_short_eval2.yml"
)
LANGUAGES = ("sv", "nb")


def _items() -> List[Dict[str, Any]]:
    """The file's items, as the bench reads them (a mapping with ``items``)."""
    data = yaml.safe_load(EVAL2.read_text(encoding="utf-8"))
    assert isinstance(data, dict), "the file must be a mapping with 'items'"
    items = data["items"]
    assert isinstance(items, list)
    return items


def test_every_item_is_a_short_message_with_a_known_language() -> None:
    """Each item: non-empty text of one to three words, expected sv or nb, nothing else."""
    for item in _items():
        assert set(item) <= {"text", "expected", "ambiguous"}, item
        assert isinstance(item["text"], str) and item["text"].strip(), item
        assert 1 <= len(item["text"].split()) <= 3, item
        assert item.get("expected") in LANGUAGES, item
        assert item.get("ambiguous", False) in (True, False), item


def test_no_message_is_repeated() -> None:
    """A repeated message would count twice in the figure."""
    texts = [str(i["text"]).strip().lower() for i in _items()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_has_half_the_messages(lang: str) -> None:
    """A missing or shrunken language fails: each holds half the file, 120 of 240."""
    items = _items()
    own = [i for i in items if i["expected"] == lang]
    assert len(own) * 2 == len(items)
    assert sum(1 for i in own if not i.get("ambiguous")) >= 100


def test_ambiguous_share_is_small_and_on_both_pages() -> None:
    """About 10-15 % are ambiguous, imagined on pages of both languages."""
    items = _items()
    ambiguous = [i for i in items if i.get("ambiguous")]
    assert 0.10 * len(items) <= len(ambiguous) <= 0.15 * len(items)
    assert {i["expected"] for i in ambiguous} == set(LANGUAGES)
