"""Reading a message: its questions, its project idea, and what kind of question it asks.

Pure text work on the user's words, with no knowledge base: where one sentence asks
two things, where an idea starts ("vi vill …") and where its partner's words end,
and the cues for questions about focus areas or about when a project may start.
Everything else in the package reads messages through these functions.
"""

from __future__ import annotations

import re
from typing import Iterable, List, Optional, Tuple

from programme_kb.compose.bounds import (
    MAX_IDEA_WORDS,
    READING_WORDS,
    bounded_questions,
    first_words,
    is_long,
)
from programme_kb.text import (
    clean,
    fold,
    is_a_tag_question,
    stop_words,
    without_greeting,
    words,
)

_IDEA_CUES = tuple(
    fold(c)
    for c in (
        *("vill ", "ska ", "skall ", "planerar", "tänker", "funderar på", "jobba med"),
        *("arbeta med", "projekt om", "projektet ska", "idé om", "idén är"),
        *("vil ", "ønsker", "skal ", "planlegger", "tenker", "vurderer", "jobbe med"),
        *("arbeide med", "prosjekt om", "prosjektet skal", "ideen er"),
        *("jobbar med", "arbetar med", "forskar på", "forskar om", "forskar kring"),
        *("jobber med", "arbeider med", "arbeidar med", "forsker på", "forsker om"),
        *("önskar", "har tänkt", "hade tänkt", "har lust att", "har lyst til"),
        *("har lyst", "ønskjer", "tenkjer", "planlegg"),
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
    r"insatsområde|innsatsområde|passar|passer|vilket område|hvilket område"
    r"|\b(?:vilket|vilken|hvilket|hvilken|kva|kva\s+for)\s+(?:mål|prioritering)\b",
    re.IGNORECASE,
)


_PROJECT_TYPE_Q = re.compile(
    r"projekttyp|prosjekttyp|projektform|prosjektform|typ av projekt|type prosjekt"
    r"|slags prosjekt|sorts projekt|förstudie|forstudie|förprojekt|forprosjekt"
    r"|huvudprojekt|hovedprosjekt|småskalig|småskala",
    re.IGNORECASE,
)
_AREA_WORD = re.compile(r"område|omrade", re.IGNORECASE)


def asks_about_focus(text: str) -> bool:
    """A question about which focus area fits ("vilket insatsområde passar?"), not
    which project type does ("hvilken prosjekttype passer for oss?")."""
    if not _FOCUS_Q.search(text):
        return False
    return bool(_AREA_WORD.search(text)) or not _PROJECT_TYPE_Q.search(text)


_FOCUS_AREA_WORD = re.compile(r"\b(?:insats|innsats|fokus)omr[aå]d", re.IGNORECASE)


def asks_which_focus_area(text: str) -> bool:
    """A focus question that names the focus area ("kva innsatsområde passar?"), not
    only "passar" ("hvilke svenske partnere passer best for oss?" asks for partners)."""
    return asks_about_focus(text) and bool(_FOCUS_AREA_WORD.search(text))


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


def reading(text: str) -> str:
    """What a look-up over the whole message (the FAQ, the place finder) reads: all of a
    message up to LONG_MESSAGE_CHARS; of a longer one its questions, else its start,
    up to READING_WORDS words either way."""
    if not is_long(text):
        return text
    asked, _ = bounded_questions(questions(text))
    return first_words(" ".join(asked) if asked else text, READING_WORDS)


def _words(text: str) -> List[str]:
    return re.findall(r"[\wÅÄÖÆØåäöæøéü-]+", text)


_IDEA_CUE = re.compile(
    r"\b(?:"
    + "|".join(re.escape(c.strip()) for c in sorted(_IDEA_CUES, key=len)[::-1])
    + r")\b"
)
_IDEA_LABEL = re.compile(
    r"\s*(?:(?:var|vor|min|mi|mitt|vart)\s+)?(?:projekt|prosjekt)?(?:ide|idea)(?:en|n)?"
    r"(?:\s+(?:var|vor|i\s+korthet|kort))?\s*[:–-]"
)
"""An idea given a label at the start of the message ("Vår idé: …", "ide: …",
"Prosjektidé – …"), in the folded text."""
_ASKED_TAIL = re.compile(
    r",\s*[^\W\d_]+\s+(?:det|den|de|vi|man|me|ni|dere|du)\s*$", re.IGNORECASE
)
"""A two-word question closing the idea's sentence ("…, passer det", "…, går det")."""
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
    sentence, asked = _idea_sentence(text)
    if sentence is None:
        return None, False
    idea = _without_partner(sentence)
    return (idea, asked) if len(idea.split()) >= 2 else (None, False)


def idea_with_partner(text: str) -> Optional[str]:
    """The idea's sentence with the partner it names ("ha utbyte med en skola i
    Engerdal"): when the idea alone holds no evidence, the partner's kind (a school,
    a museum) may be what the project is about."""
    sentence, _ = _idea_sentence(text)
    return sentence if sentence and len(sentence.split()) >= 2 else None


def _idea_sentence(text: str) -> Tuple[Optional[str], bool]:
    """The sentence of the idea, after its cue, and whether it is told in a question."""
    original = clean(text)
    spans = question_spans(original)
    # "vi vill veta när …" asks; its "vill" starts no idea
    masked = _INDIRECT.sub(lambda m: re.sub(r"\S", "_", m.group()), original)
    folded = fold(masked)
    cue = _IDEA_LABEL.match(folded) or _IDEA_CUE.search(folded)
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
    sentence = _IDEA_TAIL.sub("", _ASKED_TAIL.sub("", sentence)).strip()
    if is_long(text):
        sentence = first_words(sentence, MAX_IDEA_WORDS)
    return sentence, asked


_GENERIC_IDEA_WORDS = ("projekt", "prosjekt", "ide", "idé")


_ASKING_WORDS = _WH_WORDS - {fold("var")}  # Swedish "var" is also "was"


def asks_for_information(text: str) -> bool:
    """A question that asks for a fact ("om jag är arbetslös och jobbar i projektet,
    hur blir det med a-kassan?", "hvor skatter en prosjektleder som pendler?") or asks
    the secretariat about itself ("har dere ledige stillinger?"), with
    no project idea told ("vi vill …", "prosjekt om …") and not about focus areas:
    a word of the focus vocabulary in it ("arbetslös", "pendler") is the asker's
    circumstance, not a project idea."""
    if asks_about_focus(text) or idea_text(text):
        return False
    tokens = words(fold(clean(without_greeting(text))))
    if any(w in _ASKING_WORDS for w in tokens):
        return True
    if tokens and tokens[0] in _RULE_OPENERS and questions(text):
        return True  # "Slipper vi skylta med EU-loggan om projektet är litet?"
    if (
        len(tokens) > 3
        and tokens[2] in _MEANS_VERBS
        and not tokens[3].startswith(_THE_GRANT)
        and questions(text)
    ):  # "Kan vi bruke konsulenter til å gjøre deler av jobben?"; "kan vi använda
        return True  # pengarna till en bro?" tells what the money is for: an idea
    # "har dere ledige stillinger?": a question to the secretariat about itself
    return bool(questions(text)) and any(w in _YOU for w in tokens)


_RULE_OPENERS = frozenset(
    fold(w)
    for w in (
        *("slipper", "slepper", "slepp", "måste", "behöver", "må", "trenger"),
        *("treng", "skal", "ska", "gäller", "gjelder", "gjeld", "krävs", "kreves"),
    )
)
"""Verbs that open a yes/no question about a rule ("måste vi …?", "slipper vi …?"):
a question for a fact, unless it tells an idea; "kan vi …?" and "får vi …?" often
open an idea ("kan vi få stöd för cykelleder över gränsen?") and are not here."""
_MEANS_VERBS = frozenset(
    fold(w)
    for w in (
        *("använda", "anlita", "hyra", "köpa", "betala", "anställa", "lön"),
        *("bruke", "bruka", "leie", "leige", "kjøpe", "kjøpa", "betale", "ansette"),
        *("tilsette", "hyre", "engasjere", "engagera"),
    )
)
"""A verb of using or paying for something as the third word of a question ("kan vi
anlita konsulter …?", "får vi leie bil …?"): whether a means may be used or charged,
a question for a fact, not a project idea ("kan vi få stöd för …" tells one)."""
_THE_GRANT = tuple(
    fold(w)
    for w in ("pengar", "penger", "midl", "medl", "stöd", "støtte", "tilskud", "bidrag")
)
"""Folded stems of the grant itself as the object of such a verb."""
_YOU = frozenset(
    fold(w) for w in ("ni", "dere", "dykk", "ert", "era")
)  # not "er": "is"
"""The secretariat addressed: a question to "you" tells no project idea."""


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
        and tail[taken].rstrip(",.;:!?").isalpha()  # "… et forskningsinstitutt."
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


_COURTESY = frozenset(
    fold(w)
    for w in (
        *("tack", "tacka", "tackar", "takk", "takker", "tusen", "hej", "hei", "då"),
        *("ha", "bra", "svaret", "svaren", "svar", "hjälpen", "hjelpen", "hjelpa"),
        *("hjälp", "hjelp", "trevlig", "trevleg", "fin", "fint", "dag", "helg"),
        *("ses", "hörs", "høres", "snakkes", "vi", "det", "allt", "alt", "okej"),
        *("ok", "okey", "toppen", "perfekt", "supert", "super", "flott", "kjempe"),
    )
)
"""Words of thanks and goodbye: "tack så mycket, hej då?" holds no question."""


def holds_question(text: str) -> bool:
    """Does a message of thanks or goodbye also ask something?

    "tack, och hur mycket kan vi få?" and "takk! må vi ha en svensk partner?" ask
    (a question with a word beyond thanks and goodbye); "tusen takk!", "tack för
    hjälpen" and "takk for svaret?" do not.
    """
    stop = stop_words()
    for question in questions(text):
        content = [w for w in (fold(x) for x in words(question)) if w not in _COURTESY]
        if any(w not in stop for w in content):
            return True
        if question.rstrip().endswith("?") and any(
            w in _QUESTION_WORDS for w in content
        ):
            return True  # "tack, och när?" - not "tack, vad bra!"
    return False


_FOLDS_TO_A_QUESTION_WORD = frozenset({"vår", "kör"})
""""Vår idé: …" is no "var …?" (where), "kör" no Nynorsk "kor" (how), once folded."""


def question_spans(cleaned: str) -> List[Tuple[int, int, str]]:
    """Each question of a cleaned message with where its clause starts and ends.

    A clause is a question when it ends with "?" or opens with a question word once
    a leading conjunction is left out ("? och hur mycket …", "og kor ofte …"), or
    when it asks indirectly ("vi undrar också om …", "eg lurer på korleis …"): then
    the question is the part after the cue ("om vi kan ha fler än en partner").
    """
    asked: List[Tuple[int, int, str]] = []
    told: Optional[Tuple[int, str]] = None  # the statement just before, if any
    at = 0
    bounds = [(m.start(), m.end()) for m in _SPLIT_QUESTIONS.finditer(cleaned)]
    for stop, after in [*bounds, (len(cleaned), len(cleaned))]:
        piece = cleaned[at:stop]
        start = at + len(piece) - len(piece.lstrip(" ,"))
        at = after
        piece = piece.strip(" ,")
        if not piece:
            continue
        if is_a_tag_question(piece) and told is not None:
            # "Vi har hört att … får söka. Stämmer det?": the statement is asked
            asked.append((told[0], stop, f"{told[1]} {piece}"))
            told = None
            continue
        told = None
        indirect = _INDIRECT.search(piece)
        if indirect is not None:
            question = _IF.sub("", piece[indirect.end() :]).strip(" ,")
            if question:
                asked.append((start + indirect.start(), stop, question))
            continue
        bare = _LEADING.sub("", piece)
        written = bare.split()[0].lower() if bare.split() else ""
        first = "" if written in _FOLDS_TO_A_QUESTION_WORD else fold(written)
        if bare and (bare.endswith("?") or first in _QUESTION_WORDS):
            asked.append((start, stop, bare))
        else:
            told = (start, piece)
    return asked


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


_RESTART = re.compile(
    r"\b(?:nytt?|ny|nya)\s+(?:samtal\w*|samtale\w*|konversation\w*|dialog\w*|"
    r"ärende\w*|sak|chatt?)\b"
    r"|\b(?:börja\w*|begynn\w*|starta?\w*)\s+(?:\w+\s+){0,2}?"
    r"(?:om|på\s+nytt|forfra|från\s+början|fra\s+(?:starten|begynnelsen|start))\b"
    r"|\b(?:ta|tar)\s+(?:\w+\s+){0,2}?"
    r"(?:från\s+början|fra\s+(?:starten|begynnelsen|start))\b"
    r"|\b(?:glöm\w*|glem\w*|rensa\w*|töm|tøm\w*|radera\w*|slett\w*|"
    r"nollställ\w*|nullstill\w*|reset\w*|restart\w*)\b"
    r"|\b(?:starta|start)\s+(?:om|på\s+nytt)\b",
    re.IGNORECASE,
)
"""Words that ask to start over ("nytt samtal", "börja om", "glem alt", "nullstill"):
without one, a message the model reads as "new conversation" asks something else
("kan man söka från Leader samtidigt?") and must not wipe what the user told."""


def asks_to_restart(text: str) -> bool:
    """Does the message ask to start the conversation over?"""
    return bool(_RESTART.search(clean(text)[:MAX_RESTART_TEXT]))


MAX_RESTART_TEXT = 300
"""Only the head of a message is read for a restart request (bounded regex work)."""


_CROSS_BORDER_STEMS = ("grans", "grens", "samarb", "over", "tvars", "tvers")
"""Folded stems of words that say the project crosses the border ("över gränsen",
"grensehinder", "samarbete"): every project does, so they place no idea."""


def names_a_theme(text: str, matched_terms: Iterable[str]) -> bool:
    """Is a message that asks nothing a theme to place ("reiseliv over grensa",
    "grensehinder for pendlere"), going by the focus terms it matched beyond the
    border itself? "samarbete över gränsen" and "gränshinder" alone are not."""
    if questions(text) or asks_for_information(text):
        return False
    return any(not fold(term).startswith(_CROSS_BORDER_STEMS) for term in matched_terms)
