"""Rasa's own evaluation on data never trained on: NLU per language and test stories."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "assistant.tar.gz"
RASA = str(Path(sys.executable).with_name("rasa"))
INTENT_MACRO_F1 = 0.95
ENTITY_F1 = 0.90

pytestmark = pytest.mark.rasa


def _rasa(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}
    return subprocess.run(
        [RASA, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=900
    )


@pytest.fixture(scope="module", params=["sv", "nb"])
def nlu_report(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp(f"nlu_{request.param}")
    run = _rasa(
        "test",
        "nlu",
        "--model",
        str(MODEL),
        "--nlu",
        f"tests/nlu/test_{request.param}.yml",
        "--out",
        str(out),
    )
    assert run.returncode == 0, run.stderr[-3000:]
    return out


def test_intent_macro_f1_on_held_out_data(nlu_report: Path) -> None:
    report = json.loads((nlu_report / "intent_report.json").read_text())
    assert report["macro avg"]["f1-score"] >= INTENT_MACRO_F1, {
        k: round(v["f1-score"], 3)
        for k, v in report.items()
        if isinstance(v, dict) and v.get("f1-score", 1) < 0.9
    }


def test_entity_f1_on_held_out_data(nlu_report: Path) -> None:
    report = json.loads((nlu_report / "DIETClassifier_report.json").read_text())
    assert report["micro avg"]["f1-score"] >= ENTITY_F1, {
        k: round(v["f1-score"], 3)
        for k, v in report.items()
        if isinstance(v, dict) and "f1-score" in v
    }


def test_stories_have_no_prediction_errors(tmp_path: Path) -> None:
    run = _rasa(
        "test", "core", "--model", str(MODEL), "--stories", "tests/stories",
        "--out", str(tmp_path), "--fail-on-prediction-errors",
    )  # fmt: skip
    failed = tmp_path / "failed_test_stories.yml"
    details = failed.read_text()[:4000] if failed.exists() else run.stdout[-3000:]
    assert run.returncode == 0, details
