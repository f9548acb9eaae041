"""Typed schema of the knowledge base.

Every YAML file under ``programme_kb/data`` is validated against these models at
start-up, so a typo made by the secretariat is reported with file, line and field
instead of reaching an applicant.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Dict, List, Literal, Optional

from pydantic import BaseModel, Extra, Field, validator

Lang = Literal["sv", "nb"]
LANGS: tuple[Lang, ...] = ("sv", "nb")
AREA_CODES = ("1A", "1B", "2A", "2B", "3A", "3B", "3C", "4A")


class Strict(BaseModel):
    """Base model: unknown fields are errors, so misspelt keys are caught."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class Text(Strict):
    """One piece of user-facing text in both languages."""

    sv: str = Field(..., min_length=1)
    nb: str = Field(..., min_length=1)

    def __getitem__(self, lang: str) -> str:
        return self.nb if lang == "nb" else self.sv

    @validator("sv", "nb")
    def _not_blank(cls, value: str) -> str:  # noqa: N805 - pydantic signature
        if not value.strip():
            raise ValueError("must not be blank")
        return value.strip()


class Terms(Strict):
    """Words or phrases in both languages (vocabularies, aliases, questions)."""

    sv: List[str] = Field(default_factory=list)
    nb: List[str] = Field(default_factory=list)

    def __getitem__(self, lang: str) -> List[str]:
        return self.nb if lang == "nb" else self.sv

    def all(self) -> List[str]:
        return [*self.sv, *self.nb]


BARE_VERDICT = re.compile(r"^\s*(ja|nej|nei|yes|no|jo)\b", re.IGNORECASE)
"""An answer that opens with a bare yes/no is false for the question's negated wording."""


def _states_the_rule(text: Text) -> Text:
    for lang in ("sv", "nb"):
        if BARE_VERDICT.match(text[lang]):
            raise ValueError(
                f"{lang}: state the rule instead of starting with yes/no "
                "(a negated wording of the question would make it false)"
            )
    return text


SourceId = str


class Sourced(Strict):
    """Anything an officer may change carries where it came from and when: ids of
    public pages in ``sources.yml``, which is what a user is shown."""

    sources: List[SourceId] = Field(..., min_items=1)
    as_of: dt.date


class Source(Strict):
    """A public page an answer rests on, as a user sees it: a title and an address."""

    id: SourceId = Field(..., regex=r"^[a-z0-9_]+$")
    title: Text
    url: Text
    checked: dt.date
    note: Optional[str] = None
    """For the secretariat only (what the page says, what is cut off); never shown."""

    @validator("url")
    def _public_https(cls, value: Text) -> Text:  # noqa: N805
        for lang in ("sv", "nb"):
            if not re.match(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$", value[lang]):
                raise ValueError(f"{lang}: must be a public https:// address")
        return value


class SourcesFile(Strict):
    sources: List[Source] = Field(..., min_items=1)


class Fact(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    topic: str = Field(..., regex=r"^[a-z0-9_]+$")
    text: Text
    supersedes: Optional[str] = None

    _rule = validator("text", allow_reuse=True)(_states_the_rule)


class FactsFile(Strict):
    facts: List[Fact]


class Goal(Sourced):
    id: int = Field(..., ge=1, le=4)
    title: Text
    official_title: Text
    description: Text


class FocusArea(Sourced):
    code: str
    goal: int = Field(..., ge=1, le=4)
    title: Text
    short_label: Text
    aim: Text
    examples: List[Text] = Field(..., min_items=1)
    vocabulary: Terms

    @validator("code")
    def _known_code(cls, value: str) -> str:  # noqa: N805
        if value not in AREA_CODES:
            raise ValueError(f"unknown focus-area code, expected one of {AREA_CODES}")
        return value


class FocusAreasFile(Strict):
    goals: List[Goal] = Field(..., min_items=4, max_items=4)
    areas: List[FocusArea] = Field(..., min_items=8, max_items=8)


class ProjectType(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    name: Text
    aliases: Terms
    description: Text
    duration: Text
    when_to_apply: Text
    budget: Optional[Text] = None
    suits_when: Text


class ProjectTypesFile(Strict):
    project_types: List[ProjectType] = Field(..., min_items=3)


class OrganisationType(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    eligible: Optional[bool]
    """None: the name alone does not decide (a business without its legal form)."""
    question: Optional[Text] = None
    """What to ask when ``eligible`` is None."""
    label: Text
    category: Text
    names: Terms
    reason: Text
    requirements: List[Text] = Field(default_factory=list)


class OutsideArea(Sourced):
    """What an organisation outside the programme area is told instead of a plain yes.

    ``place`` and ``country`` say where the organisation is (``{place}`` is filled in);
    ``rule`` is the programme's rule for actors outside the area; ``requirements`` say
    what to do. ``countries`` are names of other countries and their main cities,
    ``country_adjectives`` the words that place an organisation abroad ("ett danskt
    universitet"); both are matched folded, as whole words.
    """

    place: Text
    country: Text
    foreign: Text
    rule: Text
    requirements: List[Text] = Field(..., min_items=1)
    countries: Terms
    country_adjectives: Terms = Field(default_factory=Terms)


class WithoutLegalEntity(Sourced):
    """What an organisation said to have no legal entity of its own ("en förening
    utan organisationsnummer", "et nettverk uten juridisk enhet") is told instead of
    its type's plain yes: the programme's pages do not say, so an adviser decides.
    ``cues`` are matched folded, as whole words, anywhere in the message."""

    cues: Terms
    rule: Text
    requirements: List[Text] = Field(..., min_items=1)


class EligibilityFile(Strict):
    general_requirements: List[Text]
    general_sources: List[SourceId] = Field(..., min_items=1)
    general_as_of: dt.date
    organisation_types: List[OrganisationType] = Field(..., min_items=5)
    outside_area: Optional[OutsideArea] = None
    without_legal_entity: Optional[WithoutLegalEntity] = None


class Region(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    country: Literal["SE", "NO"]
    name: str
    aliases: List[str] = Field(default_factory=list)
    kind: Text
    status: Literal["in", "partly", "out", "former"]
    note: Text
    sub_area: Optional[str] = None
    successors: List[str] = Field(default_factory=list)
    municipalities: List[str] = Field(default_factory=list)
    municipalities_in_programme: Optional[List[str]] = None


class SubArea(Strict):
    id: str
    name: Text
    description: Text


class PlacesFile(Strict):
    municipality_lists: List[str] = Field(..., min_items=1)
    sub_areas: List[SubArea]
    regions: List[Region]


class TimelineEvent(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    date: Optional[dt.date] = None
    text: Text


class CallWindow(Strict):
    opens: str = Field(..., regex=r"^\d{2}-\d{2}$")
    closes: str = Field(..., regex=r"^\d{2}-\d{2}$")


class CallsFile(Sourced):
    main_project_windows: List[CallWindow]
    windows_from_year: int
    windows_until_year: int
    """The last year the yearly rule is published for: no window is derived after it."""
    rolling: Text
    decision_time: Text
    preparation_time: Text
    timeline: List[TimelineEvent]


class FaqEntry(Sourced):
    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    questions: Terms
    answer: Text
    explains: Optional[str] = None
    """The id of the entry whose rule this entry gives the reason for: "why must we
    have a Norwegian partner?" is this entry, "must we?" the other."""

    _rule = validator("answer", allow_reuse=True)(_states_the_rule)

    @validator("questions")
    def _both_languages(cls, value: Terms) -> Terms:  # noqa: N805
        if not value.sv or not value.nb:
            raise ValueError("needs at least one question in sv and one in nb")
        return value


class FaqFile(Strict):
    faq: List[FaqEntry]

    @validator("faq")
    def _explains_an_entry(cls, value: List[FaqEntry]) -> List[FaqEntry]:  # noqa: N805
        ids = {entry.id for entry in value}
        for entry in value:
            if entry.explains is not None and entry.explains not in ids:
                raise ValueError(
                    f"{entry.id}: explains {entry.explains!r}, which is no FAQ entry"
                )
        return value


class Contact(Sourced):
    name: Text
    email: Optional[str] = None
    phone: Optional[str] = None
    web: Text
    note: Text


class ContactFile(Strict):
    contact: Contact


class OtherProgramme(Strict):
    """A funding programme people confuse with ours; we do not answer for it."""

    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    names: List[str] = Field(..., min_items=1)
    """How people write its name; matched as whole words, case and diacritics ignored."""


class OfficeWords(Strict):
    """Words of a question about the secretariat's office itself (opening hours,
    holidays, visits), which no public page answers; folded, matched as whole words."""

    alone: List[str] = Field(..., min_items=1)
    """Words that ask it by themselves ("öppettider", "åpningstider")."""
    you: List[str] = Field(..., min_items=1)
    """The secretariat addressed ("ni", "dere")."""
    open_or_visit: List[str] = Field(..., min_items=1)
    """With "you": open, closed, on holiday, an office to visit."""
    working: List[str] = Field(..., min_items=1)
    """With "you" and a time word: "jobber dere i romjula"."""
    times: List[str] = Field(..., min_items=1)
    """Holidays, days and seasons."""
    applications: List[str] = Field(..., min_items=1)
    """Words that make "open"/"closed" about a call ("har dere åpent for søknader")."""


class ProgrammeWords(Strict):
    """Words that make a message about applying for or running a project here."""

    starts: List[str] = Field(..., min_items=1)
    """A word starting with one of these counts ("stöd": "stödet", "stödberättigande")."""
    parts: List[str] = Field(..., min_items=1)
    """A word holding one of these anywhere counts ("lägesrapport", "søknadsfrist")."""


class ScopeFile(Strict):
    other_programmes: List[OtherProgramme]
    office: OfficeWords
    programme_words: ProgrammeWords
    organisation_names: List[str] = Field(default_factory=list)
    """Names of organisations that hold words of the focus vocabulary ("Innovasjon
    Norge", "Folkhälsomyndigheten"): naming one says who, not what the idea is about."""


class MessagesFile(Strict):
    """Wording of the library's own answers (not programme facts), both languages."""

    messages: Dict[str, Text]


class FundedProject(Strict):
    """A project the programme funded: a precedent to show beside a suggestion."""

    id: str = Field(..., regex=r"^[a-z0-9_]+$")
    name: str = Field(..., min_length=1)
    sub_area: Literal[
        "nordens_grona_balte", "centrala_skandinavien", "delomradesoverskridande"
    ]
    focus_area: str
    focus_area_basis: Literal["stated", "inferred"]
    language: Literal["sv", "nb"]
    description: str = Field(..., min_length=1)
    url: str = Field(..., regex=r"^https://\S+$")
    as_of: dt.date


class ProjectsFile(Strict):
    """Funded projects; each carries its own public URL instead of a source id."""

    heading: Text
    projects: List[FundedProject] = Field(..., min_items=1)


class VocabularyFile(Strict):
    """Words applicants use for the same thing, across both languages: the FAQ
    retrieval counts them as one word ("forskudd" asks what "förskott" answers)."""

    synonyms: List[List[str]] = Field(..., min_items=1)
    documents: Dict[str, List[str]] = Field(default_factory=dict)
    """The documents of the application and the project ("idéskiss", "delrapport"),
    each with the words and phrases naming it: a question about one document is not
    answered by an entry about another ("hur många sidor får ansökan vara" is not
    the status report's ten pages)."""

    @validator("synonyms", each_item=True)
    def _a_group(cls, group: List[str]) -> List[str]:  # noqa: N805
        if len(group) < 2:
            raise ValueError("a group needs at least two words")
        for word in group:
            if not word.strip() or len(word) > 40 or " " in word.strip():
                raise ValueError(f"{word!r}: one word of at most 40 characters")
        return group

    @validator("documents")
    def _named_documents(
        cls,  # noqa: N805
        documents: Dict[str, List[str]],
    ) -> Dict[str, List[str]]:
        seen: Dict[str, str] = {}
        for doc_id, phrases in documents.items():
            if not re.fullmatch(r"[a-z][a-z0-9_]*", doc_id):
                raise ValueError(f"{doc_id!r}: a document id is lower_snake_case")
            if not phrases:
                raise ValueError(f"{doc_id}: name the document with at least one word")
            for phrase in phrases:
                if not phrase.strip() or len(phrase) > 60:
                    raise ValueError(f"{phrase!r}: a word or phrase of 1-60 characters")
                key = " ".join(phrase.lower().split())
                if seen.setdefault(key, doc_id) != doc_id:
                    raise ValueError(f"{phrase!r} names both {seen[key]} and {doc_id}")
        return documents
