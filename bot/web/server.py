"""Serve the web widget and its demo pages (bot/web) on WEB_PORT, from this machine only.

Everything is local: no CDN. The pages learn the Rasa server's address and the
retention period from ``/config.json`` (RASA_URL, RETENTION_DAYS), so the same files
work behind any host name and the privacy notice states what ``make purge`` deletes.

Every answer carries the same strict headers as nginx sends in the scaled set-up
(``security_headers``, used by both): only this server's files run (no inline
script), the pages talk to Rasa and nothing else, and only the programme's own
sites (WIDGET_ORIGINS) may frame them.
"""

from __future__ import annotations

import argparse
import json
import re
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Dict, Optional, Sequence, Tuple, Union
from urllib.parse import urlsplit

from bot import settings

WEB_ROOT = Path(__file__).resolve().parent
_ORIGIN = re.compile(r"https?://[A-Za-z0-9.\-\[\]:]+")


def _origin_of(url: str) -> Optional[str]:
    """``scheme://host[:port]`` of an absolute http(s) URL; None for anything else."""
    parts = urlsplit(url.strip())
    origin = f"{parts.scheme}://{parts.netloc}"
    return origin if _ORIGIN.fullmatch(origin) else None


def content_security_policy(
    connect: Sequence[str] = (), frame_ancestors: Sequence[str] = ()
) -> str:
    """Only our own files run; the pages may talk to ``connect`` and be framed by
    ``frame_ancestors`` (origins; anything that is not one is left out)."""
    connect_src = " ".join(["'self'", *(o for o in map(_origin_of, connect) if o)])
    framers = " ".join(o for o in map(_origin_of, frame_ancestors) if o) or "'none'"
    return (
        f"default-src 'self'; connect-src {connect_src}; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; form-action 'self'; "
        f"frame-ancestors {framers}"
    )


def security_headers(policy: str) -> Dict[str, str]:
    """The headers every widget page and file gets, here and from nginx."""
    return {
        "Content-Security-Policy": policy,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cross-Origin-Opener-Policy": "same-origin",
    }


@dataclass(frozen=True)
class WidgetConfig:
    """What the demo pages need to know about this deployment."""

    rasa_url: str
    retention_days: Optional[int] = None
    """Set only when old conversations really are purged after this many days."""
    frame_ancestors: Tuple[str, ...] = ()
    """Origins allowed to show the pages in a frame (WIDGET_ORIGINS); none by default."""

    def as_json(self) -> Dict[str, Union[str, int]]:
        config: Dict[str, Union[str, int]] = {"rasaUrl": self.rasa_url}
        if self.retention_days:
            config["retentionDays"] = self.retention_days
        return config

    def content_security_policy(self) -> str:
        """A relative RASA_URL (Rasa behind the same host) is covered by 'self'."""
        return content_security_policy([self.rasa_url], self.frame_ancestors)


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

    def send_head(self) -> Any:
        """A path the file system cannot hold ("/%00": an embedded NUL) is a 404,
        not an exception that drops the connection."""
        try:
            return super().send_head()
        except ValueError:
            self.send_error(404)
            return None

    def __getattr__(self, name: str) -> Any:
        """Any method but GET and HEAD (``do_POST``, ``do_PUT`` …): 405, not the
        base class's 501 for a method it has no handler for."""
        if name.startswith("do_"):
            return self._not_allowed
        raise AttributeError(name)

    def _not_allowed(self) -> None:
        body = b'{"error": "method not allowed"}'
        self.send_response(405)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        for name, value in security_headers(
            self.config.content_security_policy()
        ).items():
            self.send_header(name, value)
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if settings.given("WEB_ACCESS_LOG"):
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
        raise ValueError("RETENTION_DAYS must be a positive number of days")
    return days


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.web.server")
    parser.add_argument("--host", default=settings.value("HOST"))
    parser.add_argument("--port", type=int, default=int(settings.value("WEB_PORT")))
    parser.add_argument("--rasa-url", default=settings.rasa_url())
    parser.add_argument(
        "--retention-days",
        type=retention_days,
        default=retention_days(settings.given("RETENTION_DAYS")),
        help="stated in the privacy notice (default: $RETENTION_DAYS, else none)",
    )
    parser.add_argument(
        "--widget-origin",
        action="append",
        default=list(settings.origins("WIDGET_ORIGINS")),
        help="a site that may frame the pages (repeatable; default: $WIDGET_ORIGINS)",
    )
    args = parser.parse_args(argv)
    config = WidgetConfig(args.rasa_url, args.retention_days, tuple(args.widget_origin))
    server = serve(args.host, args.port, config)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
