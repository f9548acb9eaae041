"""Load and validate the YAML knowledge base, all or nothing.

PyYAML's node tree keeps line numbers; we keep a map from each value's path to its
line so that a pydantic error ("areas -> 3 -> title -> nb: field required") can be
reported as ``focus_areas.yml:57: areas[3].title.nb: field required``.
"""

from __future__ import annotations

import dataclasses
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List, Tuple, Type, TypeVar, Union

import yaml
from pydantic import BaseModel, ValidationError

from programme_kb.models import (
    CallsFile,
    ContactFile,
    EligibilityFile,
    FactsFile,
    FaqFile,
    FocusAreasFile,
    MessagesFile,
    PlacesFile,
    ProjectsFile,
    ProjectTypesFile,
    ScopeFile,
    SourcesFile,
    VocabularyFile,
)

DATA_DIR_ENV = "PROGRAMME_KB_DATA"
DEFAULT_DATA_DIR = Path(__file__).parent / "data"

FILES: Dict[str, Type[BaseModel]] = {
    "facts.yml": FactsFile,
    "focus_areas.yml": FocusAreasFile,
    "project_types.yml": ProjectTypesFile,
    "eligibility.yml": EligibilityFile,
    "places.yml": PlacesFile,
    "calls.yml": CallsFile,
    "faq.yml": FaqFile,
    "contact.yml": ContactFile,
    "messages.yml": MessagesFile,
    "scope.yml": ScopeFile,
    "sources.yml": SourcesFile,
}

OPTIONAL_FILES: Dict[str, Type[BaseModel]] = {
    "projects.yml": ProjectsFile,
    "vocabulary.yml": VocabularyFile,
}
"""Files a data directory may leave out: without them the assistant still answers."""

Path_ = Tuple[Any, ...]
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's parser when PyYAML was built with it: about ten times faster."""
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in the data, located for the person who edits the YAML."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.field}: {self.message}"


class KnowledgeBaseError(Exception):
    """Raised when the data cannot be served; carries every problem found."""

    def __init__(self, problems: List[Problem]):
        self.problems = problems
        listing = "\n".join(f"  {p}" for p in problems)
        n = len(problems)
        super().__init__(
            f"Kunskapsbasen har {n} fel / Kunnskapsbasen har {n} feil:\n{listing}"
        )


def data_dir() -> Path:
    return Path(os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR))


def _to_python(
    node: yaml.Node,
    path: Path_,
    lines: Dict[Path_, int],
    scalars: yaml.constructor.SafeConstructor,
) -> Any:
    """Build plain Python values from a YAML node, recording each path's line."""
    lines[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: Dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value
            if key in result:
                lines[path + (key,)] = key_node.start_mark.line + 1
                raise _DuplicateKeyError(path, key, key_node.start_mark.line + 1)
            result[key] = _to_python(value_node, path + (key,), lines, scalars)
            lines[path + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_python(item, (*path, i), lines, scalars)
            for i, item in enumerate(node.value)
        ]
    try:
        return scalars.construct_object(node, deep=True)
    except ValueError as err:  # e.g. as_of: 2024-02-30
        raise _BadValueError(path, node.start_mark.line + 1, str(err)) from err


class _BadValueError(Exception):
    def __init__(self, path: Path_, line: int, message: str):
        super().__init__(message)
        self.path, self.line, self.message = path, line, message


class _DuplicateKeyError(Exception):
    def __init__(self, path: Path_, key: str, line: int):
        self.path, self.key, self.line = path, key, line


def _field_name(loc: Path_) -> str:
    out = ""
    for part in loc:
        out += (
            f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        )
    return out or "(file)"


def _nearest_line(loc: Path_, lines: Dict[Path_, int]) -> int:
    for cut in range(len(loc), -1, -1):
        if loc[:cut] in lines:
            return lines[loc[:cut]]
    return 1


def _field_path(field: str) -> Path_:
    """The inverse of ``_field_name``: "facts[3].supersedes" → ("facts", 3, "supersedes")."""
    path: List[Union[str, int]] = []
    for name, index in re.findall(r"([^.\[\]]+)|\[(\d+)\]", field):
        path.append(int(index) if index else name)
    return tuple(path)


def located(directory: Path, problem: Problem) -> Problem:
    """The problem at the line of its field: checks across files (duplicate ids, unknown
    references) know the field, not the line, because only the parser has the lines."""
    try:
        text = (directory / problem.file).read_text(encoding="utf-8")
        node = yaml.compose(text, Loader=_LOADER)
        lines: Dict[Path_, int] = {}
        if node is not None:
            _to_python(node, (), lines, yaml.constructor.SafeConstructor())
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return problem
    except (_BadValueError, _DuplicateKeyError):
        return problem
    line = _nearest_line(_field_path(problem.field), lines)
    return dataclasses.replace(problem, line=line)


def parse_file(path: Path, model: Type[M]) -> Tuple[M | None, List[Problem]]:
    """Parse one YAML file into its model, or return the problems found."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        return None, [Problem(name, 1, "(file)", f"cannot be read: {err}")]
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        line = err.problem_mark.line + 1 if err.problem_mark else 1
        return None, [Problem(name, line, "(syntax)", str(err.problem or err))]
    except yaml.YAMLError as err:
        return None, [Problem(name, 1, "(syntax)", str(err))]
    if node is None:
        return None, [Problem(name, 1, "(file)", "is empty")]
    lines: Dict[Path_, int] = {}
    try:
        raw = _to_python(node, (), lines, yaml.constructor.SafeConstructor())
    except _BadValueError as bad:
        return None, [Problem(name, bad.line, _field_name(bad.path), bad.message)]
    except _DuplicateKeyError as dup:
        return None, [
            Problem(name, dup.line, _field_name(dup.path + (dup.key,)), "duplicate key")
        ]
    except yaml.YAMLError as err:
        return None, [Problem(name, 1, "(syntax)", str(err))]
    if not isinstance(raw, dict):
        return None, [Problem(name, 1, "(file)", "must be a mapping at the top level")]
    try:
        return model.parse_obj(raw), []
    except ValidationError as err:
        problems = [
            Problem(
                name,
                _nearest_line(tuple(e["loc"]), lines),
                _field_name(tuple(e["loc"])),
                e["msg"],
            )
            for e in err.errors()
        ]
        return None, problems
