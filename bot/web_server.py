"""Serve the web widget and its demo pages (bot/web) on WEB_PORT, from this machine only.

Everything is local: no CDN. The pages learn the Rasa server's address from
``/config.json`` (RASA_URL), so the same files work behind any host name.
"""

from __future__ import annotations

import argparse
import json
import os
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional, Sequence

WEB_ROOT = Path(__file__).resolve().parent / "web"


class WidgetHandler(SimpleHTTPRequestHandler):
    """Static files with safe headers, plus the runtime configuration."""

    rasa_url = "http://localhost:5005"

    def do_GET(self) -> None:
        if self.path.split("?")[0] == "/config.json":
            body = json.dumps({"rasaUrl": self.rasa_url}).encode()
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
        super().end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        if os.environ.get("WEB_ACCESS_LOG"):
            super().log_message(format, *args)


def serve(
    host: str, port: int, rasa_url: str, root: Path = WEB_ROOT
) -> ThreadingHTTPServer:
    handler = partial(WidgetHandler, directory=str(root))
    WidgetHandler.rasa_url = rasa_url
    return ThreadingHTTPServer((host, port), handler)


def main(argv: Optional[Sequence[str]] = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.web_server")
    parser.add_argument("--host", default=os.environ.get("HOST", "127.0.0.1"))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("WEB_PORT", "8080"))
    )
    parser.add_argument(
        "--rasa-url", default=os.environ.get("RASA_URL", "http://localhost:5005")
    )
    args = parser.parse_args(argv)
    server = serve(args.host, args.port, args.rasa_url)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
