"""Whatever is typed into the editor: refused with reasons, or published as typed."""

from __future__ import annotations

import datetime as dt
from typing import Any, List, Optional

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.secretariat.workspace import editor, yamledit
from bot.secretariat.workspace.publish import ConflictError, apply, check, read_texts
from programme_kb.models import FaqEntry
from tests.workspace.conftest import DATA

TODAY = dt.date(2026, 12, 5)
TEXT = st.text(st.characters(blacklist_categories=["Cs"]), max_size=120)
SOURCES = [
    s["id"]
    for s in yamledit.entries(
        (DATA / "sources.yml").read_text(encoding="utf-8"), "sources.yml"
    )
]


class Form(dict):
    """A request's multidict, as far as the editor reads it."""

    def getall(self, key: str, default: List[Any]) -> List[Any]:
        return list(self.get(f"{key}[]", default))


def publish_check(**fields: str) -> Optional[FaqEntry]:
    """The editor's path without the web server: the entry as kb-check would load it,
    or None when the form is refused (with reasons)."""
    form = Form(reason="prov", **fields, **{"sources[]": ["isn_faq"]})
    draft = editor.Draft.from_form(form, SOURCES)
    editor.precheck(draft, "sv", today=TODAY)
    if draft.errors:
        assert all(draft.errors.values())  # every refusal says why
        return None
    edits, _ = editor.edits(draft, SOURCES, TODAY)
    texts = read_texts(DATA, ["faq.yml", "facts.yml", "sources.yml"])
    try:
        edited = apply(texts, edits)
    except ConflictError:  # an id that is taken
        return None
    kb, problems = check(DATA, edited)
    if problems:
        return None
    assert kb is not None
    return next(e for e in kb.faq if e.id == edits[0].entry_id)


def _lines(text: str) -> List[str]:
    return [
        " ".join(q.split()) for q in text.replace("\r", "\n").split("\n") if q.strip()
    ]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    questions_sv=TEXT,
    questions_nb=TEXT,
    answer_sv=TEXT,
    answer_nb=TEXT,
    as_of=st.one_of(
        st.dates(min_value=dt.date(2000, 1, 1), max_value=TODAY).map(dt.date.isoformat),
        TEXT,
    ),
    entry_id=st.one_of(st.from_regex(r"[a-z][a-z0-9_]{0,20}", fullmatch=True), TEXT),
)
def test_any_form_is_refused_with_reasons_or_published_as_typed(
    questions_sv: str,
    questions_nb: str,
    answer_sv: str,
    answer_nb: str,
    as_of: str,
    entry_id: str,
) -> None:
    entry = publish_check(
        id=entry_id,
        questions_sv=questions_sv,
        questions_nb=questions_nb,
        answer_sv=answer_sv,
        answer_nb=answer_nb,
        as_of=as_of,
    )
    if entry is None:
        return
    assert entry.answer.sv == " ".join(answer_sv.split())
    assert entry.answer.nb == " ".join(answer_nb.split())
    assert entry.questions.sv == _lines(questions_sv)
    assert entry.questions.nb == _lines(questions_nb)


def test_a_valid_form_with_markup_and_punctuation_is_published_as_typed() -> None:
    entry = publish_check(
        id="a_new_entry",
        questions_sv="Får vi <script>x</script>?\r\nAndra frågan: # och «citat»",
        questions_nb="Kan vi?",
        answer_sv="Svaret med # och: kolon – och «citat» och <b>fet</b> text.",
        answer_nb="Svaret\u00a0på norsk 😀 - med - streck",
        as_of="2025-01-01",
    )
    assert entry is not None
    assert entry.questions.sv == [
        "Får vi <script>x</script>?",
        "Andra frågan: # och «citat»",
    ]
    assert (
        entry.answer.sv == "Svaret med # och: kolon – och «citat» och <b>fet</b> text."
    )
    assert entry.answer.nb == "Svaret på norsk 😀 - med - streck"
