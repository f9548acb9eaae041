"""The loaded knowledge base: every data file, validated together.

Loading is all or nothing: if any file or cross-reference is wrong, ``load`` raises
``KnowledgeBaseError`` listing every problem, and callers keep serving what they had.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Set, Tuple, Type, TypeVar

from pydantic import BaseModel

from programme_kb.loader import (
    FILES,
    OPTIONAL_FILES,
    KnowledgeBaseError,
    Problem,
    data_dir,
    located,
    parse_file,
)
from programme_kb.models import (
    AREA_CODES,
    CallsFile,
    Contact,
    ContactFile,
    EligibilityFile,
    Fact,
    FactsFile,
    FaqEntry,
    FaqFile,
    FocusArea,
    FocusAreasFile,
    FundedProject,
    Goal,
    MessagesFile,
    OrganisationType,
    PlacesFile,
    ProjectsFile,
    ProjectType,
    ProjectTypesFile,
    Region,
    ScopeFile,
    Source,
    SourcesFile,
    Text,
    VocabularyFile,
)
from programme_kb.text import fold

_TOKEN = re.compile(r"[\wÅÄÖÆØåäöæøéü-]+")

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class KnowledgeBase:
    """Immutable snapshot of the programme data; safe to share between threads."""

    facts: Dict[str, Fact]
    goals: List[Goal]
    areas: Dict[str, FocusArea]
    project_types: Dict[str, ProjectType]
    eligibility: EligibilityFile
    places: PlacesFile
    calls: CallsFile
    faq: List[FaqEntry]
    contact: Contact
    messages: Dict[str, Text]
    scope: ScopeFile
    sources: Dict[str, Source]
    directory: Path
    projects: List[FundedProject] = field(default_factory=list)
    projects_heading: Optional[Text] = None
    synonyms: List[List[str]] = field(default_factory=list)
    documents: Dict[str, List[str]] = field(default_factory=dict)
    """Each document of the application and the project, with the words naming it."""

    @property
    def organisation_types(self) -> Dict[str, OrganisationType]:
        return {o.id: o for o in self.eligibility.organisation_types}

    @property
    def regions(self) -> Dict[str, Region]:
        return {r.id: r for r in self.places.regions}

    def facts_about(self, topic: str) -> List[Fact]:
        return [f for f in self.facts.values() if f.topic == topic]

    def fact(self, fact_id: str) -> Fact:
        return self.facts[fact_id]

    def project_types_named(self, text: str) -> List[str]:
        """Project types a text names ("förstudie", "småskaligt projekt"), in KB order;
        a long alias also counts inside a compound word ("förstudiemedel")."""
        folded = f" {' '.join(fold(w) for w in _TOKEN.findall(text))} "
        found = []
        for type_id, ptype in self.project_types.items():
            names = [*ptype.aliases.all(), ptype.name.sv, ptype.name.nb]
            if any(f" {fold(a)} " in folded for a in names if a) or any(
                len(a) >= 8 and fold(a) in folded for a in ptype.aliases.all()
            ):
                found.append(type_id)
        return found

    def place_names(self) -> List[str]:
        """Every name a place goes by: each region's name, aliases and municipalities."""
        return [
            name
            for region in self.places.regions
            for name in (region.name, *region.aliases, *region.municipalities)
        ]

    def documents_named(self, text: str) -> FrozenSet[str]:
        """Documents a text names ("idéskissen", "ansökan om utbetalning"): the longest
        phrase at each word wins, so "ansökan om utbetalning" is the payment claim and
        not also the application."""
        tokens = [fold(w) for w in _TOKEN.findall(text)]
        found: Set[str] = set()
        i = 0
        while i < len(tokens):
            for phrase, doc_id in self._document_phrases:
                if tokens[i : i + len(phrase)] == list(phrase):
                    found.add(doc_id)
                    i += len(phrase) - 1
                    break
            i += 1
        return frozenset(found)

    @functools.cached_property
    def _document_phrases(self) -> List[Tuple[Tuple[str, ...], str]]:
        """Every document phrase as folded words, the longest first (a phrase with no
        word, "—", names nothing)."""
        phrases = [
            (tuple(fold(w) for w in _TOKEN.findall(phrase)), doc_id)
            for doc_id, names in self.documents.items()
            for phrase in names
        ]
        return sorted((p for p in phrases if p[0]), key=lambda item: -len(item[0]))

    def message(self, key: str, lang: str, **values: object) -> str:
        """A library message in the given language, with ``{placeholders}`` filled."""
        return self.messages[key][lang].format(**values)

    def goal(self, goal_id: int) -> Goal:
        return next(g for g in self.goals if g.id == goal_id)


def _duplicates(name: str, field: str, ids: List[str]) -> List[Problem]:
    seen: set[str] = set()
    problems = []
    for i, value in enumerate(ids):
        if value in seen:
            problems.append(
                Problem(name, 1, f"{field}[{i}]", f"duplicate id {value!r}")
            )
        seen.add(value)
    return problems


def _get(parsed: Dict[str, BaseModel], name: str, model: Type[M]) -> M:
    value = parsed[name]
    assert isinstance(value, model)
    return value


def _projects(parsed: Dict[str, BaseModel]) -> List[FundedProject]:
    value = parsed.get("projects.yml")
    return list(value.projects) if isinstance(value, ProjectsFile) else []


def _projects_heading(parsed: Dict[str, BaseModel]) -> Optional[Text]:
    value = parsed.get("projects.yml")
    return value.heading if isinstance(value, ProjectsFile) else None


def _documents(parsed: Dict[str, BaseModel]) -> Dict[str, List[str]]:
    value = parsed.get("vocabulary.yml")
    return dict(value.documents) if isinstance(value, VocabularyFile) else {}


def _synonyms(parsed: Dict[str, BaseModel]) -> List[List[str]]:
    value = parsed.get("vocabulary.yml")
    return (
        [list(g) for g in value.synonyms] if isinstance(value, VocabularyFile) else []
    )


def _check_projects(parsed: Dict[str, BaseModel], codes: Set[str]) -> List[Problem]:
    """Funded projects: unique ids, and each placed in a focus area that exists."""
    projects = _projects(parsed)
    problems = _duplicates("projects.yml", "projects", [p.id for p in projects])
    for i, project in enumerate(projects):
        if project.focus_area not in codes:
            problems.append(
                Problem(
                    "projects.yml",
                    1,
                    f"projects[{i}].focus_area",
                    f"no focus area {project.focus_area!r}",
                )
            )
    return problems


def _cross_check(parsed: Dict[str, BaseModel]) -> List[Problem]:
    """Checks that span one file's items or several files."""
    problems: List[Problem] = []
    facts = _get(parsed, "facts.yml", FactsFile).facts
    problems += _duplicates("facts.yml", "facts", [f.id for f in facts])
    fact_ids = {f.id for f in facts}
    for i, fact in enumerate(facts):
        if fact.supersedes and fact.supersedes not in fact_ids:
            problems.append(
                Problem(
                    "facts.yml",
                    1,
                    f"facts[{i}].supersedes",
                    f"no fact {fact.supersedes!r}",
                )
            )
    areas = _get(parsed, "focus_areas.yml", FocusAreasFile)
    codes = [a.code for a in areas.areas]
    problems += _duplicates("focus_areas.yml", "areas", codes)
    missing = set(AREA_CODES) - set(codes)
    if missing:
        problems.append(
            Problem("focus_areas.yml", 1, "areas", f"missing {sorted(missing)}")
        )
    problems += _duplicates(
        "focus_areas.yml", "goals", [str(g.id) for g in areas.goals]
    )
    for i, area in enumerate(areas.areas):
        if not area.vocabulary.sv or not area.vocabulary.nb:
            problems.append(
                Problem(
                    "focus_areas.yml",
                    1,
                    f"areas[{i}].vocabulary",
                    "needs sv and nb terms",
                )
            )
    problems += _check_projects(parsed, set(codes))
    types = _get(parsed, "project_types.yml", ProjectTypesFile).project_types
    problems += _duplicates("project_types.yml", "project_types", [p.id for p in types])
    orgs = _get(parsed, "eligibility.yml", EligibilityFile).organisation_types
    problems += _duplicates(
        "eligibility.yml", "organisation_types", [o.id for o in orgs]
    )
    places = _get(parsed, "places.yml", PlacesFile)
    region_ids = [r.id for r in places.regions]
    problems += _duplicates("places.yml", "regions", region_ids)
    sub_ids = {s.id for s in places.sub_areas}
    for i, region in enumerate(places.regions):
        for successor in region.successors:
            if successor not in region_ids:
                problems.append(
                    Problem(
                        "places.yml",
                        1,
                        f"regions[{i}].successors",
                        f"no region {successor!r}",
                    )
                )
        if region.sub_area and region.sub_area not in sub_ids:
            problems.append(
                Problem(
                    "places.yml",
                    1,
                    f"regions[{i}].sub_area",
                    f"no sub-area {region.sub_area!r}",
                )
            )
    problems += _duplicates(
        "faq.yml", "faq", [e.id for e in _get(parsed, "faq.yml", FaqFile).faq]
    )
    known = [s.id for s in _get(parsed, "sources.yml", SourcesFile).sources]
    problems += _duplicates("sources.yml", "sources", known)
    for name, model in parsed.items():
        for where, source_id in _source_refs(model, ""):
            if source_id not in known:
                problems.append(
                    Problem(name, 1, where, f"no source {source_id!r} in sources.yml")
                )
    return problems


def _source_refs(value: object, where: str) -> List[Tuple[str, str]]:
    """(field path, source id) of every source reference inside a parsed file."""
    found: List[Tuple[str, str]] = []
    if isinstance(value, BaseModel):
        for field in value.__fields__:
            item = getattr(value, field)
            if field in ("sources", "general_sources") and isinstance(item, list):
                found += [
                    (f"{where}.{field}[{i}]".lstrip("."), s)
                    for i, s in enumerate(item)
                    if isinstance(s, str)  # sources.yml's own list holds Sources
                ]
            else:
                found += _source_refs(item, f"{where}.{field}".lstrip("."))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += _source_refs(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            found += _source_refs(item, f"{where}.{key}")
    return found


def load(directory: Optional[Path] = None) -> KnowledgeBase:
    """Read and validate every data file; raise with all problems if any."""
    directory = directory or data_dir()
    parsed: Dict[str, BaseModel] = {}
    problems: List[Problem] = []
    for name, model in FILES.items():
        path = directory / name
        if not path.exists():
            problems.append(Problem(name, 1, "(file)", f"missing in {directory}"))
            continue
        value, found = parse_file(path, model)
        problems += found
        if value is not None:
            parsed[name] = value
    for name, model in OPTIONAL_FILES.items():
        path = directory / name
        if path.exists():
            value, found = parse_file(path, model)
            problems += found
            if value is not None:
                parsed[name] = value
    if problems:
        raise KnowledgeBaseError(problems)
    problems = _cross_check(parsed)
    if problems:
        raise KnowledgeBaseError([located(directory, p) for p in problems])
    areas = _get(parsed, "focus_areas.yml", FocusAreasFile)
    return KnowledgeBase(
        facts={f.id: f for f in _get(parsed, "facts.yml", FactsFile).facts},
        goals=sorted(areas.goals, key=lambda g: g.id),
        areas={
            a.code: a
            for a in sorted(areas.areas, key=lambda a: AREA_CODES.index(a.code))
        },
        project_types={
            p.id: p
            for p in _get(parsed, "project_types.yml", ProjectTypesFile).project_types
        },
        eligibility=_get(parsed, "eligibility.yml", EligibilityFile),
        places=_get(parsed, "places.yml", PlacesFile),
        calls=_get(parsed, "calls.yml", CallsFile),
        faq=list(_get(parsed, "faq.yml", FaqFile).faq),
        contact=_get(parsed, "contact.yml", ContactFile).contact,
        messages=_get(parsed, "messages.yml", MessagesFile).messages,
        scope=_get(parsed, "scope.yml", ScopeFile),
        sources={s.id: s for s in _get(parsed, "sources.yml", SourcesFile).sources},
        directory=directory,
        projects=_projects(parsed),
        projects_heading=_projects_heading(parsed),
        synonyms=_synonyms(parsed),
        documents=_documents(parsed),
    )
