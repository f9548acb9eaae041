"""The scaled set-up under hostile input (issue 16), in the real nginx and Rasa.

A poisoned request gets its 4xx and changes nothing for anyone else; limits count
the real client (X-Forwarded-For believed from trusted proxies only); bodies over
the limit stop at nginx; the widget's pages carry the strict headers.
"""

from __future__ import annotations

import json
import socket
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import pytest

from deploy.nginx import nginx_command, nginx_config
from deploy.services import free_port, wait_for
from deploy.settings import Settings
from tests.support.deploy_stack import DeployStack

pytestmark = pytest.mark.deploy

POISON = [
    # (the first poison, a non-string metadata language, is not refused:
    # metadata is reduced on entry and the bad value dropped, see bot.plugins.channels)
    {"sender": "poison", "message": "hej", "metadata": ["sv"]},
    {"sender": "poison", "message": 1},
    {"sender": "poison", "message": "\ud800"},
    {"sender": "poison", "message": '/hack{"x": 1}'},
    {"sender": ["poison"], "message": "hej"},
]


def _post(
    url: str, body: bytes, headers: Optional[Dict[str, str]] = None
) -> Tuple[int, Any]:
    request = urllib.request.Request(
        url,
        data=body,
        method="POST",
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def test_poisoned_requests_are_4xx_and_others_are_unaffected(
    deployment: DeployStack,
) -> None:
    seen = len(deployment.log("nginx-error"))
    for _ in range(3):
        for poison in POISON:
            status, _ = _post(deployment.rest_url, json.dumps(poison).encode())
            assert status == 400, poison
        dropped = {"sender": "poison", "message": "hej", "metadata": {"language": 1}}
        status, replies = _post(deployment.rest_url, json.dumps(dropped).encode())
        assert status == 200 and replies, "a bad metadata language is dropped"
    for i in range(6):  # both instances are still in nginx's rotation
        body = {
            "sender": f"after-poison-{i}",
            "message": "hej",
            "metadata": {"language": "sv"},
        }
        status, replies = _post(deployment.rest_url, json.dumps(body).encode())
        assert status == 200 and replies[0]["text"], (i, status)
    assert "temporarily disabled" not in deployment.log("nginx-error")[seen:]


def test_an_oversized_body_stops_at_nginx_with_json(deployment: DeployStack) -> None:
    body = json.dumps({"sender": "big", "message": "x" * 40_000}).encode()
    status, answer = _post(deployment.rest_url, body)
    assert status == 413 and "error" in json.loads(answer)


def test_the_widget_pages_carry_strict_headers(deployment: DeployStack) -> None:
    for path in ("/sv.html", "/nb.html", "/config.json", "/missing.html"):
        try:
            answer = urllib.request.urlopen(f"{deployment.url}{path}", timeout=30)
        except urllib.error.HTTPError as error:
            answer = error
        with answer:
            policy = answer.headers["Content-Security-Policy"]
            assert policy.startswith("default-src 'self';"), path
            assert "frame-ancestors https://www.example.org" in policy, path
            assert answer.headers["X-Content-Type-Options"] == "nosniff"
            assert answer.headers["Referrer-Policy"] == "no-referrer"


@pytest.fixture
def variant(deployment: DeployStack) -> Iterator[Any]:
    """Start nginx from the same template with other settings, in front of the
    same Rasa instances; stopped after the test."""
    started: List[subprocess.Popen[bytes]] = []
    folders: List[tempfile.TemporaryDirectory[str]] = []

    def start(**changes: Any) -> str:
        folder = tempfile.TemporaryDirectory()
        folders.append(folder)
        runtime = Path(folder.name)
        (runtime / "logs").mkdir()
        settings = replace(
            Settings.from_env(deployment.env),
            nginx_port=free_port(),
            actions_lb_port=free_port(),
            runtime_dir=runtime,
            **changes,
        )
        (runtime / "nginx.conf").write_text(nginx_config(settings))
        nginx = subprocess.Popen(nginx_command(settings), stderr=subprocess.DEVNULL)
        started.append(nginx)
        url = f"http://127.0.0.1:{settings.nginx_port}"
        wait_for(lambda: deployment.get(f"{url}/health") == 200, "nginx", 60)
        return url

    yield start
    for nginx in started:
        nginx.terminate()
        nginx.wait(timeout=30)
    for folder in folders:
        folder.cleanup()


def _statuses(url: str, client: Optional[str], count: int) -> List[int]:
    headers = {"X-Forwarded-For": client} if client else {}
    return [
        _post(f"{url}/webhooks/rest/webhook", b"{}", headers)[0] for _ in range(count)
    ]


def test_rate_limit_counts_the_client_behind_a_trusted_proxy(variant: Any) -> None:
    url = variant(rate_limit="1r/m", rate_burst=1, trusted_proxies=("127.0.0.1",))
    assert _statuses(url, "203.0.113.1", 3) == [400, 400, 429]
    assert _statuses(url, "203.0.113.2", 1) == [400], "another client is not limited"


def test_a_forged_forwarded_header_from_an_untrusted_peer_changes_nothing(
    variant: Any,
) -> None:
    url = variant(rate_limit="1r/m", rate_burst=1, trusted_proxies=("10.9.9.9",))
    assert _statuses(url, "203.0.113.1", 2) == [400, 400]
    assert _statuses(url, "203.0.113.99", 1) == [429], "the peer is the client"


def test_open_requests_are_limited_per_client(variant: Any) -> None:
    """A client holding a request open (its body never arrives) uses its one slot;
    a second request of the same client gets 429, another client's does not."""
    url = variant(conn_limit=1, trusted_proxies=("127.0.0.1",))
    port = int(url.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=30) as held:
        held.sendall(
            b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\n"
            b"X-Forwarded-For: 203.0.113.7\r\nContent-Type: application/json\r\n"
            b"Content-Length: 100\r\n\r\n{"
        )
        wait_for(lambda: _statuses(url, "203.0.113.7", 1) == [429], "limit_conn", 10)
        assert _statuses(url, "203.0.113.8", 1) == [400]
