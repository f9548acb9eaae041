"""Write Rasa NLU lookup tables and synonyms generated from the knowledge base.

    python -m programme_kb.nlu_export data/nlu/generated/kb_lookups.yml

Organisation names, places, project-type aliases and focus-area titles are typed
once, in the KB; the NLU pipeline gets them from here (the Makefile regenerates
the file before training), so the two never drift apart.

The file is written only when its content changes, and then atomically: its
modification time is what tells ``make`` to retrain, so an edit of an FAQ answer or
a fact (nothing the NLU sees) leaves it, and the model, alone.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Dict, Iterable, List, Tuple

import yaml

from programme_kb.kb import KnowledgeBase, load

LANGUAGE_NAMES = {
    "sv": ["svenska", "svensk", "swedish", "på svenska", "pa svenska"],
    "nb": [
        "norska",
        "norsk",
        "bokmål",
        "bokmal",
        "nynorsk",
        "norwegian",
        "på norsk",
        "pa norsk",
        "på norska",
    ],
}
"""Language words users write when asking to switch; mapped to reply codes."""


class _Block(str):
    """A string YAML writes as a literal block, as in hand-written Rasa files."""


def _block_style(dumper: yaml.SafeDumper, value: _Block) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


yaml.SafeDumper.add_representer(_Block, _block_style)


def _clean(values: Iterable[str]) -> List[str]:
    seen: Dict[str, None] = {}
    for value in values:
        value = " ".join(value.split()).lower()
        if value:
            seen.setdefault(value, None)
    return list(seen)


def nlu_data(kb: KnowledgeBase) -> Dict[str, object]:
    """The NLU training-data document: lookup tables and synonyms."""
    items: List[Dict[str, object]] = []

    def block(kind: str, name: str, values: Iterable[str]) -> None:
        examples = _clean(values)
        if kind == "synonym":
            examples = [v for v in examples if v != name and v not in ambiguous]
        if examples:
            items.append(
                {kind: name, "examples": _Block("".join(f"- {v}\n" for v in examples))}
            )

    groups = _synonym_groups(kb)
    seen: Dict[str, set[str]] = {}
    for canonical, values in groups:
        for value in _clean(values):
            seen.setdefault(value, set()).add(canonical)
    # A phrase naming two things (an organisation type and a focus area) maps to neither.
    ambiguous = {value for value, owners in seen.items() if len(owners) > 1}
    for canonical, values in groups:
        block("synonym", canonical, values)
    block(
        "lookup",
        "organisation_type",
        (n for o in kb.eligibility.organisation_types for n in o.names.all()),
    )
    block(
        "lookup",
        "project_type",
        (
            a
            for p in kb.project_types.values()
            for a in [*p.aliases.all(), p.name.sv, p.name.nb]
        ),
    )
    block("lookup", "place", kb.place_names())
    return {"version": "3.1", "nlu": items}


def _synonym_groups(kb: KnowledgeBase) -> List[Tuple[str, List[str]]]:
    """(canonical value, phrases) for every entity value the actions understand."""
    groups: List[Tuple[str, List[str]]] = []
    for org in kb.eligibility.organisation_types:
        groups.append((org.id, [*org.names.all(), org.label.sv, org.label.nb]))
    for ptype in kb.project_types.values():
        groups.append((ptype.id, [*ptype.aliases.all(), ptype.name.sv, ptype.name.nb]))
    for area in kb.areas.values():
        groups.append(
            (
                area.code,
                [
                    area.title.sv,
                    area.title.nb,
                    area.short_label.sv,
                    area.short_label.nb,
                ],
            )
        )
    groups += list(LANGUAGE_NAMES.items())
    return groups


HEADER = "# Generated from programme_kb/data by programme_kb.nlu_export; do not edit.\n"


def render(kb: KnowledgeBase) -> str:
    """The whole generated file, header included."""
    body = yaml.safe_dump(nlu_data(kb), allow_unicode=True, sort_keys=False, width=1000)
    return HEADER + body


def write_if_changed(out: Path, text: str) -> bool:
    """Write ``text`` to ``out`` unless it already holds exactly that; True if written.

    An unchanged file keeps its inode and modification time, so ``make`` does not
    retrain. A changed one is replaced atomically (a temporary file in the same
    directory, then ``os.replace``): a reader never sees half a file.
    """
    data = text.encode("utf-8")
    try:
        if out.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", dir=out.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def main(argv: List[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m programme_kb.nlu_export OUTPUT.yml", file=sys.stderr)
        return 2
    out = Path(argv[0])
    changed = write_if_changed(out, render(load()))
    print(f"{out}: {'written' if changed else 'unchanged (no retraining needed)'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
