"""The project-idea summary card in the widget (Debian's Chromium against the real stack).

The card tests answer the widget with the real ``action_summary`` message, as Rasa's
REST channel sends it (summary text, source line and card as three messages), so the
card, its labels and its "Copy" / "Download" buttons are checked on what the bot
really sends, in both languages. The file and the clipboard must hold the summary text
with its public sources as "title — URL" under the as-of date: what ``make shell``
prints for the same message. One test per language asks the running assistant for the
summary through the widget, as a user would.
"""

from __future__ import annotations

import asyncio
import re
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, Iterator, List, cast

import pytest
from playwright.sync_api import expect

from actions.compose import ActionSummary
from bot.runtime.console_cards import source_lines
from tests.widget.driver import SHADOW, Widget

pytestmark = pytest.mark.e2e

LANGS = ["sv", "nb"]
OTHER = {"sv": "nb", "nb": "sv"}
ROOT = Path(__file__).resolve().parents[2]
CLIPBOARD = ["clipboard-read", "clipboard-write"]

PROFILE = {
    "sv": {
        "known_organisation_type": "municipality",
        "known_side": "se",
        "known_place": "Jämtland",
        "known_project_idea": "vill jobba med hållbar turism",
    },
    "nb": {
        "known_organisation_type": "municipality",
        "known_side": "no",
        "known_place": "Trøndelag",
        "known_project_idea": "vil jobbe med bærekraftig reiseliv",
    },
}
ASK = {"sv": "sammanfatta", "nb": "oppsummer"}
"""What a user types to get the summary ("sammanfatta" / "oppsummer", domain.yml)."""

LABELS = {
    "sv": {
        "title": "Sammanfattning av projektidén (att använda i idéskissen)",
        "who": "Vilka ni är",
        "partner": "Partner ni behöver",
        "focus": "Troliga insatsområden",
        "type": "Projekttyp som kan passa",
        "next": "Nästa steg",
        "adviser": "Kontakta",
        "copy": "Kopiera sammanfattningen",
        "download": "Ladda ner sammanfattningen som textfil",
        "copied": "Sammanfattningen är kopierad.",
        "refused": "Webbläsaren tillät inte kopiering.",
        "saved": "Sammanfattningen är nedladdad som textfil.",
        "box": "Sammanfattningen som text",
        "file": "sammanfattning-projektide",
    },
    "nb": {
        "title": "Oppsummering av prosjektideen (til bruk i idéskissen)",
        "who": "Hvem dere er",
        "partner": "Partner dere trenger",
        "focus": "Sannsynlige innsatsområder",
        "type": "Prosjekttype som kan passe",
        "next": "Neste steg",
        "adviser": "Kontakt",
        "copy": "Kopier oppsummeringen",
        "download": "Last ned oppsummeringen som tekstfil",
        "copied": "Oppsummeringen er kopiert.",
        "refused": "Nettleseren tillot ikke kopiering.",
        "saved": "Oppsummeringen er lastet ned som tekstfil.",
        "box": "Oppsummeringen som tekst",
        "file": "oppsummering-prosjektide",
    },
}
"""What the user sees, written out here so a wrong or missing label fails the test."""


def summary_reply(make_tracker: Any, domain: Dict[str, Any], lang: str) -> List[Any]:
    """action_summary's message as the REST channel returns it to the widget."""
    from rasa.core.channels.channel import CollectingOutputChannel
    from rasa_sdk.executor import CollectingDispatcher
    from rasa_sdk.types import DomainDict

    async def run() -> List[Dict[str, Any]]:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker(ASK[lang], "ask_summary", lang, slots=PROFILE[lang])
        await ActionSummary().run(dispatcher, tracker, cast(DomainDict, domain))
        channel = CollectingOutputChannel()
        for message in dispatcher.messages:
            sent = {k: v for k, v in message.items() if v not in (None, [], "")}
            if "custom" not in sent and "json_message" in sent:
                sent["custom"] = sent.pop("json_message")
            await channel.send_response("tester", sent)
        return channel.messages

    # in a thread of its own: Playwright's event loop is running in this one
    with ThreadPoolExecutor(1) as pool:
        messages = pool.submit(asyncio.run, run()).result()
    assert [m["custom"]["type"] for m in messages if "custom" in m] == ["summary"]
    return messages


def expected_text(messages: List[Dict[str, Any]], lang: str) -> str:
    """The summary text, then "Källor (uppgifter per …):" and "  • title — URL" lines."""
    card = next(m["custom"] for m in messages if "custom" in m)
    texts = [m["text"] for m in messages if "text" in m]
    assert texts[-1] == card["source_line"], texts
    body = "\n\n".join(texts[:-1])
    sources = source_lines(card["sources"], card["source_line"], lang)
    return "\n".join([body, "", *sources]) + "\n"


def summary_card(widget: Widget, lang: str, replies: List[List[Dict[str, Any]]]) -> Any:
    """The card shown when the widget on the ``lang`` page gets the summary."""
    widget.answer_with(replies)
    widget.open(lang)
    widget.accept_privacy()
    card = widget.ask(ASK[lang]).locator(".isn-summary")
    expect(card).to_be_visible()
    return card


@pytest.fixture(params=LANGS)
def lang(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def reply(make_tracker: Any, domain: Dict[str, Any], lang: str) -> List[Any]:
    return summary_reply(make_tracker, domain, lang)


@pytest.fixture
def clipboard_widget(browser: Any, stack: Any) -> Iterator[Widget]:
    """A page that may use the clipboard (the permission a user grants)."""
    opened = Widget(browser, stack, permissions=CLIPBOARD)
    yield opened
    opened.close()


def test_the_card_shows_the_summary_with_labels_in_the_replys_language(
    widget: Widget, lang: str, reply: List[Dict[str, Any]]
) -> None:
    card_data = next(m["custom"] for m in reply if "custom" in m)
    x = LABELS[lang]
    card = summary_card(widget, lang, [reply])
    answer = widget.answers.last
    expect(answer).to_have_attribute("lang", lang)
    expect(card).to_have_attribute("lang", lang)
    expect(card.get_by_role("heading", name=x["title"])).to_be_visible()
    terms = card.locator("dt")
    expect(terms).to_have_text(
        [x["who"], x["partner"], x["focus"], x["type"], x["next"], x["adviser"]]
    )
    values = card.locator("dd")
    expect(values.nth(0)).to_have_text(card_data["who"])
    expect(values.nth(0)).to_contain_text(PROFILE[lang]["known_place"])
    for area in card_data["focus_areas"]:
        expect(values.nth(2)).to_contain_text(f"{area['code']} {area['title']}")
    expect(values.nth(3)).to_contain_text(card_data["project_type"]["name"])
    adviser = values.nth(5).get_by_role("link")
    expect(adviser).to_have_attribute("href", re.compile(r"^https://"))
    expect(card.locator(".isn-disclaimer")).to_have_text(card_data["disclaimer"])
    for source in card_data["sources"]:
        link = card.locator(".isn-sources a", has_text=source["title"])
        expect(link).to_have_attribute("href", source["url"])
    # the summary text is the card now: it is not shown a second time beside it
    expect(answer.locator(".isn-text")).to_have_count(0)
    expect(answer).not_to_contain_text(card_data["source_line"])
    for key in ("title", "who", "partner", "focus", "type", "next"):
        expect(answer).not_to_contain_text(LABELS[OTHER[lang]][key])
    expect(card.get_by_role("button", name=x["copy"])).to_be_visible()
    expect(card.get_by_role("button", name=x["download"])).to_be_visible()
    assert widget.axe_violations() == []

    widget.page.reload()  # drawn again from the browser's copy of the conversation
    expect(widget.page.locator(".isn-summary dt")).to_have_count(6)


def test_copy_puts_the_text_with_its_sources_on_the_clipboard(
    clipboard_widget: Widget, lang: str, reply: List[Dict[str, Any]]
) -> None:
    x = LABELS[lang]
    card = summary_card(clipboard_widget, lang, [reply])
    page = clipboard_widget.page
    copy = card.get_by_role("button", name=x["copy"])
    copy.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # reached from the keyboard: the focus ring shows
    expect(copy).to_be_focused()
    outline = copy.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    status = card.get_by_role("status")
    expect(status).to_have_text(x["copied"])
    expect(status).to_have_attribute("aria-live", "polite")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert copied == expected_text(reply, lang)
    assert "  • " in copied and "https://" in copied
    assert not re.search(r"\.(ya?ml|json|md|py)\b|[a-z]+_[a-z_]+", copied), copied
    expect(card.get_by_role("textbox", name=x["box"])).to_be_hidden()
    assert clipboard_widget.axe_violations() == []


def test_a_refused_clipboard_leaves_the_text_selected_to_copy(
    widget: Widget, lang: str, reply: List[Dict[str, Any]]
) -> None:
    """The browser or the user refused: the text is shown, selected, and the user is told."""
    x = LABELS[lang]
    widget.context.add_init_script(
        "navigator.clipboard.writeText = () =>"
        " Promise.reject(new DOMException('refused', 'NotAllowedError'));"
    )
    card = summary_card(widget, lang, [reply])
    card.get_by_role("button", name=x["copy"]).click()
    expect(card.get_by_role("status")).to_contain_text(x["refused"])
    box = card.get_by_role("textbox", name=x["box"])
    expect(box).to_be_visible()
    expect(box).to_be_focused()
    expect(box).to_have_value(expected_text(reply, lang))
    selected = box.evaluate("b => [b.selectionStart, b.selectionEnd, b.value.length]")
    assert selected[0] == 0 and selected[1] == selected[2]
    assert widget.axe_violations() == []


def test_download_saves_the_summary_as_a_text_file_named_in_the_language(
    widget: Widget, lang: str, reply: List[Dict[str, Any]]
) -> None:
    x = LABELS[lang]
    card = summary_card(widget, lang, [reply])
    with widget.page.expect_download() as info:
        card.get_by_role("button", name=x["download"]).click()
    download = info.value
    today = widget.page.evaluate("() => new Date().toISOString().slice(0, 10)")
    assert download.suggested_filename == f"{x['file']}-{today}.txt"
    saved = Path(download.path()).read_text(encoding="utf-8")
    assert saved == expected_text(reply, lang)
    expect(card.get_by_role("status")).to_have_text(x["saved"])


@pytest.mark.parametrize("page_lang", LANGS)
def test_a_malformed_summary_card_is_ignored_and_the_widget_goes_on(
    widget: Widget, page_lang: str
) -> None:
    """Null fields: no card, the text stands, nothing thrown; a later card still draws,
    without the list items it cannot show."""
    nulls = {
        "type": "summary",
        "language": None,
        "who": None,
        "partner": None,
        "focus_areas": None,
        "project_type": None,
        "next_step": None,
        "adviser": None,
        "missing": None,
        "disclaimer": None,
        "sources": None,
        "source_line": None,
    }
    partial = {
        **nulls,
        "focus_areas": [
            None,
            {"code": None, "title": "x"},
            {"code": "3C", "title": "T", "why": [None]},
        ],
        "project_type": {"name": None},
        "next_step": "N",
        "adviser": "A",
        "disclaimer": "D",
    }
    replies: List[List[Dict[str, Any]]] = [
        [{"text": "Text som står kvar."}, {"custom": nulls}],
        [{"text": "Inget kort."}, {"custom": {"type": "summary"}}, {"custom": None}],
        [{"custom": partial}],
    ]
    widget.answer_with(replies)
    widget.open(page_lang)
    widget.accept_privacy()
    first = widget.ask(ASK[page_lang])
    expect(first).to_contain_text("Text som står kvar.")
    expect(first.locator(".isn-card")).to_have_count(0)
    second = widget.ask("och nu?")
    expect(second).to_contain_text("Inget kort.")
    expect(second.locator(".isn-card")).to_have_count(0)
    third = widget.ask("igen")
    card = third.locator(".isn-summary")
    x = LABELS[page_lang]
    expect(card.locator("dt")).to_have_text([x["focus"], x["next"], x["adviser"]])
    expect(card.locator(".isn-area")).to_have_count(1)
    expect(card.locator(".isn-why")).to_have_count(0)
    expect(card.locator(".isn-disclaimer")).to_have_text("D")
    widget.page.reload()
    expect(widget.page.locator(".isn-summary")).to_have_count(1)
    assert (
        widget.page.evaluate(f"() => {SHADOW}.querySelectorAll('.isn-log > li').length")
        == 6
    )


CONVERSATION = {
    "sv": [
        "Vi är en kommun i Jämtland",
        "vi vill jobba med hållbar turism med en norsk kommun",
    ],
    "nb": [
        "Vi er en kommune i Trøndelag",
        "vi vil jobbe med bærekraftig reiseliv med en svensk kommune",
    ],
}
WHO = {"sv": ("kommun", "Jämtland"), "nb": ("kommune", "Trøndelag")}


def test_the_real_assistant_gives_the_summary_card_through_the_widget(
    clipboard_widget: Widget, lang: str
) -> None:
    """Told who, where and what, then "sammanfatta": the card has the user's organisation
    and place, and "Copy" gives its text."""
    widget, x = clipboard_widget, LABELS[lang]
    widget.open(lang)
    widget.accept_privacy()
    for message in CONVERSATION[lang]:
        widget.ask(message)
    answer = widget.ask(ASK[lang])
    card = answer.locator(".isn-summary")
    expect(card).to_be_visible()
    expect(card).to_have_attribute("lang", lang)
    expect(card.get_by_role("heading", name=x["title"])).to_be_visible()
    expect(card.locator("dt").first).to_have_text(x["who"])
    organisation, place = WHO[lang]
    who = card.locator("dd").first
    expect(who).to_contain_text(organisation)
    expect(who).to_contain_text(place)
    expect(card.locator(".isn-disclaimer")).to_be_visible()
    expect(answer.locator(".isn-text")).to_have_count(0)
    card.get_by_role("button", name=x["copy"]).click()
    expect(card.get_by_role("status")).to_have_text(x["copied"])
    copied = widget.page.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith(x["title"]) and place in copied
    assert widget.axe_violations() == []
    widget.screenshot(f"widget-summary-{lang}.png")
