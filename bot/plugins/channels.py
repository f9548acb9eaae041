"""Rasa's REST channel, made safe for the public: bounded work, never silence, never a 500.

Same URL and wire format as Rasa's ``rest`` channel (``/webhooks/rest/webhook``).
Anyone on the web can send anything, so every request is checked before Rasa
sees it, and nothing that fails a check is handled or stored:

- the body is at most ``REST_MAX_BODY_BYTES`` (32 kB; larger: 413) of UTF-8 JSON,
  an object with a string ``sender`` and a string ``message`` (else 400);
- no lone surrogates and no control characters (other than tab and newlines);
- ``metadata`` is cut down on entry to the one key we use, ``language`` (sv or
  nb; anything else is dropped, never stored);
- a ``/intent{...}`` message (a button) must name an intent and entities that
  domain.yml declares (Rasa would otherwise log and echo what it does not know);
- a message longer than ``REST_MAX_MESSAGE_CHARS`` (4000) is not handled: the user
  is asked, in their language, to shorten it;
- of a message longer than ``NLU_PREFIX_CHARS`` (1000), Rasa's NLU reads only the
  start (``nlu_prefix``), while the tracker and the actions get the whole text: the
  model's time grows with every word, and a description's intent shows in its start;
- that start is parsed in a worker thread, one long message at a time per process
  (``LongMessages``), so the event loop keeps answering the other conversations; when
  ``LONG_MESSAGES_ADMITTED`` long messages are already being read or waiting, the user
  is asked, in their language, to send it again in a moment.

Every refusal is a 4xx with a short JSON ``{"error": ...}``. If a turn produces no
reply at all (the action server is down or failed), the user gets a short apology
in the conversation's language; that path never raises.

``DELETE /webhooks/rest/conversations/<sender>`` forgets one conversation (the
widget's delete button). Importing this module masks personal data in the logs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import (
    Any,
    AsyncIterator,
    Awaitable,
    Callable,
    Dict,
    FrozenSet,
    List,
    Optional,
    Tuple,
)

import yaml
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.exceptions import PayloadTooLarge
from sanic.request import Request
from sanic.response import HTTPResponse

from bot import settings
from bot.privacy.masking import install_log_masking
from bot.settings import DOMAIN_FILE
from programme_kb.language import detect, normalise_code
from programme_kb.responses import variation_text

install_log_masking()
logger = logging.getLogger(__name__)

MAX_BODY_BYTES_ENV = "REST_MAX_BODY_BYTES"
DEFAULT_MAX_BODY_BYTES = int(settings.BY_NAME[MAX_BODY_BYTES_ENV].default)
"""32 kB: a message of 4000 characters, all escaped as \\uXXXX, still fits."""
MAX_MESSAGE_CHARS_ENV = "REST_MAX_MESSAGE_CHARS"
DEFAULT_MAX_MESSAGE_CHARS = int(settings.BY_NAME[MAX_MESSAGE_CHARS_ENV].default)
MAX_SENDER_CHARS = 128
MAX_LANGUAGE_CHARS = 8
LANGUAGES = ("sv", "nb")
MAX_ENTITY_VALUES = 10
APOLOGY_RESPONSE = "utter_apology_unavailable"
DETECT_PREFIX_CHARS = 600
"""Enough text to tell Swedish from Norwegian; lingua's time grows with the text."""
NLU_PREFIX_CHARS = 1000
"""The most of a message Rasa's NLU reads. A message up to this length is parsed
whole, as always; of a longer one (up to the 4 000 allowed) DIET, the featurizers and
the language check read the start (about 150 words of a description, where its
intent shows), so parsing takes about 0.1–0.25 s instead of up to 0.8 s for 2 000
one-digit words (bench/long_messages.py), in ``LongMessages``' worker thread."""
LONG_MESSAGES_ADMITTED = 4
"""Long messages (over ``NLU_PREFIX_CHARS``) one process reads or holds waiting at
once: one is parsed in the worker thread, the others wait for it (each 0.1–0.25 s),
so an admitted one is answered within about a second; one more gets ``BUSY``."""

TOO_LONG = {
    "sv": "Ditt meddelande är för långt för mig – jag kan läsa högst {limit} tecken. "
    "Kan du korta ner det och skriva det viktigaste i några meningar?",
    "nb": "Meldingen din er for lang for meg – jeg kan lese høyst {limit} tegn. "
    "Kan du korte den ned og skrive det viktigste i noen få setninger?",
}
FALLBACK_APOLOGY = {
    "sv": "Förlåt, jag kan inte svara just nu på grund av ett tekniskt fel. "
    "Försök igen om en stund.",
    "nb": "Beklager, jeg kan ikke svare akkurat nå på grunn av en teknisk feil. "
    "Prøv igjen om litt.",
}
"""Used only when even the domain's apology cannot be read."""
BUSY = {
    "sv": "Just nu får jag många långa meddelanden på en gång och hinner inte läsa "
    "ditt. Skicka det gärna igen om en liten stund, eller skriv det viktigaste i "
    "några meningar, så svarar jag direkt.",
    "nb": "Akkurat nå får jeg mange lange meldinger på en gang og rekker ikke å lese "
    "din. Send den gjerne igjen om litt, eller skriv det viktigste i noen få "
    "setninger, så svarer jeg med en gang.",
}
"""The reply to a long message when ``LONG_MESSAGES_ADMITTED`` are already in hand."""

_PAYLOAD_RE = re.compile(r"/(?P<intent>[^{@]+)(?P<entities>\{.*\})?", re.DOTALL)
"""Rasa's ``/intent{json}`` form, without its ``@confidence`` (no button sends one)."""


class BadRequestError(ValueError):
    """A request refused with 400; the message is the short reason sent back."""


@dataclass(frozen=True)
class Turn:
    """What is kept of one valid request."""

    sender: str
    text: str
    language: Optional[str]
    """sv or nb from the page (metadata), else None."""
    too_long: bool = False
    """Longer than the limit: ``text`` is cut to it, and the turn is not handled."""

    @property
    def metadata(self) -> Optional[Dict[str, str]]:
        return {"language": self.language} if self.language else None


@dataclass(frozen=True)
class Limits:
    body_bytes: int = DEFAULT_MAX_BODY_BYTES
    message_chars: int = DEFAULT_MAX_MESSAGE_CHARS

    @classmethod
    def from_env(cls, env: Optional[Dict[str, str]] = None) -> Limits:
        env = dict(os.environ) if env is None else env
        return cls(
            body_bytes=_positive(env, MAX_BODY_BYTES_ENV, DEFAULT_MAX_BODY_BYTES),
            message_chars=_positive(
                env, MAX_MESSAGE_CHARS_ENV, DEFAULT_MAX_MESSAGE_CHARS
            ),
        )


def _positive(env: Dict[str, str], name: str, default: int) -> int:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    if not raw.isdigit() or int(raw) <= 0:
        raise ValueError(f"{name} must be a positive whole number, not {raw!r}")
    return int(raw)


@lru_cache(maxsize=1)
def payload_vocabulary(domain_file: Path = DOMAIN_FILE) -> Tuple[FrozenSet[str], ...]:
    """The intents and entities domain.yml declares (read once per process)."""
    domain = yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}

    def names(items: Any) -> FrozenSet[str]:
        found: set[str] = set()
        for item in items or []:
            found.update(item if isinstance(item, dict) else [item])
        return frozenset(str(name) for name in found)

    return names(domain.get("intents")), names(domain.get("entities"))


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_NEWLINES_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""Unicode's control characters (category Cc); tab, CR and LF may be in a message."""


def _clean(value: str, what: str, newlines: bool = False) -> str:
    """The string itself, or BadRequestError for lone surrogates and control characters."""
    if _SURROGATE_RE.search(value):
        raise BadRequestError(f"'{what}' contains an unpaired surrogate")
    if (_CONTROL_BUT_NEWLINES_RE if newlines else _CONTROL_RE).search(value):
        raise BadRequestError(f"'{what}' contains a control character")
    return value


def _check_payload(text: str) -> None:
    """A ``/intent{...}`` message names only what domain.yml declares."""
    match = _PAYLOAD_RE.fullmatch(text.strip())
    if not match:
        raise BadRequestError(
            "a message starting with '/' must be /intent or /intent{...}"
        )
    intents, entities = payload_vocabulary()
    if match.group("intent").strip() not in intents:
        raise BadRequestError("unknown intent")
    if match.group("entities") is None:
        return
    try:
        values = json.loads(match.group("entities"), parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise BadRequestError(
            "the entities of a '/' message must be a JSON object"
        ) from error
    if not isinstance(values, dict):
        raise BadRequestError("the entities of a '/' message must be a JSON object")
    for name, value in values.items():
        if name not in entities:
            raise BadRequestError("unknown entity")
        items = value if isinstance(value, list) else [value]
        if len(items) > MAX_ENTITY_VALUES or not all(
            isinstance(v, (str, int, float, bool)) or v is None for v in items
        ):
            raise BadRequestError("entity values must be strings or numbers")


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number")


def parse_request(body: bytes, limits: Limits = Limits()) -> Turn:
    """The checked turn of one request body; BadRequestError (400) for anything else.

    Raises nothing but BadRequestError, whatever the bytes (a fuzz test holds it to that).
    """
    try:
        data = json.loads(body.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError as error:
        raise BadRequestError("the body is not valid UTF-8") from error
    except (ValueError, RecursionError) as error:
        raise BadRequestError("the body is not a JSON object") from error
    if not isinstance(data, dict):
        raise BadRequestError("expected a JSON object with 'sender' and 'message'")
    sender = data.get("sender")
    if (
        not isinstance(sender, str)
        or not sender.strip()
        or len(sender) > MAX_SENDER_CHARS
    ):
        raise BadRequestError(
            f"'sender' must be a non-empty string of at most {MAX_SENDER_CHARS} characters"
        )
    _clean(sender, "sender")
    text = data.get("message")
    if not isinstance(text, str):
        raise BadRequestError("'message' must be a string")
    metadata = data.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        raise BadRequestError("'metadata' must be an object")
    language = _language(metadata)
    _clean(text, "message", newlines=True)
    if len(text) > limits.message_chars:
        return Turn(sender, text[: limits.message_chars], language, too_long=True)
    if text.lstrip().startswith("/"):
        _check_payload(text)
    return Turn(sender, text, language)


def nlu_prefix(text: str, limit: int = NLU_PREFIX_CHARS) -> str:
    """What NLU reads of a message: all of it up to ``limit`` characters, else its
    start, cut after the last whole word when there is one in the last 100 characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    space = max(cut.rfind(" ", limit - 100), cut.rfind("\n", limit - 100))
    return cut[:space] if space > 0 else cut


class LongMessages:
    """Rasa's NLU for long messages, off the event loop and one at a time.

    A long message's parse (tokens, featurizers, DIET, the language check over up to
    ``NLU_PREFIX_CHARS``) holds the thread that runs it for 0.1–0.25 s. On the event
    loop, every other conversation of the instance waited that long (the normal
    stream's p95 rose 4–6x under the adversarial bench, docs/benchmarks.md). Here it
    runs in one worker thread: the loop keeps answering short messages, which Rasa
    parses on the loop as always, so at most two parses run at once (one long, one
    short). Both read the same model, which only reads at prediction; TensorFlow
    releases the interpreter lock while it computes, so the two share the machine's
    cores rather than take turns.

    At most ``admitted`` long messages are parsed or waiting at once per process;
    ``admit`` says no to one more (the channel then replies ``BUSY``).
    """

    def __init__(self, admitted: int = LONG_MESSAGES_ADMITTED) -> None:
        self.admitted = admitted
        self.in_hand = 0
        """Long messages being parsed or waiting for the worker."""
        self._worker = ThreadPoolExecutor(1, thread_name_prefix="long-message-nlu")
        self._loops = threading.local()

    def admit(self) -> bool:
        """Whether one more long message may wait for the worker now."""
        return self.in_hand < self.admitted

    async def parse(self, processor: Any, message: UserMessage) -> Dict[str, Any]:
        """Rasa's ``parse_message`` of ``message`` in the worker thread."""
        self.in_hand += 1
        try:
            if getattr(processor, "http_interpreter", None) is not None:
                # NLU over HTTP (endpoints.yml): awaiting it does not hold the loop
                parsed: Dict[str, Any] = await processor.parse_message(message)
                return parsed
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(
                self._worker, self._parse_here, processor, message
            )
        finally:
            self.in_hand -= 1

    def _parse_here(self, processor: Any, message: UserMessage) -> Dict[str, Any]:
        """In the worker: Rasa's own coroutine, on the worker's own event loop (with no
        HTTP interpreter it awaits nothing, so the loop only drives it)."""
        loop = getattr(self._loops, "loop", None)
        if loop is None:
            loop = self._loops.loop = asyncio.new_event_loop()
        parsed: Dict[str, Any] = loop.run_until_complete(
            processor.parse_message(message)
        )
        return parsed


LONG_MESSAGES = LongMessages()
"""The process's one worker for long messages (an instance of Rasa is one process)."""


def is_long(turn: Turn) -> bool:
    """Whether NLU reads only the start of this message (not a ``/intent`` payload)."""
    return nlu_prefix(turn.text) != turn.text and not turn.text.lstrip().startswith("/")


async def _parsed_from_prefix(
    request: Request,
    turn: Turn,
    channel: str,
    long_messages: LongMessages = LONG_MESSAGES,
) -> Optional[Dict[str, Any]]:
    """Rasa's parse of the start of a long message, carrying the whole text; None for a
    message NLU reads whole (or when the parse fails: then Rasa parses as usual)."""
    if not is_long(turn):
        return None
    try:
        processor = request.app.ctx.agent.processor
        parse_data = await long_messages.parse(
            processor,
            UserMessage(
                nlu_prefix(turn.text),
                None,
                turn.sender,
                input_channel=channel,
                metadata=turn.metadata,
            ),
        )
    except Exception:
        logger.exception("Could not parse the start of a long message.")
        return None
    return {**parse_data, "text": turn.text}


class Turns:
    """One message per conversation at a time in this process, the next one let in
    the moment the one before it is done.

    Rasa handles a conversation's messages one at a time too (a ticket lock), but a
    message that finds its conversation busy looks again only a second later, so it
    waits a whole second even when the message ahead takes 0.1 s: two messages sent
    close together (a double click; the adversarial bench's two threads) came back in
    1–2.5 s. Queued here first, a message reaches Rasa when its conversation is free.
    Between instances of the scaled set-up Rasa's lock still does the queueing. A
    message waits here as long as the one ahead runs (Rasa bounds that: the action
    server's timeout, the lock's lifetime).
    """

    def __init__(self) -> None:
        self._locks: Dict[str, Tuple[asyncio.Lock, int]] = {}

    def waiting(self, sender: str) -> int:
        """Messages of this conversation in this process (handled or waiting)."""
        return self._locks.get(sender, (None, 0))[1]

    @contextlib.asynccontextmanager
    async def turn(self, sender: str) -> AsyncIterator[None]:
        lock, count = self._locks.get(sender, (asyncio.Lock(), 0))
        self._locks[sender] = (lock, count + 1)
        try:
            async with lock:
                yield
        finally:
            lock, count = self._locks[sender]
            if count <= 1:
                del self._locks[sender]
            else:
                self._locks[sender] = (lock, count - 1)


def _language(metadata: Optional[Dict[str, Any]]) -> Optional[str]:
    """The page language, if it is one we speak; every other key is dropped."""
    value = (metadata or {}).get("language")
    if not isinstance(value, str) or len(value) > MAX_LANGUAGE_CHARS:
        return None
    if not all(c.isascii() and (c.isalnum() or c in "-_") for c in value):
        return None
    code = normalise_code(value)
    return code if code in LANGUAGES else None


def _error(reason: str, status: int = 400) -> HTTPResponse:
    return response.json({"error": reason}, status=status)


async def _read_body(request: Request, limit: int) -> Optional[bytes]:
    """The request body, or None when it is larger than ``limit`` bytes.

    The route streams, so Sanic does not read a large body into memory first; the
    rest of an oversized body is discarded by Sanic, which then closes the connection.
    """
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    if request.stream is None:
        return request.body or b""
    request.stream.request_max_size = limit
    try:
        await request.receive_body()
    except PayloadTooLarge:
        return None
    return bytes(request.body or b"")


class AssistantRestInput(RestInput):
    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(
        self, on_new_message: Callable[[UserMessage], Awaitable[Any]]
    ) -> Blueprint:
        webhook = Blueprint(f"custom_webhook_{type(self).__name__}", __name__)
        limits = Limits.from_env()
        payload_vocabulary()  # read domain.yml now, not during a user's request
        turns = Turns()
        long_messages = LONG_MESSAGES

        @webhook.route("/", methods=["GET"])
        async def health(request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"], stream=True)
        async def receive(request: Request) -> HTTPResponse:
            body = await _read_body(request, limits.body_bytes)
            if body is None:
                return _error(
                    f"the request is larger than {limits.body_bytes} bytes", 413
                )
            try:
                turn = parse_request(body, limits)
            except BadRequestError as error:
                return _error(str(error))
            if turn.too_long:
                return response.json(
                    [await _too_long(request, turn, limits.message_chars)]
                )
            collector = CollectingOutputChannel()
            busy = False
            try:
                # the whole turn, NLU of a long message included, one at a time per
                # conversation: one sender never has two messages in work at once
                async with turns.turn(turn.sender):
                    busy = is_long(turn) and not long_messages.admit()
                    if not busy:
                        parsed = await _parsed_from_prefix(
                            request, turn, self.name(), long_messages
                        )
                        await on_new_message(
                            UserMessage(
                                turn.text,
                                collector,
                                turn.sender,
                                parse_data=parsed,  # type: ignore[arg-type]  # Rasa's default is None too
                                input_channel=self.name(),
                                metadata=turn.metadata,
                            )
                        )
            except Exception:  # the user must get an answer whatever failed
                logger.exception("Handling a message failed; replying with an apology.")
            if busy:
                logger.warning("Too many long messages at once; one was not read.")
                return response.json([await _busy(request, turn)])
            if not collector.messages:
                collector.messages.append(await _apology(request, turn))
            return response.json(collector.messages)

        @webhook.route("/conversations/<sender:str>", methods=["DELETE"])
        async def forget(request: Request, sender: str) -> HTTPResponse:
            try:
                _clean(sender, "sender")
            except BadRequestError as error:
                return _error(str(error))
            if not sender.strip() or len(sender) > MAX_SENDER_CHARS:
                return _error("invalid sender")
            agent = request.app.ctx.agent
            store = _deleting_store(agent.tracker_store)
            if store is None:
                return _error("this tracker store cannot delete", 501)
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


async def _conversation_language(request: Request, sender: str) -> Optional[str]:
    """The language slot of the stored conversation, if it can be read."""
    try:
        store = request.app.ctx.agent.tracker_store
        tracker = await store.retrieve(sender) if store is not None else None
        return normalise_code(tracker.get_slot("language")) if tracker else None
    except Exception:  # the store itself may be what failed
        logger.exception("Could not read the conversation language.")
        return None


async def _reply_language(request: Request, turn: Turn) -> str:
    """The language the user writes (the design's order: this message, the
    conversation, the page, Swedish); never raises."""
    try:
        detected = await asyncio.to_thread(
            lambda: detect(turn.text[:DETECT_PREFIX_CHARS]).language
        )
        lang = (
            detected
            or await _conversation_language(request, turn.sender)
            or turn.language
        )
    except Exception:
        logger.exception("Could not tell the language of a long message.")
        lang = turn.language
    return lang if lang in LANGUAGES else "sv"


async def _too_long(request: Request, turn: Turn, limit: int) -> Dict[str, Any]:
    """The polite request to shorten, in the language the user writes."""
    text = TOO_LONG[await _reply_language(request, turn)]
    return {
        "recipient_id": turn.sender,
        "text": text.format(limit=f"{limit:,}".replace(",", " ")),
    }


async def _busy(request: Request, turn: Turn) -> Dict[str, Any]:
    """The polite request to send a long message again, in the user's language."""
    return {
        "recipient_id": turn.sender,
        "text": BUSY[await _reply_language(request, turn)],
    }


async def _apology(request: Request, turn: Turn) -> Dict[str, Any]:
    """The apology response in the page's or the conversation's language; never raises."""
    lang = turn.language or await _conversation_language(request, turn.sender)
    try:
        variations: List[Dict[str, Any]] = request.app.ctx.agent.domain.responses.get(
            APOLOGY_RESPONSE, []
        )
        text = variation_text(variations, lang or "sv")
    except Exception:
        logger.exception("Could not read the apology response.")
        text = None
    if not isinstance(text, str) or not text:
        text = FALLBACK_APOLOGY.get(lang or "sv", FALLBACK_APOLOGY["sv"])
    return {"recipient_id": turn.sender, "text": text}
