"""The demo pages' web server: runtime configuration and security headers."""

from __future__ import annotations

import json
import threading
import urllib.request
from typing import Dict, Iterator, Tuple

import pytest

from bot.web.server import WidgetConfig, retention_days, serve


def fetch(base: str, path: str) -> Tuple[Dict[str, str], bytes]:
    with urllib.request.urlopen(base + path, timeout=5) as answer:
        return dict(answer.headers), answer.read()


@pytest.fixture
def running() -> Iterator[str]:
    server = serve("127.0.0.1", 0, WidgetConfig("http://127.0.0.1:5005", 90))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_config_json_states_rasa_and_the_retention_period(running: str) -> None:
    _, body = fetch(running, "/config.json")
    assert json.loads(body) == {"rasaUrl": "http://127.0.0.1:5005", "retentionDays": 90}


def test_without_retention_days_the_notice_promises_no_period() -> None:
    assert WidgetConfig("http://x:1").as_json() == {"rasaUrl": "http://x:1"}


def test_retention_days_is_read_like_make_purge_reads_it() -> None:
    assert retention_days("") is None
    assert retention_days("180") == 180
    for wrong in ("0", "-3", "ninety"):
        with pytest.raises(ValueError):
            retention_days(wrong)


def test_pages_get_a_content_security_policy_that_allows_rasa(running: str) -> None:
    headers, _ = fetch(running, "/sv.html")
    policy = headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "connect-src 'self' http://127.0.0.1:5005;" in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_a_rasa_url_cannot_inject_policy_directives() -> None:
    hostile = WidgetConfig("http://evil; script-src *").content_security_policy()
    assert "script-src" not in hostile
    assert "connect-src 'self';" in hostile
    relative = WidgetConfig("/rasa").content_security_policy()
    assert "connect-src 'self';" in relative
