"""Users see public sources — a title in their language and an https address — and
never our research labels, file names or notes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Tuple

import pytest
import yaml
from pydantic import BaseModel

from programme_kb import listing
from programme_kb.kb import KnowledgeBase
from programme_kb.models import Terms, Text

ROOT = Path(__file__).resolve().parents[2]
INTERNAL = re.compile(
    r"later-facts|programme-page|\.md\b|\.ya?ml\b|no page named|short label|"
    r"research|TODO|confidence [HM]\b",
    re.IGNORECASE,
)


def _user_texts(value: object, where: str = "") -> Iterator[Tuple[str, str]]:
    """Every text of the knowledge base a user can be shown, with where it is."""
    if isinstance(value, (Text, Terms)):
        for lang in ("sv", "nb"):
            items = value[lang]
            for text in [items] if isinstance(items, str) else items:
                yield f"{where}.{lang}", text
    elif isinstance(value, BaseModel):
        for name in value.__fields__:
            if name not in ("note",):  # sources.yml notes are for the secretariat
                yield from _user_texts(getattr(value, name), f"{where}.{name}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _user_texts(item, f"{where}[{i}]")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _user_texts(item, f"{where}.{key}")


def _domain_texts() -> Iterator[Tuple[str, str]]:
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    for name, variations in domain["responses"].items():
        for variation in variations:
            yield name, str(variation.get("text", ""))
            for button in variation.get("buttons") or []:
                yield name, str(button.get("title", ""))


def test_no_internal_label_in_any_text_a_user_can_see(kb: KnowledgeBase) -> None:
    texts = list(_user_texts(kb.__dict__, "kb")) + list(_domain_texts())
    assert len(texts) > 2000
    leaks = [(where, text[:80]) for where, text in texts if INTERNAL.search(text)]
    assert not leaks


def test_every_source_is_a_public_page_with_a_title_in_each_language(
    kb: KnowledgeBase,
) -> None:
    assert len(kb.sources) >= 20
    for source in kb.sources.values():
        for lang in ("sv", "nb"):
            assert source.url[lang].startswith("https://")
            assert source.title[lang].strip() and not INTERNAL.search(
                source.title[lang]
            )


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_public_sources_are_deduplicated_in_the_reply_language(
    kb: KnowledgeBase, lang: str
) -> None:
    ids = ["isn_faq", "isn_faq", "isn_soka_projekt", "isn_faq"]
    shown = listing.public_sources(kb, ids, lang)
    assert [s.url for s in shown] == [
        kb.sources["isn_faq"].url[lang],
        kb.sources["isn_soka_projekt"].url[lang],
    ]
    assert shown[0].title == kb.sources["isn_faq"].title[lang]


def test_norwegian_titles_are_norwegian(kb: KnowledgeBase) -> None:
    """A Norwegian reply never shows a Swedish page title as it is."""
    from programme_kb.language import detect

    swedish = [
        s.id
        for s in kb.sources.values()
        if s.title.nb == s.title.sv and detect(s.title.nb).language == "sv"
    ]
    assert not swedish
