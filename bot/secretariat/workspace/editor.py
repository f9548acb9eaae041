"""The answer editor's form: read it, check it, turn it into entry edits.

The workspace's own checks are only those kb-check cannot make (field lengths,
control characters, a date in the future, a parseable date); everything else is
``programme_kb``'s validation, run on the edited data, with its problems put
next to the fields they concern and said in the officer's language.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Tuple

from bot.secretariat.workspace import yamledit
from bot.secretariat.workspace.publish import EntryEdit
from bot.secretariat.workspace.texts import text
from programme_kb.loader import Problem

LIMITS: Dict[str, int] = {
    "id": 60,
    "questions_sv": 5000,
    "questions_nb": 5000,
    "answer_sv": 4000,
    "answer_nb": 4000,
    "text_sv": 4000,
    "text_nb": 4000,
    "new_source_title_sv": 200,
    "new_source_title_nb": 200,
    "new_source_url": 500,
    "as_of": 10,
    "reason": 1000,
}
"""Characters per field; anything longer is refused before any parsing."""
MAX_QUESTION = 300
FIELDS = tuple(LIMITS)
_CONTROL = re.compile(
    "[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
    "|[\u2028\u2029\ufeff]"
)
"""What YAML cannot hold as text (its printable set, without NEL), and invisible breaks."""


def printable(value: str) -> str:
    """``value`` without what YAML cannot hold (for wordings taken from the log)."""
    return _CONTROL.sub("", value)


@dataclass
class Draft:
    """The form as the officer filled it, kept whole so nothing typed is lost."""

    values: Dict[str, str]
    sources: List[str]
    base: Optional[yamledit.Plain]
    group: str = ""
    kind: str = "faq"
    """"faq" (faq.yml) or "facts" (facts.yml): the file and list the entry is in."""
    errors: Dict[str, List[str]] = field(default_factory=dict)
    general: List[str] = field(default_factory=list)

    @classmethod
    def from_form(cls, form: Any, source_ids: List[str]) -> Draft:
        """``form``: the request's multidict (``sources`` may repeat)."""
        values = {name: str(form.get(name, "")) for name in FIELDS}
        chosen = [s for s in form.getall("sources", []) if s in source_ids]
        base_raw = str(form.get("base", ""))
        try:
            base = json.loads(base_raw) if base_raw else None
        except json.JSONDecodeError:
            base = None
        if isinstance(base, dict) and isinstance(base.get("sources"), list):
            # the list box sends its own order; keep the entry's, so nothing moves unasked
            kept = [s for s in base["sources"] if s in chosen]
            chosen = kept + [s for s in chosen if s not in kept]
        return cls(
            values,
            chosen,
            base if isinstance(base, dict) else None,
            str(form.get("group", ""))[:64],
        )

    @classmethod
    def from_entry(cls, entry: Optional[yamledit.Plain]) -> Draft:
        if entry is None:
            return cls(
                {name: "" for name in FIELDS} | {"as_of": dt.date.today().isoformat()},
                [],
                None,
            )
        values = {name: "" for name in FIELDS}
        values.update(
            id=entry["id"],
            questions_sv="\n".join(entry["questions"].get("sv", [])),
            questions_nb="\n".join(entry["questions"].get("nb", [])),
            answer_sv=entry["answer"].get("sv", ""),
            answer_nb=entry["answer"].get("nb", ""),
            as_of=entry.get("as_of", ""),
        )
        return cls(values, list(entry.get("sources", [])), entry)

    @classmethod
    def from_fact(cls, fact: yamledit.Plain) -> Draft:
        values = {name: "" for name in FIELDS}
        values.update(
            id=fact["id"],
            text_sv=fact["text"].get("sv", ""),
            text_nb=fact["text"].get("nb", ""),
            as_of=fact.get("as_of", ""),
        )
        return cls(values, list(fact.get("sources", [])), fact, kind="facts")

    @property
    def file(self) -> str:
        return f"{self.kind}.yml"

    def as_form(self) -> Dict[str, str]:
        return {
            **self.values,
            "sources": json.dumps(self.sources),
            "base": json.dumps(self.base),
            "group": self.group,
            "kind": self.kind,
        }

    @classmethod
    def from_saved(cls, saved: Dict[str, str]) -> Draft:
        base = json.loads(saved.get("base") or "null")
        values = {name: str(saved.get(name, "")) for name in FIELDS}
        return cls(
            values,
            list(json.loads(saved.get("sources") or "[]")),
            base,
            saved.get("group", ""),
            kind="facts" if saved.get("kind") == "facts" else "faq",
        )

    def error(self, name: str, message: str) -> None:
        self.errors.setdefault(name, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors and not self.general


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value.replace("\r\n", "\n").replace("\r", "\n"))


def _one_line(value: str) -> str:
    return " ".join(value.split())


def precheck(draft: Draft, lang: str, today: Optional[dt.date] = None) -> None:
    """What kb-check cannot see: lengths, control characters, the date."""
    for name, limit in LIMITS.items():
        value = draft.values[name]
        if len(value) > limit:
            draft.error(name, text("v_too_long", lang, limit=limit))
        elif _CONTROL.search(value):
            draft.error(name, text("v_control", lang))
    for name in ("questions_sv", "questions_nb"):
        if any(len(line) > MAX_QUESTION for line in draft.values[name].splitlines()):
            draft.error(name, text("v_too_long", lang, limit=MAX_QUESTION))
    try:
        as_of = dt.date.fromisoformat(draft.values["as_of"].strip())
    except ValueError:
        draft.error("as_of", text("v_date", lang))
    else:
        if as_of > (today or dt.date.today()):
            draft.error("as_of", text("v_future", lang))
    new_source = [
        draft.values[n].strip()
        for n in ("new_source_title_sv", "new_source_title_nb", "new_source_url")
    ]
    if any(new_source) and not all(new_source):
        draft.error("new_source_url", text("v_new_source", lang))
    if not draft.sources and not any(new_source):
        draft.error("sources", text("v_source", lang))


def _slug(title: str, taken: List[str]) -> str:
    folded = (
        unicodedata.normalize("NFKD", title.lower()).encode("ascii", "ignore").decode()
    )
    base = "_".join(re.findall(r"[a-z0-9]+", folded))[:40] or "source"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    return candidate


def edits(
    draft: Draft, source_ids: List[str], today: dt.date
) -> Tuple[List[EntryEdit], Optional[str]]:
    """The entry edits the draft asks for, and the id of a new source (if any)."""
    v = {k: _clean(x) for k, x in draft.values.items()}
    sources = list(draft.sources)
    result: List[EntryEdit] = []
    new_source_id = None
    if v["new_source_url"].strip():
        new_source_id = _slug(v["new_source_title_sv"], source_ids)
        url = v["new_source_url"].strip()
        result.append(
            EntryEdit(
                "sources.yml",
                new_source_id,
                None,
                {
                    "id": new_source_id,
                    "title": {
                        "sv": _one_line(v["new_source_title_sv"]),
                        "nb": _one_line(v["new_source_title_nb"]),
                    },
                    "url": {"sv": url, "nb": url},
                    "checked": today.isoformat(),
                },
            )
        )
        sources.append(new_source_id)
    entry_id = (draft.base or {}).get("id") or v["id"].strip()
    if draft.kind == "facts" and draft.base is not None:
        fact = {
            **draft.base,
            "text": {lang: _one_line(v[f"text_{lang}"]) for lang in ("sv", "nb")},
            "sources": sources,
            "as_of": v["as_of"].strip(),
        }
        result.insert(0, EntryEdit("facts.yml", entry_id, draft.base, fact))
        return result, new_source_id
    after: yamledit.Plain = {
        "id": entry_id,
        "questions": {
            lang: [
                _one_line(q) for q in v[f"questions_{lang}"].split("\n") if q.strip()
            ]
            for lang in ("sv", "nb")
        },
        "answer": {lang: _one_line(v[f"answer_{lang}"]) for lang in ("sv", "nb")},
        "sources": sources,
        "as_of": v["as_of"].strip(),
    }
    if draft.base is not None:  # keep keys the form does not show, in their order
        after = {**draft.base, **after}
    result.insert(0, EntryEdit("faq.yml", entry_id, draft.base, after))
    return result, new_source_id


_MESSAGES = (
    ("field required", "v_required"),
    ("at least 1 characters", "v_blank"),
    ("must not be blank", "v_blank"),
    ("needs at least one question", "v_questions"),
    ("state the rule", "v_rule"),
    ("public https", "v_https"),
    ("does not match regex", "v_id"),
    ("duplicate id", "v_duplicate"),
    ("invalid date", "v_date"),
)


def _say(message: str, lang: str) -> str:
    for needle, key in _MESSAGES:
        if needle in message:
            return text(key, lang)
    return f"{text('v_other', lang)} {message}"


def place_problems(
    draft: Draft,
    problems: List[Problem],
    entry_index: Optional[int],
    source_index: Optional[int],
    lang: str,
) -> None:
    """Put kb-check's problems next to the fields they are about."""
    for problem in problems:
        name = _field_for(problem, draft.kind, entry_index, source_index)
        message = _say(problem.message, lang)
        if name == "questions":
            for q in ("questions_sv", "questions_nb"):
                if not draft.values[q].strip():
                    draft.error(q, message)
            if not any(
                draft.values[q].strip() for q in ("questions_sv", "questions_nb")
            ):
                continue
            if all(draft.values[q].strip() for q in ("questions_sv", "questions_nb")):
                draft.error("questions_sv", message)
        elif name in ("answer", "text"):
            lang_named = "nb" if problem.message.startswith("nb") else "sv"
            draft.error(f"{name}_{lang_named}", message)
        elif name:
            draft.error(name, message)
        else:
            draft.general.append(f"{text('v_other', lang)} {problem}")


def _field_for(
    problem: Problem,
    kind: str,
    entry_index: Optional[int],
    source_index: Optional[int],
) -> Optional[str]:
    # cross-checks name the file first: "faq.faq[3].sources[0]"
    where = problem.field.removeprefix(f"{kind}.")
    if problem.file == f"{kind}.yml" and entry_index is not None:
        match = re.match(rf"^{kind}\[{entry_index}\]\.?(\w*)\.?(\w*)", where)
        if match:
            top, sub = match.groups()
            if top in ("answer", "questions", "text") and sub in ("sv", "nb"):
                return f"{top}_{sub}"
            if top in ("answer", "questions", "text", "id", "as_of", "sources"):
                return top
            if not top and "duplicate" in problem.message:
                return "id"
    if problem.file == "sources.yml" and source_index is not None:
        match = re.match(rf"^sources\[{source_index}\]\.?(\w*)\.?(\w*)", where)
        if match:
            top, sub = match.groups()
            if top == "title" and sub in ("sv", "nb"):
                return f"new_source_title_{sub}"
            return "new_source_url"
    return None
