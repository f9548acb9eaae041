"""Who may apply: recognise the organisation type in free text and give a verdict.

People name their organisation every way: "Fjellmat AS", "vi är ett litet ab",
"kommunen vår", "stifelse", "hogskola". Names come from the KB; matching tries, in
order, whole names (longest first), name stems inside compounds or inflected forms,
then near-miss spellings. An unknown or contradictory text gives ``eligible=None``
and a question, never a guess.

Two things in the text change what a name means:

* A word that names a *place* is not the organisation when another organisation is
  named: in "ett företag i regionen", "et firma i kommunen" or "ett AB i Årjängs
  kommun" the company is the applicant, not the county council or municipality. So
  "region"/"kommune" after a place preposition (i, på, från, fra, ved …) count only
  when nothing else names the organisation. Owner words turn a company into a
  publicly owned one: "ett bolag som ägs av kommunen", "et kommunalt AS".
* Where the organisation is. A place outside the programme area ("et aksjeselskap i
  Bergen") or another country ("ett universitet i Danmark") gets the programme's
  outside-area rule, never a plain yes (see ``EligibilityChecker._outside``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Dict, FrozenSet, List, Optional, Sequence, Set, Tuple

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

from programme_kb.contract import EligibilityCard
from programme_kb.kb import KnowledgeBase
from programme_kb.models import OrganisationType
from programme_kb.places import PlaceFinder, PlaceMatch
from programme_kb.text import Analyzer, Token, clean, fold, stop_words, words

MAX_NAME_WORDS = 4
SHORT_NAME = 3
"""Names this short (AB, AS, DA, SA) are also ordinary words; they need a signal."""
FUZZY_CUTOFF = 85.0
MIN_HEAD = 4
"""Letters the end of a compound needs to count as a word of its own ("plan")."""
LONG_WORD = 8
_DETERMINERS = {"en", "ett", "et", "ei", "eit", "ein", "vart", "vaart"}
"""Articles that may stand one adjective before a legal form ("ett litet AB")."""
_ARTICLES = _DETERMINERS | {"ar", "er", "som"}
"""Words right before a short legal form: an article or "är/er/som" ("vi är AB")."""


def _folded(*items: str) -> FrozenSet[str]:
    return frozenset(fold(w) for w in items)


LOCATIVES = _folded(
    *("i", "på", "från", "vid", "utanför", "inom", "nära", "kring", "runt", "här"),
    *("fra", "frå", "ved", "utenfor", "utanfor", "innen", "nær", "rundt", "omkring"),
    *("her", "heilt", "hela", "hele", "heile"),
)
"""Words before a place: "i regionen", "här i kommunen", "fra Bergen", "i hele fylket"."""
PLACE_TYPES = frozenset({"municipality", "region_county"})
"""Types whose bare names also name a place ("i regionen", "i kommunen")."""
LOCATIVE_REACH = 3
"""How far back a place preposition may stand: "i Indre Østfold kommune"."""
OWNED_BY = _folded(
    *("ägs", "ägt", "ägd", "ägda", "helägt", "helägd", "helägda", "delägt"),
    *("eies", "eid", "eide", "eiet", "heleid", "heleide", "eigd", "eigde", "eigast"),
)
"""'ett bolag som ägs av kommunen': the municipality owns the company, it is not it."""
COMPANY_TYPES = frozenset({"company", "business_unspecified"})
PUBLIC_OWNERS: Dict[str, FrozenSet[str]] = {
    "municipal_company": _folded(
        *("kommunal", "kommunalt", "kommunala", "kommunale", "kommunalägt"),
        *("kommunalägda", "kommunägt", "kommunägd", "kommunägda", "regionägt"),
        *("regionägd", "regionägda", "landstingsägt", "landstingsägda"),
        *("fylkeskommunal", "fylkeskommunalt", "fylkeskommunale", "interkommunal"),
        *("interkommunalt", "interkommunale", "kommuneeid", "kommuneeigd"),
    ),
    "state_owned_company": _folded(
        *("statlig", "statligt", "statliga", "statlige", "statsägt", "statsägd"),
        *("statsägda", "statseid", "statseide", "statseigd"),
    ),
}
"""Owner words before a company name ("ett kommunalt energibolag", "et statlig AS")."""
_ANY_COMPANY = COMPANY_TYPES | frozenset(PUBLIC_OWNERS)
"""A company whatever its owner: "Hamn AB, ett kommunalt bolag" names one company."""
OWNER_REACH = 3
"""How far back "ägs"/"eid" may stand before the owner: "eid av flere kommuner"."""
MIN_FUZZY_PLACE = 5
NAME_ENDINGS = frozenset(
    ("e", "en", "et", "er", "ere", "erne", "ene", "ens", "es", "s", "n", "na", "ns")
    + ("ar", "arna", "arnas", "or", "orna", "ornas", "erna", "ernas", "ers", "ets")
)
"""Inflection endings of a noun in Swedish and Bokmål (kommun+erna, stiftelse+n)."""
MIN_COMPOUND_TAIL = 4
ADJECTIVE_ENDINGS = ("alt", "ala", "ale", "lig", "ligt", "liga", "lige", "leg", "lege")
"""A compound ending in an adjective is an adjective ("fylkeskommunalt"): the name
at its start names no organisation."""
_STOP_WORDS = stop_words()
"""A shorter tail ("alt" in "regionalt") is more often an ending than a word."""
MAX_PLACE_WORDS = 4
ORGANISATION_HEADS = ("organisasjon", "organisation")
TRADE_WORDS = ("næring", "näring", "bransje", "bransch")
"""Words for a trade: "reiselivs" + "næring" is one, so a reiselivsorganisasjon is a
trade organisation."""
TRADE_ORGANISATION = {
    "organisasjon": "bransjeorganisasjon",
    "organisation": "branschorganisation",
}
"""The KB's own name whose type an organisation of a trade gets."""
PLACE_FUZZY_CUTOFF = 85.0


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    type_id: str
    exact: bool


@dataclass(frozen=True)
class _Where:
    kind: str
    """"place" (in places.yml), "country" (another country) or "foreign" (an
    adjective such as "danskt" before the organisation)."""
    name: str


@dataclass(frozen=True)
class EligibilityResult:
    language: str
    eligible: Optional[bool]
    organisation_type: Optional[str]
    label: Optional[str]
    reasons: List[str]
    requirements: List[str]
    question: Optional[str] = None
    """What to ask next; None when asking again would not help (see ``route``)."""
    matched: Optional[str] = None
    outside_area: Optional[str] = None
    """The place or country outside the programme area the text names, if any."""
    without_legal_entity: bool = False
    """The text says the organisation has no legal entity of its own."""
    asked_about: Optional[str] = None
    """The type recognised when only its legal form is missing ("ett litet företag":
    ``business_unspecified``): the card names it; ``organisation_type`` stays None,
    since the form is asked for."""

    @property
    def route(self) -> bool:
        """Recognised, but the knowledge base cannot decide: an adviser should.

        ``eligible`` is None while ``organisation_type`` is known: a Sami reindeer
        herding community, or an organisation outside the programme area. The
        reasons and requirements then say why and whom to ask; the type is not
        asked for again.
        """
        return self.eligible is None and self.organisation_type is not None

    def payload(self) -> Dict[str, object]:
        """The ``eligibility`` card of the reply contract (``programme_kb.contract``)."""
        card: EligibilityCard = {
            "type": "eligibility",
            "language": self.language,
            "eligible": self.eligible,
            "organisation_type": self.organisation_type
            or self.asked_about
            or "unknown",
            "reasons": self.reasons,
            "requirements": self.requirements,
        }
        return dict(card)


@dataclass
class EligibilityChecker:
    """Organisation type and verdict from free text.

    ``places`` finds where the organisation is (injected so that the service shares
    one index; built from the same knowledge base when not given).
    """

    kb: KnowledgeBase
    analyzer: Analyzer
    places: Optional[PlaceFinder] = None
    _names: Dict[Tuple[str, ...], str] = field(init=False)
    _single_words: List[str] = field(init=False)
    _two_words: List[str] = field(init=False)
    _finder: PlaceFinder = field(init=False)
    _countries: Dict[Tuple[str, ...], str] = field(init=False)
    _country_adjectives: FrozenSet[str] = field(init=False)
    _no_entity_cues: Tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        self._finder = self.places or PlaceFinder(self.kb)
        qualifier = self.kb.eligibility.without_legal_entity
        self._no_entity_cues = tuple(
            f" {' '.join(words(fold(cue)))} "
            for cue in (qualifier.cues.all() if qualifier else ())
        )
        self._countries = {}
        self._country_adjectives = frozenset()
        outside = self.kb.eligibility.outside_area
        if outside is not None:
            for name in outside.countries.all():
                key = tuple(fold(w) for w in words(name))
                if key:
                    self._countries.setdefault(key, name)
            self._country_adjectives = frozenset(
                fold(w) for w in outside.country_adjectives.all()
            )
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
        public = [h for h in found if h.type_id in PUBLIC_OWNERS]
        if public and all(h.type_id in _ANY_COMPANY for h in found):
            found = public  # "Sundsvalls Hamn AB, ett kommunalt bolag": its owner
        verdicts = {types[h.type_id].eligible for h in found}
        if len(verdicts) > 1:
            labels = ", ".join(types[h.type_id].label[lang] for h in found)
            return self._unknown(lang, "eligibility_ambiguous", types=labels)
        first = found[0]
        matched = " ".join(t.text for t in tokens[first.start : first.end]) or None
        result = self._verdict(types[first.type_id], lang, matched)
        where = self._where(query, tokens, hits, found)
        if where:
            result = self._outside(result, types[first.type_id], where, lang)
        return self._without_legal_entity(result, query, lang)

    def _find(self, tokens: List[Token]) -> List[_Hit]:
        """Organisation names in the text, without words that only name a place."""
        exact = self._exact_hits(tokens)
        loose: List[_Hit] = []
        organisations = [h for h in exact if not _names_a_place(h, tokens)]
        if all(_names_an_owner(h, tokens) for h in organisations):
            # "ett energibolag som ägs av kommunen": look for the company too
            covered = {i for h in exact for i in range(h.start, h.end)}
            loose = self._loose_hits(tokens, covered)
            organisations += [h for h in loose if not _names_a_place(h, tokens)]
        if not organisations:  # "kommunen vår", "jeg jobber i kommunen"
            return exact or loose
        return self._owners(organisations, tokens)

    def _exact_hits(self, tokens: List[Token]) -> List[_Hit]:
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
        return hits

    def _loose_hits(self, tokens: List[Token], covered: Set[int]) -> List[_Hit]:
        """Inflected or compound names, then near-miss spellings (one or two words)."""
        folded = [t.folded for t in tokens]
        hits: List[_Hit] = []
        for index, word in enumerate(folded):
            if index in covered:
                continue
            # Real words ("kommer", "kommen", "etter") are not misspelt names.
            known = self._real_word(tokens[index])
            type_id = (
                (None if known else self._near_miss(word, long_only=True))
                or self._stem_hit(word)
                or self._trade_organisation(word)
                or (None if known else self._near_miss(word))
            )
            if type_id:
                hits.append(_Hit(index, index + 1, type_id, False))
        if hits:
            return hits
        for index in range(len(folded) - 1):  # "enskld firma"
            if index in covered or index + 1 in covered:
                continue
            if self._real_word(tokens[index]) and self._real_word(tokens[index + 1]):
                continue  # "på kontoret" is no misspelt "NAV-kontoret"
            pair = f"{folded[index]} {folded[index + 1]}"
            best = process.extractOne(
                pair, self._two_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
            )
            if best:
                hits.append(
                    _Hit(index, index + 2, self._names[tuple(best[0].split())], False)
                )
        return hits

    def _owners(self, hits: List[_Hit], tokens: List[Token]) -> List[_Hit]:
        """A company owned by a municipality, region or the state is a public one.

        "ett kommunalt energibolag", "et statlig eid AS" (owner word before the
        company) and "ett bolag som ägs av kommunen" (the municipality named as owner:
        it is not the applicant itself).
        """
        types = self.kb.organisation_types
        owned_by: Optional[str] = None
        owner_hits: List[_Hit] = []
        for hit in hits:
            if _names_an_owner(hit, tokens):
                owned_by, owner_hits = "municipal_company", [*owner_hits, hit]
        for index, token in enumerate(tokens[:-1]):
            after = {t.folded for t in tokens[index + 1 : index + 1 + OWNER_REACH]}
            if token.folded in OWNED_BY and "staten" in after:
                owned_by = "state_owned_company"
        companies = [h for h in hits if h.type_id in COMPANY_TYPES]
        if not companies:
            return hits
        result: List[_Hit] = []
        for hit in hits:
            if hit in owner_hits:
                continue
            if hit.type_id in COMPANY_TYPES:
                public = self._owner_word(hit, tokens) or owned_by
                if public in types:
                    hit = replace(hit, type_id=public)
            result.append(hit)
        return result

    @staticmethod
    def _owner_word(hit: _Hit, tokens: List[Token]) -> Optional[str]:
        before = {
            form
            for t in tokens[max(0, hit.start - OWNER_REACH) : hit.start]
            for form in (t.folded, bokmal_form(t.folded))
        }
        for type_id, owners in PUBLIC_OWNERS.items():
            if before & owners:
                return type_id
        return None

    # --------------------------------------------------------- where the organisation is

    def _where(
        self, query: str, tokens: List[Token], hits: List[_Hit], found: List[_Hit]
    ) -> Optional[_Where]:
        """The place outside the programme area the text puts the organisation in.

        None when no place is named, when a place in (or partly in) the area is
        named, or when the place belongs to something else ("vi säljer till Oslo",
        "vi samarbetar med ett AB i Oslo" when the asker is a förening). A place
        counts when it is written like one (``_place_like``) and belongs to the
        organisation the verdict is about (``_belongs``): its name ("Oslo kommune",
        "Region Skåne", "Stockholms universitet"), where it is ("ett AB i Bergen",
        "et firma som ligger i Oslo", "i Stockholm har vi ett AB") or where "we" are
        ("vi holder til i Bergen").
        """
        if self.kb.eligibility.outside_area is None or not found:
            return None
        first = found[0]
        names = {i for h in hits for i in range(h.start, h.end)}
        starts = _sentence_starts(query)
        sentence = _sentence_numbers(query, tokens)
        inside = False
        where: Optional[_Where] = None
        previous_end = -10
        index = 0
        while index < len(tokens):
            if index in names or not self._place_like(tokens, index, names, starts):
                index += 1
                continue
            size, state, place = self._place_at(tokens, index, names)
            end = index + size
            same_sentence = sentence[index] == sentence[first.start]
            if (
                state is not None
                and same_sentence
                and (
                    _belongs(tokens, index, end, first)
                    or _listed_after(tokens, index, previous_end)
                )
            ):
                previous_end = end
                if state:
                    inside = True
                elif where is None:
                    where = place
            index = end
        if inside:
            return None
        if where is None:  # "ett danskt universitet", "et tysk AS"
            for token in tokens[max(0, first.start - OWNER_REACH) : first.start]:
                if token.folded in self._country_adjectives:
                    return _Where("foreign", token.text)
        return where

    def _place_like(
        self, tokens: List[Token], index: int, names: Set[int], starts: Set[str]
    ) -> bool:
        """Written like a place name rather than an ordinary word ("bo", "Ha det")."""
        word = tokens[index].text
        if index and tokens[index - 1].folded in LOCATIVES:
            return True
        if not self.analyzer.is_known(word):
            return True
        if word[:1].isupper() and index and tokens[index].folded not in starts:
            return True
        return index + 1 in names  # "Bergen kommune", "Time kommune"

    def _place_at(
        self, tokens: List[Token], index: int, names: Set[int]
    ) -> Tuple[int, Optional[bool], Optional[_Where]]:
        """(words used, in the area?, the place) for a place name starting here.

        ``in the area`` is True for places in or partly in the programme area, False
        outside it (another country included), None when no place starts here.
        """
        for size in range(min(MAX_PLACE_WORDS, len(tokens) - index), 0, -1):
            if names & set(range(index, index + size)):
                continue  # "Oslo kommune": the place is "Oslo", "kommune" is the body
            span = tuple(t.folded for t in tokens[index : index + size])
            country = self._countries.get(span)
            if country:
                return size, False, _Where("country", country)
            found = self._finder.find(
                " ".join(t.text for t in tokens[index : index + size])
            )
            exact = [m for m in found.matches if _name_key(m.name) == span]
            if exact:
                return size, _inside(exact), _Where("place", _shown(exact[0]))
        word = tokens[index]
        if word.folded.endswith("s") and index not in names:  # "Lunds universitet"
            found = self._finder.find(word.text[:-1])
            stem = (word.folded[:-1],)
            exact = [m for m in found.matches if _name_key(m.name) == stem]
            if exact:
                return 1, _inside(exact), _Where("place", _shown(exact[0]))
        if len(word.folded) >= MIN_FUZZY_PLACE and not self.analyzer.is_known(
            word.text
        ):
            found = self._finder.find(word.text)
            if found.matches and _close(word.folded, found.matches[0].name):
                return (
                    1,
                    _inside(found.matches),
                    _Where("place", _shown(found.matches[0])),
                )
        return 1, None, None

    def _near_miss(self, word: str, long_only: bool = False) -> Optional[str]:
        """A misspelt whole name ("stifelse"); long words first, so that
        "enkeltpersonsforetak" is not read as the "enkeltperson" inside it."""
        if len(word) < (LONG_WORD if long_only else 5):
            return None
        best = process.extractOne(
            word, self._single_words, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF
        )
        if best is None or self._another_head(word, best[0]):
            return None
        return self._names[(best[0],)]

    def _another_head(self, word: str, name: str) -> bool:
        """The word shares the name's first part, and both end in words of their
        own: "reiselivsplan" is a plan, not a misspelt "reiselivslag"."""
        shared = next(
            (i for i, (a, b) in enumerate(zip(word, name, strict=False)) if a != b),
            min(len(word), len(name)),
        )
        tail, own = word[shared:], name[shared:]
        return (
            len(tail) >= MIN_HEAD
            and len(own) >= MIN_HEAD - 1
            and self.analyzer.is_known(tail)
            and self.analyzer.is_known(own)
        )  # "grunskolan", "stiftlese": a letter lost or swapped, the name's own end

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
                (word.startswith(name) and self._name_then_tail(word[len(name) :]))
                or word.endswith(name)
                or _inflected_end(word, name)
            )
            if inside and (best is None or len(name) > best[0]):
                best = (len(name), type_id)
        return best[1] if best else None

    def _trade_organisation(self, word: str) -> Optional[str]:
        """An organisation of a trade is a trade organisation: "reiselivsorganisasjon"
        (reiselivsnæring is a trade), "besöksnäringsorganisation", "skognæringsorganisasjonen"
        are typed like "bransjeorganisasjon"; "ungdomsorganisasjon" stays unknown."""
        for head in ORGANISATION_HEADS:
            position = word.rfind(head)
            if position < MIN_COMPOUND_TAIL or word[position + len(head) :] not in (
                "",
                *NAME_ENDINGS,
            ):
                continue
            modifier = word[:position]
            trade = any(fold(t) in modifier for t in TRADE_WORDS) or any(
                self.analyzer.is_known(modifier + t)
                or self.analyzer.is_known(modifier.rstrip("s") + t)
                for t in TRADE_WORDS
            )
            if trade:
                return self._names.get((TRADE_ORGANISATION[head],))
        return None

    def trade_organisation(self, matched: str) -> bool:
        """Was ``matched`` typed as an organisation of a trade ("reiselivsorganisasjon")?"""
        return self._trade_organisation(fold(matched)) is not None

    def _real_word(self, token: Token) -> bool:
        """A word of the language (the lemma tables or a stop word), not a typo."""
        return token.folded in _STOP_WORDS or self.analyzer.is_known(token.text)

    def _name_then_tail(self, tail: str) -> bool:
        """What follows a name at the start of a word makes it that name: an ending
        (kommun+erna) or a word of its own (kommun+styrelsen, forening+s+livet) —
        not any letters ("kommunikasjon", "regionalt" are no municipality or region)."""
        if tail in NAME_ENDINGS:
            return True
        for linked in (tail, tail[1:] if tail[:1] in ("s", "e") else ""):
            if linked.endswith(ADJECTIVE_ENDINGS):
                continue  # fylke+s+kommunalt is an adjective, not a county
            if len(linked) >= MIN_COMPOUND_TAIL and self.analyzer.is_known(linked):
                return True
        return False

    @staticmethod
    def _short_name_ok(
        parts: Tuple[str, ...], tokens: List[Token], start: int, size: int
    ) -> bool:
        if len(parts) > 1 or len(parts[0]) > SHORT_NAME:
            return True
        original = tokens[start].text
        if original.lower() != tokens[start].folded:
            return False  # "så" folds to the "SA" of a samvirkeforetak; no form has å
        if original.isupper() or len(tokens) == 1:
            return True
        before = tokens[max(0, start - 2) : start]
        if before and before[-1].folded in _ARTICLES:
            return True  # "ett AB", "vi är ab", "som as"
        if len(before) == 2 and before[0].folded in _DETERMINERS:
            return True  # "ett litet ab", "et nystartet AS" - not "får vi beskedet då"
        return bool(before) and before[-1].text[:1].isupper()  # "Fjellmat as"

    def _verdict(
        self, org: OrganisationType, lang: str, matched: Optional[str]
    ) -> EligibilityResult:
        if org.eligible is None and org.question:  # a business: which legal form?
            return EligibilityResult(
                language=lang,
                eligible=None,
                organisation_type=None,
                label=org.label[lang],
                reasons=[org.reason[lang]],
                requirements=[],
                question=org.question[lang],
                matched=matched,
                asked_about=org.id,
            )
        if org.eligible is None:  # known, but only an adviser can decide
            return EligibilityResult(
                language=lang,
                eligible=None,
                organisation_type=org.id,
                label=org.label[lang],
                reasons=[org.reason[lang]],
                requirements=list(dict.fromkeys(r[lang] for r in org.requirements)),
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

    def _outside(
        self,
        result: EligibilityResult,
        org: OrganisationType,
        where: _Where,
        lang: str,
    ) -> EligibilityResult:
        """The verdict for an organisation outside the programme area.

        Such an organisation gets ``eligible=None`` (route to an adviser), not
        ``True`` with the rule as a requirement: whether it can be a partner depends
        on a rule the programme states only "as a rule" (up to 20 % of the EU funds,
        if the results benefit the programme area), the corresponding rule for
        Norwegian IR funds was not found, and a partner abroad cannot be one of the
        two applicants (one in Sweden, one in Norway). A ``True`` would be read, and
        shown, as "may apply", which is what it must not say. The organisation type
        stays known (``organisation_type`` is set, ``route`` is true), the reasons
        start with where the organisation is and the rule, and the requirements with
        what to do. A "no" (private person, sole proprietorship) stays a no; a
        business without its legal form still gets its question.
        """
        outside = self.kb.eligibility.outside_area
        if outside is None or result.eligible is False:
            return result
        if where.kind == "place":
            sentence = outside.place[lang].format(place=where.name)
        elif where.kind == "country":
            sentence = outside.country[lang].format(place=where.name)
        else:
            sentence = outside.foreign[lang]
        reasons = [sentence, outside.rule[lang], *result.reasons]
        if result.eligible is None and result.organisation_type is None:
            return replace(result, reasons=reasons, outside_area=where.name)
        requirements = [r[lang] for r in outside.requirements]
        requirements += [r[lang] for r in org.requirements]
        return replace(
            result,
            eligible=None,
            organisation_type=org.id,
            reasons=reasons,
            requirements=list(dict.fromkeys(requirements)),
            question=None,
            outside_area=where.name,
        )

    def _without_legal_entity(
        self, result: EligibilityResult, query: str, lang: str
    ) -> EligibilityResult:
        """An organisation said to have no legal entity of its own ("en förening utan
        organisationsnummer"): not its type's plain yes but the rule and an adviser,
        as the programme's pages do not say. A "no" stays a no."""
        qualifier = self.kb.eligibility.without_legal_entity
        if qualifier is None or result.eligible is not True:
            return result
        folded = f" {' '.join(words(fold(query)))} "
        if not any(cue in folded for cue in self._no_entity_cues):
            return result
        return replace(
            result,
            eligible=None,
            reasons=[qualifier.rule[lang]],
            requirements=[r[lang] for r in qualifier.requirements],
            question=None,
            without_legal_entity=True,
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


NYNORSK_ENDINGS: Tuple[Tuple[str, str], ...] = (("lege", "lige"), ("leg", "lig"))
"""Nynorsk adjectives in -leg are Bokmål's -lig: statleg/statlig, ansvarleg/ansvarlig."""
NYNORSK_WORDS = {"eigd": "eid", "eigde": "eide", "eigt": "eid", "eigast": "eies"}
"""Nynorsk forms of "owned" the names list in Bokmål ("statleg eigd selskap")."""
MIN_NYNORSK_STEM = 3
"""Letters before -leg: "statleg", "ansvarleg" - not "lege" (a doctor)."""


def bokmal_form(word: str) -> str:
    """The Bokmål spelling of a folded Nynorsk adjective or participle, else the word.

    The names are listed in Bokmål (and the lemma tables are Bokmål), so "eit statleg
    eigd selskap" and "eit ansvarleg selskap" are looked up as "statlig eid selskap"
    and "ansvarlig selskap".
    """
    if word in NYNORSK_WORDS:
        return NYNORSK_WORDS[word]
    for nynorsk, bokmal in NYNORSK_ENDINGS:
        if word.endswith(nynorsk) and len(word) - len(nynorsk) >= MIN_NYNORSK_STEM:
            return word[: -len(nynorsk)] + bokmal
    return word


def _variants(window: List[Token]) -> List[Tuple[str, ...]]:
    """The window as written, with each word's lemmas, and in Bokmål spelling."""
    found: List[Tuple[str, ...]] = []
    for parts in (
        tuple(t.folded for t in window),
        tuple(t.lemma for t in window),
        tuple(bokmal_form(t.folded) for t in window),
    ):
        if parts not in found:
            found.append(parts)
    return found


def _inflected_end(word: str, name: str) -> bool:
    """``name`` followed by an inflection ending: kommun+erna, idrotts+förening+en."""
    position = word.rfind(name)
    return position >= 0 and word[position + len(name) :] in NAME_ENDINGS


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


def _names_a_place(hit: _Hit, tokens: List[Token]) -> bool:
    """ "regionen" in "ett företag i regionen", "kommune" in "et AS i Trysil kommune"."""
    if hit.type_id not in PLACE_TYPES or hit.end - hit.start != 1:
        return False
    before = tokens[max(0, hit.start - LOCATIVE_REACH) : hit.start]
    return any(t.folded in LOCATIVES for t in before)


def _names_an_owner(hit: _Hit, tokens: List[Token]) -> bool:
    """ "kommunen" in "ett bolag som ägs av kommunen", "et AS eid av fylkeskommunen"."""
    if hit.type_id not in PLACE_TYPES:
        return False
    before = tokens[max(0, hit.start - OWNER_REACH) : hit.start]
    return any(t.folded in OWNED_BY for t in before)


def _name_key(name: str) -> Tuple[str, ...]:
    return tuple(fold(w) for w in words(name))


def _inside(matches: Sequence[PlaceMatch]) -> bool:
    """In, or partly in, the programme area (a shared name: any of its places)."""
    return any(m.in_programme is not False for m in matches)


def _shown(match: PlaceMatch) -> str:
    """How a reply names the place: "Skåne län", "Bergen (Vestland)"."""
    if match.kind == "municipality":
        return f"{match.name} ({match.region_name})"
    return match.region_name


def _close(word: str, name: str) -> bool:
    """A misspelt place ("Stokholm", "Karlstads"), not another word ("vitjar" is not
    Fitjar, "Glomma" is not Lomma): same first letter and one edit or very similar."""
    target = " ".join(_name_key(name))
    return word[:1] == target[:1] and (
        Levenshtein.distance(word, target) <= 1
        or fuzz.ratio(word, target) >= PLACE_FUZZY_CUTOFF
    )


_SENTENCE_START = re.compile(r"(?:^|[.!?:;]\s*)([^\W\d_]+)", re.UNICODE)
FIRST_PERSON = _folded("vi", "jag", "jeg", "eg", "me")
"""The asker as subject ("vi holder til i Bergen"); not "våra partners sitter i Oslo"."""
AND_WORDS = _folded("och", "og", "eller", "samt", "and")
BELONG_REACH = 3
"""Words between the organisation and the preposition before its place."""


_SENTENCE_END = re.compile(r"[.!?]+\s+(?=[^\W\d_])", re.UNICODE)


def _sentence_numbers(query: str, tokens: List[Token]) -> List[int]:
    """Which sentence each token is in ("... förening. Våra partners sitter i Oslo"
    puts Oslo in the partners' sentence). A full stop before a lower-case word
    ("ek. för. i Arvika") does not end a sentence."""
    ends = [
        m.start()
        for m in _SENTENCE_END.finditer(query)
        if query[m.end() : m.end() + 1].isupper()
    ]
    numbers: List[int] = []
    cursor = 0
    for token in tokens:
        found = query.find(token.text, cursor)
        position = found if found >= 0 else cursor
        cursor = position + len(token.text) if found >= 0 else cursor
        numbers.append(sum(1 for e in ends if e < position))
    return numbers


def _sentence_starts(query: str) -> Set[str]:
    """Folded first words of the sentences (a capital there is no sign of a name)."""
    return {fold(m.group(1)) for m in _SENTENCE_START.finditer(query)}


def _belongs(tokens: List[Token], start: int, end: int, org: _Hit) -> bool:
    """Does the place at tokens[start:end] say where the organisation ``org`` is?"""
    if end in (org.start, org.start - 1) or start == org.end:
        return True  # "Oslo kommune", "Luleå tekniska universitet", "Region Skåne"
    if not start or tokens[start - 1].folded not in LOCATIVES:
        return False
    preposition = start - 1
    after = 0 <= preposition - org.end <= BELONG_REACH  # "ett AB (som ligger) i Bergen"
    before = 0 < org.start - end <= BELONG_REACH + 1  # "i Bergen har vi et AS"
    we = any(
        t.folded in FIRST_PERSON for t in tokens[max(0, start - 5) : preposition]
    )  # "vi holder til i Bergen"
    return after or before or we


def _listed_after(tokens: List[Token], start: int, previous_end: int) -> bool:
    """ "i Stockholm och Uppsala": a place right after one that counted."""
    between = tokens[previous_end:start]
    return 0 < len(between) <= 1 and all(t.folded in AND_WORDS for t in between)
