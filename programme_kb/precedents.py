"""Funded projects as precedents: nearest neighbours of a project description.

An applicant's idea is compared with the descriptions of projects the programme has
funded (projects.yml) and with the focus areas' own aims and example projects
(focus_areas.yml), word by word on folded lemmas and on the first letters of long
words, so a Norwegian "kulturarrangementene" meets a "kulturarv" and a Swedish
"fermentering" meets the Norwegian one. Words that most descriptions share
("grenseregion", "prosjekt") say nothing about a project's topic and are ignored, so
a text with no programme content finds no neighbour.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from programme_kb.kb import KnowledgeBase
from programme_kb.models import FundedProject
from programme_kb.text import Analyzer, Token, clean, fold, stop_words

STEM = 6
"""Long words also match on their first six letters: compounds and inflections."""
MIN_WORD = 4
COMMON_SHARE = 0.1
"""Keys in more than this share of the descriptions, spread over more than half the
focus areas, are too common to be evidence ("prosjekt", "utveckla"). A key frequent
within a few areas' descriptions ("kultur" in 3C) still names their topic."""
MIN_MATCHED_WORDS = 2
"""A neighbour needs this many distinct words of the text in its description; one
shared word ("skog") is a coincidence, two are a topic."""
PROGRAMME_WORDS = ("sverig", "svensk", "norge", "norg", "norsk", "interreg")
"""Folded beginnings of the programme's own name and its two nationalities: every
project is Swedish–Norwegian, so "Sverige och Norge" in a description says nothing
about its topic ("vilka områden omfattas av Interreg Sverige–Norge" is no idea)."""
COOPERATION_WORDS = (
    *("samarb", "samverk", "gemensam", "felles", "tillsamman", "sammen", "saman"),
    *("gransoverskrid", "grenseoverskrid", "gransregion", "grenseregion"),
)
"""Folded beginnings of the words for working together across the border: every
project does ("ett gemensamt skidlopp", "samarbeide med en svensk kommune"), so they
say nothing about which area an idea belongs to."""
BORDER_WORDS = frozenset(
    {
        *("grans", "gransen", "granser", "granserna", "gransa", "grense", "grensen"),
        *("grensa", "grenser", "grensene", "begge", "bada", "sida", "sidan"),
        *("sidor", "sidorna", "side", "sida", "siden", "sider", "sidene"),
    }
)
"""Folded words of "on both sides of the border": every idea is cross-border ("lära
barnen om naturen på båda sidor om gränsen"); whole words only, since "gränshandel"
and "grensekryssende pendling" do name a topic."""


@dataclass(frozen=True)
class _Doc:
    id: str
    area: str
    text: str
    lang: str
    project: Optional[FundedProject]


@dataclass(frozen=True)
class Neighbour:
    project: FundedProject
    score: float
    shared: List[str]
    """The words of the text the description shares, as the user wrote them."""


@dataclass(frozen=True)
class AreaEvidence:
    score: float
    shared: List[str]


@dataclass
class PrecedentIndex:
    """Keys of every funded project's name and description, built once per snapshot."""

    kb: KnowledgeBase
    analyzer: Analyzer
    _docs: List[_Doc] = field(init=False)
    _keys: Dict[str, FrozenSet[str]] = field(init=False)
    _docs_with: Dict[str, List[str]] = field(init=False)
    _idf: Dict[str, float] = field(init=False)
    _stop: FrozenSet[str] = field(init=False)
    _places: FrozenSet[str] = field(init=False)
    """Folded names of the regions and municipalities: never evidence of a topic."""

    def __post_init__(self) -> None:
        self._stop = stop_words()
        self._places = frozenset(fold(name) for name in self.kb.place_names())
        self._docs = [
            _Doc(p.id, p.focus_area, f"{p.name} {p.description}", p.language, p)
            for p in self.kb.projects
        ]
        for area in self.kb.areas.values():
            for lang in ("sv", "nb"):
                texts = [area.aim[lang]] + [e[lang] for e in area.examples]
                for i, text in enumerate(texts):
                    self._docs.append(
                        _Doc(f"{area.code}:{lang}:{i}", area.code, text, lang, None)
                    )
        self._keys = {
            d.id: frozenset().union(
                *(
                    self._token_keys(t)
                    for t in self.analyzer.tokens(clean(d.text), d.lang)
                )
            )
            for d in self._docs
        }
        self._docs_with = {}
        for doc_id, keys in self._keys.items():
            for key in keys:
                self._docs_with.setdefault(key, []).append(doc_id)
        df = {key: len(ids) for key, ids in self._docs_with.items()}
        n = max(len(self._keys), 1)
        area_of = {d.id: d.area for d in self._docs}
        n_areas = len(set(area_of.values()))
        self._idf = {
            key: math.log(1 + n / count)
            for key, count in df.items()
            if n < 4
            or count / n <= COMMON_SHARE
            or 2 * len({area_of[i] for i in self._docs_with[key]}) <= n_areas
        }

    def _token_keys(self, token: Token) -> Set[str]:
        if (
            token.folded in self._stop
            or len(token.folded) < MIN_WORD
            or token.folded.startswith(PROGRAMME_WORDS)
            or token.folded.startswith(COOPERATION_WORDS)
            or token.folded in BORDER_WORDS
            or token.folded in self._places  # where a project was, not what it did
        ):
            return set()
        keys = {f for f in token.forms if len(f) >= MIN_WORD}
        keys |= {f[:STEM] for f in keys if len(f) > STEM}
        return keys - self._stop

    def _scored(
        self, text: str, lang: Optional[str], exclude: FrozenSet[str]
    ) -> List[Tuple[_Doc, float, List[str]]]:
        language = "nb" if lang == "nb" else "sv"
        tokens = self.analyzer.tokens(clean(text), language)
        by_word = [(t.text, self._token_keys(t)) for t in tokens]
        scores: Dict[str, float] = {}
        shared: Dict[str, List[str]] = {}
        for word, word_keys in by_word:
            best: Dict[str, float] = {}
            for key in word_keys:
                weight = self._idf.get(key)
                for doc_id in self._docs_with.get(key, ()) if weight else ():
                    best[doc_id] = max(best.get(doc_id, 0.0), weight or 0.0)
            for doc_id, weight in best.items():
                if doc_id in exclude or word in shared.setdefault(doc_id, []):
                    continue
                shared[doc_id].append(word)
                scores[doc_id] = scores.get(doc_id, 0.0) + weight
        found = [
            (doc, scores[doc.id], shared[doc.id])
            for doc in self._docs
            if len(shared.get(doc.id, ())) >= MIN_MATCHED_WORDS
        ]
        found.sort(key=lambda item: (-item[1], item[0].id))
        return found

    def neighbours(
        self,
        text: str,
        lang: Optional[str],
        k: int = 3,
        exclude: FrozenSet[str] = frozenset(),
    ) -> List[Neighbour]:
        """Funded projects most like the text, best first; ``exclude``: ids to leave out."""
        found = [
            Neighbour(doc.project, score, shared)
            for doc, score, shared in self._scored(text, lang, exclude)
            if doc.project is not None
        ]
        return found[: max(k, 0)]

    def area_evidence(
        self, text: str, lang: Optional[str], exclude: FrozenSet[str] = frozenset()
    ) -> Dict[str, AreaEvidence]:
        """Per focus area, the best-matching funded project or example of the area."""
        best: Dict[str, AreaEvidence] = {}
        for doc, score, shared in self._scored(text, lang, exclude):
            if doc.area not in best:
                best[doc.area] = AreaEvidence(score, shared)
        return best
