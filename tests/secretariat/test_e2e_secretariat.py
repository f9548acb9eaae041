"""The secretariat's promises on the real running stack (action server, Rasa, web page).

Personal data never reaches the database, a conversation can be deleted through
the widget's route, a new FAQ entry is served within a minute without retraining,
asking for a person gives the contact card and marks the conversation, and a
broken YAML edit leaves the assistant answering.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import pytest
import yaml

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
RELOAD_DEADLINE_S = 60


def _text(replies: List[Dict[str, Any]]) -> str:
    return "\n".join(r.get("text") or "" for r in replies)


def _card(replies: List[Dict[str, Any]], kind: str) -> Optional[Dict[str, Any]]:
    return next(
        (r["custom"] for r in replies if (r.get("custom") or {}).get("type") == kind),
        None,
    )


def _sender(name: str) -> str:
    return f"e2e-sec-{name}-{uuid.uuid4().hex[:8]}"


def _rows(stack: Any, sql: str, *args: Any) -> List[Any]:
    with sqlite3.connect(stack.db_file) as connection:
        return list(connection.execute(sql, args))


def _request(url: str, method: str, headers: Optional[Dict[str, str]] = None) -> Any:
    request = urllib.request.Request(url, method=method, headers=headers or {})
    return urllib.request.urlopen(request, timeout=30)


@pytest.fixture
def faq_file(stack: Any) -> Iterator[Path]:
    """The stack's faq.yml, restored afterwards (the stack is shared by the session)."""
    path = Path(stack.kb_data) / "faq.yml"
    backup = path.with_suffix(".bak")
    shutil.copy2(path, backup)
    yield path
    shutil.copy2(backup, path)
    path.touch()
    backup.unlink()


def _kb_check(stack: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "programme_kb", "check", "--data", str(stack.kb_data)],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip


def test_personal_data_is_masked_before_it_is_stored(stack: Any) -> None:
    who = _sender("mask")
    text = "Hej! Jag heter Anna, anna.svensson@kommun.se, personnummer 811218-9876. Får en kommun söka?"
    replies = stack.send(who, text, "sv")
    assert _text(replies).strip(), "the user still gets an answer"
    stored = "\n".join(
        d for (d,) in _rows(stack, "SELECT data FROM events WHERE sender_id = ?", who)
    )
    assert stored, "the conversation is stored"
    for secret in ("anna.svensson@kommun.se", "811218-9876", "8112189876"):
        assert secret not in stored
    users = [
        json.loads(d)["text"]
        for (d,) in _rows(
            stack,
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'",
            who,
        )
    ]
    assert (
        "Hej! Jag heter Anna, [e-post], personnummer [personnummer]. Får en kommun söka?"
        in users
    )
    who_nb = _sender("mask-nb")
    stack.send(who_nb, "Hei, ring meg på 73590011 om søknaden", "nb")
    stored_nb = [
        json.loads(d)["text"]
        for (d,) in _rows(
            stack,
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'",
            who_nb,
        )
    ]
    assert stored_nb == ["Hei, ring meg på [telefon] om søknaden"]
    # The stack runs Rasa at DEBUG, which logs what users type as JSON ("p\u00e5"):
    # the masks must be there, the data must not.
    log = (Path(stack.tmp) / "stack.log").read_text(encoding="utf-8", errors="replace")
    assert "[personnummer]" in log and "ring meg på [telefon]" in log, (
        "the user's text was not logged at all, so this check proves nothing"
    )
    for secret in ("anna.svensson@kommun.se", "811218-9876", "8112189876", "73590011"):
        assert secret not in log, secret


def test_a_conversation_is_deleted_on_request(stack: Any) -> None:
    who = _sender("delete")
    stack.send(who, "Hej, ring mig på 070-123 45 67", "sv")
    assert (
        _rows(stack, "SELECT count(*) FROM events WHERE sender_id = ?", who)[0][0] > 0
    )
    origin = {"Origin": stack.web_url, "Access-Control-Request-Method": "DELETE"}
    with _request(
        f"{stack.rasa_url}/webhooks/rest/conversations/{who}", "OPTIONS", origin
    ) as preflight:
        assert preflight.headers.get("Access-Control-Allow-Origin") == stack.web_url
        assert "DELETE" in (preflight.headers.get("Access-Control-Allow-Methods") or "")
    with _request(
        f"{stack.rasa_url}/webhooks/rest/conversations/{who}", "DELETE"
    ) as answer:
        body = json.loads(answer.read())
    assert body["deleted"] is True and body["sender"] == who
    assert _rows(stack, "SELECT count(*) FROM events WHERE sender_id = ?", who) == [
        (0,)
    ]
    assert _text(stack.send(who, "hej", "sv")).strip(), (
        "the same widget can start again"
    )
    with pytest.raises(urllib.error.HTTPError) as too_long:
        _request(f"{stack.rasa_url}/webhooks/rest/conversations/{'x' * 200}", "DELETE")
    assert too_long.value.code == 400


CANDIDATES = [
    ("sv", "Får vi ta med en hund på slutkonferensen?"),
    ("sv", "Får vi ha med husdjur på projektmötena?"),
    ("nb", "Kan vi ta med hund på sluttkonferansen?"),
    ("nb", "Kan vi ha med kjæledyr på prosjektmøtene?"),
]
"""Questions no FAQ entry answers yet; the test uses one the model hands to the FAQ."""


def _handled_by_faq(stack: Any, who: str) -> bool:
    actions = {
        a
        for (a,) in _rows(
            stack,
            "SELECT action_name FROM events WHERE sender_id = ? AND type_name = 'action'",
            who,
        )
    }
    return bool(actions & {"action_fallback", "action_answer_faq"})


def test_a_new_faq_entry_is_answered_within_a_minute_without_retraining(
    stack: Any, faq_file: Path
) -> None:
    marker = f"FAQ-TEST-{uuid.uuid4().hex[:6]}"
    chosen = None
    for lang, question in CANDIDATES:
        who = _sender("faq-before")
        replies = stack.send(who, question, lang)
        assert marker not in _text(replies)
        if _handled_by_faq(stack, who):
            chosen = (lang, question)
            break
    assert chosen, (
        "the model sends none of the unknown questions to the FAQ; new entries could never answer"
    )
    lang, question = chosen
    sv_question = question if lang == "sv" else "Får vi ta med en hund?"
    nb_question = question if lang == "nb" else "Kan vi ta med hund?"
    q = lambda text: json.dumps(text, ensure_ascii=False)  # noqa: E731 - a YAML double-quoted scalar
    entry = (
        f"\n  - id: e2e_pets_at_meetings\n    questions:\n      sv:\n        - {q(sv_question)}\n"
        f"      nb:\n        - {q(nb_question)}\n    answer:\n      sv: {q(marker + ' svar på svenska.')}\n"
        f"      nb: {q(marker + ' svar på norsk.')}\n    sources: [isn_faq]\n    as_of: 2025-01-01\n"
    )
    with faq_file.open("a", encoding="utf-8") as handle:
        handle.write(entry)
    check = _kb_check(stack)
    assert check.returncode == 0, check.stderr
    started = time.monotonic()
    answered = ""
    while time.monotonic() - started < RELOAD_DEADLINE_S:
        answered = _text(stack.send(_sender("faq-after"), question, lang))
        if marker in answered:
            break
        time.sleep(2)
    assert marker in answered, (
        f"not answered within {RELOAD_DEADLINE_S} s: {answered!r}"
    )
    expected = "svar på svenska" if lang == "sv" else "svar på norsk"
    assert expected in answered, "answered in the user's language"


def test_asking_for_a_person_gives_the_contact_card_and_marks_the_conversation(
    stack: Any, tmp_path: Path
) -> None:
    contact = yaml.safe_load(
        (Path(stack.kb_data) / "contact.yml").read_text(encoding="utf-8")
    )["contact"]
    senders = {}
    for lang, question in (
        ("sv", "Jag vill prata med en människa"),
        ("nb", "Kan jeg snakke med et menneske?"),
    ):
        who = senders[lang] = _sender(f"human-{lang}")
        replies = stack.send(who, question, lang)
        card = _card(replies, "contact")
        assert card is not None, replies
        assert card["language"] == lang and card["name"] == contact["name"][lang]
        assert card["email"] == contact["email"] and card["web"] == contact["web"][lang]
        assert contact["name"][lang] in _text(replies)
        marks = _rows(
            stack,
            "SELECT data FROM events WHERE sender_id = ? AND action_name = 'handover'",
            who,
        )
        assert any(json.loads(d)["value"] is True for (d,) in marks)
    out = tmp_path / "report"
    subprocess.run(
        [sys.executable, "-m", "bot.secretariat.report", "--db", f"sqlite:///{stack.db_file}", "--out", str(out)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    rows = (out / "report.csv").read_text(encoding="utf-8-sig")
    for who in senders.values():
        assert f"handover,{who},question" in rows
    page = (out / "report.html").read_text(encoding="utf-8")
    assert "anna.svensson@kommun.se" not in page


def test_a_broken_yaml_edit_keeps_the_assistant_answering(
    stack: Any, faq_file: Path
) -> None:
    with faq_file.open("a", encoding="utf-8") as handle:
        handle.write("\n  - id: Broken Entry\n    questions: [not closed\n")
    check = _kb_check(stack)
    assert check.returncode == 1
    assert "faq.yml:" in check.stderr and "(syntax)" in check.stderr, check.stderr
    time.sleep(3)  # past the action server's change check
    replies = stack.send(
        _sender("broken"), "Får vi starta projektet innan vi fått beslut?", "sv"
    )
    assert "egen risk" in _text(replies), replies
    replies = stack.send(_sender("broken"), "får en kommun söka?", "sv")
    card = _card(replies, "eligibility")
    assert card is not None and card["eligible"] is True
