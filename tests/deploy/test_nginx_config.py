"""The nginx configuration deploy.run renders (fast; no nginx needed).

What the template must say so that one request cannot take the service down, the
client limits count real clients, and the widget's pages get strict headers. The
deploy tests (``make test-deploy``) run the same configuration in nginx.
"""

from __future__ import annotations

import argparse
import re
from typing import Dict

import pytest
from rasa.cli.arguments.run import add_server_arguments

from bot.web.server import content_security_policy, security_headers
from deploy.nginx import FAIL_TIMEOUT_S, MAX_FAILS, nginx_config
from deploy.run import main
from deploy.settings import ConfigError, Settings
from deploy.supervisor import rasa_command

BASE = {
    "TRACKER_DB_URL": "postgresql://u:p@127.0.0.1:5432/rasa",
    "LOCK_STORE_URL": "redis://127.0.0.1:6379/1",
}


def _config(**env: str) -> str:
    return nginx_config(Settings.from_env({**BASE, **env}))


def _public_server(config: str) -> str:
    """The public server block (the second one is the loopback action balancer)."""
    return config.split("    server {", 2)[1]


def test_every_placeholder_is_filled() -> None:
    assert "{{" not in _config(TRUSTED_PROXIES="10.0.0.5", CORS_ORIGINS="https://a.se")


def test_retries_only_on_connection_errors_and_timeouts() -> None:
    public = _public_server(_config())
    retries = re.findall(r"proxy_next_upstream ([^;]+);", public)
    assert retries == ["error timeout non_idempotent"]
    assert "http_500" not in public


def test_one_bad_request_cannot_eject_an_instance() -> None:
    servers = re.findall(r"server 127\.0\.0\.1:\d+ ([^;]+);", _config())
    assert servers and all(
        s == f"max_fails={MAX_FAILS} fail_timeout={FAIL_TIMEOUT_S}s" for s in servers
    )
    assert MAX_FAILS > 1


def test_no_forwarded_address_is_believed_by_default() -> None:
    config = _config()
    assert "set_real_ip_from" not in config and "real_ip_header" not in config


def test_forwarded_addresses_are_believed_from_trusted_proxies_only() -> None:
    config = _config(TRUSTED_PROXIES="10.0.0.5, 10.1.0.0/16 ::1")
    assert re.findall(r"set_real_ip_from ([^;]+);", config) == [
        "10.0.0.5",
        "10.1.0.0/16",
        "::1",
    ]
    assert "real_ip_header X-Forwarded-For;" in config
    assert "real_ip_recursive on;" in config


@pytest.mark.parametrize("bad", ["example.org", "10.0.0.999", "10.0.0.0/33", "*"])
def test_trusted_proxies_must_be_addresses(bad: str) -> None:
    with pytest.raises(ConfigError, match="TRUSTED_PROXIES"):
        Settings.from_env({**BASE, "TRUSTED_PROXIES": bad})


def test_connections_and_requests_are_limited_per_client() -> None:
    config = _config(CONN_LIMIT="7")
    assert "limit_conn_zone $binary_remote_addr zone=per_ip_conn:10m;" in config
    assert "limit_conn per_ip_conn 7;" in _public_server(config)
    assert "limit_conn_status 429;" in config
    assert "limit_req zone=per_ip" in _public_server(config)


def test_the_body_limit_matches_the_rest_channel() -> None:
    assert "client_max_body_size 32768;" in _config()
    config = _config(REST_MAX_BODY_BYTES="4096")
    assert "client_max_body_size 4096;" in config
    assert "error_page 413 = @too_large;" in config
    assert re.search(r"return 413 '\{\"error\": [^']+\}';", config)


def _headers(location: str, config: str) -> Dict[str, str]:
    block = config.split(f"location {location} {{", 1)[1].split("\n        }\n", 1)[0]
    return dict(re.findall(r'add_header ([\w-]+) "([^"]*)" always;', block))


@pytest.mark.parametrize("location", ["= /config.json", "/"])
def test_widget_pages_get_the_web_servers_strict_headers(location: str) -> None:
    env = {"CORS_ORIGINS": "https://www.interreg-sverige-norge.com,https://b.se"}
    settings = Settings.from_env({**BASE, **env})
    headers = _headers(location, nginx_config(settings))
    assert headers == security_headers(
        content_security_policy([settings.public_url], settings.cors_origins)
    )
    policy = headers["Content-Security-Policy"]
    assert policy.startswith("default-src 'self';")
    assert (
        "frame-ancestors https://www.interreg-sverige-norge.com https://b.se" in policy
    )
    assert "'unsafe-inline'" not in policy
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"


def test_no_site_may_frame_the_pages_unless_configured() -> None:
    policy = _headers("/", _config())["Content-Security-Policy"]
    assert policy.endswith("frame-ancestors 'none'")


def test_every_cors_origin_reaches_rasa() -> None:
    """Rasa's --cors takes several values; given twice, only the last one counted."""
    settings = Settings.from_env(
        {**BASE, "CORS_ORIGINS": "https://a.example https://b.example"}
    )
    command = rasa_command(settings, 5005)
    parser = argparse.ArgumentParser()
    add_server_arguments(parser)
    args, _ = parser.parse_known_args(command[command.index("run") + 1 :])
    assert args.cors == ["https://a.example", "https://b.example"]


def test_cors_option_takes_a_list(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name, value in BASE.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("CORS_ORIGINS", "https://env.example")
    argv = ["config", "--cors", "https://a.example", "--cors", "https://b.example,https://c.example"]  # fmt: skip
    assert main(argv) == 0
    policy = _headers("/", capsys.readouterr().out)["Content-Security-Policy"]
    assert policy.endswith(
        "frame-ancestors https://env.example https://a.example "
        "https://b.example https://c.example"
    )


@pytest.mark.parametrize("port", ["8090", "18090"])
def test_the_secretariat_workspace_is_not_exposed(port: str) -> None:
    """The workspace (bot.secretariat.workspace) is for officers on the host, never proxied by the
    public nginx: no upstream, location or port of it in the rendered configuration."""
    config = _config(WORKSPACE_PORT=port)
    assert f":{port}" not in config and "workspace" not in config.lower()
    proxied = set(re.findall(r"proxy_pass\s+http://([\w.]+)", config))
    assert proxied and all("workspace" not in name for name in proxied)
