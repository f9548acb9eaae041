"""The scaled set-up's configuration: read from the environment, checked all at once
(every problem reported together, no secret echoed)."""

from __future__ import annotations

import ipaddress
import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import List, Mapping, Tuple

from bot.settings import ROOT

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
ENDPOINTS = ROOT / "deploy" / "endpoints.yml"
WEB_ROOT = ROOT / "bot" / "web"

RASA_ONLY = ("TRACKER_DB_URL", "LOCK_STORE_URL")
"""Secrets only the Rasa instances get (the action servers and nginx do not)."""

_RATE_RE = re.compile(r"^\d+r/[sm]$")
_ORIGIN_RE = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d+)?$")
_URL_RE = re.compile(r"^https?://[^\s'\"\\{}]+$")


def _client_host(listen_host: str) -> str:
    """Where this machine reaches a server listening on ``listen_host``."""
    return "127.0.0.1" if listen_host in ("0.0.0.0", "::", "[::]", "") else listen_host


class ConfigError(ValueError):
    """The environment does not describe a deployment that can start."""


def _log(message: str) -> None:
    print(f"{time.strftime('%H:%M:%S')} deploy: {message}", flush=True)


@dataclass(frozen=True)
class Settings:
    rasa_ports: Tuple[int, ...]
    action_ports: Tuple[int, ...]
    actions_lb_port: int
    nginx_host: str
    nginx_port: int
    public_url: str
    cors_origins: Tuple[str, ...]
    rate_limit: str
    rate_burst: int
    proxy_read_timeout: int
    nginx_workers: str
    model: Path
    runtime_dir: Path
    trusted_proxies: Tuple[str, ...] = ()
    """Addresses or networks of the proxies in front of nginx whose X-Forwarded-For
    is believed (TRUSTED_PROXIES); empty: the peer's own address is the client's."""
    conn_limit: int = 20
    """Open requests per client address at once (CONN_LIMIT)."""
    max_body_bytes: int = 32 * 1024
    """REST_MAX_BODY_BYTES, the same limit as the REST channel's."""

    @classmethod
    def from_env(cls, env: Mapping[str, str]) -> Settings:
        """Validate the environment; every problem is reported at once, no secret echoed."""
        errors: List[str] = []

        def number(name: str, default: int, low: int = 1, high: int = 65535) -> int:
            raw = env.get(name) or str(default)
            if not raw.isdigit() or not low <= int(raw) <= high:
                errors.append(f"{name} must be a whole number from {low} to {high}")
                return default
            return int(raw)

        database = env.get("TRACKER_DB_URL", "")
        if not database:
            errors.append(
                "TRACKER_DB_URL is not set (postgresql://user:pw@host:port/db)"
            )
        elif database.startswith("sqlite"):
            errors.append(
                "TRACKER_DB_URL is SQLite; instances share conversations only through "
                "a database server (postgresql://...). `make serve` is the SQLite set-up."
            )
        lock_store = env.get("LOCK_STORE_URL", "")
        if not lock_store.startswith(("redis://", "rediss://")):
            errors.append("LOCK_STORE_URL must be a redis:// or rediss:// URL")
        instances = number("RASA_INSTANCES", 2, high=64)
        first_rasa = number("RASA_PORT", 5005)
        actions = number("ACTION_SERVERS", 1, high=64)
        first_action = number("ACTIONS_PORT", 5055)
        nginx_port = number("NGINX_PORT", 8000)
        nginx_host = env.get("NGINX_HOST") or "127.0.0.1"
        public_url = (
            env.get("PUBLIC_URL") or f"http://{_client_host(nginx_host)}:{nginx_port}"
        ).rstrip("/")
        if not _URL_RE.match(public_url):
            errors.append("PUBLIC_URL must be an http(s) URL without quotes or spaces")
        origins = tuple(re.split(r"[\s,]+", env.get("CORS_ORIGINS", "").strip()) or ())
        origins = tuple(o.rstrip("/") for o in origins if o)
        for origin in origins:
            if not _ORIGIN_RE.match(origin):
                errors.append(
                    f"CORS_ORIGINS: {origin!r} is not an origin like "
                    "https://www.example.org ('*' is not allowed)"
                )
        rate = env.get("RATE_LIMIT") or "10r/s"
        if not _RATE_RE.match(rate):
            errors.append("RATE_LIMIT must look like 10r/s or 300r/m")
        proxies = tuple(
            p for p in re.split(r"[\s,]+", env.get("TRUSTED_PROXIES", "")) if p
        )
        for proxy in proxies:
            try:
                ipaddress.ip_network(proxy, strict=False)
            except ValueError:
                errors.append(
                    f"TRUSTED_PROXIES: {proxy!r} is not an address or network "
                    "(10.0.0.5, 10.0.0.0/24, ::1)"
                )
        settings = cls(
            rasa_ports=tuple(range(first_rasa, first_rasa + instances)),
            action_ports=tuple(range(first_action, first_action + actions)),
            actions_lb_port=number("ACTIONS_LB_PORT", 5054),
            nginx_host=nginx_host,
            nginx_port=nginx_port,
            public_url=public_url,
            cors_origins=origins,
            rate_limit=rate,
            rate_burst=number("RATE_BURST", 20, low=0, high=100000),
            proxy_read_timeout=number("PROXY_READ_TIMEOUT", 60, high=3600),
            trusted_proxies=proxies,
            conn_limit=number("CONN_LIMIT", 20, high=65535),
            max_body_bytes=number(
                "REST_MAX_BODY_BYTES", 32 * 1024, low=1024, high=1 << 20
            ),
            nginx_workers=env.get("NGINX_WORKERS") or "1",
            model=Path(env.get("MODEL") or ROOT / "models"),
            runtime_dir=Path(env.get("DEPLOY_RUNTIME_DIR") or ROOT / "var" / "deploy"),
        )
        ports = [
            *settings.rasa_ports,
            *settings.action_ports,
            settings.actions_lb_port,
            settings.nginx_port,
        ]
        if len(set(ports)) != len(ports):
            errors.append(f"ports overlap: {sorted(ports)}")
        if max(ports) > 65535:
            errors.append("ports run past 65535")
        if errors:
            raise ConfigError(
                "\n  - ".join(["the environment is incomplete:", *errors])
            )
        return settings

    @property
    def log_dir(self) -> Path:
        return self.runtime_dir / "logs"

    @property
    def nginx_url(self) -> str:
        return f"http://{_client_host(self.nginx_host)}:{self.nginx_port}"
