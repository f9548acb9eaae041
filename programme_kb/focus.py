"""Rank the eight focus areas for a free-text project description.

Each area's bilingual vocabulary (KB data) is compared with the description's
folded surface forms and lemmas. A term counts fully on an exact match, less as part
of a compound ("skogsbrandsberedskap" holds "skogsbrand" and "beredskap") and less
again as a near-miss spelling (rapidfuzz). Terms shared by several areas weigh less
(inverse document frequency), so "reiseliv" separates 3C from 1A better than "innovasjon".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from programme_kb.kb import KnowledgeBase
from programme_kb.models import FocusArea
from programme_kb.text import Analyzer, clean

EXACT, COMPOUND, FUZZY = 1.0, 0.8, 0.6
MIN_COMPOUND_PART = 4
MIN_FUZZY_LEN = 5
FUZZY_CUTOFF = 86.0
SATURATION = 3.0
"""Raw evidence at which the score reaches 0.5; more evidence approaches 1."""


@dataclass(frozen=True)
class _Term:
    shown: str
    parts: Tuple[str, ...]
    areas: Tuple[str, ...]
    weight: float


@dataclass(frozen=True)
class AreaMatch:
    code: str
    title: str
    score: float
    why: List[str]
    summary: str
    examples: List[str]


@dataclass(frozen=True)
class FocusResult:
    language: str
    items: List[AreaMatch]
    reason: Optional[str] = None
    """Why the ranking is empty: "empty", "no_terms"; None when there are items."""

    def payload(self) -> Dict[str, object]:
        """The ``focus_areas`` card of the reply contract (design.md)."""
        return {
            "type": "focus_areas",
            "language": self.language,
            "items": [
                {
                    "code": m.code,
                    "title": m.title,
                    "score": round(m.score, 3),
                    "why": m.why,
                    "summary": m.summary,
                }
                for m in self.items
            ],
        }


@dataclass
class FocusMatcher:
    """Vocabulary index built once per knowledge-base snapshot."""

    kb: KnowledgeBase
    analyzer: Analyzer
    _terms: List[_Term] = field(init=False)
    _by_word: Dict[str, List[int]] = field(init=False)
    _fuzzy_words: List[str] = field(init=False)

    def __post_init__(self) -> None:
        owners: Dict[Tuple[str, ...], Dict[str, str]] = {}
        for area in self.kb.areas.values():
            for lang in ("sv", "nb"):
                for term in area.vocabulary[lang]:
                    parts = tuple(self._lemmas(term, lang))
                    if parts:
                        owners.setdefault(parts, {})[area.code] = term
        n_areas = len(self.kb.areas)
        self._terms = []
        for parts, shown_by_area in owners.items():
            weight = math.log(1 + n_areas / len(shown_by_area)) * (1.3 if len(parts) > 1 else 1.0)
            shown = next(iter(shown_by_area.values()))
            self._terms.append(_Term(shown, parts, tuple(shown_by_area), weight))
        self._by_word = {}
        for index, term in enumerate(self._terms):
            self._by_word.setdefault(term.parts[0], []).append(index)
        self._fuzzy_words = sorted(w for w in self._by_word if len(w) >= MIN_FUZZY_LEN)

    def _lemmas(self, text: str, lang: str) -> List[str]:
        return self.analyzer.lemmas(text, lang)

    def _word_hits(self, word: str) -> List[Tuple[str, float]]:
        """Vocabulary first-words this text word stands for, with match quality."""
        hits: List[Tuple[str, float]] = []
        if word in self._by_word:
            hits.append((word, EXACT))
        if len(word) > MIN_COMPOUND_PART + 2:
            for start in range(0, len(word) - MIN_COMPOUND_PART + 1):
                for end in range(len(word), start + MIN_COMPOUND_PART - 1, -1):
                    if (start, end) == (0, len(word)):
                        continue
                    piece = word[start:end]
                    if piece in self._by_word and (start == 0 or end == len(word) or len(piece) >= 6):
                        hits.append((piece, COMPOUND))
        if not hits and len(word) >= MIN_FUZZY_LEN:
            found = process.extractOne(word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF)
            if found:
                hits.append((found[0], FUZZY))
        return hits

    def rank(self, text: str, lang: Optional[str], k: int = 3) -> FocusResult:
        language = lang if lang in ("sv", "nb") else "sv"
        cleaned = clean(text)
        if not cleaned:
            return FocusResult(language, [], "empty")
        lemma_sets = [t.forms for t in self.analyzer.tokens(cleaned, language)]
        evidence: Dict[str, float] = {}
        why: Dict[str, Dict[str, float]] = {}
        seen_terms: set[int] = set()
        for position, forms in enumerate(lemma_sets):
            best_for_term: Dict[int, float] = {}
            for form in forms:
                for head, quality in self._word_hits(form):
                    for index in self._by_word[head]:
                        term = self._terms[index]
                        if not _rest_matches(term.parts[1:], lemma_sets, position + 1):
                            continue
                        best_for_term[index] = max(best_for_term.get(index, 0.0), quality)
            for index, quality in best_for_term.items():
                if index in seen_terms:
                    continue
                seen_terms.add(index)
                term = self._terms[index]
                for code in term.areas:
                    evidence[code] = evidence.get(code, 0.0) + term.weight * quality
                    why.setdefault(code, {})[term.shown] = term.weight * quality
        if not evidence:
            return FocusResult(language, [], "no_terms")
        ranked = sorted(evidence.items(), key=lambda item: -item[1])[: max(k, 0)]
        items = [self._item(self.kb.areas[code], raw, why[code], language) for code, raw in ranked]
        return FocusResult(language, items)

    @staticmethod
    def _item(area: FocusArea, raw: float, why: Dict[str, float], lang: str) -> AreaMatch:
        terms = [t for t, _ in sorted(why.items(), key=lambda item: -item[1])][:5]
        return AreaMatch(
            code=area.code,
            title=area.title[lang],
            score=raw / (raw + SATURATION),
            why=terms,
            summary=area.aim[lang],
            examples=[e[lang] for e in area.examples],
        )


def _rest_matches(parts: Sequence[str], lemma_sets: List[FrozenSet[str]], start: int) -> bool:
    """Whether the remaining words of a multi-word term follow in the text."""
    for offset, part in enumerate(parts):
        position = start + offset
        if position >= len(lemma_sets) or part not in lemma_sets[position]:
            return False
    return True

