"""Read-only views of the programme in one language: goals, areas, types, calls, area.

Every view carries its source and as-of date, so an answer built from it can say
where it came from. Superseded facts (the 2021 proposal's plans) stay available for
"what did the proposal say", but ``current_facts`` gives the later layer.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional, Tuple

from programme_kb.focus import AreaMatch
from programme_kb.kb import KnowledgeBase
from programme_kb.models import Fact
from programme_kb.text import clean, fold, words, years_meant


@dataclass(frozen=True)
class Sourced:
    text: str
    sources: Tuple[str, ...]
    """Ids in sources.yml; ``public_sources`` turns them into what users see."""
    as_of: dt.date


@dataclass(frozen=True)
class PublicSource:
    title: str
    url: str


MAX_SOURCES_SHOWN = 3
"""A reply names at most this many pages: enough to check, few enough to read."""


def public_sources(
    kb: KnowledgeBase, ids: Iterable[str], lang: str
) -> List[PublicSource]:
    """Title and address of each source in the reply language, each page once."""
    shown: Dict[str, PublicSource] = {}
    for source_id in ids:
        source = kb.sources[source_id]
        url = source.url[lang]
        shown.setdefault(url, PublicSource(source.title[lang], url))
    return list(shown.values())[:MAX_SOURCES_SHOWN]


@dataclass(frozen=True)
class AreaView:
    code: str
    goal: int
    title: str
    short_label: str
    aim: str
    examples: List[str]
    sources: Tuple[str, ...]
    as_of: dt.date


@dataclass(frozen=True)
class GoalView:
    id: int
    title: str
    official_title: str
    description: str
    areas: List[AreaView]


@dataclass(frozen=True)
class ProjectTypeView:
    id: str
    name: str
    description: str
    duration: str
    when_to_apply: str
    budget: Optional[str]
    suits_when: str
    sources: Tuple[str, ...]
    as_of: dt.date


@dataclass(frozen=True)
class CallWindowView:
    opens: dt.date
    closes: dt.date
    open_now: bool


@dataclass(frozen=True)
class CallsView:
    next_window: Optional[CallWindowView]
    rolling: str
    decision_time: str
    preparation_time: str
    timeline: List[Sourced]
    sources: Tuple[str, ...]
    as_of: dt.date


def fact(kb: KnowledgeBase, fact_id: str, lang: str) -> Sourced:
    item = kb.fact(fact_id)
    return Sourced(item.text[lang], tuple(item.sources), item.as_of)


def current_facts(kb: KnowledgeBase, topic: str, lang: str) -> List[Sourced]:
    """Facts of a topic that no later fact supersedes, oldest first."""
    superseded = {f.supersedes for f in kb.facts.values() if f.supersedes}
    items: List[Fact] = [f for f in kb.facts_about(topic) if f.id not in superseded]
    return [Sourced(f.text[lang], tuple(f.sources), f.as_of) for f in items]


def focus_areas(kb: KnowledgeBase, lang: str) -> List[AreaView]:
    return [
        AreaView(
            a.code, a.goal, a.title[lang], a.short_label[lang], a.aim[lang],
            [e[lang] for e in a.examples], tuple(a.sources), a.as_of,
        )
        for a in kb.areas.values()
    ]  # fmt: skip


def focus_area(kb: KnowledgeBase, code: str, lang: str) -> Optional[AreaView]:
    code = code.strip().upper()
    return next((a for a in focus_areas(kb, lang) if a.code == code), None)


def goals(kb: KnowledgeBase, lang: str) -> List[GoalView]:
    areas = focus_areas(kb, lang)
    return [
        GoalView(
            g.id, g.title[lang], g.official_title[lang], g.description[lang],
            [a for a in areas if a.goal == g.id],
        )
        for g in kb.goals
    ]  # fmt: skip


def project_types(kb: KnowledgeBase, lang: str) -> List[ProjectTypeView]:
    return [
        ProjectTypeView(
            p.id, p.name[lang], p.description[lang], p.duration[lang], p.when_to_apply[lang],
            p.budget[lang] if p.budget else None, p.suits_when[lang], tuple(p.sources), p.as_of,
        )
        for p in kb.project_types.values()
    ]  # fmt: skip


def next_call_window(kb: KnowledgeBase, today: dt.date) -> Optional[CallWindowView]:
    """The main-project window open today or the next one, from the yearly schedule.

    None after the last year the rule is published for: dates after it are not known."""
    calls = kb.calls
    best: Optional[CallWindowView] = None
    for year in (today.year - 1, today.year, today.year + 1):
        if not calls.windows_from_year <= year <= calls.windows_until_year:
            continue
        for window in calls.main_project_windows:
            opens = _day(year, window.opens)
            closes = _day(year, window.closes)
            if closes < opens:
                closes = _day(year + 1, window.closes)
            if closes < today:
                continue
            view = CallWindowView(opens, closes, opens <= today <= closes)
            if best is None or view.opens < best.opens:
                best = view
    return best


def calls(kb: KnowledgeBase, lang: str, today: Optional[dt.date] = None) -> CallsView:
    data = kb.calls
    return CallsView(
        next_window=next_call_window(kb, today or dt.date.today()),
        rolling=data.rolling[lang],
        decision_time=data.decision_time[lang],
        preparation_time=data.preparation_time[lang],
        timeline=[
            Sourced(e.text[lang], tuple(e.sources), e.as_of) for e in data.timeline
        ],
        sources=tuple(data.sources),
        as_of=data.as_of,
    )


_APPLYING = re.compile(
    r"\b(?:soka|soke|sokje|ansoka|ansokan|ansokningen|soknad|soknaden|skicka in|"
    r"sende inn|senda inn|lamna in|levere|utlysning\w*|frist\w*|deadline|"
    r"ansokningsomgang\w*|soknadsrunde\w*)\b"
)


def asks_when_to_apply(kb: KnowledgeBase, text: str) -> bool:
    """Does the message ask about applying at a time ("kan vi skicka in ansökan om
    huvudprojekt i maj", "er fristen i mars for forprosjekt")? The calls card (the
    windows, and which types are rolling) answers it, not a project type's card.
    A month or a season is named ("kan vi søke i høst?"), and applying, a call or a
    deadline."""
    folded = " ".join(words(fold(clean(text))))
    tokens = set(folded.split())
    months = {
        fold(m.strip())
        for lang in ("sv", "nb")
        for m in kb.message("month_names", lang).split(",")
    }
    return bool(tokens & (months | _SEASONS)) and bool(_APPLYING.search(folded))


def asks_after_the_schedule(kb: KnowledgeBase, text: str) -> bool:
    """Does the message ask only about years after the last one the yearly rule is
    published for ("utlysning 2029?")? No window is derived for them: the dates are
    not published, and the next window of the card is no answer."""
    years = years_meant(text)
    return bool(years) and min(years) > kb.calls.windows_until_year


_SEASONS = frozenset(
    fold(w)
    for w in (
        *("höst", "hösten", "høst", "høsten", "haust", "hausten", "våren", "vårens"),
        *("vinter", "vintern", "vinteren", "sommar", "sommaren", "sommer", "sommeren"),
        *("jul", "julen", "påsk", "påsken", "påske", "nyår", "nyttår", "årsskiftet"),
    )
)
"""Times of the year an applicant names instead of a month ("vår" alone is "our")."""


def _day(year: int, month_day: str) -> dt.date:
    month, day = (int(x) for x in month_day.split("-"))
    return dt.date(year, month, day)


@dataclass(frozen=True)
class EligibilityRulesView:
    categories: List[str]
    """The page's categories of organisations that may apply, in page order."""
    not_eligible: List[str]
    general_requirements: List[str]
    sources: Tuple[str, ...]
    as_of: dt.date


def eligibility_rules(kb: KnowledgeBase, lang: str) -> EligibilityRulesView:
    data = kb.eligibility
    categories: List[str] = []
    for org in data.organisation_types:
        if org.eligible and org.category[lang] not in categories:
            categories.append(org.category[lang])
    return EligibilityRulesView(
        categories=categories,
        not_eligible=[
            o.label[lang] for o in data.organisation_types if o.eligible is False
        ],
        general_requirements=[r[lang] for r in data.general_requirements],
        sources=tuple(data.general_sources),
        as_of=data.general_as_of,
    )


def funded_projects(kb: KnowledgeBase, match: AreaMatch, lang: str) -> Optional[str]:
    """The area's funded projects most like the idea, as a paragraph with public links
    (an applicant learns most from a precedent); None when there are none."""
    if not match.projects or kb.projects_heading is None:
        return None
    heading = kb.projects_heading[lang].format(code=match.code)
    return heading + "\n" + "\n".join(f"• {p.name} – {p.url}" for p in match.projects)
