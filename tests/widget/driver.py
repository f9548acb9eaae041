"""Driving the chat widget in Debian's Chromium: the steps a person takes, and what to check.

Shared by the widget's end-to-end tests (test_widget_e2e.py, test_widget_api.py). The
widget lives in the open shadow root of #interreg-assistant: Playwright's locators pierce
it; JavaScript run in the page reaches it through ``SHADOW``.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import struct
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml
from playwright.sync_api import expect

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = HERE / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
RESULTS = ROOT / "results" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TIMEOUT_MS = 90_000
"""A turn goes through NLU, policies and the action server on a busy 2-core machine."""
STORE_KEY = "interreg-se-no-chat"
BOT_ANSWERS = ".isn-log > li.isn-bot:not(.isn-typing)"
XSS = "<img src=x onerror=alert(1)>"
SHADOW = "document.getElementById('interreg-assistant').shadowRoot"
"""The widget's shadow root, in JavaScript evaluated in the page."""
IN_PANEL = (
    f"() => {{ const a = document.activeElement, s = {SHADOW};"
    " if (a === document.body) return 'outside the page';"
    " if (a !== s.host) return a.outerHTML.slice(0, 80);"
    " const inner = s.activeElement;"
    " return inner && inner.closest('.isn-panel') ? 'panel' : String(inner && inner.outerHTML) }"
)
FOCUSED_CLASS = f"() => ({SHADOW}.activeElement || {{className: ''}}).className"
"""The class of the focused control inside the widget."""
"""Where keyboard focus is: 'outside the page' is the browser's own UI after the last stop."""


def response(name: str, lang: str) -> Dict[str, Any]:
    """A domain response's variation for a language (the unconditioned one is Swedish)."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    variations = domain["responses"][name]
    for variation in variations:
        values = [c.get("value") for c in variation.get("condition") or []]
        if (lang in values) or (lang == "sv" and not values):
            return dict(variation)
    raise KeyError(f"{name} has no {lang} variation")


STATE_VERSION = 2
"""widget.js's STATE_VERSION: stored state of another version is not read."""


def _seed(widget: Widget, stored: Dict[str, Any], age_days: float = 0) -> None:
    """Put a conversation in the browser's storage as the widget saves it, saved
    ``age_days`` ago, before the page loads."""
    extra = "" if "version" in stored else f"version: {STATE_VERSION}, "
    widget.context.add_init_script(
        f"localStorage.setItem('{STORE_KEY}', JSON.stringify(Object.assign("
        f"{json.dumps(stored)}, {{{extra}savedAt: Date.now() - {age_days} * 86400000}})))"
    )


class Widget:
    """One browser context on a demo page, with the steps a person takes."""

    def __init__(self, browser: Any, stack: Any, **context: Any) -> None:
        expect.set_options(timeout=TIMEOUT_MS)
        self.stack = stack
        self.context = browser.new_context(
            base_url=stack.web_url,
            accept_downloads=True,
            **({"viewport": {"width": 1280, "height": 900}} | context),
        )
        self.context.set_default_timeout(TIMEOUT_MS)
        self.page = self.context.new_page()
        self.errors: List[str] = []
        self.dialogs: List[str] = []
        self.console: List[str] = []
        """Every console message, "<type>: <text>" (the widget warns there)."""
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", self._console)
        self.page.on("dialog", self._dialog)
        self.root = self.page.locator(".isn-root")
        self.panel = self.page.get_by_role("dialog")
        self.answers = self.page.locator(BOT_ANSWERS)

    def _console(self, message: Any) -> None:
        self.console.append(f"{message.type}: {message.text}")
        if "Content Security Policy" in message.text:
            self.errors.append(message.text)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def open(self, lang: str) -> None:
        self.page.goto(f"/{lang}.html")
        self.page.locator(".isn-launcher").click()
        expect(self.panel).to_be_visible()

    def accept_privacy(self) -> None:
        self.page.locator(".isn-notice .isn-primary").click()

    def type_and_send(self, text: str) -> None:
        box = self.page.locator("textarea.isn-input")
        box.fill(text)
        box.press("Enter")

    def ask(self, text: str) -> Any:
        """Type and send; return the bot's answer to it once it is shown."""
        before = self.answers.count()
        self.type_and_send(text)
        return self.wait_answer(before)

    def answer_with(self, replies: List[List[Dict[str, Any]]]) -> None:
        """The widget's next messages to Rasa are answered with ``replies``, in order."""

        def fulfil(route: Any) -> None:
            route.fulfill(
                status=200,
                headers={"Access-Control-Allow-Origin": "*"},
                content_type="application/json",
                body=json.dumps(replies.pop(0)),
            )

        self.page.route(f"{self.stack.rasa_url}/webhooks/rest/webhook", fulfil)

    def hold_next_message(self) -> List[Any]:
        """Keep the widget's next message from Rasa until the test lets it go."""
        held: List[Any] = []
        self.page.route(
            f"{self.stack.rasa_url}/webhooks/rest/webhook",
            lambda route: held.append(route),
            times=1,
        )
        return held

    def wait_answer(self, before: int) -> Any:
        self.page.wait_for_function(
            f"([selector, n]) => {{ const s = {SHADOW};"
            " return !!s && s.querySelectorAll(selector).length > n"
            " && !s.querySelector('.isn-typing') }",
            arg=[BOT_ANSWERS, before],
        )
        return self.answers.nth(before)

    def stored(self) -> Dict[str, Any]:
        return dict(
            self.page.evaluate(f"() => JSON.parse(localStorage.getItem('{STORE_KEY}'))")
        )

    def axe_violations(self, widget_only: bool = False) -> List[str]:
        """Serious and critical axe-core findings on the page as it is now (or only in
        the widget: a hostile host page's own text fails on its own)."""
        if self.page.evaluate("() => typeof window.axe") == "undefined":
            # evaluated by the test driver, so the page's CSP need not allow it
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        # preload: false. axe's CSS preload copies the shadow root's stylesheet into a
        # <style>, which the page's CSP refuses; it feeds only css-orientation-lock, and
        # test_widget_static checks that widget.css never locks the orientation.
        result = self.page.evaluate(
            "async (only) => (await axe.run("
            " only ? {include: [['#interreg-assistant']]} : document,"
            " {resultTypes: ['violations'], preload: false})).violations",
            widget_only,
        )
        return [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']]}"
            for v in result
            if v["impact"] in ("serious", "critical")
        ]

    def screenshot(self, name: str) -> None:
        """The page with the latest card at the top of the conversation (for the README)."""
        cards = self.page.locator(".isn-card")
        if cards.count():
            cards.last.evaluate("node => node.scrollIntoView({block: 'start'})")
        RESULTS.mkdir(parents=True, exist_ok=True)
        # caret="initial": hiding the caret needs a <style> in the shadow root, which the CSP refuses
        self.page.screenshot(path=str(RESULTS / name), caret="initial")
        publish(RESULTS / name, SCREENSHOTS / name)

    def close(self) -> None:
        self.context.close()
        assert not self.errors, self.errors
        assert not self.dialogs, f"the page opened dialogs: {self.dialogs}"


def png_size(path: Path) -> Tuple[int, int]:
    """Width and height from a PNG's header."""
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def publish(shot: Path, documented: Path) -> None:
    """Copy a screenshot to docs/ when asked to or when its size changed.

    The bot's wording changes the pixels on every run; rewriting the tracked
    files each time would leave the working tree dirty.
    """
    if (
        os.environ.get("UPDATE_SCREENSHOTS") == "1"
        or not documented.exists()
        or png_size(documented) != png_size(shot)
    ):
        documented.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shot, documented)


def events_of(stack: Any, sender: str) -> List[Dict[str, Any]]:
    with sqlite3.connect(f"file:{stack.db_file}?mode=ro", uri=True) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? ORDER BY id", (sender,)
        ).fetchall()
    return [json.loads(row[0]) for row in rows]
