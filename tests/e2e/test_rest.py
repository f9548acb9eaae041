"""End-to-end over Rasa's REST channel against the real servers, in each language."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any, Dict, List

import pytest

from programme_kb.language import detect

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def _text(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _custom(replies: List[Dict[str, Any]], kind: str) -> Dict[str, Any]:
    return next(r["custom"] for r in replies if r.get("custom", {}).get("type") == kind)


def test_swedish_conversation(stack: Any) -> None:
    who = "e2e-sv"
    assert "Interreg" in _text(stack.send(who, "hej!", "sv"))
    replies = stack.send(who, "får ett aktiebolag söka?", "sv")
    card = _custom(replies, "eligibility")
    assert (
        card["eligible"] is True
        and card["organisation_type"] == "company"
        and card["language"] == "sv"
    )
    assert "kan vara sökande" in _text(replies).split("\n")[0]
    replies = stack.send(
        who, "Vi vill ta fram en gemensam plan mot skogsbränder i gränsområdet", "sv"
    )
    card = _custom(replies, "focus_areas")
    assert card["items"][0]["code"] == "2A"
    assert detect(_text(replies)).language == "sv"
    replies = stack.send(who, "ingår Kongsvinger i programområdet?", "sv")
    assert _text(replies).startswith("Kongsvinger (Innlandet) ingår i programområdet")


def test_norwegian_conversation_without_metadata(stack: Any) -> None:
    who = "e2e-nb"
    replies = stack.send(who, "hvem kan søke om midler fra programmet?")
    assert detect(_text(replies)).language == "nb"
    assert any(r.get("buttons") for r in replies), "the form offers organisation types"
    replies = stack.send(who, "vi er en frivillig organisasjon")
    card = _custom(replies, "eligibility")
    assert card["eligible"] is True and card["language"] == "nb"
    replies = stack.send(who, "kan privatpersoner søke?")
    assert _custom(replies, "eligibility")["eligible"] is False
    assert _text(replies).startswith("Organisasjonstypen privatperson kan ikke")


def test_language_switch_sticks(stack: Any) -> None:
    who = "e2e-switch"
    stack.send(who, "hej", "sv")
    replies = stack.send(who, "kan du svara på norska?")
    assert detect(_text(replies)).language == "nb"
    assert _custom(replies, "language") == {"type": "language", "language": "nb"}, (
        "the widget switches its own texts on this payload"
    )
    replies = stack.send(who, "vilka insatsområden finns det?")
    assert "innsatsområde" in _text(replies).lower() or "Innovasjon" in _text(replies)


@pytest.mark.parametrize(
    "message",
    [
        "",
        "   ",
        "🙂🙂🙂",
        "<script>alert(1)</script>",
        "'; DROP TABLE events; --",
        "x" * 20000,
        "Hello, can you tell me who can apply for funding?",
        "Wer kann sich für dieses Programm bewerben?",
    ],
)
def test_bad_input_gets_a_clear_reply(stack: Any, message: str) -> None:
    replies = stack.send(f"e2e-bad-{abs(hash(message))}", message, "nb")
    assert replies and _text(replies).strip(), "never silence"
    if message.startswith(("Hello", "Wer")):
        assert "svensk" in _text(replies) and "norsk" in _text(replies)


def test_malformed_request_is_a_400_not_a_500(stack: Any) -> None:
    request = urllib.request.Request(
        stack.rest_url, data=b"{not json", headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=30)
    assert error.value.code == 400


def test_action_server_down_gets_an_apology(stack: Any, tmp_path: Path) -> None:
    """A second Rasa whose action server is unreachable: users get an apology, not nothing."""
    with socket.socket() as free:  # a free port (the stack's neighbour may be taken)
        free.bind(("127.0.0.1", 0))
        port = int(free.getsockname()[1])
    env = {
        **stack.env,
        "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
        "TRACKER_DB_URL": f"sqlite:///{tmp_path / 'db.sqlite'}",
    }
    rasa = str(Path(sys.executable).with_name("rasa"))
    process = subprocess.Popen(
        [rasa, "run", "--model", "models", "--port", str(port), "--interface", "127.0.0.1",
         "--credentials", "credentials.yml", "--endpoints", "endpoints.yml"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
        deadline = time.monotonic() + 240
        while True:
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/webhooks/rest/", timeout=2
                )
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None
                time.sleep(1)
        body = json.dumps(
            {
                "sender": "down",
                "message": "när är nästa utlysning?",
                "metadata": {"language": "sv"},
            }
        )
        request = urllib.request.Request(
            url, data=body.encode(), headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=120) as answer:
            replies = json.loads(answer.read())
        assert replies and replies[0]["text"].startswith("Förlåt")
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
