"""The word lists that decide short messages (programme_kb/language_words.yml).

A word in the wrong list answers a whole conversation in the wrong language, so the
committed lists are checked for the mistakes a harvest can make: a word in both
lists, a chat word both languages write, or an unaccented word that is how the
other language's word looks typed without å/ä/ö/æ/ø ("for" is Swedish "för").
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from programme_kb.language_lexicon import (
    CHAT_WORDS,
    LEXICON,
    SHARED_CHAT_WORDS,
    STOP_WORDS_BOTH,
    stop_markers,
)
from programme_kb.text import fold

OTHER = {"sv": "nb", "nb": "sv"}


def _lists() -> Dict[str, List[str]]:
    return yaml.safe_load(Path(LEXICON).read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_no_word_is_in_both_lists(lang: str) -> None:
    lists = _lists()
    assert not set(lists[lang]) & set(lists[OTHER[lang]])
    assert not set(lists[lang]) & set(lists["both"])


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_no_word_is_the_other_language_typed_without_accents(lang: str) -> None:
    lists = _lists()
    typed = {fold(w) for w in lists[OTHER[lang]]} - set(lists[OTHER[lang]])
    assert not {w for w in lists[lang] if w == fold(w)} & typed


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_chat_words_are_one_language_s_own(lang: str) -> None:
    """The hand-kept chat words reach their list, and none the other list."""
    lists = _lists()
    chat = set(CHAT_WORDS[lang].split())
    assert not chat & set(CHAT_WORDS[OTHER[lang]].split())
    assert not chat & SHARED_CHAT_WORDS
    assert not chat & set(lists[OTHER[lang]])
    assert len(chat & set(lists[lang])) >= 0.95 * len(chat)


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ["hej", "tack", "inte", "jag", "vad", "förstudie", "och"]),
        ("nb", ["hei", "takk", "ikke", "jeg", "hva", "forprosjekt", "og"]),
    ],
)
def test_the_commonest_words_are_listed(lang: str, words: List[str]) -> None:
    lists = _lists()
    assert set(words) <= set(lists[lang])


@pytest.mark.parametrize("word", sorted(SHARED_CHAT_WORDS))
def test_shared_chat_words_are_in_neither_list(word: str) -> None:
    lists = _lists()
    assert word not in lists["sv"] and word not in lists["nb"]
    assert word in lists["both"]


@pytest.mark.parametrize(
    ("name", "common"),
    [("trondheim", "kommune"), ("steinkjer", "fylkeskommune"), ("stockholm", "region")],
)
def test_place_names_are_listed_and_common_nouns_are_not(
    name: str, common: str
) -> None:
    """A name gets no spelling guess; a word the texts write in lower case is a
    common noun ("kommune" in "Innlandet fylkeskommune") and keeps its votes."""
    names = set(_lists()["names"])
    assert name in names and common not in names


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_no_place_name_is_a_harvested_word(lang: str) -> None:
    """ "sverige" in a Norwegian URL made it a Norwegian word before."""
    lists = _lists()
    chat = set(CHAT_WORDS[lang].split())
    assert not (set(lists[lang]) & set(lists["names"])) - chat


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("sv", ["hon", "honom", "nog", "varit", "kommit", "dock", "hellre", "än"]),
        ("nb", ["hun", "her", "nok", "svært", "dermed", "fjor", "sted", "gi"]),
    ],
)
def test_one_language_s_stop_words_are_listed(lang: str, words: List[str]) -> None:
    """spaCy's stop words of one language only, which the other's dictionary does
    not know either, are that language's words ("kommunen her" is Norwegian)."""
    lists = _lists()
    assert set(words) <= set(stop_markers(lang, lists[OTHER[lang]]))
    assert set(words) <= set(lists[lang])


@pytest.mark.parametrize(
    "word", sorted(STOP_WORDS_BOTH) + ["ingenting", "bara", "idag", "lite", "da", "at"]
)
def test_stop_words_both_languages_write_are_no_marker(word: str) -> None:
    """A stop word the other language writes too, as written or typed without
    å/ä/ö/æ/ø ("da" is Swedish "då", "at" is "åt"), or that its dictionary misses
    ("sju", "din"), is no stop-word marker of either language."""
    lists = _lists()
    for lang in ("sv", "nb"):
        assert word not in stop_markers(lang, lists[OTHER[lang]])
