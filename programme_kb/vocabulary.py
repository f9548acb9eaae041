"""The words the knowledge base knows: every word of every data file, in both languages.

A question about something the knowledge base never mentions ("har sekretariatet
stängt över jul?", "kan vi använda ChatGPT för att skriva ansökan?") is not answered by
the nearest FAQ entry that shares its other words: when the match is weak, the
assistant says it does not know instead (``FaqIndex.answer``). A word counts as known
when the data has it (or its lemma), when it is a compound of known words
("fremdriftsrapporten", "e-postkassen"), or when it is one typo away from a known word.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, FrozenSet, Iterator, List, Set

from pydantic import BaseModel
from rapidfuzz import distance, process

from programme_kb.kb import KnowledgeBase
from programme_kb.text import (
    NEGATIONS,
    SHORTHAND,
    Analyzer,
    clean,
    expand_shorthand,
    fold,
    stop_words,
    words,
)

MIN_WORD = 3
"""Shorter words ("ok", "ja") say nothing about the subject."""
MIN_PART = 3
"""The shortest part of a compound: "tim|lön", "mom|s" is not a split."""
TYPO_LENGTH = 5
"""Words at least this long may be one edit away from a known word ("ansökningen")."""
LINKING = ("s", "e")
"""Letters Scandinavian compounds put between their parts ("medfinansiering-s-intyg")."""
ENDINGS = frozenset(
    (
        *("s", "e", "a", "n", "t", "en", "et", "er", "ar", "or", "na", "ne", "as"),
        *("es", "ts", "ns", "ens", "ets", "ene", "ers", "ars", "ors", "ane", "ade"),
        *("ede", "te", "de", "ta", "re", "are", "ere", "na", "nas", "nes", "ende"),
        *("ande", "erna", "arna", "orna", "ernas", "nen"),
    )
)
"""Inflections a known word may carry ("fremdriftsrapport-en", "slag-s", "norrmän-nen")."""
MIN_STEM = 4
"""The shortest known word an inflection is added to."""


def _strings(value: Any) -> Iterator[str]:
    """Every string in a loaded data file (models, lists, mappings)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, BaseModel):
        yield from _strings(value.dict())
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, (list, tuple, set, frozenset)):
        for item in value:
            yield from _strings(item)


def _kb_strings(kb: KnowledgeBase) -> Iterator[str]:
    for part in (
        kb.facts,
        kb.goals,
        kb.areas,
        kb.project_types,
        kb.eligibility,
        kb.places,
        kb.faq,
        kb.contact,
        kb.messages,
        kb.scope.other_programmes,  # not its office words: what we cannot answer
        kb.sources,
        kb.projects,
        kb.synonyms,
    ):
        yield from _strings(part)


@dataclass
class KbVocabulary:
    kb: KnowledgeBase
    analyzer: Analyzer
    _known: FrozenSet[str] = field(init=False)
    _parts: FrozenSet[str] = field(init=False)
    _sorted: List[str] = field(init=False)

    def __post_init__(self) -> None:
        lowered = {w for text in _kb_strings(self.kb) for w in words(text.lower())}
        known: Set[str] = set(NEGATIONS) | {fold(w) for w in SHORTHAND.values()}
        known |= {fold(w) for w in lowered}
        for lang in ("sv", "nb"):  # once per distinct word, not per occurrence
            known |= {self.analyzer.lemma(w, lang) for w in lowered}
        self._known = frozenset(known)
        self._parts = self._known | stop_words()
        """Compound parts may also be words too common to be known subjects ("över")."""
        self._sorted = sorted(w for w in known if len(w) >= TYPO_LENGTH - 1)

    def _is_known(self, word: str) -> bool:
        """The word, a lemma of it, its compound parts, or a close spelling is known."""
        if word in self._known:
            return True
        lemmas = {self.analyzer.lemma(word, lang) for lang in ("sv", "nb")}
        if lemmas & self._known or self._inflected(word):
            return True
        parts = [p for p in word.split("-") if p]
        if len(parts) > 1:
            return all(self._is_known(p) for p in parts if len(p) >= MIN_WORD)
        if self._compound_of_known(word):
            return True
        return len(word) >= TYPO_LENGTH and bool(
            process.extractOne(
                word,
                self._sorted,
                scorer=distance.Levenshtein.distance,
                score_cutoff=1,
            )
        )

    def _inflected(self, word: str) -> bool:
        """A known word with an inflection added ("fremdriftsrapport" + "en")."""
        return any(
            word[:cut] in self._known
            for cut in range(max(MIN_STEM, len(word) - 5), len(word))
            if word[cut:] in ENDINGS
        )

    def _part_known(self, part: str) -> bool:
        if part in self._parts or self._inflected(part):
            return True
        return any(
            self.analyzer.lemma(part, lang) in self._known for lang in ("sv", "nb")
        )

    def _compound_of_known(self, word: str) -> bool:
        """ "fremdrift|s|rapporten", "valuta|kurs": a head and a tail both known."""
        for cut in range(MIN_PART, len(word) - 1):
            head, tail = word[:cut], word[cut:]
            if head not in self._parts or (
                len(tail) < MIN_PART and len(head) < MIN_STEM
            ):
                continue
            if self._part_known(tail):
                return True
            if (
                tail[0] in LINKING
                and len(tail) > MIN_PART
                and self._part_known(tail[1:])
            ):
                return True
        return False

    def unknown_words(self, text: str) -> List[str]:
        """The words of a question the knowledge base has never heard of, folded."""
        stop = stop_words()
        unknown = []
        for word in words(fold(expand_shorthand(clean(text)))):
            if len(word) < MIN_WORD or word in stop or any(ch.isdigit() for ch in word):
                continue
            if not self._is_known(word):
                unknown.append(word)
        return unknown
