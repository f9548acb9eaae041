"""The workspace in Debian's Chromium against the real server on a copy of the data.

An officer signs in, opens the inbox, answers the Norwegian and Swedish wordings
of an unanswered question in both languages using only the keyboard, previews
what the assistant would answer, publishes, sees the change in the history and
undoes it; the file is then byte for byte what it was. axe-core finds no serious
or critical problem on any page, in either language.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any, Iterator, List

import pytest

from bot.secretariat.workspace.auth import Accounts
from bot.secretariat.workspace.store import Store
from programme_kb.faq import FaqIndex
from programme_kb.kb import load
from programme_kb.text import analyzer
from tests.workspace.conftest import DATA, PASSWORD, UNANSWERED, USER

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
AXE = ROOT / "tests" / "widget" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--no-first-run",
]
TIMEOUT_MS = 30_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Any]:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    log = tmp_path / "unanswered.jsonl"
    log.write_text(
        "".join(
            json.dumps(
                {"time": t, "sender_id": f"s{i}", "language": lang, "text": text}
            )
            + "\n"
            for i, (t, lang, text) in enumerate(UNANSWERED)
        ),
        encoding="utf-8",
    )
    var = tmp_path / "workspace"
    Accounts(Store(var / "workspace.db")).add(USER, PASSWORD)
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PROGRAMME_KB_DATA": str(data),
        "WORKSPACE_DIR": str(var),
        "UNANSWERED_LOG": str(log),
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'conversations.db'}",
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bot.secretariat.workspace",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, "the workspace server exited"
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/health", timeout=2
                ):
                    break
            except OSError:
                assert time.monotonic() < deadline, "the workspace server did not start"
                time.sleep(0.3)
        yield type("Server", (), {"url": f"http://localhost:{port}", "data": data})
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def page(server: Any) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        context = browser.new_context(viewport={"width": 1200, "height": 900})
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT_MS)
        errors: List[str] = []
        tab.on(
            "console", lambda m: errors.append(m.text) if m.type == "error" else None
        )
        yield tab
        browser.close()
        refused = "the server responded with a status of 400"  # a form with problems, on purpose
        assert [e for e in errors if refused not in e] == []  # e.g. a CSP violation


def axe(page: Any) -> List[str]:
    """Serious and critical axe-core findings (the script is run by the driver, not the page)."""
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
    found = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    return [
        f"{v['id']}: {[n['target'] for n in v['nodes']]}"
        for v in found
        if v["impact"] in ("serious", "critical")
    ]


def tab_to(page: Any, selector: str, limit: int = 80) -> None:
    """Press Tab until ``selector`` has the focus (keyboard only, as an officer without a mouse)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def shot(page: Any, name: str) -> None:
    """Screenshots for docs/secretariat.md, written when missing or asked for."""
    target = SCREENSHOTS / f"workspace-{name}.png"
    if os.environ.get("UPDATE_SCREENSHOTS") == "1" or not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=True)


NB_WORDING = UNANSWERED[2][2]
SV_ANSWER = "Programmet stöder gränsöverskridande samarbete, inte enskilda tävlingar som en hundkapplöpning."
NB_ANSWER = "Programmet støtter grenseoverskridende samarbeid, ikke enkeltstående konkurranser som et hundeløp."


def test_sign_in_answer_in_both_languages_preview_publish_and_undo(
    page: Any, server: Any
) -> None:
    original = (server.data / "faq.yml").read_bytes()
    page.goto(server.url + "/inbox")
    assert page.url.startswith(server.url + "/login")
    assert axe(page) == []
    tab_to(page, "#name")
    page.keyboard.type(USER)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(server.url + "/inbox")
    cookie = next(c for c in page.context.cookies() if c["name"] == "ws_session")
    assert cookie["secure"] and cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    assert page.locator("h3", has_text="Kan vi söka pengar").count() == 1
    assert axe(page) == []
    shot(page, "inbox")

    tab_to(page, "a.button")  # the largest group's "Skriv ett svar"
    page.keyboard.press("Enter")
    page.wait_for_url("**/edit?group=*")
    assert "hundkapplöpning" in page.locator("#questions_sv").input_value()
    tab_to(page, "#id")
    page.keyboard.type("dog_race")
    tab_to(page, "#questions_sv")
    page.keyboard.press("Control+End")
    page.keyboard.press("Enter")
    page.keyboard.type("Stöder programmet hundkapplöpningar?")
    tab_to(page, "#answer_sv")
    page.keyboard.type(SV_ANSWER)
    tab_to(page, "#questions_nb")
    page.keyboard.type(NB_WORDING)
    tab_to(page, "#answer_nb")
    page.keyboard.type(NB_ANSWER)
    tab_to(page, "#sources")
    page.keyboard.press("ArrowDown")
    assert page.locator("#sources").evaluate("s => s.selectedOptions.length") == 1
    tab_to(page, "button[value=preview]")
    page.keyboard.press("Enter")
    page.wait_for_selector("#preview-title")
    rows = page.locator("table.preview tbody tr")
    assert rows.count() >= 3
    nb_row = rows.filter(has_text=NB_WORDING).first
    assert "dog_race" in nb_row.locator("td").nth(2).inner_text()
    assert NB_ANSWER[:30] in nb_row.locator("td").nth(2).inner_text()
    assert "dog_race" not in nb_row.locator("td").nth(1).inner_text()
    assert (
        server.data / "faq.yml"
    ).read_bytes() == original  # a preview publishes nothing
    assert axe(page) == []
    shot(page, "editor-preview")

    tab_to(page, "#reason")
    page.keyboard.type("Frågan kom tre gånger i inkorgen")
    tab_to(page, "button[value=publish]")
    page.keyboard.press("Enter")
    page.wait_for_url("**/history/*?published=1")
    assert page.locator(".notice").count() == 1
    assert axe(page) == []
    shot(page, "change")
    faq = FaqIndex(load(server.data), analyzer())
    for question, lang in [(NB_WORDING, "nb"), (UNANSWERED[0][2], "sv")]:
        result = faq.answer(question, lang)
        assert result.answered and result.best and result.best.entry_id == "dog_race"
        assert result.best.answer == (NB_ANSWER if lang == "nb" else SV_ANSWER)
    page.goto(server.url + "/inbox")
    assert page.locator("h3", has_text="Kan vi söka pengar").count() == 0

    page.goto(server.url + "/history")
    page.locator("a", has_text="#1").click()
    page.fill("#undo-reason", "Provade bara")
    page.locator("button", has_text="Ångra").click()
    page.wait_for_url("**/history/2")
    assert (server.data / "faq.yml").read_bytes() == original
    assert not FaqIndex(load(server.data), analyzer()).answer(NB_WORDING, "nb").answered


def test_every_page_in_norwegian_is_accessible(page: Any, server: Any) -> None:
    page.goto(server.url + "/login?lang=nb")
    assert page.locator("h1").inner_text() == "Logg inn"
    page.fill("#name", USER)
    page.fill("#password", PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(server.url + "/inbox")
    assert page.locator("h1").inner_text() == "Innboks"
    for path in [
        "/inbox",
        "/entries?q=rapport",
        "/review",
        "/edit?id=reporting_periods",
        "/fact?id=official_name",
        "/edit",
        "/history",
        "/report",
    ]:
        page.goto(server.url + path)
        assert page.locator("html").get_attribute("lang") == "nb"
        assert axe(page) == [], path
    page.goto(server.url + "/edit")
    page.fill("#id", "x")
    page.locator("button[value=publish]").click()
    assert page.locator("#problems").count() == 1
    assert axe(page) == []  # the page with problems next to the fields
    shot(page, "editor-problems-nb")
