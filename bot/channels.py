"""Rasa's REST channel, made safe for the public: never silence, never a 500.

Same URL and wire format as Rasa's ``rest`` channel (``/webhooks/rest/webhook``),
plus: a malformed request gets a 400 with a reason; an over-long text is cut before
it reaches the model; and if a turn produces no reply at all (the action server is
down or failed), the user gets a short apology in the conversation's language.

``DELETE /webhooks/rest/conversations/<sender>`` forgets one conversation (the
widget's delete button). Importing this module masks personal data in the logs.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from bot.privacy import install_log_masking
from programme_kb.language import normalise_code

install_log_masking()
logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = 5000
MAX_SENDER_CHARS = 128
APOLOGY_RESPONSE = "utter_apology_unavailable"


class AssistantRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            body = _json_body(request)
            if body is None:
                return response.json(
                    {"error": "expected a JSON object with 'sender' and 'message'"},
                    status=400,
                )
            sender = body.get("sender")
            if (
                not isinstance(sender, str)
                or not sender.strip()
                or len(sender) > MAX_SENDER_CHARS
            ):
                return response.json(
                    {
                        "error": "'sender' must be a non-empty string of at most 128 characters"
                    },
                    status=400,
                )
            text = body.get("message")
            text = text[:MAX_MESSAGE_CHARS] if isinstance(text, str) else ""
            metadata = (
                body.get("metadata") if isinstance(body.get("metadata"), dict) else None
            )
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=self.name(),
                        metadata=metadata,
                    )
                )
            except Exception:  # the user must get an answer whatever failed
                logger.exception("Handling a message failed; replying with an apology.")
            if not collector.messages:
                collector.messages.append(await _apology(request, sender, metadata))
            return response.json(collector.messages)

        @webhook.route("/conversations/<sender:str>", methods=["DELETE"])
        async def forget(request: Request, sender: str) -> HTTPResponse:
            if not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return response.json({"error": "invalid sender"}, status=400)
            agent = request.app.ctx.agent
            store = _deleting_store(agent.tracker_store)
            if store is None:
                return response.json(
                    {"error": "this tracker store cannot delete"}, status=501
                )
            async with agent.lock_store.lock(sender):
                deleted = await asyncio.to_thread(store.delete_sender, sender)
            logger.info(
                "Deleted %d stored events of one conversation on request.", deleted
            )
            return response.json({"deleted": True, "sender": sender, "events": deleted})

        return webhook


def _deleting_store(store: Any) -> Any:
    """Our tracker store, unwrapped from Rasa's wrappers, if it can delete a sender."""
    for _ in range(3):
        if hasattr(store, "delete_sender"):
            return store
        store = getattr(store, "_tracker_store", None)
    return None


def _json_body(request: Request) -> Optional[Dict[str, Any]]:
    try:
        body = request.json
    except Exception:  # sanic raises several types for bad JSON
        return None
    return body if isinstance(body, dict) else None


async def _apology(
    request: Request, sender: str, metadata: Optional[Dict[str, Any]]
) -> Dict[str, Any]:
    """The apology response in the page's or the conversation's language."""
    agent = request.app.ctx.agent
    lang = normalise_code((metadata or {}).get("language"))
    if lang is None and agent.tracker_store is not None:
        try:
            tracker = await agent.tracker_store.retrieve(sender)
            lang = normalise_code(tracker.get_slot("language")) if tracker else None
        except Exception:  # the store itself may be what failed
            logger.exception("Could not read the conversation language.")
    variations: List[Dict[str, Any]] = agent.domain.responses.get(APOLOGY_RESPONSE, [])
    text = next(
        (
            v["text"]
            for v in variations
            if any(c.get("value") == lang for c in v.get("condition") or [])
        ),
        next((v["text"] for v in variations if not v.get("condition")), "…"),
    )
    return {"recipient_id": sender, "text": text}
