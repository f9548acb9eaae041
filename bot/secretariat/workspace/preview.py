"""What the assistant's FAQ retrieval answers now, and what it would with an edit.

The same ``programme_kb.faq.FaqIndex`` the action server uses, once on the data
being served and once on the edited knowledge base held in memory: nothing is
published to see the effect of a change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Tuple

from programme_kb.faq import FaqIndex, FaqResult
from programme_kb.kb import KnowledgeBase
from programme_kb.text import analyzer

MAX_QUESTIONS = 24


@dataclass(frozen=True)
class Outcome:
    entry_id: Optional[str]
    answer: str

    @classmethod
    def of(cls, result: FaqResult) -> Outcome:
        if result.answered and result.best is not None:
            return cls(result.best.entry_id, result.best.answer)
        return cls(None, "")


@dataclass(frozen=True)
class Row:
    question: str
    language: str
    now: Optional[Outcome]
    """None while the data on disk cannot be served (the preview still shows the edit)."""
    edited: Outcome


def compare(
    current: Optional[FaqIndex],
    edited_kb: KnowledgeBase,
    questions: List[Tuple[str, str]],
) -> List[Row]:
    """Each (wording, language) asked of the served data and of the edited data."""
    edited = FaqIndex(edited_kb, analyzer())
    rows = []
    for question, lang in questions[:MAX_QUESTIONS]:
        rows.append(
            Row(
                question,
                lang,
                Outcome.of(current.answer(question, lang)) if current else None,
                Outcome.of(edited.answer(question, lang)),
            )
        )
    return rows
