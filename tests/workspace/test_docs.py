"""docs/secretariat.md explains the workspace in both languages, with its screenshots."""

from __future__ import annotations

import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"


def test_every_image_in_the_guide_exists() -> None:
    text = (DOCS / "secretariat.md").read_text(encoding="utf-8")
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", text)
    assert any("workspace-" in i for i in images)
    for image in images:
        assert (DOCS / image).is_file(), image


def test_both_languages_explain_the_workspace() -> None:
    text = (DOCS / "secretariat.md").read_text(encoding="utf-8")
    swedish, norwegian = text.split("\n## Norsk\n")
    for part in (swedish, norwegian):
        for needle in ("make admin-user", "WORKSPACE_PORT", "make kb-check", "faq.yml"):
            assert needle in part
    assert (
        "Arbetsytan i webbläsaren" in swedish
        and "Arbeidsflaten i nettleseren" in norwegian
    )
