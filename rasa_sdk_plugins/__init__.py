"""Our plug-in for the action server, through rasa_sdk's own extension point.

rasa_sdk (3.6) imports a package named ``rasa_sdk_plugins`` if there is one and calls
``init_hooks`` (rasa_sdk.plugin). We use it for one thing: rasa_sdk answers every
exception, a request for a page that does not exist or a body that is not JSON
included, with HTTP 500 and the request body echoed back. A client's mistake is a 4xx
with a short reason and nothing echoed; only our own failures stay 500.
"""

from __future__ import annotations

from typing import Any

import pluggy
from sanic import Request, Sanic, response
from sanic.exceptions import SanicException

hookimpl = pluggy.HookimplMarker("rasa_sdk")


async def _client_error(request: Request, exception: SanicException) -> Any:
    status = getattr(exception, "status_code", 400) or 400
    return response.json({"error": str(exception)[:200]}, status=status)


class ClientErrors:
    """Sanic's own request errors (404, 405, 400, 413 …) keep their status."""

    @hookimpl
    def attach_sanic_app_extensions(self, app: Sanic) -> None:
        app.error_handler.add(SanicException, _client_error)


def init_hooks(manager: pluggy.PluginManager) -> None:
    manager.register(ClientErrors())
