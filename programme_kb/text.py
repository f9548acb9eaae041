"""Text analysis shared by every matcher: cleaning, folding and lemmas.

Applicants type without å/ä/ö/æ/ø, mix Swedish and Norwegian and paste HTML, so all
comparisons happen on *folded* forms (lower case, diacritics mapped the way a
Scandinavian keyboard-less writer would: ä/æ→a, ö/ø→o, å→a). Lemmas come from blank
spaCy pipelines with spacy-lookups-data tables (no trained pipeline can be downloaded
here): Swedish has a lookup table; for Bokmål the full-form exception tables are
merged into one lookup.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import re
import sqlite3
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

CACHE_ENV = "PROGRAMME_KB_CACHE"
MAX_CHARS = 5000
"""Longer input is cut here: no real question or project summary needs more."""

_FOLD = str.maketrans(
    {"ä": "a", "æ": "a", "å": "a", "ö": "o", "ø": "o", "é": "e", "ü": "u"}
)
_DIGRAPHS = re.compile(r"ae|oe|aa")
"""How æ/ø/å are typed on foreign keyboards ("naeringsliv", "Mjoendalen", "Aasnes")."""
_TAG = re.compile(r"<[^>]{0,200}>")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)


def fold(text: str) -> str:
    """Lower-case and map Scandinavian letters (and their ae/oe/aa spellings) to a/o."""
    lowered = unicodedata.normalize("NFKC", text).lower().translate(_FOLD)
    return _DIGRAPHS.sub(lambda m: m.group(0)[0], lowered)


def clean(text: str) -> str:
    """Strip HTML tags and entities, collapse whitespace, cap the length."""
    text = html.unescape(_TAG.sub(" ", text[: MAX_CHARS * 2]))
    return " ".join(text.split())[:MAX_CHARS]


SHORTHAND = {
    "mkt": "mycket",
    "nån": "någon",
    "ngn": "någon",
    "nåt": "något",
    "ngt": "något",
    "nåra": "några",
    "ngra": "några",
    "sån": "sådan",
    "sånt": "sådant",
    "mnd": "måneder",
    "mndr": "måneder",
    "evt": "eventuelt",
}
"""Chat spellings of words a question turns on ("hur mkt", "6 mnd", "utan nån norsk
part"): written out before the question is matched, so the amount, the duration and
the negation it asks about are read as if spelt in full."""
_SHORTHAND = re.compile(
    r"(?<![\w])(?:" + "|".join(re.escape(w) for w in SHORTHAND) + r")(?![\w])",
    re.IGNORECASE,
)


def expand_shorthand(text: str) -> str:
    """The text with its chat spellings written out (``SHORTHAND``)."""
    return _SHORTHAND.sub(lambda m: SHORTHAND[m.group(0).lower()], text)


_GREETING = re.compile(
    r"^\s*(?:(?:hej|hei|hejsan|heisann|hallå|hallo|tjena|tjenare|morn|god\s+"
    r"(?:morgon|morgen|dag|middag|kväll|kveld))(?:\s+(?:hej|hei|på\s+dig|på\s+deg|"
    r"alla|alle|där|der))?\s*[!,.:;]+\s*|(?:hej|hei|hejsan|heisann|hallå|hallo)\s+"
    r"(?=\w))",
    re.IGNORECASE,
)
"""A greeting that opens a message ("Hej! Hur söker man?", "hei, hvem kan søke"):
no word of the question."""


def without_greeting(text: str) -> str:
    """The message without the greeting it opens with; the greeting alone stays."""
    rest = _GREETING.sub("", text, count=1)
    return rest if rest.strip() else text


_CLAIM_LEAD = re.compile(
    r"^\s*(?:"
    r"(?:rätta|korrigera|korriger|rett)\s+(?:mig|meg)\s+om\s+(?:jag|jeg|eg)\s+"
    r"(?:har\s+fel|har\s+feil|tar\s+feil|tek\s+feil)\s*,?\s*(?:men\s+)?"
    r"|(?:(?:stämmer|stemmer)\s+det"
    r"|(?:är|er|e)\s+det\s+(?:sant|riktigt|riktig|rätt|rett|korrekt)"
    r"|(?:jag|jeg|eg|vi|me)\s+(?:har\s+)?(?:fått\s+)?(?:hört|hørt|høyrt|läst|lest|"
    r"sett|förstått|forstått|skjønt|antar|tror|trur|trodde|tänkte|tenkte|"
    r"för\s+mig|inntrykk\s+av|intrycket|räknar\s+med|regner\s+med|reknar\s+med|"
    r"går\s+ut\s+fra|går\s+ut\s+ifrå|utgår\s+från|utgår\s+ifrån|förutsätter|"
    r"forutsetter|føreset)"
    r"(?:\s+(?:det|de))?(?:\s+(?:så|slik|sånn))?"
    r"|det\s+(?:sägs|sies|står|stod))\s+(?:att|at)\s+)",
    re.IGNORECASE,
)
_CLAIM_TAG = re.compile(
    r"(?:(?:^|[\s,.!]+)(?:(?:stämmer|stemmer)\s+(?:det|detta|dette)(?:\s+\w+)?"
    r"|(?:är|er|e)\s+(?:det|detta|dette)\s+(?:\w+\s+)?"
    r"(?:sant|riktigt|riktig|rätt|rett|korrekt|så|sånn|slik|fallet))\s*\??"
    r"|\s*,\s*(?:eller\s+hur|ikke\s+sant|ikkje\s+sant|eller|va|visst)\s*\?"
    r")\s*$",
    re.IGNORECASE,
)
"""A message that asks to have a statement confirmed: "Stämmer det att …", "Vi har
hört att …", "Eg har forstått det slik at …", "Rätta mig om jag har fel, men …"
before it, "…, är det sant?", "… Stemmer det?", "…, eller?" after it."""


def the_claim(text: str) -> str:
    """The statement a message asks to have confirmed, without the frame ("Vi har
    hört att man kan söka förstudie när som helst, stämmer det?" → "man kan söka
    förstudie när som helst"): what it asks about. The answer states the rule, so
    it is true whether the claim is. The text itself when it has no frame or
    nothing is left ("Stämmer det?")."""
    claim = _CLAIM_LEAD.sub("", _without_tag(text), count=1).strip(" ,")
    return claim if words(claim) else text


CLAIM_TAG_REACH = 60
"""How far from the end a tag ("…, är det fortfarande så?") is looked for: the tag
pattern is tried at each place it reads, so only the tail is read (bounded work)."""


def _without_tag(text: str) -> str:
    """The text without the tag question it ends with."""
    cut = max(0, len(text) - CLAIM_TAG_REACH)
    found = _CLAIM_TAG.search(text, cut)
    if found is None or (found.start() == cut and cut and text[cut - 1].isalnum()):
        return text  # a tag that starts inside a word is none
    return text[: found.start()]


def is_a_tag_question(text: str) -> bool:
    """ "Stämmer det?", "Er det rett?": a question about the statement before it."""
    return bool(text.strip()) and not _without_tag(text).strip(" ,.!?")


NYNORSK_WORDS: Dict[str, str] = {
    **{"kva": "hva", "kven": "hvem", "korleis": "hvordan", "kvifor": "hvorfor"},
    **{"kor": "hvor", "kvar": "hvor", "eit": "et", "ein": "en", "ikkje": "ikke"},
    **{"eg": "jeg", "me": "vi", "dykk": "dere", "dykkar": "deres", "dei": "de"},
    **{"vere": "være", "søkje": "søke", "søkjer": "søker", "berre": "bare"},
    **{"mykje": "mye", "noko": "noe", "nokon": "noen", "frå": "fra", "sjølv": "selv"},
    **{"sjølve": "selv", "treng": "trenger", "hjå": "hos", "òg": "også"},
    **{"heile": "hele", "fleire": "flere", "meir": "mer", "kvart": "hvert"},
    **{"tilsegn": "tilsagn", "sjå": "se", "gjer": "gjør", "partnar": "partner"},
    **{"partnarar": "partnere", "partnarane": "partnerne", "pengar": "penger"},
    **{"saman": "sammen", "utan": "uten", "viss": "hvis", "tek": "tar"},
    **{"hovudprosjekt": "hovedprosjekt", "prosjekteigar": "prosjekteier"},
    **{"mogleg": "mulig", "eigen": "egen", "eige": "eget", "eigne": "egne"},
    **{"skilnaden": "forskjellen", "skilnad": "forskjell", "verksemd": "virksomhet"},
}
"""Nynorsk words a question turns on, with their Bokmål form: the FAQ's questions
are written in Bokmål, and "kva er eit småskalaprosjekt?" asks what "Hva er et
småskalaprosjekt?" asks."""
_NYNORSK = re.compile(
    r"(?<![\w])(?:"
    + "|".join(sorted(NYNORSK_WORDS, key=len, reverse=True))
    + r")(?![\w])",
    re.IGNORECASE,
)


def in_bokmal(text: str) -> str:
    """A Norwegian question with its Nynorsk words in Bokmål (``NYNORSK_WORDS``)."""
    return _NYNORSK.sub(lambda m: NYNORSK_WORDS[m.group(0).lower()], text)


def words(text: str) -> List[str]:
    """Word tokens of already-cleaned text (letters and digits only)."""
    return _WORD.findall(text)


NEGATIONS = frozenset(
    fold(w)
    for w in (
        *("inte", "ej", "icke", "utan", "ingen", "inget", "inga", "aldrig", "slipper"),
        *("ikke", "ikkje", "uten", "ingen", "intet", "ingenting", "aldri", "slepp"),
    )
)
"""Words that turn a question around ("utan partner", "må vi ikke"); stop words to
spaCy, but they decide which answer is true, so retrieval keeps them as a feature."""
NEGATION_FEATURE = "<neg>"


def negated(text: str) -> bool:
    """Does the (cleaned) text contain a negation?"""
    return any(fold(w) in NEGATIONS for w in words(text))


@dataclass(frozen=True)
class Token:
    text: str
    folded: str
    lemma: str
    """Folded lemma in the analysed language; ``folded`` when the table lacks the word."""
    forms: FrozenSet[str]
    """Folded surface form plus its Swedish and Bokmål lemmas, for mixed-language input."""


def _import_spacy_lean() -> None:
    """Import spaCy without what a tokenizer never uses: 1.5 s becomes about 0.9 s.

    At import time thinc probes for TensorFlow (8 s) and spaCy imports its whole
    command-line interface (0.5 s: typer, pkg_resources, config templates) just to
    offer ``spacy.info``. In a process that has not loaded them yet, both are hidden
    for the duration of the import only, so later real imports (Rasa's TensorFlow,
    ``spacy.cli``) still work; ``spacy.info`` then imports the real one when called.
    """
    if "spacy" in sys.modules:
        return
    hidden: Dict[str, Optional[ModuleType]] = {"spacy.cli": ModuleType("spacy.cli")}
    info_stub = ModuleType("spacy.cli.info")
    info_stub.info = _real_spacy_info  # type: ignore[attr-defined]
    hidden["spacy.cli.info"] = info_stub
    if "tensorflow" not in sys.modules:
        hidden["tensorflow"] = None
    sys.modules.update(hidden)  # type: ignore[arg-type]
    try:
        import spacy  # noqa: F401
    finally:
        for name in hidden:
            del sys.modules[name]


def _real_spacy_info(*args: Any, **kwargs: Any) -> Any:
    from spacy.cli.info import info

    return info(*args, **kwargs)


def _read_table(name: str) -> Dict[str, List[str] | Dict[str, List[str]] | str]:
    path = resources.files("spacy_lookups_data") / "data" / name
    with gzip.open(str(path), "rt", encoding="utf-8") as handle:
        table: Dict[str, List[str] | Dict[str, List[str]] | str] = json.load(handle)
    return table


def _lemma_rows() -> Iterator[Tuple[str, str, str]]:
    """(language, form, lemma) for every form the tables know, base forms included.

    Swedish has a lookup table; for Bokmål the per-part-of-speech exception tables
    are merged with nouns winning over verbs over adjectives over adverbs, so that
    "arbeid" stays a noun instead of becoming the verb "arbeide". Knowing base forms
    also tells the matchers which words are real words (not to be split as compounds).
    """
    for form, lemma in _read_table("sv_lemma_lookup.json.gz").items():
        if isinstance(lemma, str):
            yield "sv", form, lemma
    tables = _read_table("nb_lemma_exc.json.gz")
    merged: Dict[str, str] = {}
    for pos in ("adv", "adj", "verb", "noun"):
        forms = tables.get(pos, {})
        assert isinstance(forms, dict)
        for form, lemmas in forms.items():
            if lemmas:
                merged[form] = lemmas[0]
    for form, lemma in merged.items():
        yield "nb", form, lemma


class LemmaStore:
    """Lemma tables in a SQLite file, built once from spacy-lookups-data.

    Loading 1.2 million forms into dicts takes seconds at every start; a SQLite
    look-up per word costs microseconds, so start-up stays fast.
    """

    def __init__(self, path: Path) -> None:
        if not path.exists():
            self._build(path)
        self._db = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, check_same_thread=False
        )
        # Per-store cache: repeated words (and every KB term) cost one query.
        self._cached = lru_cache(maxsize=65536)(self._lookup)

    @staticmethod
    def _build(path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        db = sqlite3.connect(partial)
        db.execute(
            "CREATE TABLE lemma (lang TEXT, form TEXT, lemma TEXT, PRIMARY KEY (lang, form)) WITHOUT ROWID"
        )
        db.executemany("INSERT OR REPLACE INTO lemma VALUES (?, ?, ?)", _lemma_rows())
        db.commit()
        db.close()
        os.replace(partial, path)

    def lemma(self, lang: str, form: str) -> Optional[str]:
        return self._cached(lang, form)

    def _lookup(self, lang: str, form: str) -> Optional[str]:
        row = self._db.execute(
            "SELECT lemma FROM lemma WHERE lang = ? AND form = ?", (lang, form)
        ).fetchone()
        return row[0] if row else None


def lemma_store_path() -> Path:
    default = Path.home() / ".cache" / "programme_kb"
    return (
        Path(os.environ.get(CACHE_ENV, default))
        / f"lemmas-v2-{_lookups_version()}.sqlite"
    )


def _lookups_version() -> str:
    from importlib.metadata import version

    return version("spacy-lookups-data")


class Analyzer:
    """spaCy tokenisation and lookup lemmas for Swedish and Bokmål."""

    def __init__(self) -> None:
        _import_spacy_lean()
        import spacy

        self._spacy = spacy
        self._nlp = {"sv": spacy.blank("sv")}
        self._store = LemmaStore(lemma_store_path())

    def lemma(self, word: str, lang: str) -> str:
        """Folded lemma, or the folded word when the table does not know it."""
        lower = word.lower()
        return fold(self._store.lemma(lang, lower) or lower)

    def is_known(self, word: str) -> bool:
        """Whether either language's table knows the word (then it is not a compound to split)."""
        lower = word.lower()
        return (
            self._store.lemma("sv", lower) is not None
            or self._store.lemma("nb", lower) is not None
        )

    def raw_lemma(self, lang: str, lower_word: str) -> Optional[str]:
        """The table's lemma with its diacritics, or None when unknown."""
        return self._store.lemma(lang, lower_word)

    def lemmas(self, text: str, lang: str) -> List[str]:
        """Folded lemmas of a short KB phrase (vocabulary, FAQ questions).

        KB phrases are plain words, so a regular expression splits them as spaCy
        would, without building the Bokmål pipeline at start-up.
        """
        return [self.lemma(w, "nb" if lang == "nb" else "sv") for w in words(text)]

    def tokens(self, text: str, lang: str = "sv") -> List[Token]:
        """Word tokens of cleaned text with folded lemmas."""
        lang = "nb" if lang == "nb" else "sv"
        if (
            lang not in self._nlp
        ):  # built on first Bokmål text: keeps start-up under 2 s
            self._nlp[lang] = self._spacy.blank(lang)
        out = []
        for tok in self._nlp[lang].make_doc(text):
            if not any(ch.isalnum() for ch in tok.text):
                continue
            folded = fold(tok.text)
            sv, nb = self.lemma(tok.text, "sv"), self.lemma(tok.text, "nb")
            out.append(
                Token(
                    tok.text,
                    folded,
                    nb if lang == "nb" else sv,
                    frozenset((folded, sv, nb)),
                )
            )
        return out


@lru_cache(maxsize=1)
def analyzer() -> Analyzer:
    """One shared analyser per process (loading takes about a second)."""
    return Analyzer()


@lru_cache(maxsize=1)
def stop_words() -> FrozenSet[str]:
    """spaCy's Swedish and Bokmål stop words, folded: never evidence of a topic."""
    _import_spacy_lean()
    from spacy.lang.nb.stop_words import STOP_WORDS as NB_STOP
    from spacy.lang.sv.stop_words import STOP_WORDS as SV_STOP

    return frozenset(fold(w) for w in (*SV_STOP, *NB_STOP))


_APPLYING_STEMS = (
    *("sok", "ansok", "behorig", "berattig", "kvalifi", "stotteberettig"),
    *("stodberattig", "projektagare", "prosjekteier", "stodmottag", "delta"),
    *("medverk", "godkjent", "godkand", "tillat", "medsok"),
)
"""Folded stems of words that ask who may take part ("söka", "søkjar", "behörig",
"støtteberettiget", "projektägare", "delta", "godkjent som søker")."""
_APPLYING_PHRASES = re.compile(
    r"\b(?:vara|vare|vere|bli|sta|ga|ta)\s+(?:med|som|del)\b|\blov\s+til\b"
    r"|\bfa\s+(?:\w+\s+)?(?:stod|stotte|stotta|pengar|penger|pengene|midler"
    r"|midlar|medel|bidrag|tilskudd|tilskot)\b|\b(?:galler|gjelder|gjeld)\b"
)
"""Phrases that ask the same ("vara med", "stå som sökande", "få støtte", "gäller
det för …"), read in the folded words."""


_WHO_OR_WHICH = frozenset(
    fold(w)
    for w in (
        *("vem", "vilka", "vilken", "vilket", "hvem", "hvilke", "hvilken", "hvilket"),
        *("kven", "kva", "kvar", "vad", "hva", "slags", "typer", "sorter"),
    )
)
"""Words that ask who or which ("hvem kan egentlig søke?", "vilka slags organisationer
får söka?"): the question is who may take part, whatever else it holds."""


def asks_who(text: str) -> bool:
    """Does the text ask who, which or what kind?"""
    return any(w in _WHO_OR_WHICH for w in words(fold(clean(text))))


_WHOM_TO_CONTACT = re.compile(
    r"\b(?:vem|hvem|kven|vart|hvor|kvar|var|vilken|hvilken)\b"
    r"(?:\s+[\w-]+){0,8}?\s+"
    r"(?:kontakta|kontaktar|kontakte|kontakter|prata|snakka|snakke|tala|ringa|ringe|"
    r"ringje|vanda|vander|vende|vender|henvende|henvender|hore|hora|fraga|sporre|"
    r"sporje)\b"
)
"""Who (or where) someone should contact, talk to or turn to, read in the folded
words: "vem på norska sidan ska vår norska partner prata med?", "hvem skal vår
svenske partner kontakte?", "vart vänder vi oss?"."""


_OUR = frozenset({"vår", "vårt", "våra", "vårat"})
"""The possessive "our", which folds to the question words "var" / "vart": "kan vår
kommun prata med någon?" has no question word for the cue."""


def _contact_tokens(text: str) -> List[str]:
    """Folded words, but "our" kept as written, before folding makes it a question
    word."""
    return [t if t in _OUR else fold(t) for t in words(clean(text).lower())]


def asks_whom_to_contact(text: str) -> bool:
    """Does the text ask whom to contact or talk to? The contact route answers it,
    whoever the asker is: the partner's own side has its own advisers."""
    return _whom_to_contact(_contact_tokens(text))


def _whom_to_contact(tokens: List[str]) -> bool:
    return bool(_WHOM_TO_CONTACT.search(" ".join(tokens)))


CONTACT_REQUEST_WORDS = 3
"""At most this many words make "kontakt Trøndelag" / "kontaktperson Värmland" a
request for the contact route."""


def asks_for_contact(text: str) -> bool:
    """Whom to contact asked as a question, or in a few words ("kontakt Trøndelag")."""
    tokens = _contact_tokens(text)
    return _whom_to_contact(tokens) or (
        0 < len(tokens) <= CONTACT_REQUEST_WORDS
        and any(t.startswith("kontakt") for t in tokens)
    )


def asks_who_may_take_part(text: str) -> bool:
    """Is the message about who may apply or take part? "hvem sitter i
    styringskomiteen" and "får jeg pensjonsopptjening …?" are not, however a model
    reads them: they ask something the who-may-apply answer does not say."""
    tokens = words(fold(clean(text)))
    return any(t.startswith(_APPLYING_STEMS) for t in tokens) or bool(
        _APPLYING_PHRASES.search(" ".join(tokens))
    )


_ONLY = frozenset(
    fold(w)
    for w in (
        *("bara", "endast", "enbart", "blott", "uteslutande", "enkom"),
        *("kun", "bare", "berre", "einast", "utelukkende", "utelukkande"),
    )
)
_BEFORE_ONLY = frozenset(
    fold(w)
    for w in (
        *("det", "kan", "får", "må", "måste", "skal", "ska", "kunne", "gäller"),
        *("gjelder", "gjeld", "inte", "ikke", "ikkje", "att", "at"),
    )
)
"""Words before "bara"/"bare" in a question whether only some may apply ("är det
bara …", "kan kun …", "er det ikke bare …"); "vi är bara en liten förening" tells."""
_OPENING_IS = frozenset({"ar", "er", "e"})
_MUST_BE = re.compile(
    r"\b(?:maste|ma|matte|behover|trenger|treng)\s+"
    r"(?:man|vi|jag|jeg|eg|me|ni|dere|de|dei|en|ein|sokaren|sokeren|sokjaren)\s+"
    r"(?:vara|vare|vere)\s+(?:en|ett|ein|eit|et)\b"
)
""""Måste man vara en …", "må vi være en …": whether applying requires being a kind
of organisation, read in the folded words ("må vi være registrert" asks another
thing)."""


def asks_if_only_some_may_apply(text: str) -> bool:
    """Does the question ask whether only some kinds of organisation may apply ("är
    det inte bara kommuner och företag som kan söka?", "kan kun bedrifter søke?",
    "måste man vara en kommun för att söka?")? Its answer is who may apply, not the
    verdict for the kind it names, which "yes" would turn into a false "only"."""
    tokens = words(fold(clean(text)))
    if not asks_who_may_take_part(text):
        return False
    if _MUST_BE.search(" ".join(tokens)):
        return True
    return any(
        token in _ONLY
        and (
            i == 0
            or tokens[i - 1] in _BEFORE_ONLY
            or (i == 1 and tokens[0] in _OPENING_IS)
        )
        and tokens[max(0, i - 2)] not in _CONDITION_OPENERS
        and (i + 1 == len(tokens) or tokens[i + 1] not in _NOT_A_KIND)
        for i, token in enumerate(tokens)
    )


_CONDITION_OPENERS = frozenset(fold(w) for w in ("om", "hvis", "viss", "ifall"))
_NOT_A_KIND = frozenset(
    fold(w)
    for w in (
        *("är", "er", "e", "vara", "være", "vere", "blir", "bli", "gäller"),
        *("gjelder", "gjeld", "har", "ha", "en", "ett", "et", "ein", "eit", "ei"),
    )
)
"""Not a question whether only some may apply: "bara" in a condition ("om det bara
är en förstudie"), or before a verb or one thing ("det bara är", "kun en")."""


_ANOTHER_ROLE = re.compile(
    r"\b(?:(?:vara|vare|vere)\s+med\s+(?:och|og|a|pa\s+a|att)\s+)?"
    r"(?:(?:med)?finansier|betal|bekost|sponsr)(?:a|e|ar|er)\b(?!\s+ut\b)"
    r"|\b(?:godkann\w*|godkjenn\w*|beslut(?:a|ar|e|er|te)"
    r"|bestamm\w*|bestemm\w*|priorit(?:era|ere|erer|erar))\b"
    r"|\b(?:brukar|bruker|pleier|pleiar|plar)\b"
)
"""A role in a project other than taking part: paying for it ("vara med och
finansiera", "være med å medfinansiere"; the verb, not "vad är medfinansieringen?"),
deciding on it ("godkjenne prosjektet", "besluta om stödet") or what it usually does
("hur mycket brukar Bergs kommun gå in med?"), read in the folded words."""


_SEVERAL_PROJECTS = re.compile(
    r"\b(?:flera|flere|fleire|tva|to|manga|mange)\s+(?:\w+\s+)?"
    r"(?:(?:projekt|prosjekt|huvudprojekt|hovedprosjekt|forprosjekt)(?:en|er|ene|a)?"
    r"|forstudie(?:r|n|rna)?|smaskalig\w*|smaskala\w*)\b"
)
"""More than one project or one type's projects ("flera projekt", "två förstudier"),
read in the folded words."""


def asks_about_several_projects(text: str) -> bool:
    """Does the question ask about more than one project ("vara med i flera projekt
    samtidigt", "søker i flere prosjekter", "två förstudier efter varandra")? No
    verdict on an organisation and no project type's card answers that."""
    return bool(_SEVERAL_PROJECTS.search(" ".join(words(fold(clean(text))))))


def asks_about_another_role(text: str) -> bool:
    """Does a question about an organisation ask whether it may do something other
    than apply or take part ("Kan fylkeskommunen være med å medfinansiere?", "Kan
    ikke fylkeskommunen bare godkjenne prosjektet selv?"), or whether it may take
    part in several projects ("Kan vi være søker i flere prosjekter samtidig?")? Then
    the organisation's verdict is not the answer; "kan kommunen vara med och söka?"
    still asks it."""
    if asks_about_several_projects(text):
        return True
    tokens = words(fold(clean(text)))
    return bool(_ANOTHER_ROLE.search(" ".join(tokens))) and not any(
        t.startswith(_APPLYING_STEMS) for t in tokens
    )  # "kan ett företag söka om vi betalar egen insats?" asks who may apply


def asks_about_others(question: str) -> bool:
    """Does the question name an organisation that is not the user's: one asked about
    in another role, or a kind asked whether only it may apply?"""
    return asks_about_another_role(question) or asks_if_only_some_may_apply(question)


def says_more_than_applying(text: str) -> bool:
    """Has the text a word beyond asking to apply or take part ("slipper vi
    medfinansiering" has; "kan vi söka" has not)?"""
    stop = stop_words()
    return any(
        len(t) > 2 and t not in stop and not t.startswith(_APPLYING_STEMS)
        for t in words(fold(clean(text)))
    )


_DESCRIBING = frozenset(
    fold(w)
    for w in (
        *("ok", "okej", "okay", "okei", "greit", "funkar", "funka", "funker"),
        *("fungerar", "fungerer", "godkänt", "godkänd", "godkjent", "möjligt", "mulig"),
        *("mogleg", "aktuellt", "aktuelt", "aktuell", "räknas", "regnes", "reknast"),
        *("duger", "dug", "passar", "passer", "hva", "vad", "kva", "med"),
        *("liten", "litet", "lilla", "lite", "lita", "små", "stor", "stort", "store"),
        *("stora", "nystartat", "nystartad", "nystartet", "anställda", "anställd"),
        *("ansatte", "ansatt", "tilsette", "medarbetare", "medlemmar", "medlemmer"),
        *("medlemar", "ägs", "ägd", "eid", "eigd", "kommunalt", "kommunal", "privat"),
        *("part", "parter", "parten", "partner", "partnern", "partneren", "partnar"),
        *("partnere", "projekt", "projektet", "prosjekt", "prosjektet", "programmet"),
        *("går", "gå", "nära", "nær", "gränsen", "grensen", "grensa"),
    )
)
"""Words that ask whether an organisation is acceptable ("AB ok?", "Er et AS
greit?", "hva med borettslag?"), describe it ("ett litet AB med fem anställda") or
name its part in a project ("kan trafikverket vara part?"): still the question who
may take part."""
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-ZÅÄÖÆØ][a-zåäöæøé][\w-]*")
"""A word written with a capital inside a sentence: a name ("et AS i Trysil"),
the setting, not what is asked. Acronyms ("LOU", "MVA") are not names here."""


def asks_other_than_taking_part(text: str, organisation: str) -> bool:
    """Does a question naming an organisation ask something other than whether it may
    take part ("Må vi skatte av tilskuddet som AS?", "trenger ikke en kommune følge
    anskaffelsesreglene?", "Kan et AS få forskudd?")? Not "AB ok?", "enskild firma?",
    "Kan ett litet AB med fem anställda i Arvika?" or "kan en kommun vara med?":
    without the organisation's words, its description and names, nothing is left
    beyond taking part or being acceptable."""
    if asks_who_may_take_part(text):
        return False
    named = set(words(fold(organisation)))
    rest = [
        w
        for w in words(fold(_NAME.sub(" ", clean(text))))
        if w not in named and w not in _DESCRIBING and not w.isdigit()
    ]
    return says_more_than_applying(" ".join(rest))


_FOCUS_STEMS = (
    *("insatsomr", "innsatsomr", "fokusomr", "omrade", "prioriter", "tema", "amne"),
    *("mal", "passar", "passer", "hor", "hoyrer", "1a", "1b", "2a", "2b", "3a", "3b"),
    *("3c", "4a"),
)
"""Folded beginnings of the words that ask about the focus areas ("vilket
insatsområde passar", "hvilke mål", "tema", "3C")."""


def names_focus_areas(text: str) -> bool:
    """Does the text speak of the focus areas, their goals or where an idea fits? "Går
    det inte att byta projektledare under projektets gång?" does not, whatever a
    model reads in it."""
    return any(w.startswith(_FOCUS_STEMS) for w in words(fold(clean(text))))


_YEAR = re.compile(
    r"\b(?:(?P<after>efter|etter|after)\s+(?:år\s+|året\s+|the\s+year\s+)?)?"
    r"(?P<year>(?:19|20)\d\d)"
    r"(?:\s*[-–]\s*(?P<until>(?:19|20)\d\d)\b)?\b"
)
YEARS_AFTER = 10
"""How far "efter 2027" reaches: the years such a question can be about."""


def years_meant(text: str) -> FrozenSet[int]:
    """The years a text is about: "efter 2027" is 2028 and later, not 2027, and
    "2021–2027" every year of the period ("utlysning hösten 2027" is not "Kan man
    söka efter 2027?", and "utlysning 2029?" is)."""
    years: Set[int] = set()
    for found in _YEAR.finditer(text.lower()):
        year = int(found["year"])
        if found["until"]:
            years.update(range(year, int(found["until"]) + 1))
        elif found["after"]:
            years.update(range(year + 1, year + 1 + YEARS_AFTER))
        else:
            years.add(year)
    return frozenset(years)
