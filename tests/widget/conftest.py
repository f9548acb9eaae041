"""The browser and the widget page for the widget's end-to-end tests (driver.py)."""

from __future__ import annotations

from typing import Any, Iterator

import pytest
from playwright.sync_api import sync_playwright

from tests.widget.driver import AXE, CHROMIUM, CHROMIUM_ARGS, Widget


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def widget(browser: Any, stack: Any) -> Iterator[Widget]:
    assert AXE.exists(), f"{AXE} missing: npm ci --prefix tests/widget"
    opened = Widget(browser, stack)
    yield opened
    opened.close()
