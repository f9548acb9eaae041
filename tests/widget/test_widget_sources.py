"""A reply's source line in the widget: links on the public pages' titles (Chromium).

Rasa's REST channel sends a reply's text, its source line ("Källa: Title (URL) …" /
"Kilde: …") and its card as separate messages, or the line at the end of a text with
buttons. Whichever message the line comes in, the widget shows each page as a link whose
text is the page's title and whose target is its http(s) address. Only lines of that form
(the label first, each page as "Title (URL)", the as-of date in the label's language)
become links; anything else stays text, a non-http(s) address is never a link, and text
never becomes HTML. The lines are written with domain.yml's own ``utter_source_line``, so
a change of its wording that the widget does not read fails here. One test per language
asks the real assistant and checks the sources it answers with.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Tuple, cast

import pytest
from playwright.sync_api import expect
from rasa_sdk.types import DomainDict

from actions.common import render
from tests.widget.driver import XSS, Widget

pytestmark = pytest.mark.e2e

LANGS = ["sv", "nb"]
AS_OF = "2025-01-01"
PAGES: Dict[str, List[Tuple[str, str]]] = {
    "sv": [
        (
            "Interreg Sverige–Norge 2021–2027: programsidan från 2021 (programförslaget)",
            "https://www.interreg-sverige-norge-2014-2020.com/2021-2027/",
        ),
        (
            "Interreg Sverige–Norge: Söka projekt",
            "https://www.interreg-sverige-norge.com/soka-projekt/",
        ),
        (
            "Regionalforvaltning.no: Interreg Sverige-Norge 2021–2027 (norsk sida)",
            "http://www.regionalforvaltning.no/Startside/Velkommen.aspx?Ordning_Id=3970&Cookie=0",
        ),
    ],
    "nb": [
        (
            "Interreg Sverige–Norge: Søk på prosjekter",
            "https://www.interreg-sverige-norge.com/no/sok-pa-prosjekter/",
        ),
        (
            "Interreg.no: Nå kan du søke om midler til samarbeid over grensa (juni 2022)",
            "https://interreg.no/2022/06/na-kan-du-soke-om-midler-til-samarbeid-over-grensa/",
        ),
        (
            "Region Jämtland Härjedalen: Interreg (svensk side)",
            "https://regionjh.se/regionalutveckling/regionaltutvecklingsansvar/interreg.html",
        ),
    ],
}
"""Public pages as the knowledge base names them: titles with brackets, one http address."""
BODY = {
    "sv": "Alla typer av organisationer, både offentliga och privata, kan söka stöd.",
    "nb": "Alle typer organisasjoner, både offentlige og private, kan søke støtte.",
}
MORE = {"sv": "Kontrollera alltid datumen.", "nb": "Sjekk alltid datoene."}
PLURAL = {"sv": ("Källa", "Källor"), "nb": ("Kilde", "Kilder")}
NEW_TAB = {"sv": "(öppnas i en ny flik)", "nb": "(åpnes i ny fane)"}
REAL_QUESTIONS = {"sv": "vilka kan söka?", "nb": "hvem kan søke?"}


def source_line(domain: Dict[str, Any], lang: str, pages: List[Tuple[str, str]]) -> str:
    """The line as the assistant writes it (domain.yml's utter_source_line)."""
    listed = "; ".join(f"{title} ({url})" for title, url in pages)
    return render(
        cast(DomainDict, domain), "utter_source_line", lang, sources=listed, as_of=AS_OF
    )


def card(lang: str, line: str, pages: List[Tuple[str, str]]) -> Dict[str, Any]:
    """The answer card that follows the line, as the actions send it."""
    sources = [{"title": title, "url": url} for title, url in pages]
    return {"type": "answer", "language": lang, "source_line": line, "sources": sources}


def reply_to(widget: Widget, lang: str, reply: List[Dict[str, Any]]) -> Any:
    """The widget on the ``lang`` page answered with ``reply``: the answer's list item."""
    widget.answer_with([reply])
    widget.open(lang)
    widget.accept_privacy()
    return widget.ask(REAL_QUESTIONS[lang])


def link_title(link: Any) -> str:
    """A link's visible text (its last child is the screen-reader note on the new tab)."""
    return str(link.evaluate("a => a.firstChild.textContent"))


def seen_text(node: Any) -> str:
    """An element's text without the screen-reader notes."""
    return str(
        node.evaluate(
            "n => { const c = n.cloneNode(true);"
            " c.querySelectorAll('.isn-sr').forEach(s => s.remove()); return c.textContent }"
        )
    )


def expect_title_links(
    answer: Any, lang: str, label: str, pages: List[Tuple[str, str]]
) -> Any:
    """One source paragraph in the line's language: the label, then each page as a link
    on its title to its address; no address shown, and the text bubbles hold no label."""
    sources = answer.locator(".isn-sources")
    expect(sources).to_have_count(1)
    expect(sources).to_have_attribute("lang", lang)
    links = sources.get_by_role("link")
    expect(links).to_have_count(len(pages))
    for n, (title, url) in enumerate(pages):
        link = links.nth(n)
        expect(link).to_have_attribute("href", url)
        expect(link).to_have_attribute("target", "_blank")
        expect(link).to_have_attribute("rel", "noopener noreferrer")
        expect(link).to_have_accessible_name(f"{title} {NEW_TAB[lang]}")
        assert link_title(link) == title
    shown = sources.evaluate("p => p.textContent")
    assert shown.startswith(f"{label}: "), shown
    assert "http" not in shown, shown
    for text in answer.locator(".isn-text").all_text_contents():
        assert f"{label}:" not in text, text
    return sources


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.mark.parametrize("count", [1, 3], ids=["one-source", "three-sources"])
@pytest.mark.parametrize("with_card", [True, False], ids=["card", "no-card"])
def test_a_source_line_in_a_message_of_its_own_links_the_page_titles(
    widget: Widget, domain: Dict[str, Any], lang: str, count: int, with_card: bool
) -> None:
    """As REST sends it: text, source line, card; read from the line itself, so a reply
    whose card is missing (or of a type the widget does not know) is linked too."""
    pages = PAGES[lang][:count]
    line = source_line(domain, lang, pages)
    reply: List[Dict[str, Any]] = [{"text": BODY[lang]}, {"text": line}]
    if with_card:
        reply.append({"custom": card(lang, line, pages)})
    answer = reply_to(widget, lang, reply)
    expect(answer.locator(".isn-text")).to_have_text([BODY[lang]])
    sources = expect_title_links(answer, lang, PLURAL[lang][0], pages)
    expect(sources).to_contain_text(AS_OF)
    assert widget.axe_violations() == []

    widget.page.reload()  # drawn again from the browser's copy of the conversation
    expect_title_links(widget.answers.first, lang, PLURAL[lang][0], pages)


def test_a_source_line_closing_a_text_with_buttons_is_split_off(
    widget: Widget, domain: Dict[str, Any], lang: str
) -> None:
    """A text with buttons is one message: the line at its end becomes links below the
    text, and the buttons stay."""
    pages = PAGES[lang][:2]
    line = source_line(domain, lang, pages)
    buttons = [{"title": "OK", "payload": "/affirm"}]
    reply: List[Dict[str, Any]] = [
        {"text": f"{BODY[lang]}\n\n{MORE[lang]}\n\n{line}", "buttons": buttons},
        {"custom": card(lang, line, pages)},
    ]
    answer = reply_to(widget, lang, reply)
    expect(answer.locator(".isn-text")).to_have_text([f"{BODY[lang]}\n\n{MORE[lang]}"])
    expect_title_links(answer, lang, PLURAL[lang][0], pages)
    expect(answer.get_by_role("button", name="OK")).to_be_visible()
    assert widget.axe_violations() == []


def test_a_plural_label_links_the_titles_too(widget: Widget, lang: str) -> None:
    """ "Källor:" / "Kilder:" (several pages) are source lines as well."""
    pages = PAGES[lang]
    date = {"sv": "uppgifter", "nb": "opplysninger"}[lang]
    listed = "; ".join(f"{title} ({url})" for title, url in pages)
    line = f"{PLURAL[lang][1]}: {listed} ({date} per {AS_OF})."
    answer = reply_to(widget, lang, [{"text": BODY[lang]}, {"text": line}])
    expect_title_links(answer, lang, PLURAL[lang][1], pages)


LOOKALIKES = [
    "Källa: min granne sa det, se https://example.org/sida",
    "Källa: Bloggen (https://example.org/) säger något annat.",
    "Enligt Källa: Bloggen (https://example.org/) (uppgifter per 2025-01-01).",
    "Kilde: Bloggen (https://example.org/) (uppgifter per 2025-01-01).",
    "Källa: Bloggen (https://example.org/) (opplysninger per 2025-01-01).",
    "Källa:  (https://example.org/) (uppgifter per 2025-01-01).",
    "Källa: Bloggen (https://example.org/), Annan (https://example.net/).",
    "Källa: Bloggen https://example.org/ (uppgifter per 2025-01-01).",
]
"""Lines that only look like a source line: no label first, words after the pages, the
date in the other language, an empty title, no "; " between pages, no brackets."""


@pytest.mark.parametrize("text", LOOKALIKES)
def test_a_line_that_only_looks_like_a_source_line_stays_text(
    widget: Widget, text: str
) -> None:
    answer = reply_to(widget, "sv", [{"text": text}])
    bubble = answer.locator(".isn-text")
    expect(bubble).to_have_count(1)
    assert seen_text(bubble) == text
    expect(answer.locator(".isn-sources")).to_have_count(0)
    for link in answer.locator(".isn-text a").all():
        # an address in running text is still a link, on the address itself
        assert link_title(link).startswith("https://example."), link_title(link)


@pytest.mark.parametrize(
    "address", ["javascript:alert(1)", "data:text/html,<script>alert(1)</script>"]
)
@pytest.mark.parametrize("with_card", [True, False], ids=["card", "no-card"])
def test_an_address_that_is_not_http_never_becomes_a_link(
    widget: Widget, lang: str, address: str, with_card: bool
) -> None:
    """Alone the line stays text. Beside a real page the line is no source line (text,
    its http address a link on itself); when the reply's card lists both pages, the real
    page is a link on its title and the other stays text."""
    label = PLURAL[lang][0]
    date = {"sv": "uppgifter", "nb": "opplysninger"}[lang]
    good_title, good_url = PAGES[lang][0]
    alone = f"{label}: Elak ({address}) ({date} per {AS_OF})."
    mixed = (
        f"{label}: {good_title} ({good_url}); Elak ({address}) ({date} per {AS_OF})."
    )
    pages = [(good_title, good_url), ("Elak", address)]
    replies = []
    for line in (alone, mixed):
        reply: List[Dict[str, Any]] = [{"text": BODY[lang]}, {"text": line}]
        if with_card:
            reply.append({"custom": card(lang, line, pages)})
        replies.append(reply)
    widget.answer_with(replies)
    widget.open(lang)
    widget.accept_privacy()
    first = widget.ask(REAL_QUESTIONS[lang])
    expect(first.get_by_role("link")).to_have_count(0)
    expect(first).to_contain_text(f"Elak ({address})")
    second = widget.ask(REAL_QUESTIONS[lang])
    links = second.get_by_role("link")
    expect(links).to_have_count(1)
    expect(links).to_have_attribute("href", good_url)
    expect(second).to_contain_text(f"Elak ({address})")
    assert link_title(links) == (good_title if with_card else good_url)
    expect(second.locator(".isn-sources")).to_have_count(1 if with_card else 0)
    assert widget.root.locator("a:not([href^='http'])").count() == 0
    assert widget.root.locator("script, img").count() == 0
    assert widget.dialogs == []


def test_a_title_is_text_never_html(widget: Widget, domain: Dict[str, Any]) -> None:
    """A title with markup is a link whose text is that markup, shown as written."""
    pages = [(XSS, "https://example.org/")]
    line = source_line(domain, "sv", pages)
    answer = reply_to(widget, "sv", [{"text": BODY["sv"]}, {"text": line}])
    link = answer.locator(".isn-sources").get_by_role("link")
    expect(link).to_have_count(1)
    assert link_title(link) == XSS
    assert widget.root.locator("img, script").count() == 0
    assert widget.dialogs == []


def test_the_real_assistant_s_sources_are_links_on_the_page_titles(
    widget: Widget, lang: str
) -> None:
    """Asked who may apply, the assistant answers with its sources: each is a link on the
    title the reply names, to its address, and the line's address is not shown."""
    widget.open(lang)
    widget.accept_privacy()
    rest = f"{widget.stack.rasa_url}/webhooks/rest/webhook"
    with widget.page.expect_response(rest) as response:
        answer = widget.ask(REAL_QUESTIONS[lang])
    messages = response.value.json()
    cards = [m["custom"] for m in messages if m.get("custom", {}).get("sources")]
    assert cards, messages
    line, sources = cards[0]["source_line"], cards[0]["sources"]
    assert any(m.get("text") == line for m in messages), "the line came with its text"
    pages = [(s["title"], s["url"]) for s in sources]
    for title, url in pages:
        assert re.match(r"^https?://", url), url
        assert not re.search(r"\.(ya?ml|json|md|py)\b|[a-z]+_[a-z_]+", title), title
    expect_title_links(answer, lang, PLURAL[lang][0], pages)
    assert widget.axe_violations() == []
