"""Is a place in the programme area? Regions, counties and municipalities, old and new.

Names are compared folded (Ostersund = Östersund) and, failing that, as near-miss
spellings. A former county (Viken, Hedmark) answers through its successors; a name
shared by two municipalities in different counties (Våler) returns both.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Literal, Optional, Tuple, Union

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from programme_kb.contract import PlaceCard, PlaceMatchData
from programme_kb.kb import KnowledgeBase
from programme_kb.models import Region
from programme_kb.text import clean, fold, stop_words, words

InProgramme = Union[bool, Literal["partly"]]
FUZZY_CUTOFF = 88.0
SHORT_NAME = 8
MAX_PLACE_WORDS = 4


@dataclass(frozen=True)
class PlaceMatch:
    name: str
    kind: Literal["region", "municipality"]
    region_id: str
    region_name: str
    country: str
    status: str
    in_programme: InProgramme
    note: str
    sub_area: Optional[str]
    successors: List[str]

    def as_dict(self) -> PlaceMatchData:
        return {
            "name": self.name,
            "kind": self.kind,
            "region": self.region_id,
            "region_name": self.region_name,
            "country": self.country,
            "status": self.status,
            "in_programme": self.in_programme,
            "note": self.note,
            "sub_area": self.sub_area,
            "successors": self.successors,
        }


LEGAL_FORMS = frozenset({"as", "ab", "asa", "ans", "da", "hb", "kb"})
"""Company forms, folded: "et AS" is no "Ås"."""
ONLY_A_PLACE_WORDS = 6
"""A message this short that names a place and area words only asks about the place."""
AREA_WORDS = frozenset(
    fold(w)
    for w in (
        *("området", "programområdet", "programområde", "ingår", "ingå", "inne"),
        *("innanför", "innenfor", "innafor", "omfattas", "omfattad", "omfattet"),
        *("del", "delen", "programmet", "interreg", "ok", "okej", "då", "så"),
        *("hva", "vad", "kva", "med", "også", "också"),
    )
)
"""Words of "is it in the area?" beside a place name ("mora, inom området?")."""
ADMIN_WORDS = frozenset(
    fold(w) for w in ("kommun", "kommune", "län", "fylke", "region")
)
"""Words a name may carry or not ("Torsby kommun?"): tried with, then without."""


@dataclass(frozen=True)
class PlaceResult:
    query: str
    language: str
    matches: List[PlaceMatch]
    reason: Optional[str] = None

    @property
    def ambiguous(self) -> bool:
        return len({m.in_programme for m in self.matches}) > 1

    def payload(self) -> Dict[str, object]:
        """The ``place`` card of the reply contract (``programme_kb.contract``)."""
        card: PlaceCard = {
            "type": "place",
            "language": self.language,
            "query": self.query,
            "matches": [m.as_dict() for m in self.matches],
            "reason": self.reason,
        }
        return dict(card)


@dataclass
class PlaceFinder:
    kb: KnowledgeBase
    _index: Dict[Tuple[str, ...], List[Tuple[str, str, str]]] = field(init=False)
    _single: List[str] = field(init=False)
    _marked: Dict[Tuple[str, ...], Tuple[str, ...]] = field(init=False)
    """Names written with å/ä/ö/æ/ø whose folded form is a word ("Ås": "et AS"), by
    their folded key: they count only so written ("Are" is still Åre)."""

    def __post_init__(self) -> None:
        self._index = {}
        self._marked = {}
        for region in self.kb.places.regions:
            for name in [region.name, *region.aliases]:
                self._add(name, region.id, "region")
            for municipality in region.municipalities:
                self._add(municipality, region.id, "municipality")
        self._single = sorted(" ".join(k) for k in self._index if len(" ".join(k)) >= 5)

    def _add(self, name: str, region_id: str, kind: str) -> None:
        key = tuple(fold(w) for w in words(name))
        written = tuple(w.lower() for w in words(name))
        if key != written and " ".join(key) in LEGAL_FORMS | stop_words():
            self._marked[key] = written  # "Ås" must be so written: "as" is a word
        if key:
            entries = self._index.setdefault(key, [])
            if (region_id, kind, name) not in entries:
                entries.append((region_id, kind, name))

    def find(self, text: str, lang: str = "sv") -> PlaceResult:
        lang = "nb" if lang == "nb" else "sv"
        query = clean(text)
        written = [w.lower() for w in words(query)]
        tokens = [fold(w) for w in written]
        if not tokens:
            return PlaceResult(query, lang, [], "empty")
        entries = self._exact(tokens, written) or self._fuzzy(tokens)
        if not entries:
            return PlaceResult(query, lang, [], "unknown")
        return PlaceResult(query, lang, [self._match(e, lang) for e in entries])

    def only_a_place(self, text: str, lang: str = "sv") -> Optional[PlaceResult]:
        """The place a short message names and asks nothing else about ("Sveg?",
        "mora, inom området?", "Holtålen?"), or None. Whatever the intent model made
        of it, the place look-up is the answer."""
        written = [w.lower() for w in words(clean(text))]
        if not written or len(written) > ONLY_A_PLACE_WORDS:
            return None
        skip = stop_words() | AREA_WORDS
        rest = [w for w in written if fold(w) not in skip]
        if not rest or len(rest) > MAX_PLACE_WORDS:
            return None
        plain = [w for w in rest if fold(w) not in ADMIN_WORDS]
        entries = self._exact([fold(w) for w in rest], rest, whole=True) or self._exact(
            [fold(w) for w in plain], plain, whole=True
        )
        if not entries:
            return None
        regions = [e for e in entries if e[1] == "region"]
        query = clean(text)
        return PlaceResult(
            query,
            "nb" if lang == "nb" else "sv",
            [self._match(e, lang) for e in _unique(regions or entries)],
        )

    def _exact(
        self, tokens: List[str], written: List[str], whole: bool = False
    ) -> List[Tuple[str, str, str]]:
        """Longest names first, so "Västra Götaland" beats a town called "Västra";
        ``whole``: only a name that is all of the tokens."""
        sizes = (
            [len(tokens)] if whole else range(min(MAX_PLACE_WORDS, len(tokens)), 0, -1)
        )
        for size in sizes:
            found: List[Tuple[str, str, str]] = []
            for start in range(len(tokens) - size + 1):
                key = tuple(tokens[start : start + size])
                marked = self._marked.get(key)
                if marked and tuple(written[start : start + size]) != marked:
                    continue  # "et AS" is no "Ås"
                found += self._index.get(key, [])
            if found:
                regions = [e for e in found if e[1] == "region"]
                return _unique(regions or found)
        return []

    def _fuzzy(self, tokens: List[str]) -> List[Tuple[str, str, str]]:
        """Misspelt names: one edit for short names ("Torsbi"), a ratio for long ones."""
        candidates = [t for t in tokens if len(t) >= 5]
        candidates += [" ".join(tokens[i : i + 2]) for i in range(len(tokens) - 1)]
        best: Optional[Tuple[str, float]] = None
        for candidate in candidates:
            found = self._closest(candidate)
            if found and (best is None or found[1] > best[1]):
                best = found
        return _unique(self._index[tuple(best[0].split())]) if best else []

    def _closest(self, candidate: str) -> Optional[Tuple[str, float]]:
        """Nearest known name and a 0–100 similarity, if close enough."""
        if len(candidate) <= SHORT_NAME:
            near = process.extractOne(
                candidate, self._single, scorer=Levenshtein.distance, score_cutoff=1
            )
            return (near[0], 100.0 - near[1]) if near else None
        similar = process.extractOne(
            candidate, self._single, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        return (similar[0], float(similar[1])) if similar else None

    def _match(self, entry: Tuple[str, str, str], lang: str) -> PlaceMatch:
        region_id, kind, name = entry
        region = self.kb.regions[region_id]
        return PlaceMatch(
            name=name,
            kind="region" if kind == "region" else "municipality",
            region_id=region.id,
            region_name=region.name,
            country=region.country,
            status=region.status,
            in_programme=self._in_programme(region),
            note=region.note[lang],
            sub_area=region.sub_area,
            successors=list(region.successors),
        )

    def _in_programme(self, region: Region) -> InProgramme:
        if region.status == "in":
            return True
        if region.status == "partly":
            return "partly"
        if region.status == "former":
            states = {self._in_programme(self.kb.regions[s]) for s in region.successors}
            if states == {True}:
                return True
            if states == {False} or not states:
                return False
            return "partly"
        return False


def _unique(entries: List[Tuple[str, str, str]]) -> List[Tuple[str, str, str]]:
    seen: Dict[Tuple[str, str], Tuple[str, str, str]] = {}
    for entry in entries:
        seen.setdefault((entry[0], entry[1]), entry)
    return list(seen.values())
