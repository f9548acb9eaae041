"""Which language a message is in, and whether the user asked for one.

The reply-language policy (explicit request > the clear language of this message >
the conversation so far > the page language > Swedish) lives in ``decide_reply_language``; the Rasa component in
``bot/`` only feeds it. Nynorsk is answered in Bokmål; Danish counts towards Bokmål
because the two are written alike and a Dane is better served in Norwegian than Swedish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Dict, FrozenSet, List, Literal, Optional, Tuple

import yaml
from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from programme_kb.text import LemmaStore, clean, fold, lemma_store_path, words

ReplyLang = Literal["sv", "nb"]
Source = Literal["request", "metadata", "detected", "conversation", "default"]

CLEAR_SHARE = 0.58
"""Share of the Swedish+Norwegian evidence one side needs to count as clear."""
CLEAR_SHARE_AGAINST_WORDS = 0.7
"""The share lingua needs to overrule words only the other language writes
("forskot", guessed Swedish, in a Nynorsk question lingua is sure of: 0.75)."""
CLEAR_SHARE_SHORT = 0.75
"""The same for messages under three words, where evidence is thin."""
CLEAR_SHARE_UNMARKED = 0.85
"""The same when no word or letter belongs to only one language ("kan vi ha en
partner i Östersund"): lingua alone reads such words as either language, so only a
very clear verdict counts; otherwise the conversation or the page decides."""
FOREIGN_CONFIDENCE = 0.45
LEXICAL_WEIGHT = 0.35
"""lingua share one marker vote is worth. lingua reads Swedish typed without å/ä/ö
as Norwegian; at 0.25 the folded markers could not outweigh that ("nar ar nasta
utlysning" stayed unclear, "nar stanger utlysningen" came out Norwegian)."""

# Words only one of the two languages writes this way; they tip short messages.
# Nor may a marker be a common English, German, French or Spanish word: a single
# vote vetoes the foreign verdict ("Projekt", "Gott", French "et" are left out).
_SV_MARKERS = frozenset(
    """vad vem vilka vilken vilket hur är och inte ska skall någon några också eller
    mig dig sig söka söker sökt ansökan ansöka kommun kommuner företag bidrag stöd
    pengar finns måste mycket nästa svara skriva prata tack hej mellan efter
    innan behöver gäller till från våra ni jag hjälp hjälpa projektet vill
    stämmer väder fel styr förvaltar handläggare norska svenska flera ingår
    omfattas stänger enskild varför kanske gärna väldigt bara något sådan sådana
    kunna vara göra nu dessa denna detta många önskar inom att ännu berätta
    berätt förklara insatsområde insatsområdet insatsområden förstudie förstudier
    förprojekt huvudprojekt småprojekt ansökningsdag sökande tjena
    hejsan nej okej kväll morgon ursäkta förlåt toppen människa människor
    rådgivare rådgivaren förstår samtal samtalet sammanfatta sammanfattning
    gör länk asså""".split()  # noqa: SIM905 - a word list reads best as prose
)
_NB_MARKERS = frozenset(
    """hva hvem hvilke hvilken hvilket hvordan og ikke skal noen også eller meg deg
    seg søke søker søknad kommune kommuner bedrift tilskudd støtte penger finnes må
    mye neste svare skrive snakke takk hei mellom etter trenger gjelder til fra
    våre dere jeg hjelp hjelpe prosjektet kva kven korleis ikkje eg søkje kor noko
    nokon frå vere vil åpner åpen styrer forvalter etat saksbehandler hvor
    hvorfor sånn norske svenske flere behøver inngår ligge omfattes stenger
    innenfor ønsker ønske hvis kanskje gjerne veldig bare noe slik slike kunne være
    gjøre nå disse denne dette mange er innen fortell fortelle forklar prosjekt
    prosjekter innsatsområde innsatsområdet innsatsområder forprosjekt hovedprosjekt
    småprosjekt småskalaprosjekt søknadsfrist søkere heisann morn snakkes nei greit
    beklager unnskyld kjempebra kveld morgen hovudprosjekt stemmer feil menneske
    mennesker rådgiver rådgiveren rådgivere forstår skjønner skjønte samtale
    samtalen oppsummer oppsummere oppsummering gjør gøy""".split()  # noqa: SIM905
)
_SV_FOLDED = frozenset(fold(w) for w in _SV_MARKERS) - frozenset(
    fold(w) for w in _NB_MARKERS
)
_NB_FOLDED = frozenset(fold(w) for w in _NB_MARKERS) - frozenset(
    fold(w) for w in _SV_MARKERS
)


def _harvested(lang: str) -> FrozenSet[str]:
    """Words only this language writes in the knowledge base (language_lexicon.py)."""
    path = Path(__file__).with_name("language_words.yml")
    return frozenset(yaml.safe_load(path.read_text(encoding="utf-8")).get(lang) or ())


_SV_HARVESTED = _harvested("sv") - _NB_MARKERS
_NB_HARVESTED = _harvested("nb") - _SV_MARKERS
_SV_WORDS = _SV_MARKERS | _SV_HARVESTED
_NB_WORDS = _NB_MARKERS | _NB_HARVESTED


def _hurried(word: str) -> FrozenSet[str]:
    """The word as meant when typed in a hurry: a letter held down ("takkk",
    "heiii") or doubled at the end ("heii", "hejj", "tackk"). Doubled letters
    inside a word are left alone: "morrn" is Swedish for "morn"."""
    forms = {re.sub(r"(.)\1{2,}", r"\1\1", word), re.sub(r"(.)\1{2,}", r"\1", word)}
    forms |= {re.sub(r"(.)\1+$", r"\1", form) for form in forms}
    return frozenset(forms - {word})


def _accented(words_: FrozenSet[str]) -> FrozenSet[str]:
    """The words holding å/ä/ö/æ/ø, the ones a bare keyboard types otherwise."""
    return frozenset(w for w in words_ if not w.isascii())


def _only(
    mine: FrozenSet[str], theirs: FrozenSet[str], form: Callable[[str], str]
) -> FrozenSet[str]:
    """``form`` of the words of one language that no word of the other shares."""
    return frozenset(form(w) for w in mine) - frozenset(form(w) for w in theirs)


_PLACE_NAMES = _harvested("names")
"""Folded words of place and country names: no spelling or dictionary guess is
made for them ("trondheim", "eidskog" carry Norwegian spellings, and a Swede
writes them so too); only a letter typed on one keyboard ("Røros") tells."""

TYPED_LENGTH = 5
"""Shortest word taken for one typed without å/ä/ö/æ/ø: shorter ones are too
often another word ("natt" is "nått" typed so, "far" is "får")."""
_BOTH = _harvested("both")
_SV_TYPED = frozenset(
    w
    for w in _only(_accented(_SV_WORDS), _NB_WORDS | _BOTH, fold)
    if len(w) >= TYPED_LENGTH
)
_NB_TYPED = frozenset(
    w
    for w in _only(_accented(_NB_WORDS), _SV_WORDS | _BOTH, fold)
    if len(w) >= TYPED_LENGTH
)
"""Words as typed without å/ä/ö/æ/ø ("forstudie", "soknadsfrist"), unless that is
how the other language writes a word, or how both do. Only words holding one of
those letters are so typed: "datoer" (Norwegian dates) folds to "dator", but no
one types it so, and Swedish "dator" was Norwegian."""
COMPOUND_PART = 5
"""Shortest part of a compound that may decide it ("slutt|rapport",
"kultur|prosjekt"); shorter parts turn up inside words of the other language."""

_SV_SPELLING = re.compile(
    r"ck|[^\W\d_]{2}(?:t|ss|x)ion|[^\W\d_]{2}(?:arna|orna|erna)$|[^\W\d_]{3}era$"
    r"|[^\W\d_]{4}erat$|[^\W\d_]{2}(?:igt|iskt)$|ej$"
)
"""Spellings only Swedish uses: "ck" (tack, mycket; Norwegian writes kk), -tion
also inside a compound ("informationsmote"; Norwegian -sjon), the plural definite
-arna/-orna/-erna (Norwegian -ene), verbs in -era and their -erat (Norwegian -ere,
-ert), the neuter adjective in -igt/-iskt ("viktigt", "praktiskt"; Norwegian
"viktig", "praktisk") and -ej ("grej", "mej"; Norwegian "nei", "meg"). Each was
checked against both full-form dictionaries: e.g. 2 791 Swedish forms end in
-igt, 4 Norwegian ones ("seigt"); "-ande" was left out, Nynorsk writes it."""
_NB_SPELLING = re.compile(
    r"^hv|kk|sjon|[^\W\d_]{3}ene$|[^\W\d_]{3}ere$|^gj[eø]|^s?kj|ei(?!sk|sm)"
    r"|[^\W\d_]{3}ninger$|semd|heit|[^\W\d_]{3}leg[et]?$"
    r"|[^\W\d_]{3}ane$|(?:itet|ion)ar$"
)
"""Spellings only Norwegian uses: "hv" (hva, hvem, hvor; Swedish v-), "kk"
(takk, ikke; Swedish ck), -sjon also inside a compound (Swedish -tion), the plural
definite -ene, verbs in -ere (Swedish -era), "gje"/"gjø" (gjerne, gjøre; Swedish
"gärna", "göra"), "kj"/"skj" at the start (kjenner, skjønner; Swedish "känner",
"skön"), the diphthong "ei" (reise, arbeid, heilt, veit; Swedish "resa", "arbete",
"helt", "vet": 24 819 Norwegian forms hold it, 1 311 Swedish ones, loanwords like
"protein" that both dictionaries know), the plural -ninger (Swedish -ningar), and
Nynorsk's -semd, -heit and -leg ("verksemd", "moglegheit", "eigentleg"), its
definite plural -ane ("naboane", "prioriteringane"; Swedish -arna, Bokmål -ene:
the Swedish table's -ane words are old forms, "bane", "likadane") and its plural
-itetar/-ionar ("aktivitetar", "regionar"; Swedish and Bokmål -er: neither table
holds one)."""

_NYNORSK_MARKERS = frozenset(
    fold(w)
    for w in [
        "kva",
        "kven",
        "korleis",
        "ikkje",
        "eg",
        "søkje",
        "noko",
        "nokon",
        "frå",
        "vere",
        "ein",
        "eit",
    ]
)

_SCANDINAVIAN = {
    Language.SWEDISH: "sv",
    Language.BOKMAL: "nb",
    Language.NYNORSK: "nb",
    Language.DANISH: "nb",
}
_FOREIGN = {
    Language.ENGLISH: "en",
    Language.GERMAN: "de",
    Language.FINNISH: "fi",
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
}

_NAMES = r"(norska|norsk|bokmal|nynorsk|norwegian|svenska|svensk|swedish)"
_REQUEST = re.compile(
    # "svara på norska", "answer in Norwegian", "byt språk till svenska"
    r"\b(?:svara|svar|svare|prata|snakk|snakke|tala|byt|byta|bytt|bytte|vaxla|endre"
    r"|andra|change|switch|answer|reply|speak)\b[\w\s]{0,25}?\b" + _NAMES + r"\b"
    # "kan du skriva på norska", "skriv på svenska" - but not "kan vi skriva ansökan på norska"
    r"|(?:\bdu\s+|^\s*)(?:skriv|skriva|skrive)\s+(?:till\s+mig\s+|til\s+meg\s+)?(?:pa|in)\s+"
    + _NAMES
    + r"\b"
    # "helst på norska", "kan du ta det på svenska", "på svenska, tack!"
    r"|\b(?:helst|garna|gjerne|ta\s+det)\s+(?:pa|in)\s+" + _NAMES + r"\b"
    r"|^\s*(?:pa|in|til|till)?\s*" + _NAMES + r"[\s,.!]*(?:takk|tack|please)?[.!]*\s*$"
)
_TO_CODE: Dict[str, ReplyLang] = {
    "norska": "nb", "norsk": "nb", "bokmal": "nb", "nynorsk": "nb", "norwegian": "nb",
    "svenska": "sv", "svensk": "sv", "swedish": "sv",
}  # fmt: skip


@dataclass(frozen=True)
class Detection:
    """What the text alone says about its language."""

    language: Optional[ReplyLang]
    """sv or nb when the evidence is clear, else None."""
    confidence: float
    nynorsk: bool
    foreign: Optional[str]
    """ISO code of a clearly non-Scandinavian language (en, de, ...), else None."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [*_SCANDINAVIAN, *_FOREIGN]
    return (
        LanguageDetectorBuilder.from_languages(*languages)
        .with_preloaded_language_models()
        .build()
    )


def requested_language(text: str) -> Optional[ReplyLang]:
    """The language the user explicitly asks for ("svara på norska"), if any."""
    match = _REQUEST.search(fold(clean(text)))
    return _TO_CODE[next(g for g in match.groups() if g)] if match else None


_APPLICATION_STEMS = ("ansok", "sok")
"""Folded stems of applying and the application ("ansökan", "søknaden", "söka")."""


def about_the_application(text: str) -> bool:
    """Does a message that names a language talk about applying ("kan vi skrive
    søknaden på norsk, eller må den være på svensk?")? Then it asks which language
    to apply in: no request for the reply language, whatever the intent model
    read. An explicit request ("svara på norska") never needs the application."""
    return any(w.startswith(_APPLICATION_STEMS) for w in words(fold(clean(text))))


def _proper_noun(token: str, first: bool) -> bool:
    """Capitalised inside the sentence and not a marker word ("Trøndelag", "Region",
    not "Hej"). The first word is capitalised because it starts the sentence:
    "Fortell om 3A" is a Norwegian verb, not a name."""
    lower = token.lower()
    return (
        not first
        and token[:1].isupper()
        and lower not in _SV_MARKERS
        and lower not in _NB_MARKERS
    )


def _fallback(lower: str) -> Tuple[float, float]:
    """Evidence for a word no list holds as written: typed without å/ä/ö/æ/ø, typed
    in a hurry, a compound with a part only one language writes, or a spelling
    only one language uses. One vote, and only when one side alone has it. Only a
    word with none of å/ä/ö/æ/ø is read as typed without them ("svårt" is no
    Norwegian "svært")."""
    sv, nb = _typed(lower)
    if sv != nb:
        return float(sv), float(nb)
    for form in sorted(_hurried(lower)):
        sv, nb = form in _SV_WORDS, form in _NB_WORDS
        if sv != nb:
            return float(sv), float(nb)
    sv, nb = _compound(lower)
    if sv != nb:
        return float(sv), float(nb)
    sv, nb = _chat_compound(lower)
    if sv != nb:
        return float(sv), float(nb)
    sv = bool(_SV_SPELLING.search(lower))
    nb = bool(_NB_SPELLING.search(lower))
    return (float(sv), float(nb)) if sv != nb else (0.0, 0.0)


DICTIONARY_VOTE = 0.5
"""A word only one language's full-form dictionary knows ("barnehage", "kyrkan")
is half a vote: too little to decide alone, so lingua must lean the same way.
The dictionaries miss words ("bra", "digitalisering" are not in the Swedish one),
so they may confirm what the letters suggest, never overrule them."""


DICTIONARY_LENGTH = 4
"""Shorter words ("ha", "mer") are too often missing from one dictionary."""


@lru_cache(maxsize=1)
def _dictionaries() -> LemmaStore:
    """spacy-lookups-data's Swedish and Bokmål full-form tables (the tokenizer's)."""
    return LemmaStore(lemma_store_path())


_INFLECTIONS = (
    "",
    "en",
    "et",
    "er",
    "ar",
    "or",
    "n",
    "t",
    "a",
    "e",
    "r",
    "s",
    "na",
    "ne",
    "de",
    "te",
)


_STOP_WORDS = {"sv": _harvested("stop_sv"), "nb": _harvested("stop_nb")}
"""spaCy's stop words, known words of their language though its lemma table may
lack them: the Swedish table lists few uninflected words ("inne", "lite", "idag"
were Norwegian because only the Norwegian table knew them)."""


def _known(lang: str, lower: str) -> bool:
    """Whether the dictionary knows the word as a form, or as the base form of
    one (the Swedish table lists "beredskapen -> beredskap", not "beredskap"),
    or the language's stop list holds it."""
    if lower in _STOP_WORDS[lang]:
        return True
    store = _dictionaries()
    return any(
        (lemma := store.lemma(lang, lower + ending)) is not None
        and (not ending or lemma == lower)
        for ending in _INFLECTIONS
    )


_KEYBOARD = {
    "sv": {"a": ("a", "ä", "å"), "o": ("o", "ö"), "ae": ("ä",), "oe": ("ö",), "aa": ("å",)},
    "nb": {"a": ("a", "æ", "å"), "o": ("o", "ø"), "ae": ("æ",), "oe": ("ø",), "aa": ("å",)},
}  # fmt: skip
"""What a letter typed on a keyboard without å/ä/ö/æ/ø may stand for, in each
language: Swedish "lonekostnader" is "lönekostnader", Norwegian "lonnskostnader"
is "lønnskostnader"."""
TYPED_VARIANTS = 32
"""Most spellings tried for one typed word (each a dictionary look-up): enough for
four a/o letters; a longer word is left as typed."""
_TYPED_PART = re.compile(r"aa|ae|oe|a|o|[^ao]+")


def _spellings(lang: str, lower: str) -> List[str]:
    """How a word typed without å/ä/ö/æ/ø may be written with this language's
    letters, the word itself first; only the word itself when there are too many."""
    forms = [""]
    for part in _TYPED_PART.findall(lower):
        options = _KEYBOARD[lang].get(part, (part,))
        if part in ("aa", "ae", "oe"):
            options = (*options, *(a + b for a in _KEYBOARD[lang][part[0]] for b in (
                _KEYBOARD[lang].get(part[1], (part[1],)))))  # fmt: skip
        forms = [f + o for f in forms for o in options]
        if len(forms) > TYPED_VARIANTS:
            return [lower]
    return forms


@lru_cache(maxsize=4096)
def _knows(lang: str, lower: str) -> bool:
    """Whether the language's dictionary knows the word as written or, typed
    without å/ä/ö/æ/ø, with its own letters ("racker" is Swedish "räcker")."""
    if not lower.isascii():
        return _known(lang, lower)
    return any(_known(lang, form) for form in _spellings(lang, lower))


def _dictionary(lower: str) -> Tuple[float, float]:
    """Half a vote for a word only one language's dictionary knows; for a compound
    neither knows, half a vote for each part only one knows (``_dictionary_parts``)."""
    if len(lower) < DICTIONARY_LENGTH or lower in _BOTH or not lower.isalpha():
        return 0.0, 0.0
    sv, nb = _knows("sv", lower), _knows("nb", lower)
    if sv == nb:
        return _dictionary_parts(lower) if not sv else (0.0, 0.0)
    if _shared_compound(lower):
        return 0.0, 0.0
    return DICTIONARY_VOTE * sv, DICTIONARY_VOTE * nb


def _shared_compound(lower: str) -> bool:
    """A word of the ``both`` list and a word both languages write, written as one
    ("ja|visst", "egen|finansieringen"): one dictionary's silence on the whole is
    no evidence, the other language writes the compound the same way. The head
    must be on the list and a tail only the dictionaries share must be long: the
    dictionaries share too many short words ("ungdom|mer", "webb|sida")."""
    for cut in range(2, len(lower) - 1):
        head, tail = lower[:cut], lower[cut:]
        if head in _BOTH and (
            tail in _BOTH or (len(tail) >= SHARED_TAIL and all(_part_known(tail)))
        ):
            return True
    return False


SHARED_TAIL = 5
"""Shortest tail of a shared compound that both dictionaries knowing suffices for
("egen|andel"; shorter ones are often an ending: "ungdom|mer")."""


DICTIONARY_PART = 4
"""Shortest part of a compound looked up in the dictionaries."""


def _dictionary_parts(lower: str) -> Tuple[float, float]:
    """A compound neither dictionary knows ("klimatanpassning", "klimatilpasning"):
    every cut into two parts that are both words is read, the head also without a
    linking -s/-e. Each part only one dictionary knows is half a vote, so two
    such parts decide like one marker word; a part of each language, or cuts
    that disagree, decide nothing."""
    best = (0.0, 0.0)
    seen_sv = seen_nb = False
    for cut in range(DICTIONARY_PART, len(lower) - DICTIONARY_PART + 1):
        head, tail = lower[:cut], lower[cut:]
        heads = [head]
        if head[-1] in "se" and len(head) > DICTIONARY_PART:
            heads.append(head[:-1])
        for first in heads:
            parts = [_part_known(part) for part in (first, tail)]
            if not all(sv or nb for sv, nb in parts):
                continue
            sv = DICTIONARY_VOTE * sum(s and not n for s, n in parts)
            nb = DICTIONARY_VOTE * sum(n and not s for s, n in parts)
            seen_sv, seen_nb = seen_sv or sv > 0, seen_nb or nb > 0
            if max(sv, nb) > max(best):
                best = (sv, nb)
    if seen_sv and seen_nb:
        return 0.0, 0.0
    return best


@lru_cache(maxsize=4096)
def _part_known(part: str) -> Tuple[bool, bool]:
    """Whether Swedish / Norwegian writes this part of a compound: a word of the
    lists (both, when both lists or ``both`` hold it) or of the dictionaries."""
    if part in _BOTH:
        return True, True
    return (
        part in _SV_WORDS or _known("sv", part),
        part in _NB_WORDS or _known("nb", part),
    )


def _compound(lower: str) -> Tuple[bool, bool]:
    """Whether a part of the compound is a word only Swedish / only Norwegian
    writes ("kulturprosjekt", "sluttrapport", "fylkeskommunen", "slutrapport").
    When parts of both are found, only cuts whose other part is a word too count:
    "klima|tanpassning" is no cut of "klimatanpassning", "klimat|anpassning" is."""
    sv = nb = False
    whole_sv = whole_nb = False
    for cut in range(COMPOUND_PART, len(lower) - COMPOUND_PART + 1):
        head, tail = lower[:cut], lower[cut:]
        heads = (head, head[:-1]) if head.endswith("s") else (head,)
        for part in (*heads, tail):
            if len(part) < COMPOUND_PART:
                continue
            folded = fold(part)
            part_sv = part in _SV_WORDS or folded in _SV_TYPED
            part_nb = part in _NB_WORDS or folded in _NB_TYPED
            if not (part_sv or part_nb):
                continue
            sv, nb = sv or part_sv, nb or part_nb
            rest = [tail] if part != tail else list(heads)
            if any(any(_part_known(r)) for r in rest if len(r) >= DICTIONARY_PART):
                whole_sv, whole_nb = whole_sv or part_sv, whole_nb or part_nb
    if sv and nb:
        return whole_sv, whole_nb
    if not (sv or nb):
        return _short_tail(lower)
    return sv, nb


SHORT_TAIL_HEAD = 6
"""Shortest listed head that may decide a compound with a tail of 3-4 letters."""


def _short_tail(lower: str) -> Tuple[bool, bool]:
    """A listed word of one language with a short word after it ("budsjett|mal",
    "søknads|mal"): the compound cuts above need parts of five letters, and a
    template, a plan or a date is often the tail. The tail must be a word (of the
    ``both`` list or a dictionary), so an ending ("-ene") decides nothing here."""
    for size in (3, 4):
        head, tail = lower[:-size], lower[-size:]
        if len(head) < SHORT_TAIL_HEAD:
            continue
        if not (tail in _BOTH or _known("sv", tail) or _known("nb", tail)):
            continue
        for part in (head, head[:-1]) if head.endswith("s") else (head,):
            folded = fold(part)
            part_sv = part in _SV_WORDS or folded in _SV_TYPED
            part_nb = part in _NB_WORDS or folded in _NB_TYPED
            if part_sv != part_nb:
                return part_sv, part_nb
    return False, False


def _chat_compound(lower: str) -> Tuple[bool, bool]:
    """Two chat words written as one ("hejdå", "nejdå", "heihei", "takktakk"):
    every part is a word of the lists, one of them a hand-kept marker, and the
    parts of one language only are all of the same one. Parts may be short here
    because both must be listed words."""
    sv = nb = False
    for cut in range(2, len(lower) - 1):
        parts = (lower[:cut], lower[cut:])
        if not all(p in _SV_WORDS or p in _NB_WORDS or p in _BOTH for p in parts):
            continue
        if not any(
            len(p) > 2 and (p in _SV_MARKERS or p in _NB_MARKERS) for p in parts
        ):
            continue  # "part|ner", "behov|er": no hand-kept marker of 3 letters
        sv = sv or any(p in _SV_WORDS and p not in _NB_WORDS for p in parts)
        nb = nb or any(p in _NB_WORDS and p not in _SV_WORDS for p in parts)
    return sv, nb


def _typed(lower: str) -> Tuple[bool, bool]:
    """Whether the word is one only Swedish / only Norwegian writes, typed without
    å/ä/ö/æ/ø: only a word holding none of them is read so."""
    if not lower.isascii():
        return False, False
    folded = fold(lower)
    return folded in _SV_TYPED, folded in _NB_TYPED


def _guess(lower: str) -> Tuple[float, float]:
    """Evidence for a word no list holds: the guesses of ``_fallback``, unless the
    full-form dictionaries contradict them, else the dictionaries' half vote.

    A word typed without å/ä/ö/æ/ø is read first ("racker" is "räcker", whatever
    rare Norwegian plural the dictionary also lists). Otherwise a word both
    dictionaries know as written is a word both languages write ("blanketter" is
    no "blank|etter", "bankkort" has Swedish "kk" too), and a word only one knows
    is no word of the other ("informasjonen", "skjuta"): a guess from letters or
    parts does not overrule the whole word."""
    typed_sv, typed_nb = _typed(lower)
    if typed_sv != typed_nb:
        return float(typed_sv), float(typed_nb)
    known = (
        (_knows("sv", lower), _knows("nb", lower))
        if len(lower) >= DICTIONARY_LENGTH and lower.isalpha()
        else (False, False)
    )
    if all(known):
        return 0.0, 0.0
    sv, nb = _fallback(lower)
    if (sv and known[1]) or (nb and known[0]):
        sv = nb = 0.0
    if sv or nb:
        return sv, nb
    return _dictionary(lower)


LONGEST_WORD = 40
"""Longer tokens are not words of either language (a run of letters, a pasted code):
they get no vote, and no dictionary or compound analysis, whose cuts grow with the
square of the length (a 600-letter run took 0.2–1.4 s)."""

_LANGUAGE_NOUNS = frozenset({"norsk", "svensk", "nynorsk", "bokmål", "bokmal"})
_BEFORE_LANGUAGE_NOUN = frozenset({"på", "pa", "du", "dere"})
"""A language's name after "på" or "kan du" / "snakker du" is a noun: Norwegian
writes it "norsk", "svensk"; Swedish writes "norska", "svenska" ("norsk" alone is
the adjective both write: "norsk partner")."""
_WELLBEING = frozenset({"bra", "gott", "illa", "dåligt", "daligt", "bättre", "battre"})
"""Adverbs after Swedish "må" (feel): "må bra" is no Norwegian modal "må"."""


def _written_so(lang: str, bare: str) -> bool:
    """Whether the other language writes this very spelling of a marker typed
    without å/ä/ö/æ/ø: the ``both`` list holds it and that language's dictionary
    knows it ("forstudie" is Swedish "förstudie" typed so, and Norwegian as it
    stands)."""
    return bare in _BOTH and _known(lang, bare)


_SV_LETTERS = re.compile("[äö]")
_NB_LETTERS = re.compile("[æø]")


def _lexical_votes(
    tokens: List[str], text: str, harvested: bool = True
) -> Tuple[float, float]:
    """Swedish and Norwegian evidence from marker words and letters (ä/ö vs æ/ø).

    ``harvested``: also count the words harvested from the knowledge base, the chat
    words and the spelling cues (``_fallback``). They are left out when deciding
    whether a message is foreign: "Partnern" is Swedish, but German writes it too.
    Words holding "projekt" / "prosjekt" ("småprosjekter") count the same way.

    A word typed with ä/ö was typed on a Swedish keyboard, so it is not a Norwegian
    word typed without æ/ø ("nä" is not "nå"), and the other way round. A word that
    still votes for both languages ("kommuner", "eller") is netted: only what one
    side has more counts, and no guess is made for it, nor for a word both
    languages write (``both``) or a place name. A marker typed without å/ä/ö/æ/ø
    does not count when the other language writes that very spelling
    ("forstudie"). Three readings depend on the neighbours: "er" ending a message
    is Swedish "you" ("ring er"), "må" before "bra"/"gott" is Swedish "feel",
    and "norsk"/"svensk" after "på" or "kan du" is the Norwegian language noun."""
    sv = nb = 0.0
    for index, token in enumerate(tokens):
        if len(token) > LONGEST_WORD:
            continue
        lower = token.lower()
        folded = fold(lower)
        if lower == "er" and 0 < index == len(tokens) - 1:
            # Swedish "er" (you, yours) ends a message after a verb or preposition
            # ("ring er", "hos er", "tack till er"); the Norwegian verb seldom does
            continue
        following = tokens[index + 1].lower() if index + 1 < len(tokens) else ""
        if lower in ("må", "ma") and following in _WELLBEING:
            # Swedish "må bra", "må gott" (feel well); the Norwegian modal "må" is
            # followed by a verb or its subject ("må vi", "må ha")
            continue
        preceding = fold(tokens[index - 1].lower()) if index else ""
        if lower in _LANGUAGE_NOUNS and preceding in _BEFORE_LANGUAGE_NOUN:
            # "på norsk", "kan du norsk": the name of a language as Norwegian writes
            # it; Swedish names it "norska", "svenska" (markers already)
            nb += 1.0
            continue
        sv_keys, nb_keys = (
            bool(_SV_LETTERS.search(lower)),
            bool(_NB_LETTERS.search(lower)),
        )
        # a word typed with å/ä/ö/æ/ø that no list holds as written is not read
        # as a marker typed without them: "år" is no "är", "i år" is both's
        bare = lower.isascii()
        token_sv = (
            (lower in _SV_MARKERS)
            + (
                not nb_keys
                and folded in _SV_FOLDED
                and (lower in _SV_MARKERS or (bare and not _written_so("nb", lower)))
            )
            + (harvested and (lower in _SV_HARVESTED or "projekt" in lower))
            + 0.5 * sv_keys
        )
        token_nb = (
            (lower in _NB_MARKERS)
            + (
                not sv_keys
                and folded in _NB_FOLDED
                and (lower in _NB_MARKERS or (bare and not _written_so("sv", lower)))
            )
            + (harvested and (lower in _NB_HARVESTED or "prosjekt" in lower))
            + 0.5 * nb_keys
        )
        if token_sv and token_nb:
            shared = min(token_sv, token_nb)
            token_sv, token_nb = token_sv - shared, token_nb - shared
        elif (
            harvested
            and token_sv == token_nb == 0
            and lower not in _BOTH
            and folded not in _PLACE_NAMES
        ):
            token_sv, token_nb = _guess(lower)
        sv += token_sv
        nb += token_nb
    return sv, nb


def detect(text: str) -> Detection:
    """Detect the message language; short or mixed text is reported as unclear.

    lingua's probabilities are blended with marker words that only one of the two
    languages uses ("vad/hva", "inte/ikke", "söka/søke"), because for three-word
    chat messages lingua alone often sits near 50/50 between Swedish and Norwegian.
    A word with no marker is read, in this order, typed without å/ä/ö/æ/ø, typed
    in a hurry, as a compound, as two chat words written as one, by its spelling,
    and last by the dictionaries (half a vote, or half per part of a compound);
    a place name or a word both languages write is not read so. A message of one
    to three words with marks of one language only is that language; with none,
    or marks of both, the conversation or page decides.
    """
    cleaned = clean(text)
    tokens = [w for w in words(cleaned) if not w.isdigit()]
    if not tokens:
        return Detection(None, 0.0, False, None)
    common = [t for i, t in enumerate(tokens) if not _proper_noun(t, i == 0)]
    if common and len(common) < len(tokens):
        # "är Trøndelag med?" is Swedish: names of places and organisations carry
        # their own country's letters and would outvote the words around them.
        tokens, cleaned = common, " ".join(common)
    raw = {
        v.language: v.value
        for v in _detector().compute_language_confidence_values(cleaned)
    }
    sv = raw.get(Language.SWEDISH, 0.0)
    nb = sum(
        raw.get(lang, 0.0)
        for lang in (Language.BOKMAL, Language.NYNORSK, Language.DANISH)
    )
    foreign_code, foreign_value = max(
        ((code, raw.get(lang, 0.0)) for lang, code in _FOREIGN.items()),
        key=lambda item: item[1],
    )
    sv_votes, nb_votes = _lexical_votes(tokens, cleaned)
    if (
        foreign_value >= FOREIGN_CONFIDENCE
        and foreign_value > sv + nb
        and len(tokens) >= 3
        and max(_lexical_votes(tokens, cleaned, harvested=False)) < 1
    ):
        return Detection(None, foreign_value, False, foreign_code)
    sv_score = sv + LEXICAL_WEIGHT * sv_votes
    nb_score = nb + LEXICAL_WEIGHT * nb_votes
    total = sv_score + nb_score
    if total <= 0:
        return Detection(None, 0.0, False, None)
    best: ReplyLang = "sv" if sv_score >= nb_score else "nb"
    share = max(sv_score, nb_score) / total
    if len(tokens) < 3 and sv_votes == nb_votes:
        return Detection(None, share, False, None)  # "ok", "1A?": no word to go by
    needed = CLEAR_SHARE if len(tokens) >= 3 else CLEAR_SHARE_SHORT
    if sv_votes == nb_votes == 0:
        needed = max(needed, CLEAR_SHARE_UNMARKED)
    one_sided = min(sv_votes, nb_votes) == 0 and max(sv_votes, nb_votes) >= 1
    if len(tokens) <= 3 and one_sided:
        # In one to three words lingua often splits the difference; a word only one
        # of the languages writes, with none for the other, is the better witness.
        best = "sv" if sv_votes > nb_votes else "nb"
    elif share < needed:
        return Detection(None, share, False, None)
    elif (
        share < CLEAR_SHARE_AGAINST_WORDS
        and min(sv_votes, nb_votes) == 0
        and (best == "sv") != (sv_votes > nb_votes)
    ):
        # "Får vi ta med en hund på slutkonferensen?": every word but one is both
        # languages', the one only Swedish writes and lingua leans Norwegian. A lean
        # against the words is no clear language: the conversation or page decides.
        return Detection(None, share, False, None)
    nynorsk = best == "nb" and (
        raw.get(Language.NYNORSK, 0.0) > raw.get(Language.BOKMAL, 0.0)
        or any(fold(t) in _NYNORSK_MARKERS for t in tokens)
    )
    return Detection(best, share, nynorsk, None)


@dataclass(frozen=True)
class ReplyLanguage:
    language: ReplyLang
    source: Source
    detection: Detection


def decide_reply_language(
    text: str, page_language: Optional[str], conversation_language: Optional[str]
) -> ReplyLanguage:
    """Apply the policy: request > clear detection > so far > page language > sv.

    A user who writes clear Norwegian on the Swedish page is answered in Norwegian;
    the page language decides only what the words cannot ("ok", "3A", "👍").
    """
    detection = detect(text)
    requested = requested_language(text)
    if requested:
        return ReplyLanguage(requested, "request", detection)
    if detection.language:
        return ReplyLanguage(detection.language, "detected", detection)
    so_far = normalise_code(conversation_language)
    if so_far:
        return ReplyLanguage(so_far, "conversation", detection)
    page = normalise_code(page_language)
    if page:
        return ReplyLanguage(page, "metadata", detection)
    return ReplyLanguage("sv", "default", detection)


def normalise_code(code: Optional[str]) -> Optional[ReplyLang]:
    if not code:
        return None
    code = code.lower()[:2]
    if code in ("nb", "nn", "no"):
        return "nb"
    if code == "sv":
        return "sv"
    return None
