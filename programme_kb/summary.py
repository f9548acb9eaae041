"""A project-idea summary for the idea sketch: what the conversation has established.

Built from the remembered ``Profile`` only (nothing the user did not say is added
about them): who they are, the partner they need on the other side, the likely focus
area(s) with the words that point there, the project type that fits, the next step
and whom to contact. It says plainly that it is guidance, not an assessment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Dict, List, Optional, Tuple

from programme_kb.compose.partner import partner_part
from programme_kb.compose.parts import sub_area_name
from programme_kb.compose.profile import Profile
from programme_kb.contract import SummaryArea, SummaryCard, SummaryProjectType
from programme_kb.service import Snapshot

SUMMARY_AREAS = 2
SMALL_SCALE_FITS = frozenset({"non_profit_association"})
"""Organisation types the small-scale project is described for ("en förening, en klubb");
everyone else who has not named a type gets the pre-study, which fits "when the
partnership across the border is not yet clear" – what a summary cannot know."""


@dataclass(frozen=True)
class Summary:
    language: str
    who: Optional[str]
    partner: Optional[str]
    focus: List[SummaryArea]
    project_type: Optional[SummaryProjectType]
    next_step: str
    adviser: str
    missing: List[str]
    disclaimer: str
    sources: Tuple[str, ...]
    as_of: dt.date
    profile: Profile

    def text(self, kb_message) -> str:  # type: ignore[no-untyped-def]
        """The plain-text version (rasa shell, screen readers, copy as text)."""
        lang = self.language
        lines = [kb_message("summary_title", lang)]
        if self.who:
            lines.append(kb_message("summary_who", lang, value=self.who))
        if self.partner:
            lines.append(kb_message("summary_partner", lang, value=self.partner))
        if self.focus:
            areas = "; ".join(
                f"{f['code']} {f['title']} ({', '.join(str(w) for w in f['why'])})"
                for f in self.focus
            )
            lines.append(kb_message("summary_focus", lang, value=areas))
        if self.project_type:
            lines.append(
                kb_message(
                    "summary_type",
                    lang,
                    value=f"{self.project_type['name']} – {self.project_type['why']}",
                )
            )
        lines.append(kb_message("summary_next", lang, value=self.next_step))
        lines.append(kb_message("summary_adviser", lang, value=self.adviser))
        if self.missing:
            lines.append(
                kb_message("summary_missing", lang, value=", ".join(self.missing))
            )
        lines.append(self.disclaimer)
        return "\n".join(lines)

    def payload(self) -> Dict[str, object]:
        """The ``summary`` card (``programme_kb.contract``; docs/conversation-cards.md)."""
        card: SummaryCard = {
            "type": "summary",
            "language": self.language,
            "organisation_type": self.profile.organisation_type,
            "side": self.profile.side,
            "place": self.profile.place,
            "project_idea": self.profile.project_idea,
            "who": self.who,
            "partner": self.partner,
            "focus_areas": self.focus,
            "project_type": self.project_type,
            "next_step": self.next_step,
            "adviser": self.adviser,
            "missing": self.missing,
            "disclaimer": self.disclaimer,
        }
        return dict(card)


def summarise(snap: Snapshot, profile: Profile, lang: str) -> Summary:
    """The summary of what the user has told, in their language."""
    lang = "nb" if lang == "nb" else "sv"
    kb = snap.kb
    sources: List[str] = []
    dates: List[dt.date] = []
    who = _who(snap, profile, lang)
    org = kb.organisation_types.get(profile.organisation_type or "")
    if org:
        sources += org.sources
        dates.append(org.as_of)
    partner = partner_part(snap, profile, lang)
    if partner is None:
        fact = kb.facts["two_applicants"]
        partner_text = fact.text[lang]
        sources += fact.sources
        dates.append(fact.as_of)
    else:
        partner_text = partner.text
        sources += partner.sources
        dates.append(partner.as_of)
    focus: List[SummaryArea] = []
    if profile.project_idea:
        ranked = snap.focus.rank(profile.project_idea, lang, 3)
        for match in ranked.items[:SUMMARY_AREAS]:
            focus.append(
                {"code": match.code, "title": match.title, "why": list(match.why)}
            )
            area = kb.areas[match.code]
            sources += area.sources
            dates.append(area.as_of)
    type_id = profile.project_type or (
        "smaskalaprosjekt"
        if profile.organisation_type in SMALL_SCALE_FITS
        else "forprosjekt"
    )
    ptype = kb.project_types[type_id]
    why = (
        kb.message("summary_type_told", lang)
        if profile.project_type
        else ptype.suits_when[lang]
    )
    sources += ptype.sources
    dates.append(ptype.as_of)
    source = kb.sources["isn_nya_projektideer"]
    if profile.side in ("se", "no"):
        url = source.url.sv if profile.side == "se" else source.url.nb
        adviser = kb.message(f"summary_adviser_{profile.side}", lang, url=url)
    else:
        adviser = kb.message(
            "summary_adviser_any", lang, url_se=source.url.sv, url_no=source.url.nb
        )
    fact = kb.facts["idea_sketch"]
    sources += fact.sources
    dates.append(fact.as_of)
    missing = [
        kb.message(key, lang)
        for key, value in (
            ("summary_missing_organisation", profile.organisation_type),
            ("summary_missing_place", profile.place or profile.side),
            ("summary_missing_idea", profile.project_idea),
        )
        if not value
    ]
    return Summary(
        language=lang,
        who=who,
        partner=partner_text,
        focus=focus,
        project_type={"id": ptype.id, "name": ptype.name[lang], "why": why},
        next_step=fact.text[lang],
        adviser=adviser,
        missing=missing,
        disclaimer=kb.message("summary_disclaimer", lang),
        sources=tuple(dict.fromkeys(sources)),
        as_of=max(dates),
        profile=profile,
    )


def _who(snap: Snapshot, profile: Profile, lang: str) -> Optional[str]:
    kb = snap.kb
    org = kb.organisation_types.get(profile.organisation_type or "")
    parts = []
    if org:
        parts.append(str(org.label[lang]))
    if profile.place:
        found = snap.places.find(profile.place, lang)
        sub = (
            sub_area_name(kb, found.matches[0].sub_area, lang)
            if found.matches
            else None
        )
        place = profile.place + (f" ({sub})" if sub else "")
        parts.append(kb.message("summary_in_place", lang, place=place))
    if profile.side in ("se", "no"):
        parts.append(kb.message(f"summary_side_{profile.side}", lang))
    return ", ".join(parts) if parts else None
