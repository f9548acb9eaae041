"""The widget's API for the host page, in a real browser against the real stack.

Each call (open, close, ask, setLanguage), each event (ready, open, close, message,
reply, feedback, error, language, through on() and as DOM events), the data-
attributes (suggestions, position, accent), the CSS custom properties and their
contrast check, and the shadow DOM's isolation from a hostile host page's CSS.

The host pages are served on the web server's origin with its Content-Security-Policy
(page.route), so they behave like a real embedding page: their CSS and JavaScript are
files, never inline, and widget.js, widget.css and config.json come from the server.
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import pytest
from playwright.sync_api import expect

from tests.widget.driver import Widget, response

pytestmark = pytest.mark.e2e

EVENTS = ["ready", "open", "close", "message", "reply", "feedback", "error", "language"]
HOST_JS = (
    f"const EVENTS = {json.dumps(EVENTS)};"
    + """
window.seen = [];
// Not `window.InterregAssistant || {q: []}` as on a real page: set_content keeps the
// window, and with it the API of index.html's widget, which is gone with its document.
window.InterregAssistant = { q: [] };
for (const name of EVENTS) {
  window.InterregAssistant.q.push(["on", name, (detail) => seen.push({ via: "on", name, detail })]);
  document.addEventListener("interreg-assistant:" + name,
    (event) => seen.push({ via: "dom", name, detail: event.detail }));
}
"""
)
"""Records every event both ways; registered through the queue, before widget.js loads."""
DEFAULT_ACCENT = "rgb(10, 74, 127)"
DEFAULT_FOCUS = "rgb(180, 83, 9)"
TEXT_BOX = {"sv": "Skriv din fråga", "nb": "Skriv spørsmålet ditt"}
ACCEPT = {"sv": "Jag förstår – starta chatten", "nb": "Jeg forstår – start chatten"}
LANGS = ["sv", "nb"]
OTHER = {"sv": "nb", "nb": "sv"}
HOSTILE_CSS = """
* { all: unset; font-size: 40px !important; color: red !important;
    line-height: 3 !important; letter-spacing: 0.3em !important; }
html { font-size: 40px !important; }
button, textarea, aside, ol, li, h2, h3 { display: none !important; }
div { display: none !important; opacity: 0 !important; transform: scale(0.2) !important; }
#interreg-assistant { visibility: hidden !important; position: absolute !important; left: -9999px !important; }
.isn-launcher, .isn-panel, .isn-root { display: none !important; }
"""
"""A host page whose global rules would wreck any widget that shares its styles."""


def host_page(
    widget: Widget,
    lang: str = "sv",
    attrs: str = "",
    css: str = "",
    queued: str = "",
    body: str = "",
) -> None:
    """An embedding page written into a page of the web server (set_content), so it has
    the server's origin and CSP, and Chromium lets it call Rasa on 127.0.0.1 (a page
    fulfilled by page.route counts as public). Its CSS and script are files (routed)."""
    page = widget.page
    web = widget.stack.web_url
    html = (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>Värd</title>'
        '<link rel="stylesheet" href="/host-test/host.css">'
        '<script src="/host-test/host.js"></script></head>'
        f"<body><main><h1>Host</h1><p>Page text.</p></main>{body}"
        f'<script src="/widget.js" data-lang="{lang}" {attrs}></script></body></html>'
    )
    files = {
        "host.css": ("text/css", css),
        "host.js": ("text/javascript", HOST_JS + queued),
    }
    for name, (kind, text) in files.items():
        page.route(
            f"{web}/host-test/{name}",
            lambda route, kind=kind, text=text: route.fulfill(
                status=200, content_type=kind, body=text
            ),
        )
    page.goto("/index.html")
    page.wait_for_load_state("networkidle")  # index.html's own widget is settled
    page.set_content(html)
    wait_event(widget, "ready")


def seen(widget: Widget, name: Optional[str] = None, via: str = "on") -> List[Any]:
    """The details of the events the page has heard so far (through on() or the DOM)."""
    events = widget.page.evaluate("() => window.seen")
    return [
        e["detail"] for e in events if e["via"] == via and name in (None, e["name"])
    ]


def wait_event(widget: Widget, name: str, count: int = 1) -> Dict[str, Any]:
    """The count-th event of that name, once both mechanisms have delivered it alike."""
    widget.page.wait_for_function(
        "([name, n]) => window.seen.filter(e => e.name === name && e.via === 'dom').length >= n",
        arg=[name, count],
    )
    by_on, by_dom = seen(widget, name), seen(widget, name, via="dom")
    assert by_on == by_dom, "on() and the DOM event carry the same detail"
    return dict(by_on[count - 1])


def call(widget: Widget, js: str) -> Any:
    """An API call as the host page's script makes it."""
    return widget.page.evaluate(f"() => {{ {js}; return 'page still running'; }}")


def accept(widget: Widget, lang: str) -> None:
    widget.page.get_by_role("button", name=ACCEPT[lang]).click()


def fake_replies(widget: Widget, replies: List[Dict[str, Any]]) -> List[str]:
    """Answer every message with these replies; returns what the widget posted."""
    posted: List[str] = []

    def answer(route: Any) -> None:
        posted.append(json.loads(route.request.post_data or "{}")["message"])
        route.fulfill(
            status=200,
            headers={"Access-Control-Allow-Origin": "*"},
            content_type="application/json",
            body=json.dumps(replies),
        )

    widget.page.route(f"{widget.stack.rasa_url}/webhooks/rest/webhook", answer)
    return posted


@pytest.mark.parametrize("lang", LANGS)
def test_open_and_close_from_the_page_and_by_the_user(
    widget: Widget, lang: str
) -> None:
    page = widget.page
    host_page(widget, lang)
    assert wait_event(widget, "ready") == {"language": lang}
    launcher = page.locator(".isn-launcher")
    expect(widget.panel).to_be_hidden()

    assert call(widget, "InterregAssistant.open()") == "page still running"
    expect(widget.panel).to_be_visible()
    expect(launcher).to_be_hidden()
    expect(page.locator(".isn-notice h3")).to_be_focused()
    assert wait_event(widget, "open") == {"language": lang, "by": "api"}
    call(widget, "InterregAssistant.open()")  # already open: no second event

    call(widget, "InterregAssistant.close()")
    expect(widget.panel).to_be_hidden()
    expect(launcher).to_be_focused()  # focus was in the panel
    assert wait_event(widget, "close") == {"language": lang, "by": "api"}

    launcher.click()
    assert wait_event(widget, "open", 2) == {"language": lang, "by": "user"}
    page.keyboard.press("Escape")
    assert wait_event(widget, "close", 2) == {"language": lang, "by": "user"}
    assert len(seen(widget, "open")) == 2


@pytest.mark.parametrize(
    ("lang", "question"),
    [("sv", "Kan en kommun söka stöd?"), ("nb", "Kan en kommune søke støtte?")],
)
def test_ask_opens_waits_for_the_notice_and_sends_as_if_typed(
    widget: Widget, lang: str, question: str
) -> None:
    page = widget.page
    posted: List[str] = []
    page.on(
        "request",
        lambda r: (
            posted.append(r.post_data or "") if r.url.endswith("/webhook") else None
        ),
    )
    host_page(widget, lang)
    call(widget, f"InterregAssistant.ask({json.dumps('  ' + question + '  ')})")
    expect(widget.panel).to_be_visible()
    expect(page.locator(".isn-notice")).to_be_visible()
    assert wait_event(widget, "open") == {"language": lang, "by": "api"}
    assert posted == [], "nothing is sent before the privacy notice is accepted"

    accept(widget, lang)
    answer = widget.wait_answer(0)
    expect(page.locator(".isn-user .isn-text")).to_have_text(question)
    expect(answer).to_have_attribute("lang", lang)
    expect(answer.locator(".isn-elig-true")).to_be_visible()
    assert [json.loads(body)["message"] for body in posted] == [question]
    assert wait_event(widget, "message") == {"language": lang, "source": "api"}
    reply = wait_event(widget, "reply")
    assert reply["language"] == lang and reply["inReplyTo"] == "message"
    assert "eligibility" in reply["cards"]
    assert set(reply) == {"language", "cards", "choices", "inReplyTo"}
    heard = json.dumps(page.evaluate("() => window.seen"), ensure_ascii=False)
    assert question not in heard, "no event carries what the user wrote"
    assert answer.locator(".isn-text").first.inner_text()[:30] not in heard


def test_ask_keeps_the_text_box_limits_and_refuses_what_typing_cannot_send(
    widget: Widget,
) -> None:
    page = widget.page
    posted = fake_replies(widget, [{"text": "Svar."}])
    host_page(widget, "sv")
    call(widget, "InterregAssistant.ask('   ')")
    call(widget, "InterregAssistant.ask(42)")
    refused = wait_event(widget, "error", 2)
    assert refused["code"] == "refused" and refused["call"] == "ask"
    assert wait_event(widget, "error")["reason"] == "the question is empty"
    expect(widget.panel).to_be_hidden()
    assert sum("ask() refused" in line for line in widget.console) == 2

    call(widget, "InterregAssistant.open()")
    accept(widget, "sv")
    call(widget, f"InterregAssistant.ask({json.dumps('x' * 2500)})")
    widget.wait_answer(0)
    assert posted == ["x" * 2000], "cut where the text box's maxlength cuts"
    expect(page.locator(".isn-user .isn-text")).to_have_text("x" * 2000)
    assert any("cut to 2000 characters" in line for line in widget.console)
    assert widget.errors == []


def test_ask_while_a_reply_is_on_its_way_is_sent_after_it(widget: Widget) -> None:
    page = widget.page
    host_page(widget, "sv")
    call(widget, "InterregAssistant.open()")
    accept(widget, "sv")
    held = widget.hold_next_message()
    widget.type_and_send("Hej")
    expect(page.locator(".isn-typing")).to_be_visible()
    call(widget, "InterregAssistant.ask('Vilka projekttyper finns det?')")
    expect(page.locator(".isn-user")).to_have_count(1)
    held[0].continue_()
    widget.wait_answer(1)
    expect(page.locator(".isn-user .isn-text")).to_have_text(
        ["Hej", "Vilka projekttyper finns det?"]
    )
    sources = [m["source"] for m in seen(widget, "message")]
    assert sources == ["typed", "api"]


@pytest.mark.parametrize("lang", LANGS)
def test_set_language_switches_the_widget_and_tells_the_bot(
    widget: Widget, lang: str
) -> None:
    page = widget.page
    other = OTHER[lang]
    host_page(widget, lang)
    call(widget, "InterregAssistant.open()")
    accept(widget, lang)
    widget.ask({"sv": "Hej", "nb": "Hei"}[lang])

    call(widget, f"InterregAssistant.setLanguage('{other}')")
    expect(page.get_by_label(TEXT_BOX[other])).to_be_visible()
    expect(widget.root).to_have_attribute("lang", other)
    assert wait_event(widget, "language") == {"language": other, "by": "api"}
    switched = widget.wait_answer(1)
    expect(switched).to_contain_text(response("utter_language_changed", other)["text"])
    reply = wait_event(widget, "reply", 2)
    assert reply["language"] == other and reply["inReplyTo"] == "language"

    for wrong in ("en", "no", "", None):
        assert call(widget, f"InterregAssistant.setLanguage({json.dumps(wrong)})") == (
            "page still running"
        )
    expect(widget.root).to_have_attribute("lang", other)
    wait_event(widget, "error", 4)
    errors = seen(widget, "error")
    assert [e["call"] for e in errors] == ["setLanguage"] * 4
    assert all(e["code"] == "refused" and e["language"] == other for e in errors)
    assert sum("setLanguage() refused" in line for line in widget.console) == 4
    assert widget.errors == []


@pytest.mark.parametrize(
    ("lang", "question", "thumb", "rating"),
    [
        ("sv", "Vilka projekttyper finns det?", "Ja, svaret hjälpte", "up"),
        ("nb", "Hvilke prosjekttyper finnes?", "Nei, svaret hjalp ikke", "down"),
    ],
)
def test_feedback_event_after_a_thumb(
    widget: Widget, lang: str, question: str, thumb: str, rating: str
) -> None:
    host_page(widget, lang)
    call(widget, "InterregAssistant.open()")
    accept(widget, lang)
    answer = widget.ask(question)
    answer.get_by_role("button", name=thumb).click()
    widget.wait_answer(1)
    assert wait_event(widget, "feedback") == {"rating": rating, "language": lang}
    thanks = wait_event(widget, "reply", 2)
    assert thanks["inReplyTo"] == "feedback" and thanks["language"] == lang
    assert [m["source"] for m in seen(widget, "message")] == ["typed"]


@pytest.mark.parametrize("lang", LANGS)
def test_error_event_when_the_assistant_cannot_be_reached(
    widget: Widget, lang: str
) -> None:
    page = widget.page
    page.route(f"{widget.stack.rasa_url}/**", lambda route: route.abort())
    host_page(widget, lang)
    call(widget, "InterregAssistant.open()")
    alert = page.get_by_role("alert")
    error = wait_event(widget, "error")
    assert error["code"] == "offline" and error["language"] == lang
    expect(alert).to_contain_text(error["message"])
    assert error["message"].startswith(
        {"sv": "Det går inte", "nb": "Vi får ikke"}[lang]
    )


def test_calls_made_before_the_script_loads_run_in_order(widget: Widget) -> None:
    page = widget.page
    posted = fake_replies(widget, [{"text": "Svar."}])
    queued = 'InterregAssistant.q.push(["open"], ["ask", "Hej"], ["nothing"]);'
    host_page(widget, "sv", queued=queued)
    expect(widget.panel).to_be_visible()
    expect(page.locator(".isn-notice")).to_be_visible()
    assert any("q.push()" in line for line in widget.console), "the unknown call warns"
    accept(widget, "sv")
    widget.wait_answer(0)
    assert posted == ["Hej"]
    # after loading, q.push runs at once
    call(widget, 'InterregAssistant.q.push(["close"])')
    expect(widget.panel).to_be_hidden()


def test_a_failing_listener_and_off(widget: Widget) -> None:
    page = widget.page
    fake_replies(widget, [{"text": "Svar."}])
    host_page(widget, "sv")
    call(
        widget,
        "window.counted = 0; window.count = () => { window.counted += 1 };"
        " InterregAssistant.on('reply', () => { throw new Error('host bug') });"
        " InterregAssistant.on('reply', window.count);"
        " InterregAssistant.off('reply', window.count);"
        " InterregAssistant.on('no-such-event', () => 0)",
    )
    call(widget, "InterregAssistant.open()")
    accept(widget, "sv")
    widget.ask("Hej")
    wait_event(widget, "reply")
    widget.ask("Hej igen")
    wait_event(widget, "reply", 2)
    expect(widget.answers).to_have_count(2)
    assert page.evaluate("() => window.counted") == 0
    assert any('"reply" listener failed' in line for line in widget.console)
    assert any('no event "no-such-event"' in line for line in widget.console)
    assert widget.errors == []


SUGGESTIONS = {
    "sv": ["Vem kan söka stöd?", "Vilka projekttyper finns det?"],
    "nb": ["Hvem kan søke støtte?", "Hvilke prosjekttyper finnes?"],
}
SUGGESTION_ATTRS = " ".join(
    f'data-suggestions-{lang}="{"|".join(texts)}"'
    for lang, texts in SUGGESTIONS.items()
)
STARTERS = {"sv": "Förslag på frågor", "nb": "Forslag til spørsmål"}
LANG_BUTTON = {"nb": "NO – norska", "sv": "SV – svensk"}
"""The widget's toggle to a language, labelled in the other one."""


@pytest.mark.parametrize("lang", LANGS)
def test_starter_suggestions_per_page_in_the_widget_language(
    widget: Widget, lang: str
) -> None:
    page = widget.page
    host_page(widget, lang, attrs=SUGGESTION_ATTRS)
    call(widget, "InterregAssistant.open()")
    starters = page.get_by_role("group", name=STARTERS[lang])
    expect(starters).to_be_hidden()  # not before the privacy notice is accepted
    accept(widget, lang)
    expect(starters.get_by_role("button")).to_have_text(SUGGESTIONS[lang])

    other = OTHER[lang]
    page.get_by_role("button", name=LANG_BUTTON[other]).click()
    switched = page.get_by_role("group", name=STARTERS[other])
    expect(switched.get_by_role("button")).to_have_text(SUGGESTIONS[other])
    page.get_by_role("button", name=LANG_BUTTON[lang]).click()

    first = SUGGESTIONS[lang][0]
    starters.get_by_role("button", name=first).click()
    answer = widget.wait_answer(0)
    expect(page.locator(".isn-user .isn-text")).to_have_text(first)
    expect(answer).to_have_attribute("lang", lang)
    expect(page.locator(".isn-starters")).to_be_hidden()
    assert wait_event(widget, "message") == {"language": lang, "source": "suggestion"}
    assert widget.axe_violations() == []


@pytest.mark.parametrize(
    ("position", "side"),
    [("left", "left"), ("right", "right"), ("bottom", "right"), (None, "right")],
)
def test_position(widget: Widget, position: Optional[str], side: str) -> None:
    page = widget.page
    attrs = f'data-position="{position}"' if position else ""
    host_page(widget, "sv", attrs=attrs)
    width = page.viewport_size["width"]
    for part in (page.locator(".isn-launcher"), None):
        if part is None:
            call(widget, "InterregAssistant.open()")
            part = widget.panel
        box = part.bounding_box()
        assert box is not None
        if side == "left":
            assert box["x"] < 40, box
        else:
            assert box["x"] + box["width"] > width - 40, box
    warned = any("data-position" in line for line in widget.console)
    assert warned is (position == "bottom")


def test_the_host_element_and_its_attributes_win(widget: Widget) -> None:
    page = widget.page
    body = (
        '<div id="interreg-assistant" data-position="left" data-title="Från värdelementet"'
        ' data-suggestions-sv="Vem kan söka?"></div>'
    )
    host_page(
        widget,
        "sv",
        attrs='data-position="right" data-title="Från skripttaggen"',
        body=body,
    )
    assert page.locator("#interreg-assistant").count() == 1, "no second host element"
    call(widget, "InterregAssistant.open()")
    expect(page.get_by_role("dialog", name="Från värdelementet")).to_be_visible()
    box = widget.panel.bounding_box()
    assert box is not None and box["x"] < 40
    accept(widget, "sv")
    expect(
        page.get_by_role("group", name=STARTERS["sv"]).get_by_role("button")
    ).to_have_text(["Vem kan söka?"])


def colours(widget: Widget) -> Dict[str, str]:
    """The launcher's background and the focus ring on a keyboard-focused button."""
    page = widget.page
    launcher = page.locator(".isn-launcher")
    background = launcher.evaluate("n => getComputedStyle(n).backgroundColor")
    launcher.focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    button = page.get_by_role("button", name=ACCEPT["sv"])
    expect(button).to_be_focused()
    ring = button.evaluate("n => getComputedStyle(n).outlineColor")
    header = page.locator(".isn-header").evaluate(
        "n => getComputedStyle(n).backgroundColor"
    )
    return {"launcher": background, "header": header, "focus": ring}


@pytest.mark.parametrize(
    ("css", "attrs", "accent", "focus"),
    [
        (":root { --interreg-accent: #1b5e20; }", "", "rgb(27, 94, 32)", DEFAULT_FOCUS),
        ("", 'data-accent="#6a1b9a"', "rgb(106, 27, 154)", DEFAULT_FOCUS),
        (
            "#interreg-assistant { --interreg-accent: hsl(0 70% 35%); --interreg-focus: #1d4ed8; }",
            'data-accent="#6a1b9a"',
            "rgb(152, 27, 27)",
            "rgb(29, 78, 216)",
        ),
    ],
    ids=["css-on-root", "data-accent", "css-on-host-beats-data-accent"],
)
def test_host_colours_that_pass_aa_are_used(
    widget: Widget, css: str, attrs: str, accent: str, focus: str
) -> None:
    host_page(widget, "sv", attrs=attrs, css=css)
    assert colours(widget) == {"launcher": accent, "header": accent, "focus": focus}
    assert not [line for line in widget.console if "default colour" in line]
    assert widget.axe_violations() == []


@pytest.mark.parametrize(
    ("css", "attrs", "warning"),
    [
        (
            ":root { --interreg-accent: #7fb3e0; }",
            "",
            "against #ffffff (WCAG AA needs 4.5:1)",
        ),
        (
            ":root { --interreg-accent: #747474; }",
            "",
            "against #f0f2f5 (WCAG AA needs 4.5:1)",
        ),
        (
            ":root { --interreg-accent: rgba(10, 40, 90, 0.5); }",
            "",
            "is not an opaque colour",
        ),
        ("", 'data-accent="banana"', "is not an opaque colour"),
        (":root { --interreg-focus: #ffd54f; }", "", "(WCAG AA needs 3:1)"),
    ],
    ids=[
        "light-accent",
        "accent-fails-on-grey",
        "see-through",
        "not-a-colour",
        "pale-focus",
    ],
)
def test_host_colours_that_fail_aa_are_refused(
    widget: Widget, css: str, attrs: str, warning: str
) -> None:
    host_page(widget, "sv", attrs=attrs, css=css)
    got = colours(widget)
    assert got == {
        "launcher": DEFAULT_ACCENT,
        "header": DEFAULT_ACCENT,
        "focus": DEFAULT_FOCUS,
    }
    warnings = [line for line in widget.console if line.startswith("warning:")]
    assert any(
        warning in line and "the default colour is used" in line for line in warnings
    )
    assert widget.axe_violations(widget_only=True) == []


@pytest.mark.parametrize(
    ("lang", "question"),
    [("sv", "Vem kan söka stöd?"), ("nb", "Hvem kan søke støtte?")],
)
def test_a_hostile_host_stylesheet_does_not_reach_the_widget(
    widget: Widget, lang: str, question: str
) -> None:
    page = widget.page
    host_page(widget, lang, css=HOSTILE_CSS)
    assert page.locator("main").evaluate("n => getComputedStyle(n).fontSize") == "40px"
    launcher = page.locator(".isn-launcher")
    expect(launcher).to_be_visible()
    style = launcher.evaluate(
        "n => { const s = getComputedStyle(n); return [s.fontSize, s.color, s.position] }"
    )
    assert style == ["16px", "rgb(255, 255, 255)", "fixed"]
    box = launcher.bounding_box()
    viewport = page.viewport_size
    assert box is not None and box["x"] + box["width"] <= viewport["width"]
    assert box["y"] + box["height"] <= viewport["height"]

    launcher.click()
    expect(widget.panel).to_be_visible()
    panel = widget.panel.bounding_box()
    assert panel is not None and panel["width"] <= 26 * 16 + 1, (
        "sized from 16px, not 40px"
    )
    accept(widget, lang)
    answer = widget.ask(question)
    expect(answer.locator(".isn-choice").first).to_be_visible()
    assert widget.axe_violations(widget_only=True) == []
    page.keyboard.press("Escape")
    expect(widget.panel).to_be_hidden()
    assert widget.errors == []


def test_api_demo_page_uses_each_call_event_and_attribute(widget: Widget) -> None:
    page = widget.page
    page.goto("/api-demo.html")
    events = page.locator("#demo-events")
    expect(events.locator("li[data-event=ready]")).to_have_count(1)
    launcher = page.locator(".isn-launcher")
    assert (
        launcher.evaluate("n => getComputedStyle(n).backgroundColor")
        == "rgb(27, 94, 32)"
    )
    box = launcher.bounding_box()
    assert box is not None and box["x"] < 40

    page.get_by_role("button", name="Öppna chatten").click()
    expect(widget.panel).to_be_visible()
    expect(events.locator("li[data-event=open]")).to_have_count(1)
    accept(widget, "sv")
    expect(page.get_by_role("group", name=STARTERS["sv"])).to_be_visible()
    assert widget.axe_violations() == []

    page.get_by_role("button", name="Fråga: När är nästa utlysning?").click()
    answer = widget.wait_answer(0)
    expect(page.locator(".isn-user .isn-text")).to_have_text("När är nästa utlysning?")
    expect(events.locator("li[data-event=reply]")).to_have_count(1)
    expect(events.locator("li[data-event=message]")).to_contain_text('"source":"api"')

    page.get_by_role("button", name="Norsk", exact=True).click()
    expect(page.locator("h1")).to_have_text("Chatwidgeten styrt fra siden")
    expect(page.get_by_label(TEXT_BOX["nb"])).to_be_visible()
    expect(events.locator("li[data-event=language]")).to_contain_text('"by":"api"')
    widget.wait_answer(1)

    answer.get_by_role("button", name="Ja, svaret hjalp").click()
    expect(events.locator("li[data-event=feedback]")).to_contain_text('"rating":"up"')
    widget.wait_answer(2)
    page.get_by_role("button", name="Velg et språk som ikke finnes (engelsk)").click()
    expect(events.locator("li[data-event=error]")).to_contain_text('"code":"refused"')

    page.get_by_role("button", name="SV – svensk").click()  # the widget's own toggle
    expect(page.locator("h1")).to_have_text("Chattwidgeten styrd från sidan")
    page.locator("#demo-close").click()
    expect(widget.panel).to_be_hidden()
    expect(events.locator("li[data-event=close]")).to_have_count(1)
    assert widget.axe_violations() == []


def test_the_script_twice_on_a_page_makes_one_widget(widget: Widget) -> None:
    page = widget.page
    host_page(widget, "sv", body='<script src="/widget.js" data-lang="sv"></script>')
    expect(page.locator(".isn-launcher")).to_have_count(1)
    assert page.locator("#interreg-assistant").count() == 1
    assert any("already on this page" in line for line in widget.console)
    call(widget, "InterregAssistant.open()")
    expect(widget.panel).to_be_visible()
