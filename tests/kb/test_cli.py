"""The secretariat's command line: ``python -m programme_kb match|eligibility|place|faq|check``.

Each invocation starts a Python process that loads spaCy and the whole knowledge
base, so all of them are started at once, right after collection (see conftest.py),
and run while the in-process tests do; the tests here only read their results.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, List

import pytest

from programme_kb.models import AREA_CODES

REPO_ROOT = Path(__file__).resolve().parents[2]
VENV_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"
TIMEOUT_S = 180

MATCH_LINES = [
    "Vi vill ta fram en gemensam skogsbrandsberedskap längs gränsen",
    "Vi ønsker å lage en felles reiselivsstrategi for fjellområdene på begge sider av grensen",
    "Vi vill starta ett gemensamt masterprogram mellan universiteten i Karlstad och Trondheim",
]

# Only the batch run detects the language itself: loading the language detector costs
# every process about two more seconds, so the others name their language.
RUNS: Dict[str, Dict[str, Any]] = {
    "eligibility_nb": {
        "args": ["eligibility", "Fjellmat AS", "--json", "--lang", "nb"]
    },
    "place": {"args": ["place", "Våler", "--json", "--lang", "nb"]},
    "faq": {
        "args": [
            "faq",
            "Kan vi skrive søknaden på en blanding av norsk og svensk, altså svorsk?",
            "--json",
            "--lang",
            "nb",
        ]
    },
    "match_batch": {
        "args": ["match", "-", "--json"],
        "stdin": "\n".join(MATCH_LINES) + "\n",
    },
    "check": {"args": ["check"]},
}


@dataclass(frozen=True)
class Run:
    returncode: int
    stdout: str
    stderr: str

    def json_lines(self) -> List[Dict[str, Any]]:
        return [json.loads(line) for line in self.stdout.splitlines() if line.strip()]

    def one_json(self) -> Dict[str, Any]:
        payloads = self.json_lines()
        assert len(payloads) == 1, self.stdout
        return payloads[0]


_started: Dict[str, subprocess.Popen[str]] = {}


def start_runs() -> None:
    """Start every CLI run now; called by conftest right after collection so the
    processes work while the in-process tests run."""
    for name, spec in RUNS.items():
        if name in _started:
            continue
        process = subprocess.Popen(
            [str(VENV_PYTHON), "-m", "programme_kb", *spec["args"]],
            cwd=REPO_ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        _started[name] = process
        if (
            process.stdin is not None
        ):  # batch input is small: write it at once, then EOF
            process.stdin.write(spec.get("stdin", ""))
            process.stdin.close()
            process.stdin = None  # so that communicate() does not touch the closed pipe


def stop_runs() -> None:
    for process in _started.values():
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def runs() -> Dict[str, Run]:
    start_runs()
    results = {}
    try:
        for name, process in _started.items():
            out, err = process.communicate(timeout=TIMEOUT_S)
            results[name] = Run(process.returncode, out, err)
    finally:
        stop_runs()
    return results


def _ok(run: Run) -> None:
    assert run.returncode == 0, run.stderr


def _assert_focus_payload(payload: Dict[str, Any], lang: str) -> None:
    assert payload["type"] == "focus_areas" and payload["language"] == lang
    assert 1 <= len(payload["items"]) <= 3
    for item in payload["items"]:
        assert set(item) == {"code", "title", "score", "strength", "why", "summary"}
        assert (
            item["code"] in AREA_CODES and 0.0 <= item["score"] <= 1.0 and item["why"]
        )
    scores = [i["score"] for i in payload["items"]]
    assert scores == sorted(scores, reverse=True)


def test_eligibility_json_with_lang_nb(runs: Dict[str, Run]) -> None:
    _ok(runs["eligibility_nb"])
    payload = runs["eligibility_nb"].one_json()
    assert set(payload) == {
        "type",
        "language",
        "eligible",
        "organisation_type",
        "reasons",
        "requirements",
    }
    assert payload["type"] == "eligibility" and payload["language"] == "nb"
    assert payload["eligible"] is True and payload["organisation_type"] == "company"
    assert any("offentlig" in r for r in payload["requirements"])
    assert all("ä" not in r and "ö" not in r for r in payload["reasons"]), (
        "Swedish text in an nb reply"
    )


def test_place_json(runs: Dict[str, Run]) -> None:
    _ok(runs["place"])
    payload = runs["place"].one_json()
    assert (
        payload["type"] == "place"
        and payload["query"] == "Våler"
        and payload["language"] == "nb"
    )
    assert {m["region"] for m in payload["matches"]} == {"innlandet", "ostfold"}
    assert payload["reason"] is None


def test_faq_json(runs: Dict[str, Run]) -> None:
    _ok(runs["faq"])
    payload = runs["faq"].one_json()
    assert payload["type"] == "faq" and payload["language"] == "nb"
    assert payload["answered"] is True
    assert payload["best"]["entry_id"] == "svorsk"
    assert "svorsk" in payload["best"]["answer"]


def test_match_batch_prints_one_json_object_per_line(runs: Dict[str, Run]) -> None:
    """``match - --json``: one focus_areas payload per input line, language detected per line."""
    _ok(runs["match_batch"])
    payloads = runs["match_batch"].json_lines()
    assert len(payloads) == len(MATCH_LINES)
    assert len(runs["match_batch"].stdout.strip().splitlines()) == len(MATCH_LINES)
    for payload, lang in zip(payloads, ["sv", "nb", "sv"], strict=True):
        _assert_focus_payload(payload, lang)
    assert [p["items"][0]["code"] for p in payloads] == ["2A", "3C", "3B"]
    assert payloads[0]["items"][0]["title"] == "Klimat och miljö"
    assert (
        payloads[1]["items"][0]["title"] == "Nettverk for kultur- og reiselivsnæringen"
    )


def test_check_ok(runs: Dict[str, Run]) -> None:
    _ok(runs["check"])
    out = runs["check"].stdout
    sv, nb = out.strip().splitlines()
    assert sv.startswith("OK:") and nb.startswith("OK:")
    assert "8 insatsområden" in sv and "3 projekttyper" in sv
    assert "8 innsatsområder" in nb and "3 prosjekttyper" in nb
    counts = dict((name, int(n)) for n, name in re.findall(r"(\d+) ([^\d,]+)", sv))
    assert counts["organisationstyper"] >= 16 and counts["vanliga frågor"] >= 30, counts
