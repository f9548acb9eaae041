"""The reply contract: every card the assistant sends as a message's ``custom`` part.

A reply's text says everything in full sentences; a card carries the same answer as
data for the widget (``bot/web/widget.js``), the shell's card printer
(``bot/runtime/console_cards.py``) and the secretariat's report
(``bot/secretariat/report/``), which reads the cards back from the tracker store.
These TypedDicts are that shape, written once: the payload builders return them, and
tests/kb/test_contract.py checks that every card type and key the widget and the
report read is declared here, and that what the builders send has exactly these keys.
Examples of whole cards are in docs/conversation-cards.md.

Every card has ``type`` and ``language`` ("sv" or "nb", the reply's). A card whose
answer rests on knowledge-base facts also has ``sources`` and ``source_line``
(added by ``actions.common.send_sourced``). Pure: imports nothing but ``typing``.
"""

from __future__ import annotations

from typing import Dict, List, Literal, Optional, Sequence, TypedDict, Union

# --- parts shared by several cards ----------------------------------------------------


class SourceLink(TypedDict):
    """A public page a reply rests on: its title in the reply's language and its URL."""

    title: str
    url: str


class Sourced(TypedDict, total=False):
    """What a card resting on knowledge-base facts carries besides its own keys."""

    sources: List[SourceLink]
    source_line: str
    """The reply's text line naming the sources; the widget shows it as links."""


class ProfileData(TypedDict):
    """What the conversation remembers about the user (``programme_kb.compose.Profile``)."""

    organisation_type: Optional[str]
    side: Optional[str]
    place: Optional[str]
    project_idea: Optional[str]
    project_type: Optional[str]


class WithProfile(Sourced, total=False):
    profile: ProfileData
    """Sent when the reply used or updated what the conversation remembers."""


# --- the cards ------------------------------------------------------------------------


class AnswerCard(WithProfile):
    """Facts, an FAQ entry chosen in context or a follow-up; ``answer`` names what was
    answered ("topic:ask_budget", "calls", "faq:<entry>", "context:<kind>", …)."""

    type: Literal["answer"]
    language: str
    answer: str


class FaqHit(TypedDict):
    """One FAQ entry as the retrieval scored it (``programme_kb.faq.FaqAnswer``)."""

    entry_id: str
    question: str
    answer: str
    score: float
    sources: Sequence[str]
    """Source ids in the knowledge base (the card's ``sources`` are the public pages);
    a JSON list on the wire."""
    as_of: str


class FaqCard(Sourced):
    type: Literal["faq"]
    language: str
    answered: bool
    best: Optional[FaqHit]
    alternatives: List[FaqHit]
    reason: Optional[str]
    """Why nothing was answered ("records", …); None otherwise."""


class EligibilityCard(Sourced):
    type: Literal["eligibility"]
    language: str
    eligible: Optional[bool]
    """None when the type is unknown or only an adviser can decide."""
    organisation_type: str
    """An id of organisation_types in the knowledge base, or "unknown"."""
    reasons: List[str]
    requirements: List[str]


class PlaceMatchData(TypedDict):
    name: str
    kind: Literal["region", "municipality"]
    region: str
    region_name: str
    country: str
    status: str
    in_programme: Union[bool, Literal["partly"]]
    note: str
    sub_area: Optional[str]
    successors: List[str]


class PlaceCard(Sourced):
    type: Literal["place"]
    language: str
    query: str
    matches: List[PlaceMatchData]
    reason: Optional[str]


class FundedProjectLink(TypedDict):
    """A funded project shown under a suggestion (name, page, sub-area, its language)."""

    name: str
    url: str
    sub_area: str
    language: str


Strength = Literal["strong", "clear", "weak"]
"""How much of the description points to an area (the score counts matched terms)."""


class _FocusAreaRequired(TypedDict):
    code: str
    """1A 1B 2A 2B 3A 3B 3C 4A."""
    title: str
    score: float
    strength: Strength
    why: List[str]
    """The matched terms, in the reply's language."""
    summary: str


class FocusAreaItem(_FocusAreaRequired, total=False):
    projects: List[FundedProjectLink]


class FocusAreasCard(Sourced):
    """Best first, at most three items."""

    type: Literal["focus_areas"]
    language: str
    items: List[FocusAreaItem]


class ContactCard(Sourced):
    """The secretariat's contact details from contact.yml; null when not published."""

    type: Literal["contact"]
    language: str
    name: str
    email: Optional[str]
    phone: Optional[str]
    web: str


class NotKnownCard(TypedDict):
    """The honest "I do not know" (or "I only know Interreg Sverige–Norge")."""

    type: Literal["not_known"]
    language: str


class NewConversationCard(TypedDict):
    type: Literal["new_conversation"]
    language: str


class LanguageCard(TypedDict):
    """The answer to "svara på norska" (domain.yml's utter_language_changed)."""

    type: Literal["language"]
    language: str


class _CompoundPartRequired(TypedDict):
    kind: str
    """eligibility, place, focus, answer, not_known, partner, project_type, next_step."""
    text: str


class CompoundPart(_CompoundPartRequired, total=False):
    data: Dict[str, object]
    """The part's own data; for eligibility and focus their card."""


class CompoundCard(WithProfile):
    """Several things answered in one reply, in order."""

    type: Literal["compound"]
    language: str
    parts: List[CompoundPart]


class SummaryArea(TypedDict):
    code: str
    title: str
    why: List[str]


class SummaryProjectType(TypedDict):
    id: str
    name: str
    why: str


class SummaryCard(Sourced):
    """The project-idea summary to send with the idea sketch."""

    type: Literal["summary"]
    language: str
    organisation_type: Optional[str]
    side: Optional[str]
    place: Optional[str]
    project_idea: Optional[str]
    who: Optional[str]
    partner: Optional[str]
    focus_areas: List[SummaryArea]
    project_type: Optional[SummaryProjectType]
    next_step: str
    adviser: str
    missing: List[str]
    disclaimer: str


Card = Union[
    AnswerCard,
    FaqCard,
    EligibilityCard,
    PlaceCard,
    FocusAreasCard,
    ContactCard,
    NotKnownCard,
    NewConversationCard,
    LanguageCard,
    CompoundCard,
    SummaryCard,
]

CARDS: Dict[str, type] = {
    "answer": AnswerCard,
    "faq": FaqCard,
    "eligibility": EligibilityCard,
    "place": PlaceCard,
    "focus_areas": FocusAreasCard,
    "contact": ContactCard,
    "not_known": NotKnownCard,
    "new_conversation": NewConversationCard,
    "language": LanguageCard,
    "compound": CompoundCard,
    "summary": SummaryCard,
}
"""Each card by its ``type``."""
