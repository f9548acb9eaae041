"""Choose NLU settings on a development split of the training data (never on tests/nlu).

    python bench/nlu_dev_tuning.py

Splits data/nlu 80/20 per intent (fixed seed), trains the NLU pipeline twice on the
80 % (word features from lemmas, and from surface words), evaluates both on the 20 %,
and for the winner prints how the FallbackClassifier threshold trades answered
messages against wrong answers. config.yml keeps what wins here.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
RASA = str(Path(sys.executable).with_name("rasa"))
RASA_MAIN = [
    sys.executable,
    "-m",
    "bot.runtime.rasa_main",
]  # as `make train`: with speed-ups
ENV = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}
THRESHOLDS = [0.2, 0.3, 0.4, 0.45, 0.5, 0.6, 0.7]


def split(out: Path) -> Tuple[Path, Path]:
    from rasa.shared.nlu.training_data.loading import load_data
    from rasa.shared.nlu.training_data.training_data import TrainingData

    data = load_data(str(ROOT / "data" / "nlu"))
    by_intent: Dict[str, List[Any]] = defaultdict(list)
    for message in data.intent_examples:
        by_intent[message.get("intent")].append(message)
    rng = random.Random(20261127)
    train, dev = [], []
    for messages in by_intent.values():
        rng.shuffle(messages)
        cut = max(1, len(messages) // 5)
        dev += messages[:cut]
        train += messages[cut:]
    train_file, dev_file = out / "train.yml", out / "dev.yml"
    train_data = TrainingData(
        train, entity_synonyms=data.entity_synonyms, lookup_tables=data.lookup_tables
    )
    train_file.write_text(train_data.nlu_as_yaml(), encoding="utf-8")
    dev_file.write_text(TrainingData(dev).nlu_as_yaml(), encoding="utf-8")
    return train_file, dev_file


def train_and_test(
    config: Dict[str, Any], train_file: Path, dev_file: Path, out: Path
) -> Dict[str, Any]:
    out.mkdir()
    (out / "config.yml").write_text(yaml.safe_dump(config))
    subprocess.run(
        [*RASA_MAIN, "train", "nlu", "--config", str(out / "config.yml"), "--nlu", str(train_file),
         "--out", str(out), "--fixed-model-name", "nlu", "--num-threads", "2"],
        cwd=ROOT, env=ENV, check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        [RASA, "test", "nlu", "--model", str(out / "nlu.tar.gz"), "--nlu", str(dev_file), "--out", str(out / "results"), "--successes"],
        cwd=ROOT, env=ENV, check=True, capture_output=True,
    )  # fmt: skip
    report = json.loads((out / "results" / "intent_report.json").read_text())
    successes = json.loads((out / "results" / "intent_successes.json").read_text())
    errors = json.loads((out / "results" / "intent_errors.json").read_text())
    return {
        "macro_f1": report["macro avg"]["f1-score"],
        "successes": successes,
        "errors": errors,
    }


def threshold_table(result: Dict[str, Any]) -> List[str]:
    right = [s["intent_prediction"]["confidence"] for s in result["successes"]]
    wrong = [e["intent_prediction"]["confidence"] for e in result["errors"]]
    lines = [
        "| threshold | correct answers kept | wrong answers kept |",
        "|---|---|---|",
    ]
    for t in THRESHOLDS:
        kept_right = sum(c >= t for c in right) / max(len(right), 1)
        kept_wrong = sum(c >= t for c in wrong) / max(len(wrong), 1)
        lines.append(f"| {t:.2f} | {kept_right:.1%} | {kept_wrong:.1%} |")
    return lines


def main() -> None:
    base = yaml.safe_load((ROOT / "config.yml").read_text())
    base["pipeline"] = [
        c for c in base["pipeline"] if c["name"] != "FallbackClassifier"
    ]
    with tempfile.TemporaryDirectory() as tmp:
        train_file, dev_file = split(Path(tmp))
        results = {}
        for use_lemma in (True, False):
            config = json.loads(json.dumps(base))
            for component in config["pipeline"]:
                if (
                    component["name"] == "CountVectorsFeaturizer"
                    and component.get("analyzer", "word") == "word"
                ):
                    component["use_lemma"] = use_lemma
            results[use_lemma] = train_and_test(
                config, train_file, dev_file, Path(tmp) / f"lemma_{use_lemma}"
            )
    print("| word features | dev intent macro-F1 |\n|---|---|")
    for use_lemma, result in results.items():
        print(
            f"| {'lemmas' if use_lemma else 'surface words'} | {result['macro_f1']:.3f} |"
        )
    winner = max(results, key=lambda k: results[k]["macro_f1"])
    print(
        f"\nFallback threshold on the dev split ({'lemmas' if winner else 'surface words'}):\n"
    )
    print("\n".join(threshold_table(results[winner])))


if __name__ == "__main__":
    main()
