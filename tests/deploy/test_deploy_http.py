"""What the deployment exposes: only the widget's routes, the API only with a token."""

from __future__ import annotations

import json
import subprocess
import tempfile
import urllib.error
import urllib.request
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List, Optional

import pytest

from deploy.nginx import nginx_command, nginx_config
from deploy.services import free_port, wait_for
from deploy.settings import Settings
from tests.support.deploy_stack import DeployStack
from tests.support.listening import listening_addresses, loopback, process_tree

pytestmark = pytest.mark.deploy


def _request(
    url: str,
    method: str = "GET",
    body: Optional[bytes] = None,
    headers: Optional[Dict[str, str]] = None,
) -> Any:
    request = urllib.request.Request(
        url, data=body, method=method, headers=headers or {}
    )
    try:
        return urllib.request.urlopen(request, timeout=60)
    except urllib.error.HTTPError as error:
        return error


def test_the_widget_and_its_rest_channel_are_served(deployment: DeployStack) -> None:
    assert deployment.get(f"{deployment.url}/sv.html") == 200
    assert deployment.get(f"{deployment.url}/health") == 200
    with _request(f"{deployment.url}/config.json") as answer:
        assert json.loads(answer.read()) == {"rasaUrl": deployment.url}
    body = json.dumps(
        {"sender": "http-1", "message": "hej", "metadata": {"language": "sv"}}
    ).encode()
    with _request(deployment.rest_url, "POST", body) as answer:
        assert answer.status == 200 and json.loads(answer.read())[0]["text"]


@pytest.mark.parametrize(
    "path",
    ["/model", "/status", "/version", "/conversations/http-1/tracker", "/socket.io/"],
)
def test_rasa_http_api_is_not_reachable_through_nginx(
    deployment: DeployStack, path: str
) -> None:
    token = {"Authorization": f"Bearer {deployment.auth_token}"}
    assert deployment.get(f"{deployment.url}{path}", token) == 404
    assert (
        deployment.get(f"{deployment.url}{path}?token={deployment.auth_token}") == 404
    )
    with _request(f"{deployment.url}/model", "PUT", b"{}", token) as answer:
        assert answer.status in (403, 404, 405)


def test_instance_api_needs_the_token(deployment: DeployStack) -> None:
    instance = deployment.instance_url("rasa-0")
    tracker = f"{instance}/conversations/http-1/tracker"
    assert deployment.get(tracker) == 401
    assert deployment.get(f"{tracker}?token=wrong") == 401
    assert deployment.get(f"{tracker}?token={deployment.auth_token}") == 200


def test_secrets_stay_off_command_lines_and_out_of_other_processes(
    deployment: DeployStack,
) -> None:
    secrets = {
        "token": deployment.auth_token,
        "database password": deployment.postgres.password,
        "redis password": deployment.redis.password,
    }
    for name, entry in deployment.processes().items():
        proc = Path(f"/proc/{entry['pid']}")
        cmdline, environ = (
            (proc / "cmdline").read_text(),
            (proc / "environ").read_text(),
        )
        for what, secret in secrets.items():
            assert secret not in cmdline, f"{what} on the command line of {name}"
            if not name.startswith("rasa"):
                assert secret not in environ, f"{what} in the environment of {name}"


def test_every_process_listens_on_loopback_only(deployment: DeployStack) -> None:
    """Every listening socket of the scaled set-up — nginx, each Rasa instance and
    action server, anything they start, PostgreSQL and Redis — is on loopback."""
    assert deployment.process is not None
    pids = process_tree(deployment.process.pid)
    for server in (deployment.postgres, deployment.redis):
        assert server.process is not None
        pids |= process_tree(server.process.pid)
    listening = listening_addresses(pids)
    ports = {port for _, port in listening}
    expected = {entry["port"] for entry in deployment.processes().values()}
    assert expected <= ports, f"not found listening: {sorted(expected - ports)}"
    assert {deployment.postgres.port, deployment.redis.port} <= ports
    public = sorted((a, p) for a, p in listening if not loopback(a))
    assert not public, f"listening beyond localhost: {public}"


def test_cors_allows_only_the_configured_origin(deployment: DeployStack) -> None:
    def preflight(origin: str) -> Optional[str]:
        headers = {"Origin": origin, "Access-Control-Request-Method": "POST"}
        with _request(deployment.rest_url, "OPTIONS", headers=headers) as answer:
            return answer.headers.get("Access-Control-Allow-Origin")

    allowed = deployment.env["CORS_ORIGINS"]
    assert preflight(allowed) == allowed
    assert preflight("https://attacker.example") is None


def test_rate_limit_per_address(deployment: DeployStack) -> None:
    """The same template with a tight limit: the third quick request gets 429."""
    with tempfile.TemporaryDirectory() as folder:
        runtime = Path(folder)
        (runtime / "logs").mkdir()
        _tight_nginx(deployment, runtime)


def _tight_nginx(deployment: DeployStack, runtime: Path) -> None:
    live = Settings.from_env(deployment.env)
    tight = replace(
        live,
        nginx_port=free_port(),
        actions_lb_port=free_port(),
        rate_limit="1r/m",
        rate_burst=1,
        runtime_dir=runtime,
    )
    (runtime / "nginx.conf").write_text(nginx_config(tight))
    nginx = subprocess.Popen(nginx_command(tight), stderr=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{tight.nginx_port}"
        wait_for(lambda: deployment.get(f"{url}/health") == 200, "nginx", 60)
        statuses: List[int] = []
        for _ in range(4):  # an empty body costs Rasa nothing: 400 straight away
            with _request(f"{url}/webhooks/rest/webhook", "POST", b"{}") as answer:
                statuses.append(answer.status)
        assert statuses[:2] == [400, 400] and statuses[2:] == [429, 429]
    finally:
        nginx.terminate()
        nginx.wait(timeout=30)
