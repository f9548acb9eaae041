"""From an unanswered question to the assistant's answer over REST, and back.

The whole ``make serve`` stack (action server, Rasa with the trained model, web
page and the workspace) on free ports with a copy of the knowledge base: an
applicant asks something the knowledge base does not hold, in Swedish and in
Norwegian; the question reaches the workspace's inbox; an officer answers it in
both languages in the browser and publishes; the assistant then gives that answer
over REST in both languages (hot reload, no retraining); after undo it no longer
does.
"""

from __future__ import annotations

import time
import urllib.request
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from bot.secretariat.workspace.auth import Accounts
from bot.secretariat.workspace.store import Store
from tests.support.local_stack import Stack
from tests.workspace.conftest import PASSWORD, USER
from tests.workspace.test_workspace_e2e import CHROMIUM, CHROMIUM_ARGS, axe

pytestmark = [pytest.mark.e2e, pytest.mark.rasa]

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = {
    "sv": "Vilket typsnitt ska vi använda i projektets rapporter?",
    "nb": "Hvilken farge skal prosjektlogoen vår ha?",
}
"""Questions the knowledge base does not answer, which the assistant logs as unanswered
(checked below: an NLU change that routes them elsewhere fails the precondition)."""
ANSWERS = {
    "sv": "Testsvar från arbetsytans helhetsprov om typsnitt och färger i projektet.",
    "nb": "Testsvar fra arbeidsflatens helhetsprøve om skrifttyper og farger i prosjektet.",
}
"""Written to a temporary copy of the knowledge base only."""

RELOAD_S = 60.0
"""The issue's promise: the running assistant serves a published answer within a minute."""


@pytest.fixture
def stack(tmp_path: Path) -> Iterator[Stack]:
    if not (ROOT / "models" / "assistant.tar.gz").exists():
        pytest.fail("models/assistant.tar.gz missing: make train")
    running = Stack(tmp_path)
    Accounts(Store(tmp_path / "workspace" / "workspace.db")).add(USER, PASSWORD)
    running.start()
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(f"{running.workspace_url}/health", timeout=2):
                break
        except OSError:
            assert time.monotonic() < deadline, "the workspace did not start"
            time.sleep(0.5)
    yield running
    running.stop()


def said(stack: Stack, lang: str, sender: str) -> str:
    replies = stack.send(sender, QUESTIONS[lang], language=lang)
    return " ".join(str(r.get("text", "")) for r in replies)


def eventually(check: Callable[[], bool], seconds: float = RELOAD_S) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(2)
    return False


def test_an_inbox_question_answered_in_the_workspace_is_answered_over_rest(
    stack: Stack,
) -> None:
    from playwright.sync_api import sync_playwright

    for lang in ("sv", "nb"):
        assert ANSWERS[lang] not in said(stack, lang, f"before-{lang}")
    logged = stack.unanswered_log.read_text(encoding="utf-8")
    assert all(q in logged for q in QUESTIONS.values()), (
        "precondition: both were unanswered"
    )

    base = stack.workspace_url.replace("127.0.0.1", "localhost")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        page: Any = browser.new_page()
        page.set_default_timeout(30_000)
        page.goto(base + "/inbox")
        page.fill("#name", USER)
        page.fill("#password", PASSWORD)
        page.locator("button[type=submit]").click()
        page.wait_for_url(base + "/inbox")
        group = page.locator("section.card", has_text=QUESTIONS["sv"])
        group.locator("a.button").click()
        page.wait_for_url("**/edit?group=*")
        assert QUESTIONS["sv"] in page.locator("#questions_sv").input_value()
        page.fill("#id", "visual_identity_test")
        page.fill("#questions_nb", QUESTIONS["nb"])
        page.fill("#answer_sv", ANSWERS["sv"])
        page.fill("#answer_nb", ANSWERS["nb"])
        page.select_option("#sources", ["isn_faq"])
        page.locator("button[value=preview]").click()
        page.wait_for_selector("#preview-title")
        assert (
            page.locator("table.preview tbody tr", has_text=QUESTIONS["nb"])
            .locator("td")
            .nth(2)
            .inner_text()
            .count("visual_identity_test")
            == 1
        )
        assert axe(page) == []
        page.fill("#reason", "Två sökande frågade")
        page.locator("button[value=publish]").click()
        page.wait_for_url("**/history/*?published=1")

        for lang in ("sv", "nb"):
            assert eventually(
                lambda lang=lang: (  # type: ignore[misc]
                    ANSWERS[lang] in said(stack, lang, f"after-{lang}-{time.time()}")
                )
            ), lang

        page.fill("#undo-reason", "Bara ett prov")
        page.locator("button", has_text="Ångra").click()
        page.wait_for_url("**/history/2")
        browser.close()

    for lang in ("sv", "nb"):
        assert eventually(
            lambda lang=lang: (  # type: ignore[misc]
                ANSWERS[lang] not in said(stack, lang, f"undone-{lang}-{time.time()}")
            )
        ), lang
