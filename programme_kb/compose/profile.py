"""What the user has told about themselves: organisation, side, place, idea, type.

Its own module because the conversation remembers this ``Profile`` in slots and
every later answer (a part, the partner rule, a follow-up, the summary) is given
for it; finding it needs the recognisers (eligibility, places), memoised once per
message because one turn asks them up to four times.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple, TypeVar

from programme_kb.compose.bounds import MAX_PLACE_LOOKUPS, head, is_long
from programme_kb.compose.message import (
    _without_partner,
    _words,
    idea_text,
    questions,
)
from programme_kb.eligibility import (
    COMPANY_TYPES,
    PUBLIC_OWNERS,
    EligibilityResult,
    bokmal_form,
)
from programme_kb.kb import KnowledgeBase
from programme_kb.places import PlaceMatch
from programme_kb.service import Snapshot
from programme_kb.text import asks_about_others, fold, stop_words

SIDES = ("se", "no")
COUNTRY_SIDE = {"SE": "se", "NO": "no"}

_PLACE_CUES = frozenset(
    fold(w)
    for w in [
        "i",
        "från",
        "fra",
        "på",
        "in",
        "vid",
        "ved",
        "nära",
        "nær",
        "utanför",
        "utenfor",
        "kring",
        "rundt",
    ]
)
_PARTNER_CUES = frozenset(
    fold(w)
    for w in [
        "med",
        "partner",
        "partnere",
        "partners",
        "partnern",
        "samarbeta",
        "samarbeide",
    ]
)
_ORG_BEFORE_PLACE = frozenset(fold(w) for w in ("region", "regionen"))
_ORG_AFTER_PLACE = frozenset(
    fold(w)
    for w in (
        *("kommun", "kommune", "kommunen", "fylkeskommune", "fylkeskommun"),
        *("universitet", "universitetet", "högskola", "høgskole", "høgskule"),
        *("län", "länsstyrelse", "fylke"),
        *("stad", "sjukhus", "sjukhuset", "sykehus", "sykehuset"),
    )
)
"""Organisation words that name a place: "region värmland", "Innlandet
fylkeskommune", "umeå universitet", "Trollhättans stad", "Torsby sjukhus" say where
the organisation is."""
_PARTNER_STEMS = tuple(
    fold(w) for w in ("partner", "samarbet", "samarbeid", "samverk", "medsök", "medsøk")
)
"""Beginnings of words that name a partner ("samarbetspart", "samarbeidspartneren")."""


PARTNER_REACH = 8
"""How far back a word naming a partner makes a place the partner's (a clause)."""
_THEY = frozenset(fold(w) for w in ("de", "dom", "dei"))
"""Someone else where a place is named: "… en partner? de sitter i Uppsala"."""


_SIDE_HINTS: Dict[str, str] = {
    **{fold(w): "se" for w in ("ab", "aktiebolag", "länsstyrelse", "länsstyrelsen")},
    **{
        fold(w): "no" for w in ("as", "aksjeselskap", "fylkeskommune", "fylkeskommunen")
    },
    **{fold(w): "no" for w in ("statsforvalter", "statsforvalteren", "samvirkelag")},
}
"""Organisation words that exist on one side only (an AB is Swedish, an AS Norwegian)."""
_OWN_NATIONALITY = re.compile(
    r"\b(vi|jag|jeg)\s+(är|er)\s+(en|ett|et|ei)\s+(svensk|svenskt|norsk)", re.IGNORECASE
)
_PARTNER_NATIONALITY = re.compile(
    r"\b(med|partner|partnere?|projektägare|prosjekteier|förening|forening)\b[^.?!]{0,25}?"
    r"\b(norsk\w*|svensk\w*|norge|sverige)\b"
    r"|\b(norsk\w*|svensk\w*)\s+(partner\w*|förening\w*|forening\w*|kommun\w*|skol\w*|"
    r"museum|bedrift\w*|företag\w*|destinationer|destinasjoner|aktör\w*)",
    re.IGNORECASE,
)


_T = TypeVar("_T")
_RECENT: Dict[Tuple[str, int, str, str], Tuple[Snapshot, object]] = {}
_RECENT_SIZE = 16


def _once(
    kind: str, snap: Snapshot, text: str, lang: str, work: Callable[[], _T]
) -> _T:
    """``work()`` once per message: ``told``, ``compose`` and the actions of one turn
    ask the same recogniser about the same text up to four times."""
    key = (kind, id(snap), text, lang)
    hit = _RECENT.get(key)
    if hit is not None and hit[0] is snap:
        return hit[1]  # type: ignore[return-value]
    value = work()
    if len(_RECENT) >= _RECENT_SIZE:
        _RECENT.pop(next(iter(_RECENT)))
    _RECENT[key] = (snap, value)
    return value


@dataclass(frozen=True)
class Profile:
    """What the user has told about themselves, remembered for the conversation."""

    organisation_type: Optional[str] = None
    side: Optional[str] = None
    """"se" or "no": the side of the border the user's organisation is on."""
    place: Optional[str] = None
    project_idea: Optional[str] = None
    project_type: Optional[str] = None

    def merged(self, newer: Profile) -> Profile:
        """The profile with what a newer message says taking precedence."""
        return Profile(
            organisation_type=newer.organisation_type or self.organisation_type,
            side=newer.side or self.side,
            place=newer.place or self.place,
            project_idea=newer.project_idea or self.project_idea,
            project_type=newer.project_type or self.project_type,
        )

    @property
    def empty(self) -> bool:
        return not any(
            (
                self.organisation_type,
                self.side,
                self.place,
                self.project_idea,
                self.project_type,
            )
        )


@dataclass(frozen=True)
class _FoundPlace:
    match: PlaceMatch
    partner: bool
    """Named as the partner's place ("tillsammans med Trysil"), not the user's."""


def find_places(snap: Snapshot, text: str, lang: str) -> List[_FoundPlace]:
    """Places the message names: after a place word, or capitalised mid-sentence.

    Only exact names count (folded: Ostersund = Östersund); a near-miss spelling in
    free text finds too many false places. A long message gets MAX_PLACE_LOOKUPS.
    """
    found = _once("places", snap, text, lang, lambda: _find_places(snap, text, lang))
    return list(found)


_CAPITAL = r"[A-ZÅÄÖÆØÉ][\wÅÄÖÆØåäöæøéü-]*"
_NAMED = re.compile(
    r"\b(?:(?:jag|jeg|eg)\s+(?:heter|heiter|hete)|mitt namn är|namnet mitt är|"
    r"namnet mitt er|mitt navn er|navnet mitt er)\s+([\wÅÄÖÆØåäöæøéü-]+)"
    r"(?:\s+([\wÅÄÖÆØåäöæøéü-]+))?",
    re.IGNORECASE,
)
"""The writer's name after "jag heter", "navnet mitt er": first name, maybe surname
(not "vi heter …" or "föreningen heter …": an organisation's name holds its place)."""
_PRESENTED = re.compile(
    rf"\b(?i:dette er|detta är|det här är|det er|här är|her er|jag är|jeg er|eg er)"
    rf"\s+({_CAPITAL})\s+({_CAPITAL})"
    rf"(?=\s*,?\s+(?i:här|her|fra|från|frå|på|og|och|i)\b)"
    rf"|(?:^|[.!?,]|\b(?i:hej|hei|hallå|hallo|hejsan|heisann))\s*[,!]?\s*"
    rf"({_CAPITAL})\s+({_CAPITAL})(?=\s*,?\s+(?i:här|her)\b)"
)
"""A person presenting themselves: "jeg er Kari Nes og …", "dette er Lise Moss fra
…", "hej, Erik Lund här" (two capitalised words, neither an organisation or a place).
Two capitalised words that open a sentence without "här/her" after them are more
often an organisation's name ("Trysil Turlag i …") and are left alone."""


_FROM = frozenset(fold(w) for w in ("från", "ifrån", "fra", "ifra", "frå"))
"""A capitalised "Från" opening "Från Stockholm här": where the writer is, no name."""


def _without_names(snap: Snapshot, text: str, lang: str) -> str:
    """The message without the writer's own name: a surname that is also a place
    ("Anna Mora", "Erik Lund", "Kari Nes") says nothing about where they are, and
    read as a place it decided the verdict ("Lise Moss … på Kongsberg": in the area).
    """
    stop = stop_words()

    def blanked(found: re.Match[str], end: int, group: int = 1) -> str:
        """The match with the name (``group`` up to ``end``) blanked out."""
        text, start = found.string, found.start(group)
        return (
            text[found.start() : start] + " " * (end - start) + text[end : found.end()]
        )

    def named(found: re.Match[str]) -> str:
        first, last = found.group(1), found.group(2)
        surname = (
            bool(last)
            and fold(last) not in stop
            and (
                first[:1].isupper() == last[:1].isupper()  # "Anna Mora", "anna mora"
            )
        )
        return blanked(found, found.end(2) if surname else found.end(1))

    def presented(found: re.Match[str]) -> str:
        at = 1 if found.group(1) else 3
        first, last = found.group(at), found.group(at + 1)
        if fold(first) in _ORG_BEFORE_PLACE | _ORG_AFTER_PLACE | _FROM or fold(
            last
        ) in (_ORG_BEFORE_PLACE | _ORG_AFTER_PLACE):
            return found.group()  # "Region Värmland här", "Fra Hamar her"
        for word in (first, last):  # "Länsstyrelsen Värmland", "Karlstads Universitet"
            if snap.eligibility.check(word, None, lang).label is not None:
                return found.group()
        genitive = first[:-1] if fold(first).endswith("s") else first
        for word in {first, genitive, f"{first} {last}"}:  # "Lilla Edet", "Indre Fosen"
            places = snap.places.find(word, lang).matches
            if any(fold(m.name) == fold(word) for m in places):
                return found.group()  # "Torsby Kommun här", "Karlstads Kommun"
        return blanked(found, found.end(at + 1), at)

    return _PRESENTED.sub(presented, _NAMED.sub(named, text))


_HEADING = re.compile(
    r"\s*[\wÅÄÖÆØåäöæøéü-]+(?:\s+[\wÅÄÖÆØåäöæøéü-]+)?\s*(?:[,:]|\s+(?i:här|her)\b)"
)
"""A message opening with a name and a comma or "här" ("Trøndelag, hvem bør vi
samarbeide med?", "Östersund här, …"): the writer's place, like "vi är i …"."""


_VERBS_LIKE_PLACES = frozenset({"vara", "vare"})
"""Verbs spelt like a place (Vara in Västra Götaland): the place only when written
with a capital or after a place preposition ("i vara")."""


def _capitalised(token: str) -> bool:
    """A word written with a capital (a name), not in capitals (an acronym)."""
    return token[:1].isupper() and not token.isupper()


def _find_places(snap: Snapshot, text: str, lang: str) -> List[_FoundPlace]:
    """The places of a signed message's signature first, as the writer's own
    ("Mvh Emma, Länsstyrelsen i Värmlands län" beside a partner in Innlandet)."""
    signature = _SIGN_OFF.search(text)
    if signature is not None:
        signed = [
            _FoundPlace(p.match, partner=False)
            for p in _places_in(snap, signature["signature"], lang)
        ]
        if signed:
            regions = {p.match.region_id for p in signed}
            body = _places_in(snap, text[: signature.start()], lang)
            return [*signed, *(p for p in body if p.match.region_id not in regions)]
    return _places_in(snap, text, lang)


def _places_in(snap: Snapshot, text: str, lang: str) -> List[_FoundPlace]:
    text = _without_names(snap, text, lang)
    budget = MAX_PLACE_LOOKUPS if is_long(text) else None
    lookups = 0
    tokens = _words(text)
    found: List[_FoundPlace] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        previous = fold(tokens[i - 1]) if i else ""
        following = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        capital = i > 0 and _capitalised(tokens[i])
        named = (  # "Sundsvalls Hamn": a name of two capitalised words
            _capitalised(tokens[i])
            and i + 1 < len(tokens)
            and _capitalised(tokens[i + 1])
        )
        named_by = previous in _ORG_BEFORE_PLACE or following in _ORG_AFTER_PLACE
        cue = previous in _PLACE_CUES or previous in _PARTNER_CUES or named_by
        heading = i == 0 and bool(_HEADING.match(text))
        if fold(tokens[i]) in _SIDE_HINTS:  # "ett AB", "et AS" (not the town Ås)
            i += 1
            continue
        if not (cue or capital or heading) or (
            not capital
            and fold(tokens[i]) in _VERBS_LIKE_PLACES
            and previous not in _PLACE_CUES
        ):  # "partnern vara med": the verb, not Vara ("i vara" is the place)
            i += 1
            continue
        taken = 0
        for size in range(min(4, len(tokens) - i), 0, -1):
            if budget is not None and lookups >= budget:
                return found
            lookups += 1
            phrase = " ".join(tokens[i : i + size])
            result = snap.places.find(phrase, lang)
            exact = [m for m in result.matches if fold(m.name) == fold(phrase)]
            if not exact and size == 1 and (following in _ORG_AFTER_PLACE or named):
                # "karlstads universitet", "Sundsvalls Hamn AB": the place in the
                # genitive, before an organisation word or the rest of a name
                bare = phrase[:-1] if fold(phrase).endswith("s") else ""
                result = snap.places.find(bare, lang) if bare else result
                exact = [
                    m for m in result.matches if bare and fold(m.name) == fold(bare)
                ]
            if exact:
                window = " ".join(fold(t) for t in tokens[max(0, i - 4) : i])
                partner = any(
                    w in _PARTNER_CUES or w in _THEY or w.startswith(_PARTNER_STEMS)
                    for w in window.split()
                ) or _partner_named_before(tokens[max(0, i - PARTNER_REACH) : i])
                for match in exact[:1]:
                    if match.region_id not in seen:
                        seen.add(match.region_id)
                        found.append(_FoundPlace(match, partner))
                taken = size
                break
        i += max(taken, 1)
    return found


def _partner_named_before(before: List[str]) -> bool:
    """A partner named earlier in the clause, after the user last spoke of themselves:
    "vår partner är en fylkeskommune i Trøndelag" (the place is the partner's), not
    "vi har en partner, själva är vi en kommun i Säffle"."""
    folded = [fold(t) for t in before]
    last_we = max((n for n, w in enumerate(folded) if w in _WE), default=-1)
    return any(w.startswith(_PARTNER_STEMS) for w in folded[last_we + 1 :])


def shown_name(name: str) -> str:
    """A place as written in a reply: aliases are stored in lower case."""
    return name[:1].upper() + name[1:]


def _side_of(place: PlaceMatch) -> Optional[str]:
    return COUNTRY_SIDE.get(place.country)


def _other(side: str) -> str:
    return "no" if side == "se" else "se"


def _side_from_words(text: str, result: Optional[EligibilityResult]) -> Optional[str]:
    own = _OWN_NATIONALITY.search(text)
    if own:
        return "se" if fold(own.group(4)).startswith("svensk") else "no"
    if result is not None and result.matched:
        for word in result.matched.split():
            if fold(word) in _SIDE_HINTS:
                return _SIDE_HINTS[fold(word)]
    partner = _PARTNER_NATIONALITY.search(text)
    if partner:
        word = fold(next(g for g in partner.groups()[1:] if g))
        return "no" if word.startswith(("svensk", "sverige")) else "se"
    return None


def _project_type(kb: KnowledgeBase, text: str) -> Optional[str]:
    named = kb.project_types_named(text)
    return named[0] if named else None


def organisation_in(snap: Snapshot, text: str, lang: str) -> EligibilityResult:
    """The user's organisation in a free-text message, or an "unknown" result.

    The partner's words do not count ("… med en norsk förening"), and a hit counts
    only when the words matched hold one of the type's names: a near-miss spelling
    in the middle of another question ("etter" for "etat") is no organisation.
    A long message is read from its head.
    """
    return _once("org", snap, text, lang, lambda: _organisation(snap, head(text), lang))


_NOT_US = frozenset(
    fold(w)
    for w in (
        *("vilken", "vilket", "vilka", "hvilken", "hvilket", "hvilke", "kva"),
        *("ingen", "inget", "inga", "inte", "ikke", "ikkje", "icke", "ej"),
    )
)
"""Words that, just before an organisation word, say it is not the user's own:
"vilken myndighet sköter programmet?" asks about one, "vi är ingen myndighet"
denies being one."""


_WHO = frozenset(fold(w) for w in ("vem", "hvem", "kven"))
_WE = frozenset(("vi", "jag", "jeg", "eg", "me", "oss"))
WHO_REACH = 4
"""How far before an organisation word "vem"/"hvem" makes it the subject of a
question about someone ("hvem er forvaltende myndighet for programmet?")."""


def _not_us(text: str, matched: str) -> bool:
    tokens = [fold(t) for t in _words(text)]
    first = matched.split()[0] if matched else ""
    for i, token in enumerate(tokens):
        if token == first or (len(first) >= 4 and token.startswith(first)):
            before = tokens[max(0, i - WHO_REACH) : i]
            asked_about = bool(_WHO & set(before)) and not _WE & set(before)
            return asked_about or any(t in _NOT_US for t in tokens[max(0, i - 2) : i])
    return False


_DENIED = re.compile(
    r"\b(?:inte|icke|ej|ikke|ikkje|ingen|inget|inga)\s+(?:(?:längre|lenger|lengre)\s+)?"
    r"(?:(?:en|ett|et|ei|eit|ein|någon|något|noen|noe|nokon|noko)\s+)?"
    r"(?:(?:vanlig|vanligt|vanleg|vanlege|riktig|riktigt|egentlig|egentligt|"
    r"stor|stort|liten|litet|lita|lite|privat|privata|offentlig|offentleg)\s+)?"
    r"([\wÅÄÖÆØåäöæøéü-]+)",
    re.IGNORECASE,
)
"""A denied organisation: "vi är inte en kommun", "ingen förening än", "ikke noe
enkeltpersonforetak", "ikke AS men …"; the word after it is tried as a type."""


def _without_denied(snap: Snapshot, text: str, lang: str) -> str:
    """The message without the organisations the user says they are not.

    "vi är inte en kommun, vi är ett kommunalt bolag": the municipality named and
    denied would hide the company (or make two types, and no verdict, of "ingen
    förening, bara privatpersoner"); only a denied word that names a type goes.
    """

    def cut(found: re.Match[str]) -> str:
        named = snap.eligibility.check(found.group(1), None, lang)
        return " " if named.label is not None else found.group()

    return _DENIED.sub(cut, text)


_OTHERS = re.compile(
    r"\b(?:(?P<prep>från|ifrån|fra|ifra|frå|av|hos|i|på|pa|bland|blant)|"
    r"(?P<verb>söka|søke|søkje|ansöka|söker|søker|søkjer|sökte|søkte))\s+"
    r"(?P<phrase>[\wÅÄÖÆØåäöæøéü-]+(?:\s+[\wÅÄÖÆØåäöæøéü-]+){0,3})",
    re.IGNORECASE,
)
"""An organisation that is not the user: where the answer or the money comes from
("ja fra kommunen", "medfinansiering från regionen", "hjälp av länsstyrelsen",
"søke hos Innovasjon Norge"), what is applied to ("søke Innovasjon Norge"), or where
the idea works ("matsvinn i hoteller og restauranter", "bland föreningar"). In a
question the applicant stands before the verb ("kan en kommune söka"), never right
after it. "till" is not here: "finns det stöd till föreningar?" asks for them."""
_OTHERS_SELF = frozenset(
    fold(w)
    for w in (
        *("är", "e", "er", "kommer", "kjem", "ringer", "skriver", "skriv", "jobbar"),
        *("jobber", "arbetar", "arbeider", "arbeidar", "representerar", "hälsningar"),
        *("representerer", "hilsen", "helsing", "mvh", "ansatt", "anställd"),
        *("tilsett", "sitter", "leder", "leiar", "frågar", "fragar", "spør", "spor"),
        *("spørjer", "hej", "hei", "hallå", "hallo", "hejsan", "heisann", "halla"),
    )
)
"""Words before "från"/"hos"/"i"/"på" that make the organisation the user's own: "jeg
er fra kommunen", "jag ringer från Region Jämtland", "vi är en del av regionen", "jeg
er ansatt i kommunen", "jag sitter i styrelsen för en förening", "vi frågar från en
sameförening", "hej från Karlstads universitet"."""
_APPLYING_AS = frozenset(
    fold(w) for w in ("med", "som", "genom", "gjennom", "via", "for", "för")
)
"""Words after "söka"/"søke" that make what follows the user's own organisation:
"söka med min enskilda firma", "søke som forening", "söka för vår förening"."""
_ARTICLES = frozenset(
    fold(w) for w in ("en", "ett", "et", "ei", "eit", "ein", "den", "det", "de", "vår")
)


def _without_others(snap: Snapshot, text: str, lang: str) -> str:
    """The message without organisations it names as someone else (``_OTHERS``)."""

    def cut(found: re.Match[str]) -> str:
        if found.group("prep"):
            before = [fold(t) for t in _words(text[: found.start()])][-3:]
            if not before or any(t in _OTHERS_SELF for t in before):
                return found.group()  # "från Region Jämtland, vi undrar …"
            if before[-1] in _WE:
                return found.group()  # "vi på Mittuniversitetet"
        words = found.group("phrase").split()
        if found.group("verb") and fold(words[0]) in _APPLYING_AS:
            return found.group()  # "söka med min enskilda firma": the user's own
        lead = 1 if fold(words[0]) in _ARTICLES and len(words) > 1 else 0
        for size in range(len(words), lead, -1):
            named = " ".join(words[lead:size])
            if snap.eligibility.check(named, None, lang).label is not None:
                rest = " ".join(words[size:])
                head_text = found.group()[: found.start("phrase") - found.start()]
                return f"{head_text}{' ' * len(named)} {rest}".rstrip()
        return found.group()

    return _OTHERS.sub(cut, text)


_SELF = re.compile(
    r"\b(?:(?:vi|jag|jeg|eg|me)(?:\s+(?:själva|själv|selv|sjølv|sjølve))?\s+"
    r"(?:är|e|er|representerar|representerer|jobbar|jobber|arbetar|arbeider|arbeidar)"
    r"|(?:själva|själv|selv|sjølv|sjølve)\s+(?:är|e|er)\s+(?:vi|jag|jeg|eg|me))\b"
    r"(?:\s+(?:på|i|för|for|vid|ved|hos|inom|innen))?\s+",
    re.IGNORECASE,
)
"""The user saying who they are: "vi är …", "jeg jobber i …", and beside a partner
named first, "vi själva är …", "selv er vi …"."""
_SELF_END = re.compile(
    r"[,.;:!?()\n]|\b(?:som|och|og|i|på|från|fra|frå|med|men|utan|uten|för|for|"
    r"till|til|åt|vi|der|där|but)\b",
    re.IGNORECASE,
)
_NAME_WORD = re.compile(r"[\wÅÄÖÆØåäöæøéü-]{2,}")


def _own_named(snap: Snapshot, text: str, lang: str) -> Optional[str]:
    """The message with every organisation word blanked but the one the user says
    they are, or None when they do not say it ("vi är ett företag som säljer till
    kommunen": the municipality is the customer, not the user)."""
    for found in _SELF.finditer(text):
        end = _SELF_END.search(text, found.end())
        stop = end.start() if end else len(text)
        window = text[found.end() : stop]
        if (
            not window.strip()
            or snap.eligibility.check(window, None, lang).label is None
        ):
            continue

        def other(
            word: re.Match[str], start: int = found.end(), stop: int = stop
        ) -> str:
            if start <= word.start() < stop:
                return word.group()
            named = snap.eligibility.check(word.group(), None, lang).label
            return " " * len(word.group()) if named is not None else word.group()

        return _NAME_WORD.sub(other, text)
    return None


_FORM_COMPOUND = re.compile(
    r"\b(AB|AS|ASA|HB|KB|ANS|DA|SA|ENK)-(?:bolag|bolaget|företag|företaget|"
    r"selskap|selskapet|bedrift|bedriften|firma|firmaet|foretak|foretaket)\b",
    re.IGNORECASE,
)
"""A legal form written into the business word: "ett AB-bolag", "et AS-selskap"."""
_LIMITED = re.compile(
    r"\b(?:selskap|bolag|firma|bedrift|företag)\s+med\s+(?:begrenset|begränsat|"
    r"avgrensa|avgrensat)\s+(?:ansvar|ansvär)\b",
    re.IGNORECASE,
)
"""A company with limited liability: an aksjeselskap / aktiebolag."""
_PUBLIC_OWNER = (
    r"(?:kommunen|kommunerna|kommunene|kommunane|regionen|landstinget|fylkeskommunen|"
    r"fylket|(?:region|regionen)\s+[\wÅÄÖÆØåäöæøéü-]+(?:\s+[A-ZÅÄÖÆØ][\wåäöæø-]+)?|"
    r"[\wÅÄÖÆØåäöæøéü-]+\s+(?:kommun|kommune|fylkeskommune))"
)
_PUBLICLY_OWNED = re.compile(
    r"\b(?:(?:AB|AS|aktiebolag|aksjeselskap|bolag|selskap|företag|bedrift|foretak)"
    r"(?:\s*,)?\s+(?:som\s+)?(?:ägs|ägt|eid|eies|eigd|eigast|eiges|helägt|heleid|"
    r"heleigd)\s+av|(?:dotterbolag|datterselskap|dotterselskap)\s+(?:till|til|av))\s+"
    + f"(?P<owner>{_PUBLIC_OWNER})"
    + r"\b",
    re.IGNORECASE,
)
"""A company owned by a municipality or county: "ett AB som ägs av kommunen", "et
selskap eid av Innlandet fylkeskommune", "ett dotterbolag till Region Värmland"."""


def _legal_forms_plain(text: str, lang: str) -> str:
    """The legal form said plainly, as the organisation types name it."""
    text = _FORM_COMPOUND.sub(lambda m: m.group(1), text)
    text = _LIMITED.sub("aktiebolag" if lang == "sv" else "aksjeselskap", text)
    public = "kommunalt bolag" if lang == "sv" else "kommunalt eid selskap"

    def owned(found: re.Match[str]) -> str:
        # the owner's place stays: "ett AB som ägs av Gävle kommun" is outside
        named = [w for w in found.group("owner").split() if fold(w) not in _OWNER_WORDS]
        return f"{public} i {' '.join(named)}" if named else public

    return _PUBLICLY_OWNED.sub(owned, text)


_OWNER_WORDS = frozenset(
    fold(w)
    for w in (
        *("kommun", "kommune", "kommunen", "kommunerna", "kommunene", "kommunane"),
        *("region", "regionen", "landstinget", "fylkeskommune", "fylkeskommunen"),
        "fylket",
    )
)


_NAME_SUFFIX = re.compile(
    r"\b[\wåäöæøéü-]+\s+(ab|as|asa)\b(?=\s*(?:[,.;:!?)]|$|(?:i|på|og|och|som|vil|"
    r"ska|skal|har|med|ved|vid)\b))"
)
"""A business name written in lower case with its legal form: "fjellmat as",
"fjällturer ab" (the checker trusts a bare "as"/"ab" only after an article or a
capitalised name, since "as" is also a word)."""


_CORRECTION = re.compile(
    r"(?:,\s*|\s+)(?:eller|nej|nei|nä)\s*,?\s+(?:egentligen|egentlig|eigentleg|"
    r"rättare\s+sagt|rettare\s+sagt|snarare|förresten|forresten|formellt|formelt)"
    r"\b[\s,]*(?:(?:vi\s+)?(?:är|er|e)\s+)?(?:(?:på|i|vid|ved|hos|för|for)\s+)?",
    re.IGNORECASE,
)
"""The user correcting what they just said they are: "en bondeförening, eller
egentligen en ekonomisk förening", "på kommunen, eller rättare sagt på det
kommunala energibolaget", "ei stifting, nei forresten …"."""
_CORRECTED_END = re.compile(r"[,.;:!?()\n]|\b(?:som|og|och|der|där)\b", re.IGNORECASE)


def _corrected(snap: Snapshot, text: str, lang: str) -> Optional[EligibilityResult]:
    """The organisation the user names after correcting themselves, or None."""
    for found in _CORRECTION.finditer(text):
        end = _CORRECTED_END.search(text, found.end())
        window = text[found.end() : end.start() if end else len(text)]
        result = _checked(snap, _legal_forms_plain(window, lang), lang)
        if result.label is not None:
            return result
    return None


_SIGN_OFF = re.compile(
    r"(?:^|[\s.!,])(?:med\s+vänlig\s+hälsning|vänliga\s+hälsningar|hälsningar|"
    r"hälsning|mvh|vennlig\s+hilsen|venleg\s+helsing|beste\s+hilsen|hilsen|helsing)"
    r"\b[\s,:]*(?P<signature>[^?]{3,200})$",
    re.IGNORECASE,
)
"""A sign-off at the end of a message ("Vänliga hälsningar, Sara Holm,
integrationssamordnare, Kramfors kommun", "Helsing Ola, styreleiar i Vang
bondelag"): who wrote it."""


def _signed(snap: Snapshot, text: str, lang: str) -> Optional[EligibilityResult]:
    """The organisation a message is signed with, or None: the writer's own, though
    the body names only partners and ideas."""
    found = _SIGN_OFF.search(text)
    if found is None:
        return None
    result = _checked(snap, _legal_forms_plain(found["signature"], lang), lang)
    return result if result.label is not None else None


def _organisation(snap: Snapshot, text: str, lang: str) -> EligibilityResult:
    corrected = _corrected(snap, text, lang)
    if corrected is not None:
        return corrected
    signed = _signed(snap, text, lang)
    text = _without_denied(snap, _without_names(snap, text, lang), lang)
    text = _without_others(snap, _legal_forms_plain(text, lang), lang)
    result = _checked(snap, text, lang)
    if result.label is not None and result.organisation_type is None:
        # a business without its legal form ("ei lita bedrift"), unless its name
        # carries one ("…, fjellmat as, …"): then the name's form is the answer
        suffix = _NAME_SUFFIX.search(text)
        if suffix is not None:
            form = "aktiebolag" if fold(suffix.group(1)) == "ab" else "aksjeselskap"
            named = _checked(
                snap, f"{text[: suffix.start(1)]}{form}{text[suffix.end(1) :]}", lang
            )
            if named.organisation_type is not None:
                result = named
    own_text = _own_named(snap, text, lang)
    if own_text is None and signed is not None:
        return signed  # no "vi är …" in the body: the signature says who wrote
    if own_text is not None and own_text != text:
        own = _checked(snap, own_text, lang)
        refined = (
            own.organisation_type is None and result.organisation_type in _LEGAL_FORMS
        ) or (  # "ett företag (AB)", "ei bedrift, et ANS": the legal form named later
            own.organisation_type == "company"
            and result.organisation_type in PUBLIC_OWNERS
        )  # "Sundsvalls Hamn AB, ett kommunalt bolag": the owner named beside the name
        if own.label is not None and own.label != result.label and not refined:
            return own
    return result


_LEGAL_FORMS = frozenset(
    {
        "company",
        "municipal_company",
        "state_owned_company",
        "sole_proprietorship",
        "economic_association",
    }
)
"""The legal forms a business named without one ("ett företag") can turn out to be."""


def _checked(snap: Snapshot, text: str, lang: str) -> EligibilityResult:
    def unknown() -> EligibilityResult:
        return snap.eligibility.check("", None, lang)

    result = snap.eligibility.check(_without_partner(text), None, lang)
    if result.label is None:
        return result
    matched = fold(result.matched or "")
    spellings = {matched, " ".join(bokmal_form(w) for w in matched.split())}
    types = snap.kb.organisation_types
    org = types.get(result.organisation_type or "")
    candidates = (
        [org]
        if org is not None
        else [t for t in types.values() if t.label[lang] == result.label]
    )
    if org is not None and org.id in PUBLIC_OWNERS:
        # "et kommunalt eid energiselskap": the owner word before it made the
        # company a public one; the words matched name the company
        candidates += [types[c] for c in sorted(COMPANY_TYPES) if c in types]
    if " " not in matched and snap.eligibility.trade_organisation(matched):
        return result if not _not_us(text, matched) else unknown()
    for candidate in candidates:
        names = [
            fold(n)
            for n in (*candidate.names.all(), candidate.label.sv, candidate.label.nb)
        ]
        if any(
            n == m or (len(n) >= 4 and n in m) for n in names if n for m in spellings
        ):
            return result if not _not_us(text, matched) else unknown()
    return unknown()


def told(snap: Snapshot, text: str, lang: str) -> Profile:
    """What one message says about the user: organisation, side, place, idea, type.
    An organisation a question asks about in another role ("hur mycket brukar Bergs
    kommun gå in med?") or whether only its kind may apply ("är det bara kommuner som
    får söka?") is a third party: neither it nor its place is the user's."""
    org = organisation_in(snap, text, lang)
    asked = questions(text)
    if (
        org.label is not None
        and asked
        and all(
            asks_about_others(q)
            and organisation_in(snap, q, lang).organisation_type
            == org.organisation_type
            for q in asked
        )
    ):  # the organisation asked about is a third party: the statements tell the rest
        text = without_questions(text, asked)
        org = organisation_in(snap, text, lang)
    org_type = (
        org.organisation_type if (org.eligible is not None or org.route) else None
    )
    places = find_places(snap, text, lang)
    own = next((p for p in places if not p.partner), None)
    side = _side_of(own.match) if own else None
    if side is None:
        side = _side_from_words(text, org if org.label else None)
    if (  # "tillsammans med Trysil": the user is on the other side; a partner from
        side is None  # outside the area ("en partner från Stockholm") tells nothing
        and places
        and all(p.partner for p in places)
        and places[0].match.in_programme
    ):
        partner_side = _side_of(places[0].match)
        side = _other(partner_side) if partner_side else None
    idea = idea_text(text)
    if idea and not snap.focus.rank(idea, lang, 1).items:
        idea = None
    return Profile(
        organisation_type=org_type,
        side=side,
        place=shown_name(own.match.name) if own else None,
        project_idea=idea,
        project_type=_project_type(snap.kb, text),
    )


def without_questions(text: str, asked: List[str]) -> str:
    """The message without its questions: what the user tells about themselves."""
    for question in asked:
        text = text.replace(question, " ")
    return text.strip()
