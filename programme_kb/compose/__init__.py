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
from dataclasses import replace
from typing import List, Optional, Sequence, Tuple

from programme_kb.compose.answering import _answer_part
from programme_kb.compose.bounds import (
    LONG_MESSAGE_CHARS,
    bounded_questions,
    head,
    is_long,
)
from programme_kb.compose.message import (
    _QUESTION_WORDS,
    _WH_WORDS,
    _idea,
    asks_about_focus,
    idea_with_partner,
    questions,
    reading,
    reads_as_description,
)
from programme_kb.compose.partner import (
    _PARTNER_ENTRIES,
    _partners_in_area,
    asks_about_partner,
    outside_partner_part,
    partner_help_part,
    partner_part,
)
from programme_kb.compose.parts import (
    Composition,
    Part,
    _ask_organisation,
    _eligibility_part,
    _entry_part,
    _focus_part,
    next_step_part,
    place_part,
)
from programme_kb.compose.profile import (
    _RECENT,
    Profile,
    _project_type,
    find_places,
    organisation_in,
    told,
    without_questions,
)
from programme_kb.eligibility import EligibilityResult
from programme_kb.faq import DETAIL_FACETS, facets
from programme_kb.kb import KnowledgeBase
from programme_kb.service import Snapshot
from programme_kb.text import (
    asks_about_another_role,
    asks_about_others,
    asks_if_only_some_may_apply,
    clean,
    fold,
    stop_words,
    words,
)

_ELIGIBILITY_Q = re.compile(
    r"\b(får|kan|far|må|är|er|går|gar)\b.*\b(söka|soka|søke|soke|ansöka|ansoka|søkje|sökande|"
    r"søker|vara med|være med|få stöd|få støtte|få pengar|få penger|behöriga?|"
    r"berättigade?|kvalifisert|(?:vara|være|vere|bli)\s+(?:en\s+|ein\s+)?"
    r"(?:projektägare|prosjekteier|prosjekteigar|medsökande|medsøker|partner|partnar))"
    r"\b|\bgår det\b(?!\s+(?:inte\s+|ej\s+|ikke\s+|ikkje\s+)?(?:att|an\s+å|å)\b)",
    re.IGNORECASE,
)
"""May we apply, take part or get support: "går det?" too, but "går det (inte) att
få driftsstöd?" / "går det an å …" only when what follows is applying or support."""


_PLACE_Q = re.compile(
    r"programområdet|\bi programmet\b|delområde|ingår|er med i|är med i|"
    r"\b(?:i|inom|innanför|innenfor|utanför|utenfor)\s+området\b",
    re.IGNORECASE,
)
"""Is a place in the programme ("ingår Arvika i programmet?", "vi ligger väl inte i
området?"); not any sentence that ends with "programmet" ("… som styrer programmet"
asks who manages it)."""

_AREA_ENTRIES = frozenset(
    {"programme_area", "sub_areas", "viken", "buskerud", "old_sub_areas_2014_2020"}
)
"""FAQ entries that say which places are in the area: the place parts already do."""


def _asks_place(snap: Snapshot, question: str, lang: str) -> bool:
    """The question asks whether a place is in the programme area, which the place
    parts answer; not a question that only holds the words ("hur mycket pengar finns
    kvar i programmet?", "kan en partner utanför programområdet vara med?", "kan
    projektet omfatta båda delområdena?"): those the FAQ answers with another entry."""
    if not _PLACE_Q.search(question):
        return False
    faq = snap.faq.answer(question, lang)
    return not (
        faq.answered and faq.best is not None and faq.best.entry_id not in _AREA_ENTRIES
    )


def _partner_as_subject(snap: Snapshot, text: str, lang: str) -> Optional[str]:
    """The idea with its partner ("ha utbyte med en skola i Engerdal"), for an idea
    that holds no evidence without it, when the partner's kind does: a school, a
    museum, not "en förening" (an association may work on anything)."""
    fuller = idea_with_partner(text)
    found = snap.focus.rank(fuller, lang, 1).items if fuller else []
    if found and not {fold(w) for w in found[0].why} <= _ANY_ASSOCIATION:
        return fuller
    return None


def _idea_in_context(
    snap: Snapshot,
    text: str,
    asked: Sequence[str],
    described: str,
    lang: str,
) -> Optional[str]:
    """What the message tells around an idea that holds no evidence of its own ("Vi
    vil teste den i Grue og Torsby" after "… et AS som lager en app for
    bestillingstransport"; "vill kartlägga och bekämpa dem" after what spreads): its
    statements, without its questions, when they hold evidence beyond the kinds of
    organisation they name ("vi är ei bedrift", "Engerdal kommune her" tell who, not
    what the project is about)."""
    context = without_questions(text, list(asked))
    if not context or context == described:
        return None
    found = snap.focus.rank(context, lang, 1).items
    # the evidence is what the context adds: not the idea's own words (they placed
    # nothing alone), not who writes ("en frivillig organisasjon", "en förening")
    told_already = _organisation_words(snap, text, lang) | {
        fold(w) for w in described.split()
    }
    if found and any(
        not any(fold(word)[:STEM] == w[:STEM] for w in told_already)
        and snap.eligibility.check(word, None, lang).label is None
        for word in found[0].why
    ):
        return context
    return None


STEM = 6
"""Letters a vocabulary term and a word of the message share to be one word
("frivilliga" and "frivillig")."""


def _organisation_words(snap: Snapshot, text: str, lang: str) -> frozenset[str]:
    """The folded words naming the user's organisation, with the word before them
    ("frivillig" in "en frivillig förening"): who writes, not what about."""
    matched = organisation_in(snap, text, lang).matched
    if not matched:
        return frozenset()
    named = words(fold(matched))
    tokens = words(fold(text))
    for i in range(1, len(tokens)):
        if tokens[i] == named[0]:
            return frozenset([*named, tokens[i - 1]])
    return frozenset(named)


_ANY_ASSOCIATION = frozenset(
    fold(w)
    for w in (
        *("förening", "föreningar", "föreningen", "forening", "foreninger"),
        *("foreningen", "lag", "laget", "klubb", "klubben"),
    )
)
"""A partner's kind that tells no topic: an association may work on anything."""


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
    if org.label is not None and not _only_about_others(snap, asked, lang, org):
        parts.append(_eligibility_part(snap, org, lang))
    places = find_places(snap, text, lang)
    for found in places[:2]:
        parts.append(place_part(snap, found.match, lang))
    if any(f.partner and not f.match.in_programme for f in places):
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
    focus_asked = any(asks_about_focus(q) for q in asked)
    described, inside_question = _idea(text)
    idea = now.project_idea or (described if focus_asked else None)
    subject = (
        _partner_as_subject(snap, text, lang)
        or _idea_in_context(snap, text, asked, described, lang)
        if described and not snap.focus.rank(described, lang, 1).items
        else None
    )  # an idea that places nothing alone: its partner's kind, or its context
    if subject and (idea == described or (not idea and not inside_question)):
        idea = subject
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
        # the idea told in this message: the rest of the message may break a tie
        parts.append(
            _focus_part(
                snap, idea or known.project_idea or "", lang, text if idea else ""
            )
        )
    for question in asked:
        if asks_if_only_some_may_apply(question):
            # "är det bara kommuner som får söka?": who may apply is the rule
            who = _entry_part(kb, "who_can_apply", lang)
            if who is not None:
                parts.append(replace(who, data={**who.data, "rule": True}))
                continue
        eligibility_q = _asks_eligibility(question, kb)
        tail = _second_question(question) if eligibility_q else None
        if tail is not None:
            # "kan vi ändå få stöd och betalas pengarna ut i förväg?": the verdict
            # answers the first clause; the second is a question of its own, kept
            # only when the FAQ answers it
            second = _answer_part(snap, tail, lang, known, ask_again=not is_long(text))
            if second.kind != "not_known":
                parts.append(second)
        if eligibility_q and org.label is not None:
            continue
        if asks_about_focus(question) and (idea or known.project_idea):
            continue
        if places and _asks_place(snap, question, lang):
            continue
        if parts and _vague(question):
            # "…, kan vi søke, er det mulig?": asks about what the message said,
            # which the other parts answer; no FAQ entry that shares a word with it
            continue
        outside = outside_partner_part(snap, question, lang)
        if outside is not None:  # "kan vi ha en partner i Uppsala?": the rule for them
            parts.append(outside)
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
        answer = _answer_part(snap, question, lang, known, ask_again=not is_long(text))
        if (
            answer.kind == "not_known"
            and asks_about_partner(question)
            and not snap.faq.vocabulary.unknown_words(question)
            and not facets(question) & DETAIL_FACETS  # "hur många svenska partner
            # får vara med?": a count the partner rule does not give
        ):
            # "vilket norskt fylke ska vi helst samarbeta med": the partner rule and
            # pairing for the user's side, not "I cannot say"
            partner = partner_part(snap, known, lang)
            if partner is not None:  # the partner rule, for the user's side
                answer = replace(
                    partner, data={**partner.data, "entry": "partner_other_country"}
                )
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
    r"(?<!vara )(?<!være )(?<!vere )(?<!bli )partner|"
    r"när som helst|når som helst|hela året|hele året|"
    r"\b(?:de|dom|dem|dei|han|hon|hun)\s+(?:vara|være|vere|delta|söka|søke)\b|"
    r"\b(?:annat|annan|andra|annen|andre|anna)\s+(?:sätt|vis|måte|måter|måtar)\b|"
    r"\b(?:två|tre|to|fler|flera|flere|fleire)\s+\w+\s+(?:vara|være|vere)\s+med\b",
    re.IGNORECASE,
)
"""Not "may we apply?": a partner question, a question of timing, one about
someone else ("får de vara med?" asks about the partner just named), about another
way to take part ("… på något annat sätt?") or about how many may take part
("kan två svenska museer vara med?")."""


def _only_about_others(
    snap: Snapshot, asked: Sequence[str], lang: str, org: EligibilityResult
) -> bool:
    """Does the message only ask whether the organisation it names in a question may
    pay for or decide on a project ("Kan fylkeskommunen være med å medfinansiere?"),
    or whether only such organisations may apply ("är det bara kommuner som får
    söka?")? Then no verdict for it; an organisation told in a statement ("Vi är en
    kommun. Vem betalar …?", "Vi är en förening. Är det bara kommuner som får
    söka?") is the user's, and keeps its verdict."""
    return (
        bool(asked)
        and all(asks_about_others(q) for q in asked)
        and any(
            organisation_in(snap, q, lang).organisation_type == org.organisation_type
            for q in asked
        )
    )


def _asks_eligibility(question: str, kb: KnowledgeBase) -> bool:
    """ "Får vi söka?", "kan et AS være søker?" – not "när kan man söka?", not
    "kan en partner i Stockholm vara med?", not "kan man söka förstudie …?"."""
    first = fold(question.split()[0]) if question.split() else ""
    return (
        first not in _WH_WORDS
        and bool(_ELIGIBILITY_Q.search(question))
        and not _NOT_ELIGIBILITY.search(question)
        and _project_type(kb, question) is None
        and not asks_about_another_role(question)  # "være med å medfinansiere?"
    )


_SUBJECTS = frozenset(
    fold(w)
    for w in (
        *(
            "det",
            "vi",
            "man",
            "ni",
            "dere",
            "me",
            "de",
            "dom",
            "dei",
            "jag",
            "jeg",
            "eg",
        ),
        *("pengarna", "pengene", "pengane", "stödet", "støtten", "stødet"),
        *("projektet", "prosjektet", "ansökan", "søknaden", "beslutet", "vedtaket"),
    )
)
"""Subjects after a verb that opens a yes/no question: "blir det …", "betalas
pengarna …", "har vi …"."""
_SECOND = re.compile(r"(?:,\s*|\s+(?:och|og|samt)\s+)(?P<tail>\S.*)$", re.IGNORECASE)


def _second_question(question: str) -> Optional[str]:
    """The question asked after "may we apply" in the same clause, or None:
    "kan vi ändå få stöd och betalas pengarna ut i förväg?" → "betalas pengarna ut i
    förväg?", "vi kan söka för ett projekt …, blir det utlysningar efter 2027?"."""
    found = _ELIGIBILITY_Q.search(question)
    if found is None:
        return None
    cut = _SECOND.search(question, found.end())
    if cut is None:
        return None
    tail = cut.group("tail").strip()
    tokens = [fold(w) for w in words(tail)]
    if len(tokens) < 3:
        return None
    opens = tokens[0] in _QUESTION_WORDS or tokens[0] in _WH_WORDS
    stop = stop_words()
    content = [t for t in tokens if t not in stop and t not in _SUBJECTS]
    # "…, er det mulig?" asks nothing new: two content words at least
    if len(content) < 2:
        return None
    return tail if opens or tokens[1] in _SUBJECTS else None


def _vague(question: str) -> bool:
    """No content word at all: "går det?", "får de vara med?", "kan vi det?", "er det
    mulig?" (a word that only weighs what was said is none)."""
    stop = stop_words()
    return not [
        w for w in words(fold(clean(question))) if w not in stop and w not in _WEIGHING
    ]


_WEIGHING = frozenset(
    fold(w)
    for w in (
        *("möjligt", "mulig", "mulige", "mogleg", "mogeleg", "tillåtet", "tillatt"),
        *("lov", "ok", "okej", "greit", "svårt", "vanskelig", "vanskeleg", "lätt"),
        *("lett", "enkelt", "realistiskt", "realistisk", "aktuellt", "aktuelt"),
    )
)
"""Words that weigh what the message said ("er det mulig?", "är det svårt?")."""


def _deduplicated(parts: List[Part]) -> List[Part]:
    seen: set[Tuple[str, str]] = set()
    kept = []
    for part in parts:
        key = (part.kind, part.text)
        if key not in seen:
            seen.add(key)
            kept.append(part)
    return kept


_CONTINUES = re.compile(
    r"\b(?:fortsatta (?:att |med )?driva|driva vidare|fortsette (?:a |med )?drive|"
    r"drive videre|viderefore|samma sak som (?:forut|tidigare|forr|idag)|"
    r"(?:som|det|vad|noe|nagot) (?:vi|me|ni|dere|de) (?:redan|allerede|allereie|alt) "
    r"(?:gor|gjor|gjer|driver|kor|korer|kjorer|koyrer|erbjuder|tilbyr|holder pa med|"
    r"haller pa med|har igang|har i gang)|"
    r"som (?:redan|allerede|allereie|alt) (?:finns|fins|finst|eksisterer|existerar)|"
    r"vara befintliga|var befintliga|vart befintliga|eksisterende drift|lopande drift|"
    r"lopende drift)\b"
)
"""Folded phrases that say the money is for what the user already runs: the rule that
a project must be new (no operating support) is part of the answer."""


# the names several packages import from the package; the rest from their own module
__all__ = [
    "LONG_MESSAGE_CHARS",
    "_RECENT",
    "Composition",
    "Part",
    "Profile",
    "compose",
    "find_places",
    "head",
    "organisation_in",
    "partner_help_part",
    "partner_part",
    "questions",
    "reading",
    "told",
]
