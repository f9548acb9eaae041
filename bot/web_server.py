"""Serve the web widget and its demo pages (bot/web) on WEB_PORT, from this machine only.

Everything is local: no CDN. The pages learn the Rasa server's address and the
retention period from ``/config.json`` (RASA_URL, RETENTION_DAYS), so the same files
work behind any host name and the privacy notice states what ``make purge`` deletes.
"""

from __future__ import annotations

import argparse
import json
import os
import re
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Union
from urllib.parse import urlsplit

WEB_ROOT = Path(__file__).resolve().parent / "web"
RETENTION_DAYS_ENV = "RETENTION_DAYS"
"""The same variable ``make purge`` and ``bot.retention`` read."""
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]+")


@dataclass(frozen=True)
class WidgetConfig:
    """What the demo pages need to know about this deployment."""

    rasa_url: str
    retention_days: Optional[int] = None
    """Set only when old conversations really are purged after this many days."""

    def as_json(self) -> Dict[str, Union[str, int]]:
        config: Dict[str, Union[str, int]] = {"rasaUrl": self.rasa_url}
        if self.retention_days:
            config["retentionDays"] = self.retention_days
        return config

    def content_security_policy(self) -> str:
        """Only this server's files run, and the pages may talk to Rasa and nothing else.

        A relative RASA_URL (Rasa behind the same host) is covered by 'self'.
        """
        parts = urlsplit(self.rasa_url)
        origin = f"{parts.scheme}://{parts.netloc}"
        connect = "'self'" + (f" {origin}" if _ORIGIN.fullmatch(origin) else "")
        return (
            f"default-src 'self'; connect-src {connect}; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'"
        )


class WidgetHandler(SimpleHTTPRequestHandler):
    """Static files with safe headers, plus the runtime configuration."""

    def __init__(self, *args: Any, config: WidgetConfig, **kwargs: Any) -> None:
        self.config = config  # before super(): the base class handles the request there
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/config.json":
            body = json.dumps(self.config.as_json()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cache-Control", "no-cache")
        self.send_header(
            "Content-Security-Policy", self.config.content_security_policy()
        )
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("WEB_ACCESS_LOG"):
            super().log_message(format, *args)


def serve(
    host: str, port: int, config: WidgetConfig, root: Path = WEB_ROOT
) -> ThreadingHTTPServer:
    handler = partial(WidgetHandler, directory=str(root), config=config)
    return ThreadingHTTPServer((host, port), handler)


def retention_days(value: str) -> Optional[int]:
    """RETENTION_DAYS as a number of days; empty means no purge is promised."""
    if not value.strip():
        return None
    days = int(value)
    if days <= 0:
        raise ValueError(f"{RETENTION_DAYS_ENV} must be a positive number of days")
    return days


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.web_server")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("WEB_PORT", "8080"))
    )
    parser.add_argument(
        "--rasa-url", default=os.environ.get("RASA_URL", "http://localhost:5005")
    )
    parser.add_argument(
        "--retention-days",
        type=retention_days,
        default=retention_days(os.environ.get(RETENTION_DAYS_ENV, "")),
        help=f"stated in the privacy notice (default: ${RETENTION_DAYS_ENV}, else none)",
    )
    args = parser.parse_args(argv)
    server = serve(
        args.host, args.port, WidgetConfig(args.rasa_url, args.retention_days)
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
