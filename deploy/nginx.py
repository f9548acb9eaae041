"""nginx for the scaled set-up: its configuration from the template, and how to start it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Dict, List, Tuple

from bot.web.server import content_security_policy, security_headers
from deploy.settings import TEMPLATE, WEB_ROOT, ConfigError, Settings

FAIL_TIMEOUT_S = 10
MAX_FAILS = 3
"""nginx skips an instance for FAIL_TIMEOUT_S after MAX_FAILS refused, dropped or
timed-out requests within FAIL_TIMEOUT_S. Only connection errors and timeouts
count (proxy_next_upstream), and one request counts once: one bad request never
takes an instance out, a dead one is out after three."""


def nginx_config(s: Settings) -> str:
    """deploy/nginx.conf.template with every {{NAME}} filled in (unknown names fail)."""

    def servers(ports: Tuple[int, ...]) -> str:
        return "\n".join(
            f"        server 127.0.0.1:{p} max_fails={MAX_FAILS} "
            f"fail_timeout={FAIL_TIMEOUT_S}s;"
            for p in ports
        )

    host = s.nginx_host if ":" not in s.nginx_host else f"[{s.nginx_host.strip('[]')}]"
    values = {
        "NGINX_WORKERS": s.nginx_workers,
        "RUNTIME_DIR": str(s.runtime_dir),
        "LOG_DIR": str(s.log_dir),
        "RATE_LIMIT": s.rate_limit,
        "RATE_BURST": str(s.rate_burst),
        "RASA_SERVERS": servers(s.rasa_ports),
        "ACTION_SERVERS": servers(s.action_ports),
        "RASA_TRIES": str(len(s.rasa_ports)),
        "PROXY_READ_TIMEOUT": str(s.proxy_read_timeout),
        "LISTEN": f"{host}:{s.nginx_port}",
        "PUBLIC_URL": s.public_url,
        "WEB_ROOT": str(WEB_ROOT),
        "ACTIONS_LB_PORT": str(s.actions_lb_port),
        "REAL_IP": real_ip_directives(s.trusted_proxies),
        "CONN_LIMIT": str(s.conn_limit),
        "MAX_BODY_BYTES": str(s.max_body_bytes),
        "SECURITY_HEADERS": "\n".join(
            f'            add_header {name} "{value}" always;'
            for name, value in widget_headers(s).items()
        ),
    }
    return re.sub(
        r"\{\{([A-Z_]+)\}\}", lambda m: values[m.group(1)], TEMPLATE.read_text()
    )


def real_ip_directives(proxies: Tuple[str, ...]) -> str:
    """nginx's realip settings: the client address from X-Forwarded-For, believed
    only when the request comes from one of ``proxies`` (the rightmost address not
    itself a trusted proxy is the client's)."""
    if not proxies:
        return "    # TRUSTED_PROXIES is empty: the peer's address is the client's."
    return "\n".join(
        [
            *(f"    set_real_ip_from {p};" for p in proxies),
            "    real_ip_header X-Forwarded-For;",
            "    real_ip_recursive on;",
        ]
    )


def widget_headers(s: Settings) -> Dict[str, str]:
    """bot.web.server's headers: the pages talk to PUBLIC_URL, and only the
    configured origins (the programme's sites) may frame them."""
    return security_headers(
        content_security_policy([s.public_url], frame_ancestors=s.cors_origins)
    )


def _nginx_bin() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise ConfigError("nginx is not installed (deploy/ci-prepare.sh installs it)")
    return found


def nginx_command(s: Settings) -> List[str]:
    return [
        _nginx_bin(), "-p", str(s.runtime_dir), "-c", str(s.runtime_dir / "nginx.conf"),
        "-e", str(s.log_dir / "nginx-error.log"), "-g", "daemon off;",
    ]  # fmt: skip
