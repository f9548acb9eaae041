"""The widget's files without a browser: size budget, no HTML sinks, no CDN, payloads."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "bot" / "web"
BUDGET_BYTES = 60 * 1024


def test_widget_js_and_css_fit_the_gzip_budget() -> None:
    size = sum(
        len(gzip.compress((WEB / name).read_bytes(), 9))
        for name in ("widget.js", "widget.css")
    )
    assert size <= BUDGET_BYTES, f"{size} bytes gzipped"


def test_widget_never_writes_html() -> None:
    """Bot and user text may only reach the page as text nodes."""
    source = (WEB / "widget.js").read_text(encoding="utf-8")
    for sink in (
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
        "new Function",
    ):
        assert sink not in source, sink


def test_pages_load_nothing_from_other_hosts() -> None:
    for page in WEB.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"""(src|href)=["'](https?:)?//""", html), page.name


def test_demo_pages_embed_the_widget_with_their_language() -> None:
    """index.html too: `make serve` gives a working widget at http://localhost:8080/."""
    for page, lang in (("sv", "sv"), ("nb", "nb"), ("index", "sv")):
        html = (WEB / f"{page}.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}">' in html
        assert re.search(rf'<script src="widget.js" data-lang="{lang}"', html), page


def test_the_language_change_tells_the_widget_which_language() -> None:
    """A typed "svara på norska" must switch the widget too, not only the bot."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    payloads = {}
    for variation in domain["responses"]["utter_language_changed"]:
        values = [c["value"] for c in variation.get("condition") or []]
        lang = values[0] if values else "sv"
        payloads[lang] = variation.get("custom")
    assert payloads == {
        "sv": {"type": "language", "language": "sv"},
        "nb": {"type": "language", "language": "nb"},
    }


def test_widget_css_never_locks_the_orientation() -> None:
    """WCAG 1.3.4; the e2e axe runs skip css-orientation-lock (see driver.axe_violations)."""
    css = (WEB / "widget.css").read_text(encoding="utf-8")
    assert "orientation" not in css
