"""Change one entry of a knowledge-base YAML file and keep everything else as written.

ruamel.yaml's round trip keeps comments, quoting, folded answers and blank lines,
so a published answer changes only its own lines and the files stay readable and
diff well. An entry is handled as plain data (``Plain``: dicts, lists, strings,
dates as ISO text) so that history, conflict checks and undo compare values, not
layout. Only files whose round trip is byte-identical are edited (``EDITABLE``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
from typing import Any, Dict, List, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString

Plain = Dict[str, Any]
COLLECTIONS: Dict[str, str] = {
    "faq.yml": "faq",
    "facts.yml": "facts",
    "sources.yml": "sources",
}
"""The files the workspace edits and the list of entries in each."""
EDITABLE = tuple(COLLECTIONS)
FOLD_WIDTH = 72
FOLDED_KEYS = ("answer", "text")
"""Long prose: written as ``>-`` blocks folded at FOLD_WIDTH, like the hand-written entries."""
FLOW_KEYS = ("sources",)
DATE_KEYS = ("as_of", "checked")
PLAIN_KEYS = ("id", *FLOW_KEYS)
"""Ids (a-z, 0-9, _) are written bare, as by hand; every other text is quoted."""


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True  # type: ignore[assignment]
    yaml.width = 4096  # type: ignore[assignment]
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def load(text: str) -> Any:
    return _yaml().load(text)


def dump(data: Any) -> str:
    out = io.StringIO()
    _yaml().dump(data, out)
    return out.getvalue()


def plain(node: Any) -> Any:
    """The value without its layout: what validation, history and conflicts compare."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, (dt.date, dt.datetime)):
        return node.isoformat()
    if isinstance(node, str):
        return str(node)
    return node


def fingerprint(entry: Optional[Plain]) -> str:
    """A short hash of an entry's value (or of its absence)."""
    text = json.dumps(entry, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entries(text: str, file: str) -> List[Plain]:
    data = load(text)
    return [plain(e) for e in data.get(COLLECTIONS[file]) or []]


def find(text: str, file: str, entry_id: str) -> Optional[Plain]:
    return next((e for e in entries(text, file) if e.get("id") == entry_id), None)


def folded(text: str, width: int = FOLD_WIDTH) -> FoldedScalarString:
    """A ``>-`` block folded at spaces near ``width`` (folding adds no characters)."""
    value = FoldedScalarString(text)
    positions: List[int] = []
    line_start, last_space = 0, -1
    for i, char in enumerate(text):
        if char == " " and i - line_start > width and last_space > line_start:
            positions.append(last_space)
            line_start = last_space + 1
        if char == " " and i + 1 < len(text) and text[i + 1] != " ":
            last_space = i
    value.fold_pos = positions
    return value


def _styled(value: Any, key: str) -> Any:
    """New YAML nodes in the files' own style."""
    if isinstance(value, dict):
        node = CommentedMap()
        for k, v in value.items():
            node[k] = _styled(v, key if key in FOLDED_KEYS else k)
        return node
    if isinstance(value, list):
        seq = CommentedSeq([_styled(v, key if key in FLOW_KEYS else "") for v in value])
        if key in FLOW_KEYS:
            seq.fa.set_flow_style()
        return seq
    if isinstance(value, str):
        if key in DATE_KEYS:
            return dt.date.fromisoformat(value)
        if key in FOLDED_KEYS and value and value == " ".join(value.split()):
            return folded(value)
        if key in PLAIN_KEYS:
            return value
        return DoubleQuotedScalarString(value)
    return value


def _update(node: CommentedMap, new: Plain, key: str = "") -> None:
    """Change only the fields whose values differ, in place (layout of the rest kept)."""
    for k in [k for k in node if k not in new]:
        del node[k]
    for k, value in new.items():
        if k in node and plain(node[k]) == value:
            continue
        if k in node and isinstance(node[k], dict) and isinstance(value, dict):
            _update(node[k], value, k)
        else:
            node[k] = _styled(value, key if key in FOLDED_KEYS else k)


def _end_file_after(entry: CommentedMap) -> None:
    """The entry becomes the last: the blank line that separated it from the next goes."""
    last = list(entry)[-1]
    if isinstance(entry[last], dict):
        _end_file_after(entry[last])
        return
    comment = entry.ca.items.get(last)
    if comment and len(comment) > 2 and comment[2] is not None:
        value = comment[2].value
        if value.endswith("\n\n") and not value.strip():
            comment[2].value = "\n"


def set_entry(text: str, file: str, entry_id: str, new: Optional[Plain]) -> str:
    """``text`` with the entry ``entry_id`` replaced by ``new``, added, or removed (None).

    Returns ``text`` itself when nothing changes, so an unchanged save is
    byte-identical.
    """
    data = load(text)
    items: CommentedSeq = data[COLLECTIONS[file]]
    index = next((i for i, e in enumerate(items) if e.get("id") == entry_id), None)
    current = plain(items[index]) if index is not None else None
    if current == new:
        return text
    if new is None:
        assert index is not None
        if index == len(items) - 1 and index > 0:
            _end_file_after(items[index - 1])
        del items[index]
    elif index is None:
        items.append(_styled(new, ""))
        items.yaml_set_comment_before_after_key(len(items) - 1, before="\n")
    else:
        _update(items[index], new)
    try:
        result = dump(data)
        survived = find(result, file, entry_id)
    except YAMLError as err:
        raise ValueError(f"{file}: {entry_id}: {err}") from err
    if survived != new:  # never write what we did not mean
        raise ValueError(f"{file}: {entry_id} did not survive the YAML round trip")
    return result
