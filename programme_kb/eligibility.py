"""Who may apply: recognise the organisation type in free text and give a verdict.

People name their organisation every way: "Fjellmat AS", "vi är ett litet ab",
"kommunen vår", "stifelse", "hogskola". Names come from the KB; matching tries, in
order, whole names (longest first), name stems inside compounds or inflected forms,
then near-miss spellings. An unknown or contradictory text gives ``eligible=None``
and a question, never a guess.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from rapidfuzz import fuzz, process

from programme_kb.kb import KnowledgeBase
from programme_kb.models import OrganisationType
from programme_kb.text import Analyzer, Token, clean, fold

MAX_NAME_WORDS = 4
SHORT_NAME = 3
"""Names this short (AB, AS, DA, SA) are also ordinary words; they need a signal."""
FUZZY_CUTOFF = 85.0
LONG_WORD = 8
_ARTICLES = {
    "en",
    "ett",
    "et",
    "ei",
    "eit",
    "ein",
    "vart",
    "vaart",
    "vi",
    "ar",
    "er",
    "som",
}


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    type_id: str
    exact: bool


@dataclass(frozen=True)
class EligibilityResult:
    language: str
    eligible: Optional[bool]
    organisation_type: Optional[str]
    label: Optional[str]
    reasons: List[str]
    requirements: List[str]
    question: Optional[str] = None
    matched: Optional[str] = None

    def payload(self) -> Dict[str, object]:
        """The ``eligibility`` card of the reply contract (design.md)."""
        return {
            "type": "eligibility",
            "language": self.language,
            "eligible": self.eligible,
            "organisation_type": self.organisation_type or "unknown",
            "reasons": self.reasons,
            "requirements": self.requirements,
        }


@dataclass
class EligibilityChecker:
    kb: KnowledgeBase
    analyzer: Analyzer
    _names: Dict[Tuple[str, ...], str] = field(init=False)
    _single_words: List[str] = field(init=False)
    _two_words: List[str] = field(init=False)

    def __post_init__(self) -> None:
        self._names = {}
        for org in self.kb.eligibility.organisation_types:
            for name in [*org.names.all(), org.label.sv, org.label.nb]:
                parts = tuple(fold(w) for w in name.replace(".", " ").split())
                if parts:
                    self._names.setdefault(parts, org.id)
        self._single_words = sorted(
            p[0] for p in self._names if len(p) == 1 and len(p[0]) >= 5
        )
        self._two_words = sorted(" ".join(p) for p in self._names if len(p) == 2)

    def check(
        self,
        text: Optional[str] = None,
        organisation_type: Optional[str] = None,
        lang: str = "sv",
    ) -> EligibilityResult:
        """Verdict for a canonical type id or for free text naming the organisation."""
        lang = "nb" if lang == "nb" else "sv"
        types = self.kb.organisation_types
        if organisation_type and organisation_type in types:
            return self._verdict(types[organisation_type], lang, organisation_type)
        query = clean(text or organisation_type or "")
        if not query:
            return self._unknown(lang, "eligibility_empty")
        tokens = self.analyzer.tokens(query.replace(".", " "), lang)
        hits = self._find(tokens)
        if not hits:
            return self._unknown(lang, "eligibility_unknown")
        found = _resolve(hits)
        decided = [h for h in found if types[h.type_id].eligible is not None]
        found = decided or found  # "ett företag, ett AB" is an AB
        verdicts = {types[h.type_id].eligible for h in found}
        if len(verdicts) > 1:
            labels = ", ".join(types[h.type_id].label[lang] for h in found)
            return self._unknown(lang, "eligibility_ambiguous", types=labels)
        first = found[0]
        matched = " ".join(t.text for t in tokens[first.start : first.end]) or None
        return self._verdict(types[first.type_id], lang, matched)

    def _find(self, tokens: List[Token]) -> List[_Hit]:
        folded = [t.folded for t in tokens]
        hits: List[_Hit] = []
        for start in range(len(tokens)):
            for size in range(min(MAX_NAME_WORDS, len(tokens) - start), 0, -1):
                window = tokens[start : start + size]
                for parts in _variants(window):
                    type_id = self._names.get(parts)
                    if type_id and self._short_name_ok(parts, tokens, start, size):
                        hits.append(_Hit(start, start + size, type_id, True))
                        break
                else:
                    continue
                break
        if hits:
            return hits
        for index, word in enumerate(folded):
            # Real words ("kommer", "kommen") are not misspelt names.
            known = self.analyzer.is_known(tokens[index].text)
            type_id = (
                (None if known else self._near_miss(word, long_only=True))
                or self._stem_hit(word)
                or (None if known else self._near_miss(word))
            )
            if type_id:
                hits.append(_Hit(index, index + 1, type_id, False))
        if hits:
            return hits
        for index in range(len(folded) - 1):  # "enskld firma"
            pair = f"{folded[index]} {folded[index + 1]}"
            best = process.extractOne(
                pair, self._two_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if best:
                hits.append(
                    _Hit(index, index + 2, self._names[tuple(best[0].split())], False)
                )
        return hits

    def _near_miss(self, word: str, long_only: bool = False) -> Optional[str]:
        """A misspelt whole name ("stifelse"); long words first, so that
        "enkeltpersonsforetak" is not read as the "enkeltperson" inside it."""
        if len(word) < (LONG_WORD if long_only else 5):
            return None
        best = process.extractOne(
            word, self._single_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return self._names[(best[0],)] if best else None

    def _stem_hit(self, word: str) -> Optional[str]:
        """A name inside an inflected or compound word: kommunerna, idrottsföreningen."""
        best: Optional[Tuple[int, str]] = None
        for parts, type_id in self._names.items():
            if len(parts) != 1:
                continue
            name = parts[0]
            if len(name) < 5 or name == word or name not in word:
                continue
            inside = (
                word.startswith(name)
                or word.endswith(name)
                or _inflected_end(word, name)
            )
            if inside and (best is None or len(name) > best[0]):
                best = (len(name), type_id)
        return best[1] if best else None

    @staticmethod
    def _short_name_ok(
        parts: Tuple[str, ...], tokens: List[Token], start: int, size: int
    ) -> bool:
        if len(parts) > 1 or len(parts[0]) > SHORT_NAME:
            return True
        original = tokens[start].text
        if original.isupper() or len(tokens) == 1:
            return True
        before = tokens[max(0, start - 2) : start]
        if any(t.folded in _ARTICLES for t in before):
            return True  # "ett AB", "ett litet ab", "et nystartet AS"
        return bool(before) and before[-1].text[:1].isupper()  # "Fjellmat as"

    def _verdict(
        self, org: OrganisationType, lang: str, matched: Optional[str]
    ) -> EligibilityResult:
        if org.eligible is None:
            question = org.question[lang] if org.question else None
            undecided = self._unknown(lang, "eligibility_unknown")
            return EligibilityResult(
                language=lang,
                eligible=None,
                organisation_type=None,
                label=org.label[lang],
                reasons=[org.reason[lang]],
                requirements=[],
                question=question or undecided.question,
                matched=matched,
            )
        general = [r[lang] for r in self.kb.eligibility.general_requirements]
        return EligibilityResult(
            language=lang,
            eligible=org.eligible,
            organisation_type=org.id,
            label=org.label[lang],
            reasons=[org.reason[lang]],
            requirements=list(
                dict.fromkeys(
                    [r[lang] for r in org.requirements]
                    + (general if org.eligible else [])
                )
            ),
            matched=matched,
        )

    def _unknown(self, lang: str, key: str, **values: object) -> EligibilityResult:
        return EligibilityResult(
            language=lang,
            eligible=None,
            organisation_type=None,
            label=None,
            reasons=[self.kb.message(key, lang, **values)],
            requirements=[],
            question=self.kb.message("ask_organisation_type", lang),
        )


def _variants(window: List[Token]) -> List[Tuple[str, ...]]:
    """The window as written and with each word's lemmas, folded."""
    as_written = tuple(t.folded for t in window)
    as_lemmas = tuple(t.lemma for t in window)
    return [as_written] if as_written == as_lemmas else [as_written, as_lemmas]


def _inflected_end(word: str, name: str) -> bool:
    """``name`` followed by a short inflection ending: kommun+erna, stiftelse+n."""
    position = word.rfind(name)
    return position >= 0 and len(word) - position - len(name) <= 4


def _resolve(hits: List[_Hit]) -> List[_Hit]:
    """Keep the longest of overlapping hits and one hit per type, in text order."""
    chosen: List[_Hit] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= c.start or hit.start >= c.end for c in chosen):
            chosen.append(hit)
    unique: Dict[str, _Hit] = {}
    for hit in sorted(chosen, key=lambda h: h.start):
        unique.setdefault(hit.type_id, hit)
    return list(unique.values())
