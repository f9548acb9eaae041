"""Long messages are read off the event loop, one at a time, and never crowd out the rest.

Issue 16: while the adversarial suite ran, the normal conversations' p95 rose 4-6x,
because Rasa's NLU of a long message (0.1-0.25 s of tokens, featurizers and DIET)
held the one event loop of the instance. ``bot.plugins.channels.LongMessages`` parses
it in a worker thread. Checked on the real channel over HTTP with a stand-in for
Rasa's processor whose parse blocks its thread until the test releases it (as NLU's
computation does): a short message must be answered meanwhile, which it could not
be if the parse ran on the loop. No timing is measured; the bench does that
(bench/adversarial_load.py).
"""

from __future__ import annotations

import asyncio
import threading
import uuid
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple

import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

import bot.plugins.channels as channels
from bot.plugins.channels import (
    BUSY,
    NLU_PREFIX_CHARS,
    AssistantRestInput,
    LongMessages,
    Turn,
    nlu_prefix,
)
from programme_kb.language import detect
from tests.security.test_rest_channel import FakeAgent, Server, _free_port

LONG = {
    "sv": "Vi är en ideell förening i Årjäng som vill bygga ett gemensamt nätverk för "
    "naturturism tillsammans med en norsk förening i Marker, med leder, kartor och "
    "utbildning för guider på båda sidor om gränsen. ",
    "nb": "Vi er en frivillig forening i Marker som ønsker å bygge et felles nettverk "
    "for naturturisme sammen med en svensk forening i Årjäng, med leder, kart og "
    "opplæring av guider på begge sider av grensen. ",
}
GUARD_S = 20.0
"""How long a stand-in parse waits for its release before it gives up: a guard
against a hung test, not a measurement (a parse on the loop would block it here)."""


def long_text(lang: str) -> str:
    text = (LONG[lang] * 12).strip()
    assert NLU_PREFIX_CHARS < len(text) <= 4000
    return text


class BlockingProcessor:
    """Rasa's processor as the channel uses it: ``parse_message`` of a long message's
    start. Each parse blocks the thread it runs in until ``release`` is set."""

    http_interpreter = None

    def __init__(self) -> None:
        self.started = threading.Event()
        self.release = threading.Event()
        self.parsed: List[Tuple[str, str]] = []
        """(text read, name of the thread that read it)"""
        self.returned = 0
        self.fail = False

    async def parse_message(
        self, message: UserMessage, tracker: Any = None
    ) -> Dict[str, Any]:
        self.parsed.append((message.text or "", threading.current_thread().name))
        self.started.set()
        self.release.wait(GUARD_S)
        self.returned += 1
        if self.fail:
            raise RuntimeError("the model could not be run")
        return {"text": message.text, "intent": {"name": "x"}, "entities": []}


class LongServer(Server):
    processor: BlockingProcessor


@pytest.fixture
async def server(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[LongServer]:
    """The channel on a free port, with its own worker admitting two long messages."""
    monkeypatch.delenv("REST_MAX_MESSAGE_CHARS", raising=False)
    monkeypatch.setattr(Sanic, "test_mode", True)
    monkeypatch.setattr(channels, "LONG_MESSAGES", LongMessages(admitted=2))
    # the language models load on first use (seconds on a busy machine): not in a request
    await asyncio.to_thread(detect, LONG["sv"] + LONG["nb"])
    app = Sanic(f"long_{uuid.uuid4().hex}", configure_logging=False)
    agent = FakeAgent()
    processor = BlockingProcessor()
    agent.processor = processor  # type: ignore[attr-defined]
    app.ctx.agent = agent
    running = LongServer(_free_port(), agent)
    running.processor = processor

    async def handle(message: UserMessage) -> None:
        running.received.append(message)
        await message.output_channel.send_text_message(message.sender_id, "svar")

    app.blueprint(AssistantRestInput().blueprint(handle), url_prefix="/webhooks/rest")
    sanic_server = await app.create_server(
        host="127.0.0.1", port=running.port, return_asyncio_server=True
    )
    assert sanic_server is not None
    await sanic_server.startup()
    try:
        yield running
    finally:
        processor.release.set()
        sanic_server.close()
        await sanic_server.wait_closed()


async def _started(processor: BlockingProcessor) -> None:
    assert await asyncio.to_thread(processor.started.wait, GUARD_S)
    processor.started.clear()


def _received(server: Server, sender: str) -> Optional[UserMessage]:
    return next((m for m in server.received if m.sender_id == sender), None)


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_a_short_message_is_answered_while_a_long_one_is_parsed(
    server: LongServer, lang: str
) -> None:
    text = long_text(lang)
    long_reply = asyncio.create_task(
        server.post({"sender": "long", "message": text, "metadata": {"language": lang}})
    )
    await _started(server.processor)
    status, answer = await server.post(
        {"sender": "short", "message": "hej", "metadata": {"language": lang}}
    )
    assert (status, answer) == (200, [{"recipient_id": "short", "text": "svar"}])
    assert server.processor.returned == 0, "the short one waited for the long parse"
    assert not long_reply.done()
    server.processor.release.set()
    assert await long_reply == (200, [{"recipient_id": "long", "text": "svar"}])
    # NLU read the start in the worker; Rasa got the whole text and that parse
    [(read, thread)] = server.processor.parsed
    assert read == nlu_prefix(text) and thread.startswith("long-message-nlu")
    handled = _received(server, "long")
    assert handled is not None and handled.text == text
    assert handled.parse_data is not None and handled.parse_data["text"] == text
    short = _received(server, "short")
    assert short is not None and short.parse_data is None  # Rasa parses it as always


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_one_long_message_too_many_gets_busy_in_its_language(
    server: LongServer, lang: str
) -> None:
    """Two in hand (one parsed, one waiting for the worker); the third is not read."""
    first = asyncio.create_task(
        server.post({"sender": "a", "message": long_text(lang)})
    )
    await _started(server.processor)
    second = asyncio.create_task(
        server.post({"sender": "b", "message": long_text(lang)})
    )
    while channels.LONG_MESSAGES.in_hand < 2:  # the second is waiting for the worker
        await asyncio.sleep(0.01)
    status, answer = await server.post({"sender": "c", "message": long_text(lang)})
    assert (status, answer) == (200, [{"recipient_id": "c", "text": BUSY[lang]}])
    assert _received(server, "c") is None, "a refused message is not handled or stored"
    server.processor.release.set()
    assert (await first)[0] == (await second)[0] == 200
    assert [m.sender_id for m in server.received] == ["a", "b"]
    assert channels.LONG_MESSAGES.in_hand == 0
    # room again: the next long message is read
    assert (await server.post({"sender": "c", "message": long_text(lang)}))[1] == [
        {"recipient_id": "c", "text": "svar"}
    ]


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_busy_follows_the_page_when_the_text_has_no_clear_language(
    server: LongServer, lang: str
) -> None:
    channels.LONG_MESSAGES.admitted = 0
    _, answer = await server.post(
        {"sender": "s", "message": "1234 " * 300, "metadata": {"language": lang}}
    )
    assert answer == [{"recipient_id": "s", "text": BUSY[lang]}]


def test_the_busy_reply_exists_in_both_languages() -> None:
    assert set(BUSY) == {"sv", "nb"} and BUSY["sv"] != BUSY["nb"]
    assert "långa meddelanden" in BUSY["sv"] and "lange meldinger" in BUSY["nb"]


async def test_a_failed_parse_lets_rasa_parse_and_frees_the_worker() -> None:
    processor = BlockingProcessor()
    processor.fail = True
    processor.release.set()
    long_messages = LongMessages(admitted=1)
    request: Any = type("R", (), {})()
    request.app = type("A", (), {})()
    request.app.ctx = type("C", (), {"agent": type("G", (), {"processor": processor})})
    turn = Turn("s", long_text("sv"), "sv")
    parsed = await channels._parsed_from_prefix(request, turn, "rest", long_messages)
    assert parsed is None  # Rasa then parses the message itself, as for any other
    assert long_messages.in_hand == 0 and long_messages.admit()


@pytest.mark.parametrize(
    "text", ["hej", "x" * NLU_PREFIX_CHARS, "/greet" + " " * NLU_PREFIX_CHARS]
)
async def test_messages_nlu_reads_whole_are_not_taken_by_the_worker(
    server: LongServer, text: str
) -> None:
    assert not channels.is_long(Turn("s", text, None))
    server.processor.release.set()
    await server.post({"sender": "s", "message": text})
    assert server.processor.parsed == []
