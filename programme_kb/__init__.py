"""Interreg Sverige–Norge 2021–2027 knowledge base: sourced facts and the queries on them.

Pure Python with no Rasa imports, so the secretariat's CLI, the benchmarks and the
action server all answer from the same code. The module-level functions use one
shared service that reloads the YAML when it changes.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Optional

from programme_kb.eligibility import EligibilityResult
from programme_kb.faq import FaqResult
from programme_kb.focus import FocusResult
from programme_kb.language import detect
from programme_kb.places import PlaceResult
from programme_kb.service import Service

__all__ = [
    "answer_faq",
    "check_eligibility",
    "find_place",
    "match_focus_areas",
    "service",
]


@lru_cache(maxsize=1)
def service() -> Service:
    """The process-wide knowledge-base service (loaded on first use)."""
    return Service()


def _language(text: str, lang: Optional[str]) -> str:
    if lang in ("sv", "nb"):
        return lang
    return detect(text).language or "sv"


def match_focus_areas(text: str, lang: Optional[str] = None, k: int = 3) -> FocusResult:
    """Rank the eight focus areas for a project description (best first, at most k)."""
    return service().refresh_if_changed().focus.rank(text, _language(text, lang), k)


def check_eligibility(
    text: Optional[str] = None,
    organisation_type: Optional[str] = None,
    lang: Optional[str] = None,
) -> EligibilityResult:
    """Whether an organisation may apply, from free text or a canonical type id."""
    checker = service().refresh_if_changed().eligibility
    return checker.check(text, organisation_type, _language(text or "", lang))


def find_place(text: str, lang: Optional[str] = None) -> PlaceResult:
    """Find a region, county or municipality and whether it lies in the programme area."""
    return service().refresh_if_changed().places.find(text, _language(text, lang))


def answer_faq(question: str, lang: Optional[str] = None) -> FaqResult:
    """Best FAQ entry for a question, with a score; no retraining needed for new entries."""
    return (
        service().refresh_if_changed().faq.answer(question, _language(question, lang))
    )
