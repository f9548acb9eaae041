"""Is the question whether a particular cost may be charged to the project?

Applicants ask about the things they want to pay for: "får vi ta med resor för att
träffa vår norska partner?", "kan vi köpa in en drönare i projektet?", "kan vi få
dekket tolk på møtene?". The knowledge base holds no list of eligible cost items;
the project handbook does, and the FAQ entry on eligible costs says so and routes
to an adviser. That entry is the true answer to every such question, however its
other words (a partner, a forest, a meeting) pull the retrieval elsewhere.

A question is about a cost when it names costs outright ("räknas lön som
kostnad?", "er det støtteberettiget?"), asks whether something is covered ("få
dekket", "ersätts"), or asks to charge, buy or hire something for the project or
its budget ("ta med … i budgeten", "kjøpe inn … i prosjektet"), or to take along a
typical cost item ("ta med resor"). Words are matched folded (å/ä → a, ö/ø → o),
whole words or whole phrases only.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Tuple

from programme_kb.text import clean, fold, words


def _folded(*phrases: str) -> Tuple[str, ...]:
    """Phrases as matched: folded whole words, once each ("för"/"for" fold alike)."""
    return tuple(dict.fromkeys(f" {' '.join(words(fold(p)))} " for p in phrases))


COST_WORDS = _folded(
    *("kostnad", "kostnaden", "kostnader", "kostnaderna", "utgift", "utgifter"),
    "stödberättigande",
    *("stödberättigad", "stödberättigat", "bidragsberättigande", "ersättningsbar"),
    *("støtteberettiget", "støtteberettigede", "støtteberettiga"),
    *("kostnadene", "utgiftene", "godkjent kostnad", "godkänd kostnad"),
    *("lönekostnad", "lönekostnaden", "lönekostnader", "lönekostnaderna"),
    *("lønnskostnad", "lønnskostnaden", "lønnskostnader", "lønnskostnadene"),
    *("personalkostnad", "personalkostnaden", "personalkostnader"),
    *("personalkostnaderna", "personalkostnadene"),
    *("projektkostnad", "projektkostnader", "prosjektkostnad", "prosjektkostnader"),
    *("kostnadsregler", "kostnadsreglerna", "kostnadsreglene", "kostnadsregel"),
)
"""Words that name a cost ("räknas lön som kostnad?")."""

COVERED = _folded(
    *("få dekket", "få dekt", "få dekka", "dekkes", "dekkast", "dekker dere"),
    *("dekker programmet", "dekke kostnaden", "dekke utgiftene", "få refundert"),
    *("få ersättning för", "få ersättning till", "ersätts", "ersätter ni"),
    *("få täckt", "täcks", "täcker ni", "täcker programmet", "betalar programmet"),
    *("betalar ni för", "betaler dere for", "betaler programmet", "få betalt för"),
    *("få betalt for", "få stöd för att köpa", "få støtte til å kjøpe"),
    *("ersättning för", "ersättning till", "godtgjørelse for", "refusjon for"),
)
"""Asking whether something is paid for ("kan vi få dekket tolk?")."""

BUY_VERBS = _folded(
    *("köpa", "köpa in", "hyra", "hyra in", "anlita", "betala för", "budgetera"),
    *("föra upp", "föra in", "räkna in", "lägga in", "kjøpe", "kjøpe inn", "leie"),
    *("leie inn", "betale for", "budsjettere", "føre", "føre opp", "føre inn"),
    *("legge inn", "bruke penger på", "använda pengar till", "använda pengarna till"),
    "bruke pengene på",
)
"""Buying, hiring or booking something ("kan vi köpa in en drönare i projektet")."""

TAKE_VERBS = _folded("ta med", "ta upp", "ha med", "få med")
"""Taking something along: a cost only with a cost item or in the budget ("ta med
resor", "ta med … i budgeten"), not a partner taken along into the project."""

PROJECT_PLACES = _folded(
    "i projektet", "på projektet", "i prosjektet", "på prosjektet", "inom projektet"
)
"""The project as where something is bought ("köpa in … i projektet")."""

BUDGET_PLACES = _folded(
    *("i budgeten", "i projektbudgeten", "i budsjettet", "i prosjektbudsjettet"),
    *("med projektmedel", "med prosjektmidler", "for prosjektmidlene"),
    *("med projektpengar", "med prosjektpenger", "med eu-medel", "med eu-midler"),
    *("som kostnad", "som en kostnad", "som utgift", "som en utgift"),
)
"""The budget as where a cost is charged ("… i budgeten", "… som kostnad")."""

COST_ITEMS: FrozenSet[str] = frozenset(
    fold(w)
    for w in (
        *("resor", "resa", "resekostnader", "reiser", "reise", "reisekostnader"),
        *("lön", "löner", "lönekostnader", "lønn", "lønnskostnader", "arvode"),
        *("honorar", "tolk", "tolkning", "översättning", "oversettelse", "mat"),
        *("lunch", "lunsj", "fika", "kaffe", "middag", "middagar", "middager"),
        *("hotell", "övernattning", "övernattningar", "overnatting"),
        *("traktamente", "diett", "bil", "bilar", "dator", "datorer", "pc"),
        *("elbil", "elbilar", "elbiler", "hyrbil", "leiebil", "bilen", "elbilen"),
        *("utrustning", "utstyr", "moms", "mva", "konsult", "konsulter"),
        *("konsulent", "lokalhyra", "husleie", "representation", "catering"),
    )
)
"""Things applicants ask to charge, as single words ("får vi ta med resor?")."""

ASKING = _folded(
    *("får vi", "får man", "får jag", "kan vi", "kan man", "kan jag", "går det"),
    *("får dere", "kan dere", "kan jeg", "får jeg", "kan me", "får me", "går det an"),
    *("räknas", "godkänns", "regnes", "godkjennes", "er det lov", "är det ok"),
    *("er det ok", "är det tillåtet", "er det tillatt", "ok å", "ok att"),
)
"""A question whether it may be done ("får vi …", "regnes …")."""


OTHER_QUESTION_WORDS: FrozenSet[str] = frozenset(
    fold(w)
    for w in (
        *("vem", "hvem", "kven", "vilken", "vilket", "hvilken", "hvilket", "när"),
        *("når", "hur", "hvor", "kor", "hvordan", "korleis", "varför", "hvorfor"),
        "kvifor",
    )
)
"""Question words that ask something else about costs than whether one may be
charged: "vem står för kostnaderna?", "vilken växelkurs … kostnaderna?", "hur stor
andel av kostnaderna täcks av EU-medel?" (the co-financing shares)."""


OPENERS: FrozenSet[str] = frozenset(
    fold(w)
    for w in ("och", "og", "eller", "men", "från", "fra", "frå", "till", "til", "sedan")
)
"""Words after which a question word still opens the question ("frå når …")."""
_CLAUSE = re.compile(r"[.,;:!?\u2013\u2014-]")
COMPOUND_ITEM = 4
"""A cost item this long counts as the last part of a compound word."""


def _asks_something_else(text: str) -> bool:
    """Does a sentence or clause of the question ask something else than whether a
    cost may be charged: a question word at its start, or after "och"/"og" or a
    preposition ("vem står för …", "hvor stor andel …", "… og frå når kan vi rekna
    kostnader?")? A question word inside a clause ("… när vi kör till Norge")
    does not."""
    for part in _CLAUSE.split(fold(text)):
        tokens = words(part)
        for i, token in enumerate(tokens):
            if token in OTHER_QUESTION_WORDS and (i == 0 or tokens[i - 1] in OPENERS):
                return True
    return False


PRICE_WORDS: FrozenSet[str] = frozenset(
    fold(w)
    for w in ("kostar", "kosta", "kostade", "koster", "kostet", "priset", "prisen")
)
"""What something costs is another question ("hva koster det å leie bil?")."""


BUDGET_SHARE = _folded(
    *("av budgeten", "av projektbudgeten", "av budsjettet", "av prosjektbudsjettet"),
    *("budgetera", "budgetera för", "budsjettere", "budsjettere til", "budsjettera"),
    *(
        "lägga på",
        "lägga till",
        "gå till",
        "bruke på",
        "gå til",
        "legge på",
        "gå med til",
    ),
)
"""How much of the budget a cost item may take ("hur stor del av budgeten får gå till
resor?", "hvor mye kan vi budsjettere til reiser?"): the handbook's cost rules too."""


def asks_about_a_cost(text: str) -> bool:
    """Does the question ask whether a particular cost may be charged, or how much of
    the budget a named cost item may take?"""
    cleaned = clean(text)
    folded_words = words(fold(cleaned))
    joined = f" {' '.join(folded_words)} "
    if PRICE_WORDS & set(folded_words):
        return False
    if _asks_something_else(cleaned):
        return any(b in joined for b in BUDGET_SHARE) and any(
            w in COST_ITEMS for w in folded_words
        )  # "hur stor del av budgeten får gå till resor?"
    if any(c in joined for c in COVERED):
        return True
    if not (any(c in joined for c in ASKING) or cleaned.rstrip().endswith("?")):
        return False
    if any(c in joined for c in COST_WORDS):
        return True
    names_an_item = any(_is_cost_item(w) for w in folded_words)
    in_budget = any(p in joined for p in BUDGET_PLACES)
    if any(v in joined for v in BUY_VERBS):
        return names_an_item or in_budget or any(p in joined for p in PROJECT_PLACES)
    return any(v in joined for v in TAKE_VERBS) and (names_an_item or in_budget)


def _is_cost_item(word: str) -> bool:
    """A cost item, also as the last part of a compound ("flygresor")."""
    return word in COST_ITEMS or any(
        word.endswith(item) for item in COST_ITEMS if len(item) >= COMPOUND_ITEM
    )
