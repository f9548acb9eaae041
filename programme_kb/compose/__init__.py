"""Several questions in one message, and what the conversation has told about the user.

Why our own composition and not Rasa's multi-intents: a compound message ("we are an
association in Jämtland and want to … – may we apply and which focus area fits?")
needs the KB's own recognisers (eligibility, places, focus matcher, FAQ) on the
*parts* of the message, not two intent labels; the recognisers work without a
retrained model, and every part keeps its sources. ``compose`` finds:

* who the user is (``EligibilityChecker``) → the eligibility verdict;
* where (places named after "i/från/fra/på/med …") → in the programme area, sub-area;
* the project idea (only text after "vill/ska/ønsker …") → focus-area suggestion;
* the explicit questions (split at "?" and "och/og + question word") → FAQ answers,
  or an honest "not known" for a detail nothing answers;

and returns ordered ``Part``s: verdict, place, focus, answers, partner, next step.

``Profile`` is what the user has said about themselves; the action server keeps it
in slots and passes it back, so later answers ("måste vi ha en norsk partner?") are
given for *their* side, and short follow-ups ("och hur länge kan den pågå?") are
resolved with the remembered project type (``follow_up``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Optional, Sequence, Tuple, TypeVar

from programme_kb.eligibility import EligibilityResult
from programme_kb.faq import (
    SUGGEST_THRESHOLD,
    FaqAnswer,
    FaqResult,
    asks_for_detail,
    entry_answer,
    facets,
)
from programme_kb.focus import FocusResult
from programme_kb.kb import KnowledgeBase
from programme_kb.listing import funded_projects
from programme_kb.places import PlaceMatch
from programme_kb.service import Snapshot
from programme_kb.text import clean, fold, stop_words, words

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
    )
)
"""Organisation words that name a place: "region värmland", "Innlandet
fylkeskommune", "umeå universitet" say where the organisation is."""
_PARTNER_STEMS = tuple(
    fold(w) for w in ("partner", "samarbet", "samarbeid", "samverk", "medsök", "medsøk")
)
"""Beginnings of words that name a partner ("samarbetspart", "samarbeidspartneren")."""
_IDEA_CUES = tuple(
    fold(c)
    for c in (
        *("vill ", "ska ", "skall ", "planerar", "tänker", "funderar på", "jobba med"),
        *("arbeta med", "projekt om", "projektet ska", "idé om", "idén är"),
        *("vil ", "ønsker", "skal ", "planlegger", "tenker", "vurderer", "jobbe med"),
        *("arbeide med", "prosjekt om", "prosjektet skal", "ideen er"),
    )
)
"""Words that start a project idea ("vi vill ordna kulturevenemang …")."""
_QUESTION_WORD_LIST: Tuple[str, ...] = tuple(
    w
    for w in (
        *[
            "vilket",
            "vilka",
            "vilken",
            "hur",
            "när",
            "vad",
            "var",
            "vem",
            "kan",
            "får",
            "måste",
            "ska",
            "behöver",
            "är",
        ],
        *[
            "hvilket",
            "hvilke",
            "hvilken",
            "hvordan",
            "når",
            "hva",
            "hvor",
            "hvem",
            "kan",
            "får",
            "må",
            "skal",
            "trenger",
            "er",
        ],
        "finns",
        "finnes",
        "går",
        *("varför", "hvorfor"),
        *("kva", "kor", "korleis", "kven", "kvifor", "kvar", "treng"),  # Nynorsk
    )
)
_QUESTION_WORDS = frozenset(fold(w) for w in _QUESTION_WORD_LIST)
_ELIGIBILITY_Q = re.compile(
    r"\b(får|kan|far|må|är|er)\b.*\b(söka|soka|søke|soke|ansöka|ansoka|søkje|sökande|"
    r"søker|vara med|være med|få stöd|få støtte|få pengar|få penger|behöriga?|"
    r"berättigade?|kvalifisert)\b|\bgår det\b",
    re.IGNORECASE,
)
_WH_WORDS = frozenset(
    fold(w)
    for w in [
        "när",
        "hur",
        "vad",
        "var",
        "vilka",
        "vilken",
        "vilket",
        "når",
        "hvordan",
        "hva",
        "hvor",
        "hvilke",
        "hvilken",
        "hvilket",
        "kva",
        "korleis",
        "kor",
        "kven",
        "kvifor",
        "kvar",
        "varför",
        "hvorfor",
    ]
)
_FOCUS_Q = re.compile(
    r"insatsområde|innsatsområde|passar|passer|vilket område|hvilket område",
    re.IGNORECASE,
)


def asks_about_focus(text: str) -> bool:
    """A question about which focus area fits ("vilket insatsområde passar?")."""
    return bool(_FOCUS_Q.search(text))


_PLACE_Q = re.compile(
    r"programområdet|programmet\?|programmet$|delområde|ingår|er med i|är med i",
    re.IGNORECASE,
)
_QW = "|".join(sorted(_QUESTION_WORD_LIST, key=len, reverse=True))
_WH = "|".join(sorted(_WH_WORDS | {w for w in _QUESTION_WORD_LIST if w in _WH_WORDS}))
_IF_NOT = (
    r"(?:om\s+inte|om\s+ikke|om\s+ikkje|hvis\s+ikke|viss\s+ikkje|annars|ellers|elles)"
)
"""'… kan vi söka, och om inte kan vi …': the alternative question after a condition."""
_SPLIT_QUESTIONS = re.compile(
    r"(?<=[?!.])\s+"
    rf"|\s*,\s*(?=(?:(?:och|og|sen|sedan|så|men|eller)\s+)?(?:{_IF_NOT}\s+)?(?:{_QW})\b)"
    rf"|\s+(?=(?:och|og)\s+(?:{_IF_NOT}\s+)?(?:{_QW})\b)"
    rf"|\s+(?=(?:så|sen|sedan|men)\s+(?:{_WH})\b)",
    re.IGNORECASE,
)
"""Where a message's clauses part: after a sentence end, and before a clause that opens
with a question word, after a comma or a conjunction ("…, sen hur …", "… og kor …")."""
_LEADING = re.compile(
    rf"^(?:(?:och|og|sen|sedan|så|men|eller|samt|plus)\b[\s,]*|{_IF_NOT}\b[\s,]*)+",
    re.IGNORECASE,
)
"""Conjunctions before a question ("? och hur mycket …", "og hvis ikke kan vi …")."""
_INDIRECT = re.compile(
    r"\b(?:(?:undrar|undrer|lurer|lurar)(?:\s+(?:jag|vi|jeg|eg|me))?"
    r"(?:\s+(?:också|även|ocksa|også|au|òg|bare|bara|litt|lite|mest))*(?:\s+på)?"
    r"|(?:vill|vil|ville|skulle\s+vilja|skulle)(?:\s+(?:gjerne|gärna|også|också|òg))*"
    r"\s+(?:veta|vite|vita))\s+"
    rf"(?=(?:om|hvis|viss|ifall|{_QW})\b)",
    re.IGNORECASE,
)
"""An indirect question: "sen undrar jag hur …", "vi lurer også på om …",
"vi vill veta när …"; the question is what follows."""
_IF = re.compile(r"^(?:om|hvis|viss|ifall)\s+", re.IGNORECASE)
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

LONG_MESSAGE_CHARS = 600
"""A message up to this length is read whole, exactly as before. A longer one (a
pasted project description of 1 500–2 500 characters, or anything up to the REST
channel's cap) is read with bounded work, because every recogniser's time grows with
the words it reads and a reply must stay under a second (bench/long_messages.py):"""
HEAD_WORDS = 60
"""- who the user is: from the first 60 words (applicants introduce themselves first;
  the eligibility matcher and the place finder cost the most per word);"""
MAX_PLACE_LOOKUPS = 450
"""- places: at most 450 look-ups (a real 4 000-character description needs about 390);"""
MAX_QUESTIONS = 6
"""- at most six questions answered in one reply, with a note saying how many are left;"""
MAX_QUESTION_WORDS = 25
"""- each question read up to its 25th word;"""
MAX_IDEA_WORDS = 60
"""- the project idea up to its 60th word;"""
READING_WORDS = 40
"""- the actions' look-ups over the whole message read 40 words (``reading``)."""
_WORD_RE = re.compile(r"[^\W_]+")
"""A word as the analysers count them ("a.a.a" is three)."""


def is_long(text: str) -> bool:
    """Whether the message is read with bounded work (see LONG_MESSAGE_CHARS)."""
    return len(text) > LONG_MESSAGE_CHARS


def first_words(text: str, limit: int) -> str:
    """The text up to the end of its ``limit``-th word; the whole text if it has fewer."""
    for count, word in enumerate(_WORD_RE.finditer(text), 1):
        if count == limit:
            return text[: word.end()]
    return text


def head(text: str) -> str:
    """What is read of a message to find who the user is (HEAD_WORDS of a long one)."""
    return first_words(text, HEAD_WORDS) if is_long(text) else text


def bounded_questions(asked: List[str]) -> Tuple[List[str], int]:
    """The questions of a long message that are answered, and how many are left over."""
    kept = [first_words(q, MAX_QUESTION_WORDS) for q in asked[:MAX_QUESTIONS]]
    return kept, max(0, len(asked) - MAX_QUESTIONS)


def reading(text: str) -> str:
    """What a look-up over the whole message (the FAQ, the place finder) reads: all of a
    message up to LONG_MESSAGE_CHARS; of a longer one its questions, else its start,
    up to READING_WORDS words either way."""
    if not is_long(text):
        return text
    asked, _ = bounded_questions(questions(text))
    return first_words(" ".join(asked) if asked else text, READING_WORDS)


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
class Part:
    """One piece of a composed reply, with the KB sources it rests on."""

    kind: str
    """eligibility, place, focus, answer, not_known, partner, project_type, next_step."""
    text: str
    sources: Tuple[str, ...]
    as_of: dt.date
    data: Dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class Composition:
    language: str
    parts: List[Part]
    told: Profile
    """What this message said about the user (to remember)."""

    @property
    def compound(self) -> bool:
        """Two or more different things answered: worth one composed reply."""
        return (
            len({p.kind for p in self.parts if p.kind not in ("next_step", "partner")})
            >= 2
        )

    def payload(self) -> Dict[str, object]:
        """The ``compound`` card: each part's kind, text and own card data."""
        return {
            "type": "compound",
            "language": self.language,
            "parts": [
                {"kind": p.kind, "text": p.text, **({"data": p.data} if p.data else {})}
                for p in self.parts
            ],
        }


@dataclass(frozen=True)
class _FoundPlace:
    match: PlaceMatch
    partner: bool
    """Named as the partner's place ("tillsammans med Trysil"), not the user's."""


def _words(text: str) -> List[str]:
    return re.findall(r"[\wÅÄÖÆØåäöæøéü-]+", text)


def find_places(snap: Snapshot, text: str, lang: str) -> List[_FoundPlace]:
    """Places the message names: after a place word, or capitalised mid-sentence.

    Only exact names count (folded: Ostersund = Östersund); a near-miss spelling in
    free text finds too many false places. A long message gets MAX_PLACE_LOOKUPS.
    """
    found = _once("places", snap, text, lang, lambda: _find_places(snap, text, lang))
    return list(found)


def _find_places(snap: Snapshot, text: str, lang: str) -> List[_FoundPlace]:
    budget = MAX_PLACE_LOOKUPS if is_long(text) else None
    lookups = 0
    tokens = _words(text)
    found: List[_FoundPlace] = []
    seen: set[str] = set()
    i = 0
    while i < len(tokens):
        previous = fold(tokens[i - 1]) if i else ""
        following = fold(tokens[i + 1]) if i + 1 < len(tokens) else ""
        named_by = previous in _ORG_BEFORE_PLACE or following in _ORG_AFTER_PLACE
        cue = previous in _PLACE_CUES or previous in _PARTNER_CUES or named_by
        capital = tokens[i][:1].isupper() and i > 0 and not tokens[i].isupper()
        if fold(tokens[i]) in _SIDE_HINTS:  # "ett AB", "et AS" (not the town Ås)
            i += 1
            continue
        if not (cue or capital):
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
            if not exact and size == 1 and following in _ORG_AFTER_PLACE:
                # "karlstads universitet": the place in the genitive
                bare = phrase[:-1] if fold(phrase).endswith("s") else ""
                result = snap.places.find(bare, lang) if bare else result
                exact = [
                    m for m in result.matches if bare and fold(m.name) == fold(bare)
                ]
            if exact:
                window = " ".join(fold(t) for t in tokens[max(0, i - 4) : i])
                partner = any(
                    w in _PARTNER_CUES or w.startswith(_PARTNER_STEMS)
                    for w in window.split()
                )
                for match in exact[:1]:
                    if match.region_id not in seen:
                        seen.add(match.region_id)
                        found.append(_FoundPlace(match, partner))
                taken = size
                break
        i += max(taken, 1)
    return found


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


_IDEA_CUE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c.strip()) for c in sorted(_IDEA_CUES, key=len)[::-1])
    + r")\b"
)
_INFINITIVE = re.compile(r"\s*\b(?:att|a)\b\s*|\s*")
_IDEA_TAIL = re.compile(
    r"(?:[\s,;:–-]|\b(?:och|og|sen|sedan|så|sa|men|jag|vi|jeg|eg|me|men)\b)+$",
    re.IGNORECASE,
)


def idea_text(text: str) -> Optional[str]:
    """The project idea in a message: after "vill/ska/ønsker (å jobbe med) …" up to
    the sentence end or the first question after it, whichever comes first.

    The cue itself is left out ("jobba med" would count as labour-market vocabulary),
    and so is a question asked after a comma ("…, får vi söka?").
    """
    return _idea(text)[0]


def _idea(text: str) -> Tuple[Optional[str], bool]:
    """``idea_text`` and whether the idea is told inside a question ("kan vi söka om
    vi vill …?", "hur ska vi gå till väga …?") rather than as a statement."""
    original = clean(text)
    spans = question_spans(original)
    # "vi vill veta när …" asks; its "vill" starts no idea
    masked = _INDIRECT.sub(lambda m: re.sub(r"\S", "_", m.group()), original)
    folded = fold(masked)
    cue = _IDEA_CUE.search(folded)
    if cue is None:
        return None, False
    end = cue.end()
    while True:  # "vil jobbe med", "planerar att arbeta med": every cue of the chain
        gap = _INFINITIVE.match(folded, end)
        again = _IDEA_CUE.match(folded, gap.end()) if gap else None
        if again is None:
            break
        end = again.end()
    skipped = len(folded[:end].split())
    offsets = [m.start() for m in re.finditer(r"\S+", original)]
    if skipped >= len(offsets):
        return None, False
    said = offsets[len(folded[: cue.start()].split())]
    asked = any(at <= said < until for at, until, _ in spans)
    start = offsets[skipped]
    rest = original[start:]
    stop = re.search(r"[.?!]", rest)
    stop_at = start + (stop.start() if stop else len(rest))
    later = [at for at, _, _ in spans if start < at < stop_at]
    sentence = original[start : min([stop_at, *later])]
    sentence = _IDEA_TAIL.sub("", sentence).strip()
    if is_long(text):
        sentence = first_words(sentence, MAX_IDEA_WORDS)
    idea = _without_partner(sentence)
    return (idea, asked) if len(idea.split()) >= 2 else (None, False)


_GENERIC_IDEA_WORDS = ("projekt", "prosjekt", "ide", "idé")


def reads_as_description(text: str) -> bool:
    """A statement with at least three words that say what the project is about
    ("prosjektet handler om å redusere utslipp fra tungtransport"); not a question
    ("vilket insatsområde passar vår idé?") nor "vi vill ha ett projekt"."""
    if questions(text):
        return False
    stop = stop_words()
    content = [
        w
        for w in words(fold(clean(text)))
        if w not in stop and not w.startswith(_GENERIC_IDEA_WORDS) and len(w) > 2
    ]
    return len(content) >= 3


_WITH = re.compile(
    r"\b(tillsammans med|ihop med|sammen med|saman med|i lag med|ilag med|"
    r"i samarbete med|i samarbeid med|med)\s+",
    re.IGNORECASE,
)
_PARTNER_WORDS = re.compile(
    r"^(en|ett|et|ei|ein|eit|andra|andre|norsk\w*|svensk\w*|förening\w*|forening\w*|"
    r"partner\w*|kommun\w*|skol\w*|museum|museer|aktör\w*|bedrift\w*|företag\w*|"
    r"destination\w*|destinasjon\w*|organisation\w*|organisasjon\w*|region\w*|"
    r"universitet\w*|högskol\w*|høgskol\w*|høgskul\w*|fylkeskommun\w*|"
    r"länsstyrelse\w*|statsforvalter\w*|[A-ZÅÄÖÆØ]\w*)$"
)
_PARTNER_DETERMINERS = re.compile(
    r"^(en|ett|et|ei|ein|eit|andra|andre|norsk\w*|svensk\w*)$", re.IGNORECASE
)
"""Partner words that are no noun: after them the partner's noun follows
("tillsammans med ett sågverk", "saman med eit sågverk")."""
_PARTNER_PLACE = re.compile(r"^(i|på|från|fra|frå|ved|vid)$", re.IGNORECASE)
_NOT_A_NOUN = re.compile(
    r"^(om|for|för|att|å|til|till|kring|rundt|inom|innen|som|och|og|samt|med|"
    r"der|där|så|men|i|på)$",
    re.IGNORECASE,
)


def _partner_phrase(tail: List[str], explicit: bool) -> int:
    """How many of the words after "med" name the partner: the partner words, the
    noun after a determiner when the cue says it is a partner ("tillsammans med ett
    sågverk"), and the partner's place ("… i Namsos")."""
    taken = 0
    while taken < len(tail) and taken < 4 and _PARTNER_WORDS.match(tail[taken]):
        taken += 1
    if (
        explicit
        and 0 < taken < len(tail)
        and all(_PARTNER_DETERMINERS.match(w) for w in tail[:taken])
        and tail[taken].isalpha()
        and not _NOT_A_NOUN.match(tail[taken])
    ):
        taken += 1
    if (
        taken > 0
        and taken + 1 < len(tail)
        and tail[taken - 1].isalpha()  # no comma ends the partner's name
        and _PARTNER_PLACE.match(tail[taken])
    ):
        taken += 2
    return taken


def _without_partner(idea: str) -> str:
    """The idea without who it is done with ("… tillsammans med en norsk förening",
    "… saman med eit sågverk i Västernorrland"): the partner's words ("förening",
    "sågverk") say nothing about the focus area."""
    kept: List[str] = []
    rest = idea
    while True:
        found = _WITH.search(rest)
        if not found:
            kept.append(rest)
            break
        tail = rest[found.end() :].split()
        taken = _partner_phrase(tail, found.group(1).lower() != "med")
        if taken == 0:
            kept.append(rest[: found.end()])
            rest = rest[found.end() :]
            continue
        last = tail[taken - 1]
        stop = last[len(last.rstrip(",.;:!?")) :]  # "… i Namsos, kan vi": the comma
        kept.append(rest[: found.start()].rstrip() + stop)
        rest = " ".join(tail[taken:])
    return " ".join(" ".join(kept).split())


def questions(text: str) -> List[str]:
    """The message's questions, split where one sentence asks two things."""
    return [q for _, _, q in question_spans(clean(text))]


def question_spans(cleaned: str) -> List[Tuple[int, int, str]]:
    """Each question of a cleaned message with where its clause starts and ends.

    A clause is a question when it ends with "?" or opens with a question word once
    a leading conjunction is left out ("? och hur mycket …", "og kor ofte …"), or
    when it asks indirectly ("vi undrar också om …", "eg lurer på korleis …"): then
    the question is the part after the cue ("om vi kan ha fler än en partner").
    """
    asked: List[Tuple[int, int, str]] = []
    at = 0
    bounds = [(m.start(), m.end()) for m in _SPLIT_QUESTIONS.finditer(cleaned)]
    for stop, after in [*bounds, (len(cleaned), len(cleaned))]:
        piece = cleaned[at:stop]
        start = at + len(piece) - len(piece.lstrip(" ,"))
        at = after
        piece = piece.strip(" ,")
        if not piece:
            continue
        indirect = _INDIRECT.search(piece)
        if indirect is not None:
            question = _IF.sub("", piece[indirect.end() :]).strip(" ,")
            if question:
                asked.append((start + indirect.start(), stop, question))
            continue
        bare = _LEADING.sub("", piece)
        first = fold(bare.split()[0]) if bare.split() else ""
        if bare and (bare.endswith("?") or first in _QUESTION_WORDS):
            asked.append((start, stop, bare))
    return asked


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


def _not_us(text: str, matched: str) -> bool:
    tokens = [fold(t) for t in _words(text)]
    first = matched.split()[0] if matched else ""
    for i, token in enumerate(tokens):
        if token == first or (len(first) >= 4 and token.startswith(first)):
            return any(t in _NOT_US for t in tokens[max(0, i - 2) : i])
    return False


def _organisation(snap: Snapshot, text: str, lang: str) -> EligibilityResult:
    def unknown() -> EligibilityResult:
        return snap.eligibility.check("", None, lang)

    result = snap.eligibility.check(_without_partner(text), None, lang)
    if result.label is None:
        return result
    matched = fold(result.matched or "")
    types = snap.kb.organisation_types
    org = types.get(result.organisation_type or "")
    candidates = (
        [org]
        if org is not None
        else [t for t in types.values() if t.label[lang] == result.label]
    )
    for candidate in candidates:
        names = [
            fold(n)
            for n in (*candidate.names.all(), candidate.label.sv, candidate.label.nb)
        ]
        if any(n == matched or (len(n) >= 4 and n in matched) for n in names if n):
            return result if not _not_us(text, matched) else unknown()
    return unknown()


def told(snap: Snapshot, text: str, lang: str) -> Profile:
    """What one message says about the user: organisation, side, place, idea, type."""
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


def compose(
    snap: Snapshot, text: str, lang: str, profile: Optional[Profile] = None
) -> Composition:
    """Every part of a message answered in one ordered list (see module docstring)."""
    lang = "nb" if lang == "nb" else "sv"
    kb = snap.kb
    now = told(snap, text, lang)
    known = (profile or Profile()).merged(now)
    parts: List[Part] = []
    org = organisation_in(snap, text, lang)
    asked, left = (
        bounded_questions(questions(text)) if is_long(text) else (questions(text), 0)
    )
    if org.label is not None:
        parts.append(_eligibility_part(snap, org, lang))
    places = find_places(snap, text, lang)
    for found in places[:2]:
        parts.append(place_part(snap, found.match, lang))
    if any(f.partner and not f.match.in_programme for f in places[:2]):
        # "vi har en samarbetspart i Umeå": what a partner outside the area may do
        outside = _entry_part(kb, "outside_area_partner", lang)
        if outside is not None:
            parts.append(outside)
    if _CONTINUES.search(fold(clean(head(text)))):
        # "vi driver redan ett nätverk … vill ha pengar för att fortsätta driva det":
        # the rule that a project must be new comes before any focus area
        new_rule = _entry_part(kb, "project_must_be_new", lang)
        if new_rule is not None:
            parts.append(replace(new_rule, data={**new_rule.data, "rule": True}))
    focus_asked = any(_FOCUS_Q.search(q) for q in asked)
    described, inside_question = _idea(text)
    idea = now.project_idea or (described if focus_asked else None)
    if (
        not idea
        and described
        and not inside_question
        and reads_as_description(described)
    ):
        # an idea the matcher cannot place still gets its honest focus part
        # ("I could not place it …"), not silence
        idea = described
    if idea or (focus_asked and known.project_idea):
        parts.append(_focus_part(snap, idea or known.project_idea or "", lang))
    for question in asked:
        eligibility_q = _asks_eligibility(question, kb)
        if eligibility_q and org.label is not None:
            continue
        if _FOCUS_Q.search(question) and (idea or known.project_idea):
            continue
        if _PLACE_Q.search(question) and places:
            continue
        if asks_about_partner(question) and _partners_in_area(snap, question, lang):
            # "kan vi ha en partner i Östersund?": the place part and the partner
            # rule for the user's side answer it; no "I cannot say" beside them
            partner = partner_part(snap, known, lang)
            if partner is not None:
                parts.append(partner)
            continue
        if eligibility_q and org.label is None:
            parts.append(_ask_organisation(kb, lang))
            continue
        answer = _answer_part(snap, question, lang, known)
        if answer.kind == "not_known" and asks_about_partner(question):
            # "vilket norskt fylke ska vi helst samarbeta med": the partner rule and
            # pairing for the user's side, not "I cannot say"
            answer = partner_part(snap, known, lang) or answer
        parts.append(answer)
    if left:  # a long message with more questions than one reply answers
        note = kb.message(
            "compose_more_questions", lang, answered=len(asked), left=left
        )
        parts.append(Part("note", note, (), dt.date.today(), {"left": left}))
    if any(p.kind == "eligibility" and p.data.get("eligible") for p in parts):
        partner = partner_part(snap, known, lang)
        if partner and not any(p.data.get("entry") in _PARTNER_ENTRIES for p in parts):
            parts.append(partner)
    if any(p.kind in ("answer", "eligibility", "partner") for p in parts):
        # "…, går det?", "får de vara med?": a question with no word of its own
        # asks about what the message just said, which the other parts answer
        parts = [
            p
            for p in parts
            if not (p.kind == "not_known" and _vague(str(p.data.get("question", ""))))
        ]
    parts = _deduplicated(parts)
    if Composition(lang, parts, now).compound:
        parts = [*parts, next_step_part(snap, known, lang)]
    return Composition(lang, parts, now)


_NOT_ELIGIBILITY = re.compile(
    r"partner|när som helst|når som helst|hela året|hele året|"
    r"\b(?:de|dom|dem|dei|han|hon|hun)\s+(?:vara|være|vere|delta|söka|søke)\b|"
    r"\b(?:annat|annan|andra|annen|andre|anna)\s+(?:sätt|vis|måte|måter|måtar)\b|"
    r"\b(?:två|tre|to|fler|flera|flere|fleire)\s+\w+\s+(?:vara|være|vere)\s+med\b",
    re.IGNORECASE,
)
"""Not "may we apply?": a partner question, a question of timing, one about
someone else ("får de vara med?" asks about the partner just named), about another
way to take part ("… på något annat sätt?") or about how many may take part
("kan två svenska museer vara med?")."""


def _asks_eligibility(question: str, kb: KnowledgeBase) -> bool:
    """ "Får vi söka?", "kan et AS være søker?" – not "när kan man söka?", not
    "kan en partner i Stockholm vara med?", not "kan man söka förstudie …?"."""
    first = fold(question.split()[0]) if question.split() else ""
    return (
        first not in _WH_WORDS
        and bool(_ELIGIBILITY_Q.search(question))
        and not _NOT_ELIGIBILITY.search(question)
        and _project_type(kb, question) is None
    )


_PARTNER_ENTRIES = frozenset(
    {"partner_other_country", "partner_pairing", "find_partners"}
)


def _vague(question: str) -> bool:
    """No content word at all: "går det?", "får de vara med?", "kan vi det?"."""
    stop = stop_words()
    return not [w for w in words(fold(clean(question))) if w not in stop]


def _deduplicated(parts: List[Part]) -> List[Part]:
    seen: set[Tuple[str, str]] = set()
    kept = []
    for part in parts:
        key = (part.kind, part.text)
        if key not in seen:
            seen.add(key)
            kept.append(part)
    return kept


def _eligibility_part(snap: Snapshot, result: EligibilityResult, lang: str) -> Part:
    kb = snap.kb
    if result.eligible is True:
        lead = kb.message("compose_eligible_yes", lang, label=result.label)
    elif result.eligible is False:
        lead = kb.message("compose_eligible_no", lang, label=result.label)
    else:
        lead = ""
    body = " ".join([lead, *result.reasons[:2]]).strip()
    if result.question:
        body += " " + result.question
    org = kb.organisation_types.get(result.organisation_type or "")
    general = kb.eligibility
    sources = tuple(org.sources) if org else tuple(general.general_sources)
    as_of = org.as_of if org else general.general_as_of
    return Part("eligibility", body, sources, as_of, result.payload())


def sub_area_name(
    kb: KnowledgeBase, sub_area: Optional[str], lang: str
) -> Optional[str]:
    for area in kb.places.sub_areas:
        if area.id == sub_area:
            return str(area.name[lang])
    return None


def remembered_place(snap: Snapshot, known: Profile, lang: str) -> Optional[Part]:
    """Where the user said they are, as a place part ("ingår vi?")."""
    if not known.place:
        return None
    found = snap.places.find(known.place, lang)
    return place_part(snap, found.matches[0], lang) if found.matches else None


def place_part(snap: Snapshot, match: PlaceMatch, lang: str) -> Part:
    kb = snap.kb
    name = shown_name(match.name)
    where = (
        name
        if match.kind == "region" or fold(match.name) == fold(match.region_name)
        else f"{name} ({match.region_name})"
    )
    sub = sub_area_name(kb, match.sub_area, lang)
    if match.in_programme is True and sub:
        text = kb.message("compose_place_in_sub", lang, place=where, sub_area=sub)
    elif match.in_programme is True:
        text = kb.message("compose_place_in", lang, place=where)
    elif match.in_programme == "partly":
        text = kb.message("compose_place_partly", lang, place=where) + " " + match.note
    else:
        text = kb.message("compose_place_out", lang, place=where) + " " + match.note
    region = kb.regions[match.region_id]
    return Part(
        "place",
        text.strip(),
        tuple(region.sources),
        region.as_of,
        {**match.as_dict(), "sub_area_name": sub},
    )


def _focus_part(snap: Snapshot, idea: str, lang: str) -> Part:
    kb = snap.kb
    result: FocusResult = snap.focus.rank(idea, lang, 3)
    if not result.items:
        return Part(
            "focus",
            kb.message("compose_focus_none", lang),
            (),
            max(a.as_of for a in kb.areas.values()),
            result.payload(),
        )
    best = result.items[0]
    text = kb.message(
        "compose_focus", lang, code=best.code, title=best.title, why=", ".join(best.why)
    )
    others = [m for m in result.items[1:] if m.strength != "weak"]
    if others:
        text += " " + kb.message(
            "compose_focus_also",
            lang,
            areas=", ".join(f"{m.code} {m.title}" for m in others),
        )
    text += " " + kb.message("compose_focus_guidance", lang)
    precedents = funded_projects(kb, best, lang)
    if precedents:
        text += "\n\n" + precedents
    area = kb.areas[best.code]
    return Part(
        "focus", text, tuple(area.sources), area.as_of, result.payload(projects=True)
    )


def _ask_organisation(kb: KnowledgeBase, lang: str) -> Part:
    fact = kb.facts["who_may_apply"]
    text = " ".join([fact.text[lang], kb.message("compose_ask_organisation", lang)])
    return Part(
        "eligibility", text, tuple(fact.sources), fact.as_of, {"eligible": None}
    )


_CONTINUES = re.compile(
    r"\b(?:fortsatta (?:att |med )?driva|driva vidare|fortsette (?:a |med )?drive|"
    r"drive videre|viderefore|samma sak som (?:forut|tidigare|forr|idag)|"
    r"det vi redan gor|det vi allerede gjor|som vi redan driver|som vi allerede driver|"
    r"vara befintliga|var befintliga|vart befintliga|eksisterende drift|lopande drift|"
    r"lopende drift)\b"
)
"""Folded phrases that say the money is for what the user already runs: the rule that
a project must be new (no operating support) is part of the answer."""


def _faq_part(best: FaqAnswer, question: str) -> Part:
    """An FAQ answer as a part of a composed reply."""
    return Part(
        "answer",
        best.answer,
        tuple(best.sources),
        dt.date.fromisoformat(best.as_of),
        {"entry": best.entry_id, "question": question},
    )


def _entry_part(kb: KnowledgeBase, entry_id: str, lang: str) -> Optional[Part]:
    """One FAQ entry's answer as a part (None if the entry was removed)."""
    entry = next((e for e in kb.faq if e.id == entry_id), None)
    if entry is None:
        return None
    return _faq_part(entry_answer(entry, lang, 1.0), entry.questions[lang][0])


def _answer_part(snap: Snapshot, question: str, lang: str, known: Profile) -> Part:
    kb = snap.kb
    faq = snap.faq.answer(question, lang)
    if faq.answered and faq.best is not None:
        best = faq.best
        helping = partner_help_part(kb, question, lang)
        if best.entry_id in _PARTNER_ENTRIES and helping is not None:
            return replace(helping, data={**helping.data, "question": question})
        if best.entry_id in _PARTNER_ENTRIES and known.side:
            personal = partner_part(snap, known, lang)
            if personal is not None:
                return replace(personal, data={**personal.data, "entry": best.entry_id})
        return _faq_part(best, question)
    settled = _settled(snap, question, lang, known, faq)
    if settled is not None:
        return _faq_part(settled, question)
    outside = [
        f.match for f in find_places(snap, question, lang) if not f.match.in_programme
    ]
    if outside:  # "kan en partner i Stockholm vara med?": the rule for outside partners
        general = re.sub(  # the user's spelling: "stockholm", "Stockholm"
            re.escape(outside[0].name),
            kb.message("compose_outside_area", lang),
            question,
            flags=re.IGNORECASE,
        )
        retry = snap.faq.answer(general, lang)
        if retry.answered and retry.best is not None:
            return _faq_part(retry.best, question)
    detail = follow_up(snap, question, lang, known, None, named_ok=True)
    if detail is not None:
        return detail
    choices = [
        {"entry": a.entry_id, "question": a.question}
        for a in (faq.suggestions if faq.reason == "ambiguous" else [])
    ]
    return Part(
        "not_known",
        kb.message("compose_not_known", lang, question=question.rstrip("?")),
        (),
        dt.date.today(),
        {
            "question": question,
            "detail": asks_for_detail(question),
            # a close call left open: the close entries, for the reply to offer
            **({"choices": choices} if choices else {}),
        },
    )


def _settled(
    snap: Snapshot, question: str, lang: str, known: Profile, faq: FaqResult
) -> Optional[FaqAnswer]:
    """A close call between FAQ entries settled by what the message or the
    conversation said, or None.

    "kan vi söka ett småprojekt och hur länge pågår det?": the duration entries of
    three project types are equally close to "hur länge pågår det"; asked again with
    the named (or remembered) project type, or else the organisation type, one of the
    *same* close entries stands out. An entry that was not among them is never
    taken: a hint settles the choice, it does not ask a new question.
    """
    if faq.reason != "ambiguous" or faq.best is None:
        return None
    kb = snap.kb
    close = {
        a.entry_id
        for a in (faq.best, *faq.alternatives)
        if a.score >= SUGGEST_THRESHOLD
    }
    hints: List[str] = []
    ptype = kb.project_types.get(known.project_type or "")
    if ptype is not None and not kb.project_types_named(question):
        hints.append(str(ptype.name[lang]))
    for hint in hints:
        retry = snap.faq.answer(f"{hint}: {question}", lang)
        if retry.answered and retry.best is not None and retry.best.entry_id in close:
            return retry.best
    # the organisation's own entry, when it is one of the close ones ("vad betyder
    # det för oss att vi är ett företag?": the entry on companies)
    named = organisation_in(snap, question, lang).matched
    for own_words in (_label(kb, known.organisation_type, lang), named):
        own = snap.faq.answer(own_words, lang) if own_words else None
        if own and own.answered and own.best and own.best.entry_id in close:
            return own.best
    return None


_PARTNER_Q = re.compile(
    r"partner|samarbet|samarbeid|projektägare|prosjekteier|medsökande|medsøker|"
    r"andra sidan|andre siden",
    re.IGNORECASE,
)


def _partners_in_area(snap: Snapshot, question: str, lang: str) -> bool:
    """The question names places, and all of them are in the programme area."""
    found = find_places(snap, question, lang)
    return bool(found) and all(f.match.in_programme is True for f in found)


_PARTNER_SEARCH = re.compile(
    r"\b(?:hitta\w*|hittar|hittat|finna|finner|finne|finn|funne\w*|fann|fant|"
    r"leta\w*|lete\w*|sok\w* (?:efter|etter)|(?:fa|far|fatt)(?: \w+)? (?:tag|tak)|skaffa|skaffe|"
    r"(?:komma|komme|fa) (?:i )?kontakt|knyta|knytte|kontakte?)\b"
)
_PARTNER_LACK = re.compile(
    r"\b(?:saknar|sakna|mangler|manglar|mangla|ingen|inga|inte|ikke|ikkje)\b"
)
_PARTNER_HOW = re.compile(
    r"\b(?:hur|hvordan|korleis|tips|rad|hjalp\w*|hjelp\w*|gor|gjor|gjer|brukar|"
    r"pleier|plar|forslag|ideer|nan|noen|nokon)\b"
)
_PARTNER_RULE = re.compile(
    r"\b(?:utan|uten|anda|likevel|alene|aleine|ensam\w*|"
    r"pa egen hand|pa eiga hand|pa egenhand)\b"
)
_PARTNER_WORD = re.compile(
    r"\b(?:\w*partner\w*|\w*partnar\w*|samarbet\w*|samarbeid\w*|projektagare\w*|"
    r"prosjekteie\w*|medsok\w*|part|parten)\b"
)
SEARCH_REACH = 5
"""Words between the search verb and the partner word ("hittar ingen partner",
"partner på norsk sida, hur hittar vi en")."""


def seeks_partner(text: str) -> bool:
    """The user looks for a partner and asks how: "vi hittar ingen partner i Norge,
    hur brukar man göra?", "vi mangler en svensk samarbeidspartner, har dere tips?".

    The question is how to find one (partner search help), not whether one is needed;
    "kan vi söka utan partner?" / "kan vi søke alene?" asks the rule and is not this.
    """
    folded = " ".join(words(fold(clean(text))))
    if not questions(text) and not _PARTNER_HOW.search(folded):
        return False
    if _PARTNER_RULE.search(folded):
        return False
    tokens = folded.split()
    partner_at = [i for i, t in enumerate(tokens) if _PARTNER_WORD.fullmatch(t)]
    if not partner_at:
        return False
    for verb in _PARTNER_SEARCH.finditer(folded):
        first = len(folded[: verb.start()].split())
        last = len(folded[: verb.end()].split()) - 1  # "får vi tag på": its last word
        if any(min(abs(first - i), abs(last - i)) <= SEARCH_REACH for i in partner_at):
            return True
    near_lack = any(
        _PARTNER_LACK.fullmatch(tokens[j])
        for i in partner_at
        for j in range(max(0, i - 3), i)
    )
    return near_lack and bool(_PARTNER_HOW.search(folded))


def partner_help_part(kb: KnowledgeBase, text: str, lang: str) -> Optional[Part]:
    """The partner-search answer for a message that looks for a partner, or None."""
    if not seeks_partner(text):
        return None
    return _entry_part(kb, "find_partners", lang)


_STARTS = re.compile(
    r"\b(?:vi|ni|dere|man|projektet|prosjektet|me)\b(?: \w+){0,3} "
    r"(?:starta|starte|borja|begynne|byrje|komma igang|komme i gang|kome i gang|"
    r"satta igang|sette i gang|dra igang|dra i gang|setje i gang)\b"
    r"(?! (?:att |a |med )?(?:soka|soke|sokje|ansoka|skriva|skrive|ansokan|soknaden))"
)
"""Folded: the user's own project starting ("vi vil starte i mars", "kan vi börja
anställa"), not starting to apply ("när kan vi börja söka")."""


def asks_about_start(text: str) -> bool:
    """A question about when the user's own project may start: the calls card (when
    calls open) is not its answer, the rule on starting before the decision is."""
    return bool(questions(text) or text.rstrip().endswith("?")) and bool(
        _STARTS.search(" ".join(words(fold(clean(text)))))
    )


def asks_about_partner(text: str) -> bool:
    """A question about whom to work with across the border."""
    return bool(_PARTNER_Q.search(text)) and bool(questions(text))


def partner_part(snap: Snapshot, known: Profile, lang: str) -> Optional[Part]:
    """Who the partner must be for *this* user: the other side, and where to look.

    None when the side is not known: then the general rule is the answer.
    """
    if known.side not in SIDES:
        return None
    kb = snap.kb
    side = str(known.side)
    label = _label(kb, known.organisation_type, lang)
    key = f"compose_partner_{side}"
    text = kb.message(key, lang, who=label or kb.message("compose_who", lang))
    facts = [kb.facts["two_applicants"], kb.facts["parallel_applications"]]
    region = _region_of(snap, known, lang)
    if region is not None and region.sub_area:
        other = [
            r.name
            for r in kb.places.regions
            if r.sub_area == region.sub_area
            and r.country != region.country
            and r.status in ("in", "partly")
        ]
        sub = sub_area_name(kb, region.sub_area, lang)
        if other and sub:
            text += " " + kb.message(
                "compose_partner_sub_area",
                lang,
                place=known.place or region.name,
                sub_area=sub,
                regions=_joined(other, lang),
            )
            facts.append(kb.facts["partner_pairing"])
    sources = tuple(dict.fromkeys(s for f in facts for s in f.sources))
    if region is not None:
        sources += tuple(s for s in region.sources if s not in sources)
    return Part(
        "partner",
        text,
        sources,
        max(f.as_of for f in facts),
        {"side": side, "partner_side": _other(side)},
    )


def _region_of(snap: Snapshot, known: Profile, lang: str):  # type: ignore[no-untyped-def]
    if not known.place:
        return None
    result = snap.places.find(known.place, lang)
    return snap.kb.regions[result.matches[0].region_id] if result.matches else None


def _joined(names: Sequence[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    word = " och " if lang == "sv" else " og "
    return ", ".join(names[:-1]) + word + names[-1]


def _label(kb: KnowledgeBase, type_id: Optional[str], lang: str) -> Optional[str]:
    org = kb.organisation_types.get(type_id or "")
    return str(org.label[lang]) if org else None


def next_step_part(snap: Snapshot, known: Profile, lang: str) -> Part:
    """Send an idea sketch to a project adviser on the user's side (or both routes)."""
    kb = snap.kb
    fact = kb.facts["idea_sketch"]
    source = kb.sources["isn_nya_projektideer"]
    if known.side in SIDES:
        url = source.url.sv if known.side == "se" else source.url.nb
        text = kb.message(f"compose_next_step_{known.side}", lang, url=url)
    else:
        text = kb.message(
            "compose_next_step_any", lang, url_se=source.url.sv, url_no=source.url.nb
        )
    return Part("next_step", text, tuple(fact.sources), fact.as_of)


_ANAPHORA = frozenset(
    fold(w)
    for w in (
        *("den", "det", "dem", "sådan", "sådant", "sån", "sånt", "denna", "detta"),
        *("slik", "slikt", "sånn", "dette", "denne"),
    )
)
_WHAT_FOR_US = re.compile(
    r"(vad|hva|kva)\s+(betyder|innebär|betyr|innebærer|inneber|gäller|gjelder)\s+"
    r"(det|detta|dette)?\s*(för|for)\s+(oss|mig|meg)"
    r"|(hur|hvordan)\s+(påverkar|påvirker)\s+(det|detta|dette)\s+(oss|mig|meg)"
    r"|(vad|hva)\s+(gäller|gjelder)\s+(för|for)\s+(oss|mig|meg)",
    re.IGNORECASE,
)


def follow_up(
    snap: Snapshot,
    text: str,
    lang: str,
    known: Profile,
    last_topic: Optional[str],
    named_ok: bool = False,
) -> Optional[Part]:
    """A short follow-up resolved with what was said before, or None.

    ``named_ok``: also answer when the message names the project type itself (a
    part of a compound message that the FAQ did not answer).

    "och hur länge kan den pågå?" after förstudier: the remembered project type's
    duration; "hur mycket kan man få för den?": its budget line; "vad betyder det
    för oss?": the last topic applied to the user's organisation and side.
    """
    kb = snap.kb
    words = {fold(w) for w in _words(text)}
    named = _project_type(kb, text)
    if named and not named_ok:
        return (
            None  # "hur länge kan en förstudie pågå?" is no follow-up: the FAQ answers
        )
    type_id = named or (
        last_topic.split(":", 1)[1]
        if last_topic and last_topic.startswith("project_type:")
        else known.project_type
    )
    asked = facets(text)
    refers = bool(words & _ANAPHORA) or len(words) <= 6
    if type_id in kb.project_types and refers and asked & {"duration", "amount"}:
        ptype = kb.project_types[str(type_id)]
        if "duration" in asked:
            detail = ptype.duration[lang]
        elif ptype.budget is not None:
            detail = ptype.budget[lang]
        else:
            return None
        return Part(
            "project_type",
            f"{ptype.name[lang]}: {detail}",
            tuple(ptype.sources),
            ptype.as_of,
            {"project_type": ptype.id, "facet": sorted(asked)[0]},
        )
    if _WHAT_FOR_US.search(text):
        if known.empty:
            return Part(
                "not_known",
                kb.message("compose_need_profile", lang),
                (),
                dt.date.today(),
                {"question": text},
            )
        if last_topic and last_topic.startswith("project_type:") and type_id:
            remembered = kb.project_types.get(str(type_id))
            if remembered is not None:
                return Part(
                    "project_type",
                    f"{remembered.name[lang]}: {remembered.suits_when[lang]}",
                    tuple(remembered.sources),
                    remembered.as_of,
                    {"project_type": remembered.id},
                )
        partner = partner_part(snap, known, lang)
        if partner is not None:
            return partner
        if known.organisation_type:
            result = snap.eligibility.check(None, known.organisation_type, lang)
            return _eligibility_part(snap, result, lang)
    return None
