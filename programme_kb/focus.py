"""Rank the eight focus areas for a free-text project description.

Each area's bilingual vocabulary (KB data) is compared with the description's
folded surface forms and lemmas. A term counts fully on an exact match, less as part
of a compound ("skogsbrandsberedskap" holds "skogsbrand" and "beredskap") and less
again as a near-miss spelling (rapidfuzz). Terms shared by several areas weigh less
(inverse document frequency), so "reiseliv" separates 3C from 1A better than "innovasjon".
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

from rapidfuzz import fuzz, process

from programme_kb.contract import (
    FocusAreaItem,
    FocusAreasCard,
    FundedProjectLink,
    Strength,
)
from programme_kb.kb import KnowledgeBase
from programme_kb.models import FocusArea, FundedProject
from programme_kb.precedents import AreaEvidence, Neighbour, PrecedentIndex
from programme_kb.scope import organisation_name_positions
from programme_kb.text import Analyzer, Token, clean, fold, stop_words, words

EXACT, COMPOUND, FUZZY = 1.0, 0.8, 0.6
LINKING = ("s", "e")
"""Letters that join the parts of a compound ("skogsbruk", "barnehage")."""
MIN_COMPOUND_PART = 4
MIN_FUZZY_LEN = 7
MAX_COMPOUND_LEN = 40
"""Longer "words" are noise (pasted hashes, "xxxxx…"): splitting them costs O(n²)."""
FUZZY_CUTOFF = 88.0
SATURATION = 3.0
"""Raw evidence at which the score reaches 0.5; more evidence approaches 1."""
PRECEDENT_WEIGHT = 0.3
"""Evidence from funded projects and the areas' examples, when the vocabulary has none:
one description's words ranked against another's, so it weighs less than listed terms."""
MAX_PROJECTS = 2
"""Funded projects shown under one suggested area."""
STRONG, CLEAR = 0.6, 0.4
"""Score bounds of a strong and a clear match; below: weak. Users are told these words,
not percentages: the score counts matched terms, it is not a probability."""


@dataclass(frozen=True)
class _Term:
    shown: Dict[str, str]
    """How the vocabulary writes the term in each language that lists it."""
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
    projects: List[FundedProject] = field(default_factory=list)
    """Funded projects of the area, the ones most like the description first."""

    @property
    def strength(self) -> Strength:
        """strong, clear or weak: how much of the description points here."""
        if self.score >= STRONG:
            return "strong"
        return "clear" if self.score >= CLEAR else "weak"


@dataclass(frozen=True)
class FocusResult:
    language: str
    items: List[AreaMatch]
    reason: Optional[str] = None
    """Why the ranking is empty: "empty", "no_terms"; None when there are items."""

    def payload(self, projects: bool = False) -> Dict[str, object]:
        """The ``focus_areas`` card of the reply contract (``programme_kb.contract``).

        ``projects``: add each item's funded projects (name, url, sub_area, language),
        for the cards that show precedents under a suggestion.
        """
        items: List[FocusAreaItem] = []
        for m in self.items:
            item: FocusAreaItem = {
                "code": m.code,
                "title": m.title,
                "score": round(m.score, 3),
                "strength": m.strength,
                "why": m.why,
                "summary": m.summary,
            }
            if projects:
                item["projects"] = [_project_payload(p) for p in m.projects]
            items.append(item)
        card: FocusAreasCard = {
            "type": "focus_areas",
            "language": self.language,
            "items": items,
        }
        return dict(card)


@dataclass
class FocusMatcher:
    """Vocabulary index built once per knowledge-base snapshot."""

    kb: KnowledgeBase
    analyzer: Analyzer
    _terms: List[_Term] = field(init=False)
    _by_word: Dict[str, List[int]] = field(init=False)
    _fuzzy_words: List[str] = field(init=False)
    _compound_heads: set[str] = field(init=False)
    _stop: FrozenSet[str] = field(init=False)
    _precedents: PrecedentIndex = field(init=False)

    def __post_init__(self) -> None:
        self._precedents = PrecedentIndex(self.kb, self.analyzer)
        owners: Dict[Tuple[str, ...], Dict[str, Dict[str, str]]] = {}
        first_words: Dict[str, set[str]] = {}
        for area in self.kb.areas.values():
            for lang in ("sv", "nb"):
                for term in area.vocabulary[lang]:
                    written = tuple(fold(w) for w in words(term))
                    if written:
                        by_area = owners.setdefault(written, {})
                        by_area.setdefault(area.code, {}).setdefault(lang, term)
                        first = words(term)[0]
                        first_words.setdefault(written[0], set()).add(
                            self.analyzer.lemma(first, lang)
                        )
        n_areas = len(self.kb.areas)
        self._terms = []
        for parts, shown_by_area in owners.items():
            weight = math.log(1 + n_areas / len(shown_by_area)) * (
                1.3 if len(parts) > 1 else 1.0
            )
            shown: Dict[str, str] = {}
            for by_lang in shown_by_area.values():
                for lang, term in by_lang.items():
                    shown.setdefault(lang, term)
            self._terms.append(_Term(shown, parts, tuple(shown_by_area), weight))
        self._stop = stop_words()
        self._by_word = {}
        for index, indexed in enumerate(self._terms):
            first = indexed.parts[0]
            for head in {first, *first_words[first]} - self._stop:
                self._by_word.setdefault(head, []).append(index)
        written_heads = {t.parts[0] for t in self._terms}
        self._compound_heads = {w for w in written_heads if len(w) >= MIN_COMPOUND_PART}
        self._fuzzy_words = sorted(w for w in written_heads if len(w) >= MIN_FUZZY_LEN)

    def _word_hits(self, token: Token) -> List[Tuple[str, float]]:
        """Vocabulary first-words this text word stands for, with match quality.

        Lemmas count only as exact matches. Compound parts and near-miss spellings
        are looked for in the written word only, and only in words the lemma tables
        do not know, so "samarbete" is not read as "arbete" but an unknown
        "skogsbrandsberedskap" is read as "skogsbrand" + "beredskap". Stop words
        ("ska" is also a form of "skola") are never evidence.
        """
        if token.folded in self._stop:
            return []
        hits: List[Tuple[str, float]] = [
            (form, EXACT) for form in token.forms if form in self._by_word
        ]
        if hits:
            return hits
        word = token.folded
        if self.analyzer.is_known(token.text):
            # a known compound still says what it is about by its first part
            # ("skogbruk", "turistkarta", "energibolag"), never by its last
            # ("samarbete" is no "arbete")
            return self._known_compound_head(word)
        if MIN_COMPOUND_PART + 2 < len(word) <= MAX_COMPOUND_LEN:
            for start in range(0, len(word) - MIN_COMPOUND_PART + 1):
                for end in range(len(word), start + MIN_COMPOUND_PART - 1, -1):
                    if (start, end) == (0, len(word)):
                        continue
                    piece = word[start:end]
                    if piece in self._compound_heads and (
                        start == 0 or end == len(word) or len(piece) >= 6
                    ):
                        hits.append((piece, COMPOUND))
        if not hits and len(word) >= MIN_FUZZY_LEN:
            found = process.extractOne(
                word, self._fuzzy_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if found:
                hits.append((found[0], FUZZY))
        return hits

    def _known_compound_head(self, word: str) -> List[Tuple[str, float]]:
        """The listed first word a known compound starts with, when the rest is a
        known word of its own ("skog" + "bruk", "turist" + "karta")."""
        for end in range(len(word) - MIN_COMPOUND_PART, MIN_COMPOUND_PART - 1, -1):
            piece = word[:end]
            if piece not in self._compound_heads:
                continue
            rest = word[end:]
            if rest[:1] in LINKING and self.analyzer.is_known(rest[1:]):
                rest = rest[1:]  # "skogs|bruk", "nærings|liv"
            if len(rest) >= MIN_COMPOUND_PART and self.analyzer.is_known(rest):
                return [(piece, COMPOUND)]
        return []

    def rank(
        self,
        text: str,
        lang: Optional[str],
        k: int = 3,
        exclude: FrozenSet[str] = frozenset(),
    ) -> FocusResult:
        """Best focus areas for the text; ``exclude``: funded projects to leave out
        of the evidence (the leave-one-out benchmark)."""
        language = lang if lang in ("sv", "nb") else "sv"
        cleaned = clean(text)
        if not cleaned:
            return FocusResult(language, [], "empty")
        tokens = self.analyzer.tokens(cleaned, language)
        named = organisation_name_positions(self.kb, [t.folded for t in tokens])
        if named:  # "tilskudd fra Innovasjon Norge": a funder, not an idea's subject
            tokens = [t for i, t in enumerate(tokens) if i not in named]
            cleaned = " ".join(t.text for t in tokens)
        lemma_sets = [t.forms for t in tokens]
        evidence: Dict[str, float] = {}
        why: Dict[str, Dict[str, float]] = {}
        seen_terms: set[int] = set()
        # Words a multi-word term already counted ("upphandling" in "offentlig
        # upphandling", "mångfald" in "biologisk mångfald") are not counted again on
        # their own, for its areas or any other: the phrase says what they mean.
        covered: set[int] = set()
        for position, token in enumerate(tokens):
            best_for_term: Dict[int, float] = {}
            for head, quality in self._word_hits(token):
                for index in self._by_word[head]:
                    term = self._terms[index]
                    if _rest_matches(term.parts[1:], lemma_sets, position + 1):
                        best_for_term[index] = max(
                            best_for_term.get(index, 0.0), quality
                        )
            # One text word is one piece of evidence per area, however many listed
            # forms of it ("skola", "skole", "skolor") its lemmas reach.
            best_for_area: Dict[str, Tuple[float, str]] = {}
            for index, quality in best_for_term.items():
                if index in seen_terms:
                    continue
                seen_terms.add(index)
                term = self._terms[index]
                # the reply language's own word, else the words the user wrote
                span = tokens[position : position + len(term.parts)]
                shown = term.shown.get(language) or " ".join(t.text for t in span)
                if position in covered:
                    continue
                covered.update(range(position + 1, position + len(term.parts)))
                for code in term.areas:
                    value = term.weight * quality
                    if value > best_for_area.get(code, (0.0, ""))[0]:
                        best_for_area[code] = (value, shown)
            for code, (value, shown) in best_for_area.items():
                evidence[code] = evidence.get(code, 0.0) + value
                why.setdefault(code, {})[shown] = value
        if not evidence:
            found = self._precedents.area_evidence(cleaned, language, exclude)
            evidence, why = _from_precedents(found, PRECEDENT_WEIGHT)
        if not evidence:
            return FocusResult(language, [], "no_terms")
        ranked = sorted(evidence.items(), key=lambda item: -item[1])[: max(k, 0)]
        similar = self._precedents.neighbours(
            cleaned, language, k=len(self.kb.projects), exclude=exclude
        )
        items = [
            self._item(self.kb.areas[code], raw, why[code], language)
            for code, raw in ranked
        ]
        return FocusResult(
            language,
            [
                dataclasses.replace(
                    m, projects=self._projects(m.code, similar, exclude)
                )
                for m in items
            ],
        )

    def precedent_scores(self, text: str, lang: Optional[str]) -> Dict[str, float]:
        """Per area, how like the text its nearest funded project or example is.

        Not used by ``rank`` (listed terms decide there); a tie-breaker for callers
        whose ranking leaves areas equal on one word each ("ungdomar", "idrott").
        """
        language = lang if lang in ("sv", "nb") else "sv"
        cleaned = clean(text)
        if not cleaned:
            return {}
        found = self._precedents.area_evidence(cleaned, language)
        return {code: evidence.score for code, evidence in found.items()}

    def _projects(
        self, code: str, similar: List[Neighbour], exclude: FrozenSet[str]
    ) -> List[FundedProject]:
        """The area's funded projects, those most like the description first."""
        first = [n.project for n in similar if n.project.focus_area == code]
        rest = [
            p
            for p in self.kb.projects
            if p.focus_area == code and p not in first and p.id not in exclude
        ]
        return (first + rest)[:MAX_PROJECTS]

    @staticmethod
    def _item(
        area: FocusArea, raw: float, why: Dict[str, float], lang: str
    ) -> AreaMatch:
        terms = [t for t, _ in sorted(why.items(), key=lambda item: -item[1])][:5]
        return AreaMatch(
            code=area.code,
            title=area.title[lang],
            score=raw / (raw + SATURATION),
            why=terms,
            summary=area.aim[lang],
            examples=[e[lang] for e in area.examples],
        )


def _from_precedents(
    found: Dict[str, AreaEvidence], weight: float
) -> Tuple[Dict[str, float], Dict[str, Dict[str, float]]]:
    """Area evidence and the shared words from the nearest precedents."""
    evidence = {code: e.score * weight for code, e in found.items()}
    why = {
        code: {word: e.score - i for i, word in enumerate(e.shared)}
        for code, e in found.items()
    }
    return evidence, why


def _project_payload(project: FundedProject) -> FundedProjectLink:
    """A funded project as the card shows it: name, link, sub-area, source language."""
    return {
        "name": project.name,
        "url": project.url,
        "sub_area": project.sub_area,
        "language": project.language,
    }


def _rest_matches(
    parts: Sequence[str], lemma_sets: List[FrozenSet[str]], start: int
) -> bool:
    """Whether the remaining words of a multi-word term follow in the text."""
    for offset, part in enumerate(parts):
        position = start + offset
        if position >= len(lemma_sets) or part not in lemma_sets[position]:
            return False
    return True
