"""NLU quality on the held-out files, per language, and lemmas versus no lemmas.

    python bench/nlu_quality.py                 # evaluate models/assistant.tar.gz
    python bench/nlu_quality.py --compare-lemmas  # also train NLU without lemmas and compare

Intent macro-F1 and entity micro-F1 come from ``rasa test nlu`` on
tests/nlu/test_{sv,nb}.yml, which are never trained on.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_MAIN = [
    sys.executable,
    "-m",
    "bot.runtime.rasa_main",
]  # as `make train`: with speed-ups
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}


def evaluate(model: Path, lang: str) -> Tuple[float, float]:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(
            [RASA, "test", "nlu", "--model", str(model), "--nlu", f"tests/nlu/test_{lang}.yml", "--out", out],
            cwd=ROOT, env=ENV, check=True, capture_output=True,
        )  # fmt: skip
        intents = json.loads((Path(out) / "intent_report.json").read_text())
        entities = json.loads((Path(out) / "DIETClassifier_report.json").read_text())
    return intents["macro avg"]["f1-score"], entities["micro avg"]["f1-score"]


def train_nlu(config: Dict[str, object], out: Path) -> Tuple[Path, float]:
    config_file = out / "config.yml"
    config_file.write_text(yaml.safe_dump(config, allow_unicode=True))
    started = time.perf_counter()
    subprocess.run(
        [*RASA_MAIN, "train", "nlu", "--config", str(config_file), "--nlu", "data/nlu",
         "--out", str(out), "--fixed-model-name", "nlu", "--num-threads", "2"],
        cwd=ROOT, env=ENV, check=True, capture_output=True,
    )  # fmt: skip
    return out / "nlu.tar.gz", time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--model", type=Path, default=ROOT / "models" / "assistant.tar.gz"
    )
    parser.add_argument("--compare-lemmas", action="store_true")
    args = parser.parse_args()
    print(
        "| model | sv intent macro-F1 | sv entity F1 | nb intent macro-F1 | nb entity F1 |"
    )
    print("|---|---|---|---|---|")
    scores = {lang: evaluate(args.model, lang) for lang in ("sv", "nb")}
    print(
        f"| assistant (lemmas) | {scores['sv'][0]:.3f} | {scores['sv'][1]:.3f} | {scores['nb'][0]:.3f} | {scores['nb'][1]:.3f} |"
    )
    if not args.compare_lemmas:
        return
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    for use_lemma in (True, False):
        config = json.loads(json.dumps(base))
        for component in config["pipeline"]:
            if (
                component["name"] == "CountVectorsFeaturizer"
                and component.get("analyzer", "word") == "word"
            ):
                component["use_lemma"] = use_lemma
        with tempfile.TemporaryDirectory() as tmp:
            model, seconds = train_nlu(config, Path(tmp))
            scores = {lang: evaluate(model, lang) for lang in ("sv", "nb")}
        label = "NLU only, lemmas" if use_lemma else "NLU only, no lemmas"
        print(
            f"| {label} (trained in {seconds:.0f} s) | {scores['sv'][0]:.3f} | {scores['sv'][1]:.3f} | {scores['nb'][0]:.3f} | {scores['nb'][1]:.3f} |"
        )


if __name__ == "__main__":
    main()
