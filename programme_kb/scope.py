"""Questions about other funding programmes, which the assistant does not answer for.

"När är nästa deadline i Interreg Aurora?" must not get our programme's call dates.
The names live in ``data/scope.yml``; matching is on whole words with case and
Scandinavian letters folded, so it is linear in the message length.
"""

from __future__ import annotations

from typing import List, Literal, Optional, Sequence, Set, Tuple

from programme_kb.faq import FaqResult
from programme_kb.kb import KnowledgeBase
from programme_kb.text import clean, fold, words


def _phrase(text: str) -> Tuple[str, ...]:
    return tuple(words(fold(clean(text))))


def other_programme(kb: KnowledgeBase, text: str) -> Optional[str]:
    """The name (as listed) of another programme the message asks about, if any."""
    tokens = _phrase(text)
    if not tokens:
        return None
    for programme in kb.scope.other_programmes:
        for name in programme.names:
            wanted = _phrase(name)
            if wanted and _contains(tokens, wanted):
                return name
    return None


def organisation_name_positions(kb: KnowledgeBase, folded: List[str]) -> Set[int]:
    """Positions of the words (folded, in order) that belong to a listed
    organisation name (scope.yml ``organisation_names``): who, not what."""
    found: Set[int] = set()
    for name in kb.scope.organisation_names:
        wanted = _phrase(name)
        for i in _starts(folded, wanted):
            found.update(range(i, i + len(wanted)))
    return found


def names_an_organisation(kb: KnowledgeBase, text: str) -> bool:
    """Does the text name a listed organisation (``organisation_name_positions``)?"""
    return bool(organisation_name_positions(kb, list(_phrase(text))))


_FUNDING_WORDS = frozenset(
    fold(w)
    for w in (
        *("söka", "söker", "sökte", "ansöka", "ansöker", "søke", "søker", "søkte"),
        *("søkje", "søkjer", "få", "fått", "får", "stöd", "stödet", "støtte"),
        *("støtta", "pengar", "penger", "pengane", "medel", "midler", "midlar"),
        *("bidrag", "tilskudd", "tilskot", "finansiering", "finansiera"),
        *("finansiere", "lån", "lånet"),
    )
)
_COFINANCING = frozenset(
    fold(w)
    for w in (
        *("medfinansiering", "medfinansieringen", "egenfinansiering"),
        *("eigenfinansiering", "egeninsats", "egeninnsats"),
    )
)
FUNDING_REACH = 4
"""How many words before a listed organisation's name a word of applying or money
makes it the funder asked about ("søke Innovasjon Norge om penger", "få stöd från
Tillväxtverket")."""


def other_funder(kb: KnowledgeBase, text: str) -> Optional[str]:
    """The listed organisation (scope.yml ``organisation_names``) the message asks to
    apply to or get money from, if any: we answer only for Interreg Sverige–Norge.
    Whether that money may co-finance a project is a question for us ("räknas pengar
    från Tillväxtverket som medfinansiering?"), so a message about co-financing is
    not one."""
    tokens = list(_phrase(text))
    if not tokens or _COFINANCING & set(tokens):
        return None
    for name in kb.scope.organisation_names:
        wanted = _phrase(name)
        for i in _starts(tokens, wanted):
            if i == 0 or tokens[i - 1] in _MODALS:
                continue  # "kan Sametinget søke?": the organisation applies
            around = tokens[max(0, i - FUNDING_REACH) : i + len(wanted) + 2]
            if _FUNDING_WORDS & set(around):
                return name
    return None


_MODALS = frozenset(
    fold(w)
    for w in (
        *("kan", "får", "må", "måste", "ska", "skal", "bør", "bör", "kunne"),
        *("kunna", "vil", "vill", "skulle"),
    )
)
"""A listed organisation named right after one of these, or first in the message,
is the subject of the question ("kan Sametinget søke?", "får Region Värmland vara
med?"): the one applying, not the funder asked about."""


def _starts(tokens: Sequence[str], wanted: Tuple[str, ...]) -> List[int]:
    """Where the phrase ``wanted`` (folded words) starts among ``tokens``."""
    if not wanted:
        return []
    width = len(wanted)
    return [
        i
        for i, t in enumerate(tokens)
        if t == wanted[0] and tuple(tokens[i : i + width]) == wanted
    ]


def _contains(tokens: Sequence[str], wanted: Tuple[str, ...]) -> bool:
    return bool(_starts(tokens, wanted))


def asks_about_office(kb: KnowledgeBase, text: str) -> bool:
    """Is this a question about the secretariat's office itself — opening hours,
    holidays, a visit ("har ni öppet på luciadagen", "jobber dere i romjula", "har
    dere kontor i Steinkjer jeg kan stikke innom")? No public page answers those; a
    place card or the call dates would be a wrong answer. "har dere åpent for
    søknader" asks about a call and is left alone."""
    tokens = _phrase(text)
    if not tokens:
        return False
    words = kb.scope.office

    def said(names: List[str]) -> bool:
        wanted = (_phrase(name) for name in names)
        return any(phrase and _contains(tokens, phrase) for phrase in wanted)

    if said(words.alone):
        return True
    if not said(words.you) or said(words.applications):
        return False
    return said(words.open_or_visit) or (said(words.working) and said(words.times))


def about_the_programme(kb: KnowledgeBase, text: str) -> bool:
    """Does the message use a word of applying for or running a project here
    (scope.yml ``programme_words``)? Then it is a question for us even where the
    intent model reads it as out of scope or as a bare yes: "Kan vi köpa en bil i
    projektet?", "Jag kommer inte in i Min ansökan", "tilsagn?". Linear in the
    message length: each word is compared with each listed stem."""
    listed = kb.scope.programme_words
    starts = tuple(fold(stem) for stem in listed.starts)
    parts = tuple(fold(part) for part in listed.parts)
    return any(
        token.startswith(starts) or any(part in token for part in parts)
        for token in _phrase(text)
    )


SURE_ANSWER = 0.6
"""The FAQ score above which a message the intent model put out of scope still gets
the FAQ's answer: no out-of-scope training example reaches it ("hvem vant kampen i
går?" → who may apply, 0.52)."""

OutOfScopeReply = Literal["answer", "not_known", "out_of_scope"]


def out_of_scope_reply(kb: KnowledgeBase, text: str, faq: FaqResult) -> OutOfScopeReply:
    """What a message the intent model read as out of scope gets: the FAQ's answer
    when it is sure (or the cost rule answers: "Kan vi köpa en bil i projektet?"),
    "I do not know, ask …" when it is about the programme ("Jag kommer inte in i Min
    ansökan"), else "I only answer about Interreg Sverige–Norge"."""
    if (
        faq.answered
        and faq.best is not None
        and (faq.rule == "cost" or faq.best.score >= SURE_ANSWER)
    ):
        return "answer"
    return "not_known" if about_the_programme(kb, text) else "out_of_scope"
