"""The public REST channel under hostile input: bounded work, 4xx for every bad request.

A real Sanic server (the channel's blueprint and Rasa's CORS set-up, as Rasa
registers them) on a free loopback port, with a stand-in for Rasa's agent that
records what it was asked to handle: a refused request must reach it never.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import random
import socket
import uuid
from dataclasses import dataclass, field
from typing import Any, AsyncIterator, Dict, List, Optional, Tuple

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa.core.channels.channel import UserMessage
from rasa.server import configure_cors
from sanic import Sanic

from bot.plugins.channels import (
    FALLBACK_APOLOGY,
    TOO_LONG,
    AssistantRestInput,
    BadRequestError,
    Limits,
    parse_request,
    payload_vocabulary,
)

ORIGIN = "https://www.example.org"
URL = "/webhooks/rest/webhook"
APOLOGY = {"sv": "Förlåt, tekniskt fel.", "nb": "Beklager, teknisk feil."}


@dataclass
class FakeTracker:
    language: Optional[str]

    def get_slot(self, name: str) -> Optional[str]:
        return self.language if name == "language" else None


@dataclass
class FakeStore:
    language: Optional[str] = None
    broken: bool = False

    async def retrieve(self, sender: str) -> FakeTracker:
        if self.broken:
            raise RuntimeError("database away")
        return FakeTracker(self.language)


@dataclass
class FakeDomain:
    responses: Dict[str, List[Dict[str, Any]]] = field(
        default_factory=lambda: {
            "utter_apology_unavailable": [
                {"text": APOLOGY["sv"]},
                {
                    "text": APOLOGY["nb"],
                    "condition": [{"type": "slot", "name": "language", "value": "nb"}],
                },
            ]
        }
    )


@dataclass
class FakeAgent:
    tracker_store: Any = field(default_factory=FakeStore)
    domain: Any = field(default_factory=FakeDomain)
    lock_store: Any = None


@dataclass
class Server:
    port: int
    agent: FakeAgent
    received: List[UserMessage] = field(default_factory=list)
    reply: bool = True
    fail: bool = False

    async def request(
        self,
        body: bytes,
        method: str = "POST",
        path: str = URL,
        headers: Optional[Dict[str, str]] = None,
        chunked: bool = False,
    ) -> Tuple[int, Dict[str, str], Any]:
        """One raw HTTP/1.1 request (any bytes at all); status, headers, JSON body."""
        reader, writer = await asyncio.open_connection("127.0.0.1", self.port)
        head = {"Host": "127.0.0.1", "Connection": "close", **(headers or {})}
        if chunked:
            head["Transfer-Encoding"] = "chunked"
            payload = b"".join(
                b"%x\r\n%s\r\n" % (len(part), part)
                for part in (body[i : i + 4096] for i in range(0, len(body), 4096))
            )
            payload += b"0\r\n\r\n"
        else:
            head["Content-Length"] = str(len(body))
            payload = body
        lines = [f"{method} {path} HTTP/1.1", *(f"{k}: {v}" for k, v in head.items())]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + payload)
        # the server may answer and close before reading a refused body
        with contextlib.suppress(ConnectionError):
            await writer.drain()
        raw = await asyncio.wait_for(reader.read(), timeout=10)
        writer.close()
        head_bytes, _, content = raw.partition(b"\r\n\r\n")
        status_line, *header_lines = head_bytes.decode("latin-1").split("\r\n")
        answer_headers = {
            k.strip().lower(): v.strip()
            for k, v in (h.split(":", 1) for h in header_lines if ":" in h)
        }
        try:
            data = json.loads(content) if content else None
        except ValueError:
            data = content.decode("utf-8", "replace")
        return int(status_line.split()[1]), answer_headers, data

    async def post(self, data: Any, **kwargs: Any) -> Tuple[int, Any]:
        status, _, answer = await self.request(json.dumps(data).encode(), **kwargs)
        return status, answer


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
async def server(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Server]:
    monkeypatch.delenv("REST_MAX_BODY_BYTES", raising=False)
    monkeypatch.delenv("REST_MAX_MESSAGE_CHARS", raising=False)
    # Sanic rewrites its HTTP class once per process unless in test mode.
    monkeypatch.setattr(Sanic, "test_mode", True)
    app = Sanic(f"rest_{uuid.uuid4().hex}", configure_logging=False)
    agent = FakeAgent()
    app.ctx.agent = agent
    configure_cors(app, [ORIGIN])
    running = Server(_free_port(), agent)

    async def handle(message: UserMessage) -> None:
        running.received.append(message)
        if running.fail:
            raise RuntimeError("the action server is down")
        if running.reply:
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
        sanic_server.close()
        await sanic_server.wait_closed()


GOOD = {"sender": "user-1", "message": "hej", "metadata": {"language": "sv"}}


async def test_a_good_request_is_handled_with_only_the_page_language(
    server: Server,
) -> None:
    status, answer = await server.post(GOOD)
    assert (status, answer) == (200, [{"recipient_id": "user-1", "text": "svar"}])
    assert server.received[0].metadata == {"language": "sv"}


# -- Size ------------------------------------------------------------------------------


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_an_oversized_body_is_413_and_never_handled(
    server: Server, chunked: bool
) -> None:
    big = {**GOOD, "message": "hej " * 9000}
    status, _, answer = await server.request(json.dumps(big).encode(), chunked=chunked)
    assert status == 413 and "bytes" in answer["error"]
    assert server.received == []


async def test_an_oversized_metadata_value_is_413(server: Server) -> None:
    big = {**GOOD, "metadata": {"language": "sv", "x": "a" * 40_000}}
    assert (await server.post(big))[0] == 413
    assert server.received == []


async def test_the_body_limit_comes_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("REST_MAX_BODY_BYTES", "1024")
    monkeypatch.setenv("REST_MAX_MESSAGE_CHARS", "500")
    assert Limits.from_env() == Limits(body_bytes=1024, message_chars=500)
    monkeypatch.setenv("REST_MAX_BODY_BYTES", "lots")
    with pytest.raises(ValueError, match="REST_MAX_BODY_BYTES"):
        Limits.from_env()


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Vi är en kommun som vill söka pengar för ett projekt om turism. ", "sv"),
        (
            "Vi er en kommune som ønsker å søke midler til et prosjekt om turisme. ",
            "nb",
        ),
    ],
)
async def test_an_over_long_message_gets_a_polite_reply_in_its_language(
    server: Server, text: str, lang: str
) -> None:
    long = {"sender": "long-1", "message": text * 70}
    assert len(long["message"]) > 4000
    status, answer = await server.post(long)
    assert status == 200
    assert answer == [
        {"recipient_id": "long-1", "text": TOO_LONG[lang].format(limit="4 000")}
    ]
    assert server.received == [], "nothing beyond the limit is handled or stored"


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_an_over_long_message_of_no_clear_language_follows_the_page(
    server: Server, lang: str
) -> None:
    status, answer = await server.post(
        {"sender": "s", "message": "1234 " * 1000, "metadata": {"language": lang}}
    )
    assert status == 200 and answer[0]["text"] == TOO_LONG[lang].format(limit="4 000")


# -- Wrong shapes ----------------------------------------------------------------------

WRONG_SHAPES = {
    "sender missing": {"message": "hej"},
    "sender a number": {"sender": 1, "message": "hej"},
    "sender a list": {"sender": ["a"], "message": "hej"},
    "sender null": {"sender": None, "message": "hej"},
    "sender empty": {"sender": " ", "message": "hej"},
    "sender too long": {"sender": "x" * 129, "message": "hej"},
    "sender with a newline": {"sender": "a\nb", "message": "hej"},
    "message missing": {"sender": "a"},
    "message a number": {"sender": "a", "message": 1},
    "message null": {"sender": "a", "message": None},
    "message a list": {"sender": "a", "message": ["hej"]},
    "message an object": {"sender": "a", "message": {"text": "hej"}},
    "message true": {"sender": "a", "message": True},
    "metadata a list": {"sender": "a", "message": "hej", "metadata": ["sv"]},
    "metadata a string": {"sender": "a", "message": "hej", "metadata": "sv"},
    "metadata a number": {"sender": "a", "message": "hej", "metadata": 1},
    "message a lone surrogate": {"sender": "a", "message": "hej \ud800"},
    "sender a lone surrogate": {"sender": "\udfff", "message": "hej"},
    "message with NUL": {"sender": "a", "message": "hej\x00"},
    "message with ESC": {"sender": "a", "message": "\x1b[31mhej"},
    "message with a C1 control": {"sender": "a", "message": "hej\x85"},
    "message with DEL": {"sender": "a", "message": "hej\x7f"},
}


@pytest.mark.parametrize("data", list(WRONG_SHAPES.values()), ids=list(WRONG_SHAPES))
async def test_wrong_types_and_characters_are_400_and_never_handled(
    server: Server, data: Dict[str, Any]
) -> None:
    status, answer = await server.post(data)
    assert status == 400 and isinstance(answer["error"], str)
    assert len(answer["error"]) < 120
    assert server.received == []


BROKEN_BODIES = {
    "empty": b"",
    "not JSON": b"sender=a&message=hej",
    "truncated JSON": b'{"sender": "a", "message": "hej"',
    "a JSON array": b'[{"sender": "a", "message": "hej"}]',
    "a JSON string": b'"hej"',
    "null": b"null",
    "invalid UTF-8": b'{"sender": "a", "message": "hej \xff\xfe"}',
    "Latin-1": '{"sender": "a", "message": "för"}'.encode("latin-1"),
    "UTF-16": json.dumps(GOOD).encode("utf-16"),
    "an encoded surrogate": b'{"sender": "a", "message": "\xed\xa0\x80"}',
    "NaN": b'{"sender": "a", "message": NaN}',
    "deep nesting": b'{"sender": "a", "message": "hej", "metadata": '
    + b"[" * 15000
    + b"]" * 15000
    + b"}",
    "a huge number": b'{"sender": "a", "message": "hej", "metadata": '
    + b"9" * 20000
    + b"}",
}


@pytest.mark.parametrize("body", list(BROKEN_BODIES.values()), ids=list(BROKEN_BODIES))
async def test_broken_bodies_are_400(server: Server, body: bytes) -> None:
    status, _, answer = await server.request(body)
    assert status == 400 and "error" in answer
    assert server.received == []


@pytest.mark.parametrize(
    ("language", "kept"),
    [
        ("sv", "sv"),
        ("nb", "nb"),
        ("sv-SE", "sv"),
        ("no", "nb"),
        ("nn", "nb"),
        ("en", None),
        ("da", None),
        (1, None),
        (None, None),
        (["sv"], None),
        ({"code": "sv"}, None),
        ("sv" + " " * 7, None),
        ("sv-SE-x-private", None),
        ("<script>", None),
        ("s\u0000v", None),
    ],
)
async def test_metadata_is_reduced_to_a_language_we_speak(
    server: Server, language: Any, kept: Optional[str]
) -> None:
    data = {
        "sender": "meta-1",
        "message": "hej",
        "metadata": {"language": language, "tracking": "x" * 1000, "user": {"a": 1}},
    }
    status, _ = await server.post(data)
    assert status == 200
    assert server.received[0].metadata == ({"language": kept} if kept else None)


# -- /intent payloads ------------------------------------------------------------------

KNOWN_PAYLOADS = [
    "/greet",
    '/ask_focus_area{"focus_area":"2A"}',
    '/inform_organisation{"organisation_type":"municipality"}',
    '/feedback{"rating": "up", "rated_message": "Hej! Jag svarar på frågor."}',
    '/change_language{"reply_language": "nb"}',
    "/nlu_fallback",
]
UNKNOWN_PAYLOADS = [
    "/restart",
    "/session_start",
    "/hack",
    '/greet{"password": "x"}',
    '/ask_focus_area{"focus_area": {"nested": 1}}',
    '/ask_focus_area{"focus_area": ["2A", "2B", "3A", "3B", "3C", "4A", "1A", "1B", "1C", "1D", "1E"]}',
    '/ask_focus_area{"focus_area": 2A}',
    '/ask_focus_area["2A"]',
    "/greet@1.0",
    "/greet@0.1{}",
    '/greet{"focus_area": NaN}',
    "/",
    " /greet extra",
]


@pytest.mark.parametrize("text", KNOWN_PAYLOADS)
async def test_known_payloads_pass(server: Server, text: str) -> None:
    assert (await server.post({"sender": "p", "message": text}))[0] == 200
    assert server.received[0].text == text


@pytest.mark.parametrize("text", UNKNOWN_PAYLOADS)
async def test_payloads_the_domain_does_not_know_are_400(
    server: Server, text: str
) -> None:
    status, answer = await server.post({"sender": "p", "message": text})
    assert status == 400 and "password" not in answer["error"]
    assert server.received == []


def test_the_payload_vocabulary_is_the_domains() -> None:
    intents, entities = payload_vocabulary()
    assert {"greet", "feedback", "ask_focus_area", "nlu_fallback"} <= intents
    assert {"focus_area", "rating", "rated_message", "reply_language"} <= entities
    assert "restart" not in intents


# -- The apology path ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["sv", "nb"])
@pytest.mark.parametrize("fail", [False, True], ids=["no reply", "handler raised"])
async def test_no_reply_gets_the_apology_in_the_page_language(
    server: Server, lang: str, fail: bool
) -> None:
    server.reply, server.fail = False, fail
    status, answer = await server.post(
        {"sender": "a", "message": "hej", "metadata": {"language": lang}}
    )
    assert (status, answer) == (200, [{"recipient_id": "a", "text": APOLOGY[lang]}])


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_the_apology_follows_the_conversation_without_metadata(
    server: Server, lang: str
) -> None:
    server.reply, server.agent.tracker_store = False, FakeStore(language=lang)
    _, answer = await server.post({"sender": "a", "message": "hej"})
    assert answer[0]["text"] == APOLOGY[lang]


@pytest.mark.parametrize("lang", ["sv", "nb"])
async def test_the_apology_path_survives_a_broken_store_and_domain(
    server: Server, lang: str
) -> None:
    server.reply = False
    server.agent.tracker_store = FakeStore(broken=True)
    server.agent.domain = None
    status, answer = await server.post(
        {"sender": "a", "message": "hej", "metadata": {"language": lang}}
    )
    assert status == 200 and answer[0]["text"] == FALLBACK_APOLOGY[lang]
    server.agent.tracker_store = None
    status, answer = await server.post({"sender": "a", "message": "hej"})
    assert status == 200 and answer[0]["text"] == FALLBACK_APOLOGY["sv"]


# -- CORS and the delete route ---------------------------------------------------------


@pytest.mark.parametrize(
    ("origin", "allowed"), [(ORIGIN, True), ("https://attacker.example", False)]
)
async def test_cors_preflight_allows_only_the_configured_origin(
    server: Server, origin: str, allowed: bool
) -> None:
    _, headers, _ = await server.request(
        b"",
        "OPTIONS",
        headers={"Origin": origin, "Access-Control-Request-Method": "POST"},
    )
    assert (headers.get("access-control-allow-origin") == origin) is allowed


@dataclass
class DeletingStore(FakeStore):
    deleted: List[str] = field(default_factory=list)

    def delete_sender(self, sender: str) -> int:
        self.deleted.append(sender)
        return 3


class FakeLockStore:
    @contextlib.asynccontextmanager
    async def lock(self, sender: str) -> AsyncIterator[None]:
        yield


@pytest.mark.parametrize(
    ("sender", "status", "stored_as"),
    [
        ("user-1", 200, "user-1"),
        ("x" * 129, 400, None),
        # Sanic does not decode path parameters: no control character arrives.
        ("a%00b", 200, "a%00b"),
        ("%ED%A0%80", 200, "%ED%A0%80"),
    ],
)
async def test_deleting_a_conversation_checks_the_sender(
    server: Server, sender: str, status: int, stored_as: Optional[str]
) -> None:
    store = DeletingStore()
    server.agent.tracker_store, server.agent.lock_store = store, FakeLockStore()
    answer = await server.request(
        b"", "DELETE", path=f"/webhooks/rest/conversations/{sender}"
    )
    assert answer[0] == status
    assert store.deleted == ([stored_as] if stored_as else [])


# -- Fuzz: whatever the bytes, a 4xx or a checked turn ---------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
REQUESTS = st.fixed_dictionaries(
    {},
    optional={
        "sender": JSON_VALUES | st.text(max_size=140),
        "message": JSON_VALUES
        | st.text(max_size=50)
        | st.sampled_from(KNOWN_PAYLOADS + UNKNOWN_PAYLOADS),
        "metadata": JSON_VALUES
        | st.fixed_dictionaries({"language": JSON_VALUES | st.text(max_size=10)}),
    },
)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(
    st.one_of(REQUESTS.map(lambda d: json.dumps(d).encode()), st.binary(max_size=200))
)
def test_parsing_raises_nothing_but_a_bad_request(body: bytes) -> None:
    try:
        turn = parse_request(body)
    except BadRequestError as error:
        assert str(error)
        return
    assert isinstance(turn.sender, str) and isinstance(turn.text, str)
    assert turn.metadata in (None, {"language": "sv"}, {"language": "nb"})
    turn.text.encode("utf-8")  # no lone surrogate got through


FIELD_VALUES: List[Any] = [
    None, True, 0, -1, 1.5, 10**30, "", " ", "a", "sv", "nb", "\ud800", "\x00",
    "x" * 200, [], ["sv"], {}, {"language": "sv"}, {"language": 1},
    {"language": "sv", "x": [1, {"y": None}]}, *KNOWN_PAYLOADS, *UNKNOWN_PAYLOADS,
]  # fmt: skip


async def test_mixed_requests_over_http_never_get_a_5xx(server: Server) -> None:
    """Every field given every kind of value, in a fixed pseudo-random mix."""
    rng = random.Random(16)
    for _ in range(120):
        data = {
            key: rng.choice(FIELD_VALUES)
            for key in ("sender", "message", "metadata")
            if rng.random() < 0.9
        }
        status, _, _ = await server.request(json.dumps(data).encode())
        assert status in (200, 400, 413), data
