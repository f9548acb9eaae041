"""The parts of a composed reply, each with the knowledge-base sources it rests on.

``Part`` and ``Composition`` (the ``compound`` card) and the builders of the parts
that answer one recogniser each: the eligibility verdict, a place, a focus area, an
FAQ entry, the next step.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Dict, List, Optional, Tuple

from programme_kb.compose.profile import SIDES, Profile, shown_name
from programme_kb.eligibility import EligibilityResult
from programme_kb.faq import FaqAnswer, entry_answer
from programme_kb.focus import AreaMatch, FocusResult
from programme_kb.kb import KnowledgeBase
from programme_kb.listing import funded_projects
from programme_kb.places import PlaceMatch
from programme_kb.service import Snapshot
from programme_kb.text import fold


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
    qualifier = general.without_legal_entity if result.without_legal_entity else None
    if qualifier is not None:  # the rule it states is the qualifier's
        sources, as_of = (*qualifier.sources, *sources), qualifier.as_of
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


SHOWN_AREAS = 3
NEAR_ONE_WORD = 0.8
"""One word for the first area and one for the next, at least this share as strong:
the words point to both areas and neither is called the best fit. On the compound dev
sets it turned one wrong first area into an honest pair and cost no right one (any
share from 0.6 to 0.8 gave the same)."""
"""Focus areas a composed reply names (as the focus-area card does), more only when
more are tied on the idea's words."""


def _focus_part(snap: Snapshot, idea: str, lang: str, message: str = "") -> Part:
    """The focus-area suggestion for the idea; ``message``: the whole message the
    idea was told in ("" when it was told earlier), which breaks ties between areas
    the idea names one word each."""
    kb = snap.kb
    # every area the idea names, so a tie is broken before three are kept
    result: FocusResult = snap.focus.rank(idea, lang, len(kb.areas))
    if not result.items:
        return Part(
            "focus",
            kb.message("compose_focus_none", lang),
            (),
            max(a.as_of for a in kb.areas.values()),
            result.payload(),
        )
    items, decided_by, extra = _tie_broken(snap, result.items, idea, message, lang)
    best = items[0]
    tied = [m for m in items if _same(m.score, best.score)]
    if len(tied) == 1 and len(best.why) == 1 and len(items) > 1:
        runner_up = items[1]
        if len(runner_up.why) == 1 and runner_up.score >= NEAR_ONE_WORD * best.score:
            # one word for each of two areas, nearly as strong: the words point to
            # both, and neither is called the best fit
            tied = [best, runner_up]
    items = items[: max(SHOWN_AREAS, len(tied))]  # every tied area is named
    result = replace(result, items=items)
    evidence = _evidence(best, tied)
    if evidence == "words":
        text = kb.message(
            "compose_focus",
            lang,
            code=best.code,
            title=best.title,
            why=", ".join(best.why),
        )
        shown = [best]
    else:
        text = _thin_evidence(kb, tied, decided_by, extra, lang)
        shown = tied
    # beside one word, another area's one (weaker) word is as much of a hint
    others = [
        m
        for m in items
        if m not in shown and (evidence != "words" or m.strength != "weak")
    ]
    if others:
        text += " " + kb.message(
            "compose_focus_also",
            lang,
            areas=", ".join(f"{m.code} {m.title}" for m in others),
        )
    if evidence != "words":
        text += " " + kb.message("compose_focus_more", lang)
    text += " " + kb.message("compose_focus_guidance", lang)
    precedents = funded_projects(kb, best, lang)
    if precedents:
        text += "\n\n" + precedents
    area = kb.areas[best.code]
    return Part(
        "focus",
        text,
        tuple(area.sources),
        area.as_of,
        {**result.payload(projects=True), "evidence": evidence},
    )


def _evidence(best: AreaMatch, tied: List[AreaMatch]) -> str:
    """What the suggestion rests on, for readers of the card (the bench, the widget):
    "words" (several terms, or one term of several words such as "smarta elnät",
    for the first area alone), "one_word" (one word, one area) or "several" (areas
    tied on one term each, or one term listed for several areas)."""
    if len(best.why) > 1:
        return "words"
    if len(tied) > 1:
        return "several"
    return "words" if " " in best.why[0].strip() else "one_word"


def _same(a: float, b: float) -> bool:
    """Equal scores: the same evidence (one listed word each) for two areas."""
    return abs(a - b) < 1e-9


def _tie_broken(
    snap: Snapshot, items: List[AreaMatch], idea: str, message: str, lang: str
) -> Tuple[List[AreaMatch], Optional[str], List[str]]:
    """Areas the idea scores equally, ordered by the whole message's words (the
    organisation and what else it says: "en ideell förening … idrott"), then by the
    funded projects and examples most like the idea; what decided the first
    ("message", "precedents", None when nothing did or nothing was tied) and, when
    the message did, its words outside the idea that decided ("förening").

    On the compound dev sets this fixed four wrong first areas and broke none;
    the idea's own words still decide whenever they differ in weight."""
    if len(items) < 2 or not _same(items[0].score, items[1].score):
        return items, None, []
    ranked = snap.focus.rank(message, lang, 8).items if message != idea else []
    whole = {m.code: m.score for m in ranked}
    like = snap.focus.precedent_scores(idea, lang)
    ordered = sorted(
        items,
        key=lambda m: (
            -round(m.score, 9),
            -whole.get(m.code, 0.0),
            -like.get(m.code, 0.0),
        ),
    )
    first, second = ordered[0], ordered[1]
    if not _same(first.score, second.score):
        return ordered, None, []
    if not _same(whole.get(first.code, 0.0), whole.get(second.code, 0.0)):
        said = next(m.why for m in ranked if m.code == first.code)
        extra = [w for w in said if w not in first.why]
        return ordered, ("message" if extra else None), extra
    if not _same(like.get(first.code, 0.0), like.get(second.code, 0.0)):
        return ordered, "precedents", []
    return ordered, None, []


def _thin_evidence(
    kb: KnowledgeBase,
    tied: List[AreaMatch],
    decided_by: Optional[str],
    extra: List[str],
    lang: str,
) -> str:
    """The suggestion told as what it is: one word for one area, or one word (or
    one each) for several areas, without calling any of them the best fit."""
    best = tied[0]
    if len(tied) == 1:
        return kb.message(
            "compose_focus_thin",
            lang,
            code=best.code,
            title=best.title,
            why=best.why[0],
        )
    words = {w for m in tied for w in m.why}
    if len(words) == 1:
        text = kb.message(
            "compose_focus_shared_word",
            lang,
            word=best.why[0],
            areas=", ".join(f"{m.code} {m.title}" for m in tied),
        )
    else:
        text = kb.message(
            "compose_focus_several",
            lang,
            areas=", ".join(f"{m.code} {m.title} ({m.why[0]})" for m in tied),
        )
    if decided_by is not None:
        text += " " + kb.message(
            f"compose_focus_first_{decided_by}",
            lang,
            code=best.code,
            title=best.title,
            words=", ".join(extra),
        )
    return text


def _ask_organisation(kb: KnowledgeBase, lang: str) -> Part:
    fact = kb.facts["who_may_apply"]
    text = " ".join([fact.text[lang], kb.message("compose_ask_organisation", lang)])
    return Part(
        "eligibility", text, tuple(fact.sources), fact.as_of, {"eligible": None}
    )


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
