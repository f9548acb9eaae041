"""The report's figures, recomputed straight from the seeded database."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

from bot.secretariat import report
from bot.secretariat.conversations import engine_for
from tests.secretariat.seed import CALLS_NB, DONT_KNOW, EXPECTED, PERIOD, seed

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("report") / "conversations.db"
    seed(db)
    return db


@pytest.fixture(scope="module")
def written(
    seeded: Path, tmp_path_factory: pytest.TempPathFactory
) -> Tuple[str, Dict[Tuple[str, str, str], str]]:
    """The CLI's HTML page and CSV rows for the seeded period."""
    out = tmp_path_factory.mktemp("out")
    subprocess.run(
        [sys.executable, "-m", "bot.secretariat.report", "--db", f"sqlite:///{seeded}", "--out", str(out),
         "--from", PERIOD[0].isoformat(), "--to", PERIOD[1].isoformat()],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    page = (out / "report.html").read_text(encoding="utf-8")
    with (out / "report.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    table: Dict[Tuple[str, str, str], str] = {}
    for row in rows:
        table.setdefault((row["section"], row["key"], row["metric"]), row["value"])
    return page, table


def _events(db: Path) -> List[Tuple[str, str, str, str, float, Dict[str, Any]]]:
    """Rows of the period straight from SQLite, in storage order."""
    low, high = report.day_bounds(*PERIOD)
    with sqlite3.connect(db) as connection:
        rows = connection.execute(
            "SELECT sender_id, type_name, intent_name, action_name, timestamp, data FROM events "
            "WHERE timestamp >= ? AND timestamp < ? ORDER BY id",
            (low, high),
        ).fetchall()
    return [(s, t, i, a, ts, json.loads(d)) for s, t, i, a, ts, d in rows]


def _page_value(page: str, key: str) -> str:
    match = re.search(rf'data-key="{re.escape(key)}">([^<]*)<', page)
    assert match, f"{key} is not on the page"
    return match.group(1)


def _day(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, report.TIME_ZONE).date().isoformat()


Row = Tuple[str, str, str, str, float, Dict[str, Any]]


def _final_ratings(events: List[Row]) -> Dict[Tuple[str, str], str]:
    """The last thumb of each user on each rated answer, straight from the rows."""
    final: Dict[Tuple[str, str], str] = {}
    for sender, _, intent, _, _, data in events:
        if intent == "feedback":
            found = {e["entity"]: e["value"] for e in data["parse_data"]["entities"]}
            final[(sender, found["rated_message"])] = found["rating"]
    return final


def _unanswered(events: List[Row]) -> Tuple[int, int]:
    """(typed messages the fallback or FAQ action left without an FAQ answer,
    button clicks that did the same), straight from the rows."""
    turns: List[Dict[str, Any]] = []
    current: Dict[str, Dict[str, Any]] = {}
    for sender, type_name, intent, action, _, data in events:
        if type_name == "user":
            current[sender] = {
                "text": data["text"],
                "intent": intent,
                "tried": False,
                "answered": False,
            }
            turns.append(current[sender])
        elif sender in current and type_name == "action":
            current[sender]["tried"] |= action in (
                "action_fallback",
                "action_answer_faq",
            )
        elif sender in current and type_name == "bot":
            card = (data.get("data") or {}).get("custom") or {}
            current[sender]["answered"] |= (
                card.get("type") == "faq" and card.get("answered") is True
            )
    left = [
        t
        for t in turns
        if t["intent"] != "feedback" and t["tried"] and not t["answered"]
    ]
    clicks = sum(t["text"].startswith("/") for t in left)
    return len(left) - clicks, clicks  # fmt: skip


def test_message_figures_match_the_database(
    seeded: Path, written: Tuple[str, Dict[Any, str]]
) -> None:
    page, table = written
    events = _events(seeded)
    messages = [e for e in events if e[1] == "user" and e[2] != "feedback"]
    fallback = [e for e in events if e[1] == "action" and e[3] == "action_fallback"]
    handovers = {
        e[0]
        for e in events
        if e[1] == "slot" and e[3] == "handover" and e[5]["value"] is True
    }
    final = _final_ratings(events)
    ratings = Counter(final.values())
    given = sum(e[1] == "user" and e[2] == "feedback" for e in events)
    assert given == len(final) + 1, "one user changed a thumb from up to down"
    assert (
        len(messages) == EXPECTED["messages"] and len(fallback) == EXPECTED["fallback"]
    )
    assert (
        table[("summary", "messages", "value")]
        == str(len(messages))
        == _page_value(page, "summary.messages")
    )
    assert table[("summary", "fallback", "value")] == str(len(fallback))
    rate = f"{len(fallback) / len(messages) * 100:.1f} %".replace(".", ",")
    assert _page_value(page, "summary.fallback_rate") == rate
    assert (
        table[("summary", "handovers", "value")]
        == str(len(handovers))
        == _page_value(page, "summary.handovers")
    )
    assert _page_value(page, "summary.thumbs") == f"{ratings['up']} / {ratings['down']}"
    assert table[("summary", "thumbs_up", "value")] == str(ratings["up"]) == "1"
    assert table[("summary", "thumbs_down", "value")] == str(ratings["down"]) == "2"

    per_day = Counter(_day(e[4]) for e in messages)
    assert per_day == {k: v[1] for k, v in EXPECTED["per_day"].items()}
    for day, count in per_day.items():
        assert table[("per_day", day, "messages")] == str(count)
        assert _page_value(page, f"per_day.{day}.messages") == str(count)
    topics = Counter(e[2] for e in messages)
    for intent, count in topics.items():
        assert (
            table[("topic", intent, "messages")]
            == str(count)
            == _page_value(page, f"topic.{intent}")
        )


def test_conversation_figures_match_the_database(
    seeded: Path, written: Tuple[str, Dict[Any, str]]
) -> None:
    page, table = written
    events = _events(seeded)
    starts = [e for e in events if e[1] == "session_started"]
    conversations = len(starts)
    assert conversations == EXPECTED["conversations"]
    assert table[("summary", "conversations", "value")] == str(conversations)
    assert _page_value(page, "summary.conversations") == str(conversations)
    per_day = Counter(_day(e[4]) for e in starts)
    for day, count in per_day.items():
        assert (
            table[("per_day", day, "conversations")]
            == str(count)
            == str(EXPECTED["per_day"][day][0])
        )
    assert "2025-03-04" in per_day, "00:30 Swedish time on 4 March counts on 4 March"
    languages = Counter(
        next(
            e[5]["value"]
            for e in events
            if e[1] == "slot" and e[3] == "language" and e[0] == s[0]
        )
        for s in starts
    )
    assert languages == EXPECTED["languages"]
    for lang, count in languages.items():
        assert (
            table[("language", lang, "conversations")]
            == str(count)
            == _page_value(page, f"language.{lang}")
        )


def test_cards_and_unanswered_match_the_database(
    seeded: Path, written: Tuple[str, Dict[Any, str]]
) -> None:
    page, table = written
    cards = [
        e[5]["data"]["custom"]
        for e in _events(seeded)
        if e[1] == "bot" and e[5]["data"].get("custom")
    ]
    firsts = Counter(c["items"][0]["code"] for c in cards if c["type"] == "focus_areas")
    suggested = Counter(
        i["code"] for c in cards if c["type"] == "focus_areas" for i in c["items"]
    )
    for code, count in suggested.items():
        assert (
            table[("focus_area", code, "suggested")]
            == str(count)
            == _page_value(page, f"focus_area.{code}.suggested")
        )
        assert (
            table[("focus_area", code, "first")]
            == str(firsts[code])
            == str(EXPECTED["focus_first"][code])
        )
    verdicts = Counter(
        (c["organisation_type"] or "unknown", {True: "yes", False: "no"}.get(c["eligible"], "unknown"))
        for c in cards if c["type"] == "eligibility"
    )  # fmt: skip
    for (kind, verdict), count in verdicts.items():
        assert (
            table[("eligibility", kind, verdict)]
            == str(count)
            == _page_value(page, f"eligibility.{kind}.{verdict}")
        )
    typed, clicks = _unanswered(_events(seeded))
    assert typed > 0 and clicks > 0, "the seed has both kinds"
    assert table[("summary", "unanswered", "value")] == str(typed), (
        "a button click (/nlu_fallback) is not an unanswered question"
    )
    messages = int(table[("summary", "messages", "value")])
    rate = f"{typed / messages * 100:.1f} %".replace(".", ",")
    assert _page_value(page, "summary.unanswered_rate") == rate
    assert table[("unanswered_group", "1", "count")] == "2", (
        "the two dog questions are one group"
    )
    assert "Får vi ta med en hund på slutkonferensen?" in page
    assert (
        table[("thumbs_down", "2025-03-04T00:33+01:00", "question")]
        == "Får man ta med hundar på slutkonferensen"
    )
    assert table[("thumbs_down", "2025-03-04T00:33+01:00", "answer")] == DONT_KNOW
    assert table[("thumbs_down", "2025-03-05T14:03+01:00", "answer")] == CALLS_NB
    assert (
        table[("thumbs_down", "2025-03-05T14:03+01:00", "question")]
        == "Når stenger neste utlysning?"
    )
    assert ("thumbs_down", "2025-03-05T14:02+01:00", "answer") not in table, (
        "the thumb given first and then changed is not listed"
    )
    assert "/nlu_fallback" not in " ".join(
        v for (section, _, _), v in table.items() if section == "unanswered_group"
    )


def test_page_is_self_contained_escaped_and_bilingual(
    written: Tuple[str, Dict[Any, str]],
) -> None:
    page, _ = written
    assert "<svg" in page and "<script" not in page.lower().replace("&lt;script", "")
    assert not re.search(r'(src|href)="(https?:)?//', page), (
        "nothing is loaded from the net"
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page, "user text is escaped"
    for key, (sv, nb) in report.LABELS.items():
        if key not in ("empty", "none"):
            assert html_escaped(sv) in page and html_escaped(nb) in page, key
    assert "[telefon]" in page and "912 34 567" not in page
    names = report.organisation_names()
    assert names["company"] == (
        "Aktiebolag eller handelsbolag / Aksjeselskap eller ansvarlig selskap"
    )
    for kind in ("company", "private_person"):
        assert f"<td>{html_escaped(names[kind])}</td>" in page, "KB names, not ids"
        assert f"<td>{kind}</td>" not in page
    assert "<th>intent</th>" not in page


def html_escaped(text: str) -> str:
    import html

    return html.escape(text, quote=True)


def test_default_period_is_first_to_last_day_with_messages(seeded: Path) -> None:
    built = report.build(
        report.load_turns(engine_for(f"sqlite:///{seeded}"), None, None)
    )
    assert built.start == dt.date(2024, 1, 1) and built.end == PERIOD[1]
    assert built.messages == EXPECTED["messages"] + 1
    assert len(built.per_day) == (built.end - built.start).days + 1


def test_grouping_by_similarity() -> None:
    def turn(text: str) -> report.Turn:
        return report.Turn(
            "s",
            1,
            dt.datetime(2025, 1, 1, tzinfo=report.TIME_ZONE),
            text,
            "nlu_fallback",
            "sv",
            {},
        )

    texts = ["Kan vi få stöd för en hund?", "kan vi få stöd för en hund", "Kan vi få stöd för hundar?",
             "Hvor er kontoret deres?", "Får jag parkera vid kontoret?"]  # fmt: skip
    groups = report.group_questions(turn(t) for t in texts)
    assert [g.count for g in groups] == [3, 1, 1]
    assert groups[0].examples[0] == "Kan vi få stöd för en hund?"


def test_empty_database_gives_an_empty_report_not_an_error(tmp_path: Path) -> None:
    for db in (tmp_path / "missing.db", tmp_path / "empty.db"):
        if db.name == "empty.db":
            sqlite3.connect(db).close()
        out = tmp_path / db.stem
        done = subprocess.run(
            [sys.executable, "-m", "bot.secretariat.report", "--db", f"sqlite:///{db}", "--out", str(out)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        page = (out / "report.html").read_text(encoding="utf-8")
        assert report.LABELS["empty"][0] in page and report.LABELS["empty"][1] in page
        rows = list(csv.reader((out / "report.csv").open(encoding="utf-8-sig")))
        assert ["summary", "messages", "value", "0"] in rows
    assert not (tmp_path / "missing.db").exists()


def test_bad_dates_are_refused(tmp_path: Path) -> None:
    run = [
        sys.executable,
        "-m",
        "bot.secretariat.report",
        "--db",
        f"sqlite:///{tmp_path / 'x.db'}",
        "--out",
        str(tmp_path),
    ]
    assert (
        subprocess.run(
            [*run, "--from", "2025-13-01"], cwd=ROOT, capture_output=True
        ).returncode
        == 2
    )
    bad = subprocess.run(
        [*run, "--from", "2025-03-05", "--to", "2025-03-01"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert bad.returncode == 2 and "--from" in bad.stderr


def test_csv_cells_cannot_become_formulas() -> None:
    assert (
        report._cell("=HYPERLINK(1)") == "'=HYPERLINK(1)" and report._cell("12") == "12"
    )
