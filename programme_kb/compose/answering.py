"""Answering one question of a message, with what the conversation already knows.

The FAQ first; a close call between entries settled by the project or
organisation type the user named; the rule for partners outside the area; a short
follow-up ("och hur länge kan den pågå?") resolved with the remembered project
type; else an honest "not known" that offers the close entries.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from typing import List, Optional

from programme_kb.compose.message import _QUESTION_WORDS, _words
from programme_kb.compose.partner import (
    _PARTNER_ENTRIES,
    partner_help_part,
    partner_part,
)
from programme_kb.compose.parts import Part, _eligibility_part, _faq_part, _label
from programme_kb.compose.profile import (
    Profile,
    _project_type,
    find_places,
    organisation_in,
)
from programme_kb.faq import (
    SUGGEST_THRESHOLD,
    FaqAnswer,
    FaqResult,
    asks_for_detail,
    facets,
)
from programme_kb.service import Snapshot
from programme_kb.text import fold, stop_words


def _answer_part(
    snap: Snapshot, question: str, lang: str, known: Profile, ask_again: bool = True
) -> Part:
    """The answer to one question of a message; ``ask_again=False`` (a long message):
    one FAQ look-up for it, no second one with the project type told."""
    kb = snap.kb
    faq = snap.faq.answer(question, lang)
    if faq.answered and faq.best is not None and _of_another_type(snap, faq, known):
        # "… ett småskaligt projekt …? hur mycket kan man få max?": the förstudie's
        # maximum is no answer; the type told asks again, or we say we cannot
        again = (
            snap.faq.answer(f"{_type_name(snap, known, lang)}: {question}", lang)
            if ask_again
            else faq
        )
        faq = again if not _of_another_type(snap, again, known) else _unsure(faq)
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
    helping = partner_help_part(kb, question, lang)
    if helping is not None:  # "kor finn vi ein partnar?", whatever else is close
        return replace(helping, data={**helping.data, "question": question})
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


def _of_another_type(snap: Snapshot, faq: FaqResult, known: Profile) -> bool:
    """Is the answer an entry about a project type other than the one told?"""
    if faq.best is None or not known.project_type:
        return False
    types = snap.faq.project_types_of(faq.best.entry_id)
    return bool(types) and known.project_type not in types


def _type_name(snap: Snapshot, known: Profile, lang: str) -> str:
    ptype = snap.kb.project_types[known.project_type or ""]
    return str(ptype.name[lang])


def _unsure(faq: FaqResult) -> FaqResult:
    """The result with its answer withdrawn: a close call, not an answer."""
    return replace(faq, reason="another_type")


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
    if snap.faq.vocabulary.unknown_words(question):
        return None  # "hur beskattas stödet för ett AB?": a subject we never mention
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
    # det för oss att vi är ett företag?": the entry on companies) and the question
    # is about the organisation, not a subject of its own ("vad innebär statsstöd för
    # ett företag som deltar?")
    named = organisation_in(snap, question, lang).matched
    if _subject_beside(question, named):
        # the subject settles it, asked without the organisation
        rest = re.sub(re.escape(named), " ", question, flags=re.I) if named else ""
        subject = snap.faq.answer(rest, lang) if rest else None
        if subject and subject.answered and subject.best:
            return subject.best if subject.best.entry_id in close else None
        return None
    for own_words in (_label(kb, known.organisation_type, lang), named):
        own = snap.faq.answer(own_words, lang) if own_words else None
        if own and own.answered and own.best and own.best.entry_id in close:
            return own.best
    return None


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
    for_us = _WHAT_FOR_US.search(text)
    if for_us and not _own_subject(snap, text, lang, for_us):
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


def _own_subject(snap: Snapshot, text: str, lang: str, for_us: re.Match[str]) -> bool:
    """Does "what does it mean for us" come with its own subject, which the FAQ
    answers ("statsstöd, vad innebär det för oss?")? Then it is no follow-up."""
    rest = f"{text[: for_us.start()]} {text[for_us.end() :]}"
    return _subject_beside(rest, None) and snap.faq.answer(text, lang).answered


_MEANING_WORDS = frozenset(
    fold(w)
    for w in (
        *("betyder", "betyda", "innebär", "innebära", "gäller", "påverkar", "betyr"),
        *("bety", "innebærer", "inneber", "gjelder", "gjeld", "påvirker"),
    )
)


def _subject_beside(question: str, organisation: Optional[str]) -> bool:
    """Does the question name something beside the organisation (if any) and the
    words that ask what something means for it ("statsstöd" in "vad innebär statsstöd
    för ett företag som deltar?" and in "statsstöd, vad innebär det för oss?")?"""
    own = {fold(w) for w in _words(organisation or "")}
    stop = stop_words()
    return any(
        w not in stop
        and w not in own
        and w not in _MEANING_WORDS
        and w not in _QUESTION_WORDS
        and len(w) > 2
        for w in (fold(x) for x in _words(question))
    )
