"""The built-in web server sends the same strict headers as nginx, on every answer."""

from __future__ import annotations

import http.client
import threading
from typing import Dict, Iterator, Tuple

import pytest

from bot.web.server import (
    WidgetConfig,
    content_security_policy,
    security_headers,
    serve,
)

SITE = "https://www.interreg-sverige-norge.com"


@pytest.fixture(scope="module")
def server() -> Iterator[Tuple[str, int]]:
    config = WidgetConfig("http://127.0.0.1:5005", frame_ancestors=(SITE,))
    running = serve("127.0.0.1", 0, config)
    threading.Thread(target=running.serve_forever, daemon=True).start()
    yield "127.0.0.1", running.server_address[1]
    running.shutdown()
    running.server_close()


def _get(server: Tuple[str, int], path: str) -> Tuple[int, Dict[str, str]]:
    connection = http.client.HTTPConnection(*server, timeout=10)
    connection.request("GET", path)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer.status, dict(answer.getheaders())


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/sv.html",
        "/nb.html",
        "/widget.js",
        "/config.json",
        "/missing.html",
        "/../../etc/passwd",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/widget.js?<script>",
    ],
)
def test_every_answer_has_the_strict_headers(
    server: Tuple[str, int], path: str
) -> None:
    status, headers = _get(server, path)
    expected = security_headers(
        content_security_policy(["http://127.0.0.1:5005"], (SITE,))
    )
    assert {k: headers.get(k) for k in expected} == expected
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self';") and "'unsafe-inline'" not in policy
    assert f"frame-ancestors {SITE}" in policy
    if "passwd" in path:
        assert status == 404


@pytest.mark.parametrize(
    ("origins", "ancestors"),
    [
        ((), "frame-ancestors 'none'"),
        ((SITE, "https://b.se"), f"frame-ancestors {SITE} https://b.se"),
        (
            ("javascript:alert(1)", "https://x.se; script-src *"),
            "frame-ancestors 'none'",
        ),
    ],
)
def test_only_configured_origins_may_frame_the_pages(
    origins: Tuple[str, ...], ancestors: str
) -> None:
    policy = WidgetConfig("http://127.0.0.1:5005", frame_ancestors=origins)
    assert policy.content_security_policy().endswith(ancestors)


def test_the_web_server_reads_the_widget_origins(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from bot.web import server as web_server

    seen = {}

    def fake_serve(host: str, port: int, config: WidgetConfig) -> object:
        seen["config"] = config
        raise KeyboardInterrupt

    monkeypatch.setenv("WIDGET_ORIGINS", f"{SITE}, https://b.se")
    monkeypatch.setattr(web_server, "serve", fake_serve)
    with pytest.raises(KeyboardInterrupt):
        web_server.main(["--port", "0", "--widget-origin", "https://c.se"])
    assert seen["config"].frame_ancestors == (SITE, "https://b.se", "https://c.se")
