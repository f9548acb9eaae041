"""The chat widget in a real browser (Debian's Chromium, headless) against the real stack.

Playwright drives the demo pages served by ``bot.runtime.launcher serve``; every answer
comes from the trained model and the action server, and what the widget says it
stored is checked in the conversation database. axe-core (npm, tests/widget)
is injected from disk, so nothing is fetched from the network. The pages run
under the web server's Content-Security-Policy; a violation fails the test.

Screenshots go to results/screenshots; docs/screenshots is rewritten only when
a picture's size changed or UPDATE_SCREENSHOTS=1, so a test run leaves the
tracked files alone.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any, Dict, List

import pytest
from playwright.sync_api import expect

from tests.widget.driver import (
    FOCUSED_CLASS,
    IN_PANEL,
    STATE_VERSION,
    STORE_KEY,
    XSS,
    Widget,
    _seed,
    events_of,
    response,
)

pytestmark = pytest.mark.e2e


def test_swedish_page_conversation_cards_history_and_language_toggle(
    widget: Widget,
) -> None:
    page = widget.page
    widget.open("sv")
    expect(page.locator(".isn-notice h3")).to_be_focused()
    expect(page.locator(".isn-notice")).to_contain_text("inte en människa")
    expect(page.locator("textarea.isn-input")).to_be_hidden()
    widget.accept_privacy()
    expect(page.get_by_label("Skriv din fråga")).to_be_focused()

    greeting = widget.ask("Hej")
    expect(greeting).to_contain_text(response("utter_greet", "sv")["text"][:40])
    expect(page.locator(".isn-root [aria-live=polite]")).to_contain_text(
        "Jag är en chattbot"
    )

    question = response("utter_ask_organisation_type", "sv")
    asked = widget.ask("Vem kan söka stöd?")
    first = question["buttons"][0]["title"]
    expect(asked.locator(".isn-choices")).to_contain_text(first)
    before = widget.answers.count()
    asked.get_by_role("button", name=first).click()
    verdict = widget.wait_answer(before)
    expect(asked.get_by_role("button", name=first)).to_be_disabled()
    expect(asked.locator(".isn-choice").nth(1)).to_be_disabled()
    expect(page.locator(".isn-user").last).to_have_text("Du: " + first)
    expect(verdict.locator(".isn-elig-true")).to_contain_text("Kan söka")

    suggestion = widget.ask(
        "Vi vill förebygga skogsbränder och översvämningar på båda sidor av gränsen"
    )
    card = suggestion.locator(".isn-card").filter(has=page.locator(".isn-area"))
    expect(card).to_contain_text("Insatsområden som kan passa")
    code = card.locator(".isn-code").first.inner_text()
    assert re.fullmatch(r"[1-4][A-C]", code)
    expect(card.locator(".isn-why").first).to_contain_text("Varför:")
    read_more = card.get_by_role("button", name=f"Läs mer om {code}")
    before = widget.answers.count()
    read_more.click()
    explained = widget.wait_answer(before)
    expect(explained).to_contain_text(code)
    expect(read_more).to_be_disabled()
    assert widget.axe_violations() == []

    shown = page.locator(".isn-log > li").count()
    sender = widget.stored()["senderId"]
    page.reload()
    expect(widget.panel).to_be_visible()
    expect(page.locator(".isn-log > li")).to_have_count(shown)
    expect(page.locator(".isn-card .isn-code").first).to_have_text(code)
    expect(page.get_by_role("button", name=f"Läs mer om {code}")).to_be_disabled()
    assert widget.stored()["senderId"] == sender
    widget.screenshot("widget-sv.png")

    before = widget.answers.count()
    page.get_by_role("button", name="NO – norska").click()
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(page.get_by_role("button", name="NO – norsk")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(widget.root).to_have_attribute("lang", "nb")
    switched = widget.wait_answer(before)
    expect(switched).to_contain_text(response("utter_language_changed", "nb")["text"])
    answer = widget.ask("Hvilke innsatsområder finnes?")
    expect(answer).to_have_attribute("lang", "nb")
    expect(answer).to_contain_text("grenseregion")
    expect(answer).not_to_contain_text("gränsregion")
    assert widget.stored()["language"] == "nb"


def test_norwegian_page_answers_in_norwegian_from_the_first_message(
    widget: Widget,
) -> None:
    page = widget.page
    widget.open("nb")
    expect(page.locator(".isn-notice h3")).to_have_text("Før du begynner")
    assert widget.axe_violations() == []
    widget.accept_privacy()
    first = widget.ask("Hallo!")  # written alike in both: the page language decides
    expect(first).to_contain_text(response("utter_greet", "nb")["text"][:40])
    asked = widget.ask("Kan en kommune søke?")
    expect(asked).to_have_attribute("lang", "nb")
    expect(asked.locator(".isn-elig-true")).to_contain_text("Kan søke")
    widget.screenshot("widget-nb.png")
    assert widget.axe_violations() == []


def test_one_script_tag_with_its_own_server_title_and_retention(widget: Widget) -> None:
    """An embedding page that names the Rasa server itself needs no config.json.

    The page is written into a document of the web server (set_content): Chromium
    lets only a page that came from this machine call a server on 127.0.0.1.
    """
    stack = widget.stack
    html = (
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>Innebygd</title>'
        '</head><body><main><h1>Innebygd</h1></main><script src="/widget.js" '
        f'data-server="{stack.rasa_url}/" data-lang="nb" data-title="Testtittel" '
        'data-retention-days="30"></script></body></html>'
    )
    page = widget.page
    served = page.goto("/index.html")
    assert served is not None
    policy = served.headers["content-security-policy"]
    assert f"connect-src 'self' {stack.rasa_url};" in policy
    page.wait_for_load_state("networkidle")  # index.html's own widget has its config
    asked: List[str] = []
    page.on("request", lambda request: asked.append(request.url))
    page.set_content(html)
    page.locator(".isn-launcher").click()
    expect(page.get_by_role("dialog", name="Testtittel")).to_be_visible()
    expect(page.locator(".isn-notice")).to_contain_text("høyst 30 dager")
    widget.accept_privacy()
    expect(widget.ask("Hallo!")).to_contain_text(
        response("utter_greet", "nb")["text"][:40]
    )
    assert not [url for url in asked if url.endswith("/config.json")]


def test_markup_from_the_user_is_shown_as_inert_text(widget: Widget) -> None:
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    widget.ask(XSS)
    expect(page.locator(".isn-user .isn-text").last).to_have_text(XSS)
    assert widget.root.locator("img").count() == 0
    assert widget.dialogs == []


def test_bot_text_and_cards_are_never_html_and_links_are_safe(widget: Widget) -> None:
    """A stored conversation with hostile content, as if a reply had carried it."""
    hostile = {
        "senderId": "web-seeded-hostile",
        "language": "sv",
        "privacyAccepted": True,
        "transcript": [
            {"role": "user", "text": XSS, "lang": "sv"},
            {
                "role": "bot",
                "lang": "sv",
                "chosen": None,
                "rating": None,
                "plain": False,
                "messages": [
                    {"text": "Läs https://interreg-sverige-norge.com/. Inte javascript:alert(1) "
                     "eller <script>alert(2)</script><a href='javascript:alert(3)'>x</a>"},
                    {"custom": {"type": "focus_areas", "language": "sv", "items": [
                        {"code": "2A", "title": XSS, "score": 0.5, "why": ["<b>x</b>"], "summary": XSS}
                    ]}},
                ],
            },
        ],
    }  # fmt: skip
    _seed(widget, hostile)
    widget.open("sv")
    answer = widget.answers.first
    expect(answer).to_contain_text("<script>alert(2)</script>")
    expect(answer.locator(".isn-area strong")).to_have_text(XSS)
    links = widget.root.locator("a")
    expect(links).to_have_count(1)
    expect(links).to_have_attribute("href", "https://interreg-sverige-norge.com/")
    expect(links).to_have_attribute("target", "_blank")
    expect(links).to_have_attribute("rel", "noopener noreferrer")
    assert widget.root.locator("img, script, b").count() == 0
    assert widget.dialogs == []


def test_sources_are_links_on_their_titles(widget: Widget) -> None:
    """The source line of a reply becomes links on the page titles (new tab, no
    referrer); a source whose address is not https stays plain text."""
    line = (
        "Källa: Vanliga frågor (https://www.interreg-sverige-norge.com/faq/); "
        "Elak (javascript:alert(1)) (uppgifter per 2025-01-01)."
    )
    stored = {
        "senderId": "web-seeded-sources",
        "language": "sv",
        "privacyAccepted": True,
        "transcript": [
            {"role": "user", "text": "får vi starta innan beslut?", "lang": "sv"},
            {
                "role": "bot", "lang": "sv", "chosen": None, "rating": None, "plain": False,
                "messages": [{
                    "text": "Ett projekt får starta från och med ansökningsdagen.\n\n" + line,
                    "custom": {
                        "type": "faq", "language": "sv", "source_line": line,
                        "sources": [
                            {"title": "Vanliga frågor", "url": "https://www.interreg-sverige-norge.com/faq/"},
                            {"title": "Elak", "url": "javascript:alert(1)"},
                        ],
                    },
                }],
            },
        ],
    }  # fmt: skip
    _seed(widget, stored)
    widget.open("sv")
    answer = widget.answers.first
    sources = answer.locator(".isn-sources")
    expect(sources).to_contain_text("Källa: Vanliga frågor")
    expect(sources).to_contain_text("Elak (javascript:alert(1))")
    link = sources.locator("a")
    expect(link).to_have_count(1)
    expect(link).to_have_attribute(
        "href", "https://www.interreg-sverige-norge.com/faq/"
    )
    expect(link).to_have_attribute("target", "_blank")
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    expect(link).to_contain_text("Vanliga frågor")
    expect(answer.locator(".isn-text").first).not_to_contain_text("Källa:")
    assert widget.dialogs == []


def test_thumbs_down_is_stored_with_the_conversation(widget: Widget) -> None:
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    answer = widget.ask("Vilka projekttyper finns det?")
    rated_text = answer.locator(".isn-text").first.inner_text()
    before = widget.answers.count()
    down = answer.get_by_role("button", name="Nej, svaret hjälpte inte")
    down.click()
    thanks = widget.wait_answer(before)
    expect(thanks).to_contain_text(response("utter_feedback_thanks", "sv")["text"])
    expect(down).to_have_attribute("aria-pressed", "true")
    expect(thanks.locator(".isn-thumb")).to_have_count(0)
    feedback = [
        e for e in events_of(widget.stack, widget.stored()["senderId"])
        if e.get("event") == "user" and e["parse_data"]["intent"]["name"] == "feedback"
    ]  # fmt: skip
    assert len(feedback) == 1
    entities = {e["entity"]: e["value"] for e in feedback[0]["parse_data"]["entities"]}
    assert entities["rating"] == "down"
    assert entities["rated_message"][:30] == rated_text[:30]
    expect(page.locator(".isn-alert")).to_be_hidden()


def test_unreachable_server_shows_a_retry_in_the_page_language(widget: Widget) -> None:
    page = widget.page
    rasa = f"{widget.stack.rasa_url}/**"
    page.route(rasa, lambda route: route.abort())
    widget.open("nb")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Vi får ikke kontakt med assistenten")
    widget.accept_privacy()
    box = page.get_by_label("Skriv spørsmålet ditt")
    box.fill("Hei")
    box.press("Enter")
    expect(page.locator(".isn-user").last).to_contain_text("(ikke sendt)")
    expect(alert.get_by_role("button", name="Prøv igjen")).to_be_visible()

    def reopen() -> None:
        """Opening checks the connection; that must not drop the unsent message."""
        page.get_by_role("button", name="Lukk chatten").click()
        page.locator(".isn-launcher").click()
        expect(widget.panel).to_be_visible()

    reopen()
    expect(alert).to_contain_text("Vi får ikke kontakt med assistenten")
    page.unroute(rasa)
    reopen()
    expect(alert).to_contain_text("Den siste meldingen din kom ikke fram")
    expect(page.locator(".isn-user").last).to_contain_text("(ikke sendt)")
    alert.get_by_role("button", name="Prøv igjen").click()
    expect(widget.answers).to_have_count(1)
    expect(page.locator(".isn-user").last).not_to_contain_text("(ikke sendt)")
    expect(alert).to_be_hidden()


def test_while_a_reply_is_on_its_way(widget: Widget) -> None:
    """Typing indicator; answers' buttons unavailable; a language switch is queued."""
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    asked = widget.ask(
        "Vi vill förebygga skogsbränder och översvämningar på båda sidor av gränsen"
    )
    first = asked.locator(".isn-choice").first
    thumb = asked.get_by_role("button", name="Ja, svaret hjälpte")

    held = widget.hold_next_message()
    before = widget.answers.count()
    widget.type_and_send("Vilka projekttyper finns det?")
    typing = page.locator(".isn-typing")
    expect(typing).to_be_visible()
    expect(typing).to_contain_text("Assistenten skriver")
    expect(first).to_have_attribute("aria-disabled", "true")
    expect(thumb).to_have_attribute("aria-disabled", "true")
    first.dispatch_event("click")
    thumb.dispatch_event("click")
    page.get_by_role("button", name="NO – norska").click()
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(typing).to_be_visible()  # the toggle re-rendered the log, still waiting
    held[0].continue_()

    widget.wait_answer(before)
    switched = widget.wait_answer(before + 1)
    expect(switched).to_contain_text(response("utter_language_changed", "nb")["text"])
    expect(first).not_to_have_attribute("aria-disabled", "true")
    expect(first).to_be_enabled()  # the ignored click chose nothing
    expect(asked.get_by_role("button", name="Ja, svaret hjalp")).to_have_attribute(
        "aria-pressed", "false"
    )
    expect(page.locator(".isn-user")).to_have_count(2)
    feedback = [
        e for e in events_of(widget.stack, widget.stored()["senderId"])
        if e.get("event") == "user" and e["parse_data"]["intent"]["name"] == "feedback"
    ]  # fmt: skip
    assert feedback == []


def test_the_page_language_applies_unless_the_user_chose_one(widget: Widget) -> None:
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    expect(widget.ask("Hej")).to_contain_text(
        response("utter_greet", "sv")["text"][:40]
    )
    page.goto("/nb.html")  # the header link "Norsk"
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(widget.root).to_have_attribute("lang", "nb")
    expect(page.locator(".isn-user").first).to_have_attribute("lang", "sv")
    # The conversation so far is Swedish; a message in clear Norwegian switches it.
    expect(widget.ask("Hei!")).to_contain_text(
        response("utter_greet", "nb")["text"][:40]
    )

    before = widget.answers.count()
    page.get_by_role("button", name="SV – svensk").click()
    widget.wait_answer(before)
    page.goto("/nb.html")
    expect(page.get_by_label("Skriv din fråga")).to_be_visible()
    expect(widget.root).to_have_attribute("lang", "sv")


def test_a_typed_language_request_switches_the_widget_too(widget: Widget) -> None:
    """Typed instead of pressing NO: texts, lang and the stored choice follow the bot."""
    page = widget.page
    posted: List[str] = []

    def record(request: Any) -> None:
        if request.url.endswith("/webhooks/rest/webhook"):
            posted.append(request.post_data or "")

    page.on("request", record)
    widget.open("sv")
    widget.accept_privacy()
    switched = widget.ask("kan du svara på norska?")
    expect(switched).to_contain_text(response("utter_language_changed", "nb")["text"])
    expect(switched).to_have_attribute("lang", "nb")
    expect(switched.locator(".isn-card")).to_have_count(0)
    expect(page.locator(".isn-user").last).to_have_attribute("lang", "sv")
    expect(widget.root).to_have_attribute("lang", "nb")
    box = page.get_by_label("Skriv spørsmålet ditt")
    expect(box).to_have_attribute("placeholder", "Skriv spørsmålet ditt her …")
    expect(page.get_by_role("button", name="Send", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="NO – norsk")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(switched.get_by_role("button", name="Ja, svaret hjalp")).to_be_visible()

    answer = widget.ask("Vilka insatsområden finns det?")  # answered in Bokmål
    expect(answer).to_have_attribute("lang", "nb")
    expect(answer).to_contain_text("grenseregion")
    assert len(posted) == 2, posted
    assert not [body for body in posted if "change_language" in body]
    assert json.loads(posted[1])["metadata"] == {"language": "nb"}

    page.reload()  # the Swedish page, but the user asked for Norwegian
    expect(widget.panel).to_be_visible()
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(widget.root).to_have_attribute("lang", "nb")
    expect(widget.answers.first).to_have_attribute("lang", "nb")
    expect(page.locator(".isn-card")).to_have_count(0)
    stored = widget.stored()
    assert stored["language"] == "nb" and stored["languageChosen"] is True


def test_language_payloads_with_replies_written_here(widget: Widget) -> None:
    """The widget's side alone: an unknown payload type draws nothing, a language
    outside sv/nb is ignored, and SV/NO pressed while the reply is on its way wins."""
    page = widget.page
    posted: List[Dict[str, Any]] = []
    waiting: List[Any] = []

    def hold(route: Any) -> None:
        posted.append(json.loads(route.request.post_data or "{}"))
        waiting.append(route)

    page.route(f"{widget.stack.rasa_url}/webhooks/rest/webhook", hold)

    def reply(*messages: Dict[str, Any]) -> None:
        deadline = time.monotonic() + 30
        while not waiting:
            assert time.monotonic() < deadline, "the widget sent nothing"
            page.wait_for_timeout(50)
        waiting.pop(0).fulfill(
            status=200,
            headers={"Access-Control-Allow-Origin": "*"},
            content_type="application/json",
            body=json.dumps(messages),
        )

    said = {
        lang: {"text": response("utter_language_changed", lang)["text"]}
        for lang in ("sv", "nb")
    }
    language = {
        lang: {"custom": response("utter_language_changed", lang)["custom"]}
        for lang in ("sv", "nb")
    }
    widget.open("sv")
    widget.accept_privacy()
    widget.type_and_send("svara på norska")
    reply(said["nb"], language["nb"], {"custom": {"type": "poll", "items": [XSS]}})
    answer = widget.wait_answer(0)
    expect(answer).to_have_attribute("lang", "nb")
    expect(answer).to_contain_text(said["nb"]["text"])
    expect(answer.locator(".isn-card")).to_have_count(0)
    assert widget.root.locator("img").count() == 0
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(widget.root).to_have_attribute("lang", "nb")

    widget.type_and_send("Hei")
    reply({"text": "Hei!"}, {"custom": {"type": "language", "language": "de"}})
    expect(widget.answers.nth(1)).to_have_attribute("lang", "nb")
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    assert [m["message"] for m in posted] == ["svara på norska", "Hei"]
    assert posted[1]["metadata"] == {"language": "nb"}

    widget.type_and_send("svar på svensk")
    expect(page.locator(".isn-typing")).to_be_visible()
    page.get_by_role("button", name="SV – svensk").click()
    page.get_by_role("button", name="NO – norska").click()
    reply(said["sv"], language["sv"])  # the typed request, overtaken by the toggle
    expect(widget.answers.nth(2)).to_have_attribute("lang", "sv")
    reply(said["nb"], language["nb"])
    expect(widget.answers).to_have_count(4)
    assert posted[3]["message"] == '/change_language{"reply_language":"nb"}'
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    assert widget.stored()["language"] == "nb"

    page.reload()
    expect(page.get_by_label("Skriv spørsmålet ditt")).to_be_visible()
    expect(widget.answers).to_have_count(4)
    expect(page.locator(".isn-card")).to_have_count(0)
    assert len(posted) == 4, "no message of its own on a language payload"


def test_a_turn_pending_at_reload_is_offered_again(widget: Widget) -> None:
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    asked = widget.ask("Vem kan söka stöd?")
    first = asked.locator(".isn-choice").first
    label = first.inner_text()
    held = widget.hold_next_message()
    first.click()
    expect(page.locator(".isn-typing")).to_be_visible()
    assert held, "the quick reply is on its way"
    page.reload()

    expect(widget.panel).to_be_visible()
    last = page.locator(".isn-log > li").last
    expect(last).to_have_text(f"Du: {label} (inte skickat)")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Ditt senaste meddelande kom inte fram")
    before = widget.answers.count()
    alert.get_by_role("button", name="Försök igen").click()
    verdict = widget.wait_answer(before)
    expect(verdict.locator(".isn-elig-true")).to_contain_text("Kan söka")
    expect(page.locator(".isn-user").last).to_have_text(f"Du: {label}")
    expect(alert).to_be_hidden()


def test_download_new_conversation_and_delete(widget: Widget) -> None:
    page = widget.page
    widget.open("sv")
    widget.accept_privacy()
    widget.ask("Hej")
    with page.expect_download() as download:
        page.get_by_role("button", name="Ladda ner samtalet som text").click()
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert "Du: Hej" in text
    assert "Assistenten: " + response("utter_greet", "sv")["text"][:40] in text
    assert download.value.suggested_filename.startswith("interreg-samtal-")

    first = widget.stored()["senderId"]
    page.get_by_role("button", name="Nytt samtal").click()
    expect(page.locator(".isn-log > li")).to_have_count(0)
    assert widget.stored()["senderId"] != first
    assert events_of(widget.stack, first), (
        "a new conversation keeps the old one on the server"
    )

    widget.ask("Hej")
    second = widget.stored()["senderId"]
    assert events_of(widget.stack, second)

    failing = f"{widget.stack.rasa_url}/webhooks/rest/conversations/**"
    page.route(failing, lambda route: route.fulfill(status=500, body="{}"))
    page.get_by_role("button", name="Radera samtalet här och på servern").click()
    page.get_by_role("button", name="Ja, radera").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Samtalet kunde inte raderas på servern"
    )
    expect(page.locator(".isn-log > li")).to_have_count(2)
    page.unroute(failing)

    page.get_by_role("button", name="Radera samtalet här och på servern").click()
    expect(page.get_by_role("button", name="Ja, radera")).to_be_focused()
    page.get_by_role("button", name="Ja, radera").click()
    expect(page.locator(".isn-root [aria-live=polite]")).to_contain_text(
        "Samtalet är raderat"
    )
    expect(page.locator(".isn-log > li")).to_have_count(0)
    expect(page.locator(".isn-notice")).to_be_visible()
    assert page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')") is None
    assert events_of(widget.stack, second) == []
    assert events_of(widget.stack, first), "only the current conversation is deleted"


def test_keyboard_only_use_and_focus_movement(widget: Widget) -> None:
    page = widget.page
    page.goto("/")  # the start page has the widget too (Swedish)
    launcher = page.get_by_role("button", name="Frågor om Interreg? Chatta med oss")
    launcher.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".isn-notice h3")).to_be_focused()
    page.keyboard.press("Tab")
    accept = page.get_by_role("button", name="Jag förstår – starta chatten")
    expect(accept).to_be_focused()
    outline = accept.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline != "none", "keyboard focus must be visible"
    page.keyboard.press("Enter")
    expect(page.get_by_label("Skriv din fråga")).to_be_focused()
    page.keyboard.type("Vem kan söka?")
    before = widget.answers.count()
    page.keyboard.press("Enter")
    widget.wait_answer(before)
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


@pytest.mark.parametrize(
    "viewport",
    [
        pytest.param({"width": 320, "height": 640}, id="320px"),
        pytest.param(
            {"width": 640, "height": 400, "device_scale_factor": 2}, id="200pct-zoom"
        ),
    ],
)
def test_reflows_at_320px_and_200_percent_zoom(
    browser: Any, stack: Any, viewport: Dict[str, Any]
) -> None:
    viewport = dict(viewport)
    scale = viewport.pop("device_scale_factor", 1)
    widget = Widget(browser, stack, viewport=viewport, device_scale_factor=scale)
    try:
        page = widget.page
        widget.open("sv")
        widget.accept_privacy()
        asked = widget.ask("Vem kan söka stöd?")
        before = widget.answers.count()
        asked.locator(".isn-choice").first.click()
        widget.wait_answer(before)
        width = viewport["width"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
        box = widget.panel.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        log = page.locator(".isn-log")
        assert log.evaluate("node => node.scrollWidth <= node.clientWidth")
        assert log.evaluate("node => node.clientHeight") > 80
        expect(page.get_by_label("Skriv din fråga")).to_be_in_viewport()
        expect(page.get_by_role("button", name="Skicka")).to_be_in_viewport()
        assert widget.axe_violations() == []

        # The panel covers the page now, so it is modal: focus stays inside it.
        expect(widget.panel).to_have_attribute("aria-modal", "true")
        page.get_by_label("Skriv din fråga").focus()
        stops = set()
        for key in ["Tab"] * 24 + ["Shift+Tab"] * 8:
            page.keyboard.press(key)
            where = page.evaluate(IN_PANEL)
            assert where in ("panel", "outside the page"), where
            stops.add(page.evaluate(FOCUSED_CLASS))
        assert {"isn-lang-btn", "isn-close", "isn-primary isn-send"} <= stops
        page.get_by_label("Skriv din fråga").focus()
        page.keyboard.press("Escape")
        expect(widget.panel).to_be_hidden()
        expect(page.locator(".isn-panel")).not_to_have_attribute("aria-modal", "true")
        assert page.locator("main").evaluate("node => node.inert") is False
    finally:
        widget.close()


def _stored_greeting(lang: str = "sv", items: Any = None) -> Dict[str, Any]:
    card = {"type": "focus_areas", "language": lang, "items": items or []}
    return {
        "senderId": "web-seeded-state",
        "language": lang,
        "languageChosen": False,
        "privacyAccepted": True,
        "transcript": [
            {"role": "user", "text": "turism över gränsen", "lang": lang},
            {
                "role": "bot", "lang": lang, "chosen": None, "rating": None, "plain": False,
                "messages": [{"text": "Insatsområden som passar:", "custom": card}],
            },
        ],
    }  # fmt: skip


def test_a_card_with_holes_keeps_the_rest(widget: Widget) -> None:
    """null entries in a stored card's lists are dropped; the rest is drawn."""
    items = [None, {"code": "3C", "title": "Turism", "why": [None, "turism"]}, None]
    _seed(widget, _stored_greeting("sv", items))
    widget.open("sv")
    answer = widget.answers.first
    expect(answer.locator(".isn-area")).to_have_count(1)
    expect(answer.locator(".isn-area strong")).to_have_text("Turism")
    assert widget.errors == []


@pytest.mark.parametrize(
    "card",
    [
        {"type": "focus_areas", "language": "sv", "items": [5, "x", [None]]},
        {
            "type": "eligibility",
            "language": "sv",
            "reasons": 7,
            "requirements": {"a": 1},
        },
        {"type": "focus_areas", "language": "xx", "items": [{"code": {"a": 1}}]},
    ],
)
def test_a_card_of_unknown_shape_leaves_the_text(widget: Widget, card: Any) -> None:
    stored = _stored_greeting("sv")
    stored["transcript"][1]["messages"][0]["custom"] = card
    _seed(widget, stored)
    widget.open("sv")
    expect(widget.answers.first).to_contain_text("Insatsområden som passar")
    assert widget.errors == []


@pytest.mark.parametrize(
    "changes",
    [
        {"language": "klingon", "languageChosen": True},
        {"language": None, "languageChosen": "yes"},
        {"transcript": [None, 5, {"role": "bot", "messages": None}]},
    ],
)
def test_stored_state_it_cannot_read_is_ignored(widget: Widget, changes: Any) -> None:
    _seed(widget, {**_stored_greeting("sv"), **changes})
    widget.open("sv")
    expect(widget.panel).to_be_visible()
    assert widget.errors == []
    expect(widget.page.locator("html")).to_have_attribute("lang", "sv")


def test_a_stored_state_of_another_version_is_not_read(widget: Widget) -> None:
    _seed(widget, {**_stored_greeting("sv"), "version": 1})
    widget.open("sv")
    expect(widget.answers).to_have_count(0)
    assert widget.errors == []


@pytest.mark.parametrize(("age_days", "kept"), [(1, True), (31, False)])
def test_a_stored_conversation_older_than_the_stated_retention_is_dropped(
    widget: Widget, age_days: float, kept: bool
) -> None:
    """The page says conversations are kept at most 30 days: so does the browser."""
    stack = widget.stack
    page = widget.page
    page.goto("/index.html")
    page.wait_for_load_state("networkidle")
    page.evaluate(
        f"""() => localStorage.setItem('{STORE_KEY}', JSON.stringify(Object.assign(
            {json.dumps(_stored_greeting("nb"))},
            {{version: {STATE_VERSION}, savedAt: Date.now() - {age_days} * 86400000}})))"""
    )
    page.set_content(
        '<!doctype html><html lang="nb"><head><meta charset="utf-8"><title>t</title>'
        f'</head><body><script src="/widget.js" data-server="{stack.rasa_url}/" '
        'data-lang="nb" data-retention-days="30"></script></body></html>'
    )
    page.locator(".isn-launcher").click()
    expect(widget.panel).to_be_visible()
    expect(widget.answers).to_have_count(1 if kept else 0)
    raw = page.evaluate(f"() => localStorage.getItem('{STORE_KEY}')")
    assert ("web-seeded-state" in (raw or "")) is kept, "gone from the browser too"
