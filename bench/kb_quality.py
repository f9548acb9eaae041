"""Accuracy and speed of the knowledge base's query library.

    python bench/kb_quality.py [--focus bench/data/focus_eval.yml] [--json]

Focus-area top-1/top-3 per language, eligibility accuracy per language and the
number of ineligible types called eligible, place look-up accuracy, load time in a
fresh process and matcher latency for 60-word descriptions. Prints a Markdown
table; evaluation files are never used to tune the matcher (tune on focus_dev.yml).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from programme_kb.service import build  # noqa: E402

DATA = ROOT / "bench" / "data"


def _items(path: Path) -> List[Dict[str, Any]]:
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])


def focus_accuracy(path: Path) -> Dict[str, Dict[str, float]]:
    snapshot = build()
    out: Dict[str, Dict[str, float]] = {}
    misses = []
    for lang in ("sv", "nb"):
        items = [i for i in _items(path) if i["lang"] == lang]
        top1 = top3 = 0
        for item in items:
            codes = [m.code for m in snapshot.focus.rank(item["text"], lang, 3).items]
            top1 += codes[:1] == [item["expected"]]
            top3 += item["expected"] in codes
            if codes[:1] != [item["expected"]]:
                misses.append((item["expected"], codes, item["text"][:90]))
        out[lang] = {
            "n": len(items),
            "top1": top1 / len(items),
            "top3": top3 / len(items),
        }
    out["misses"] = misses  # type: ignore[assignment]
    return out


def eligibility_accuracy(path: Path) -> Dict[str, Dict[str, float]]:
    snapshot = build()
    out: Dict[str, Dict[str, float]] = {}
    misses = []
    for lang in ("sv", "nb"):
        items = [i for i in _items(path) if i["lang"] == lang]
        right = false_yes = 0
        for item in items:
            result = snapshot.eligibility.check(item["text"], None, lang)
            ok = (
                result.organisation_type == item["expected_type"]
                and result.eligible == item["eligible"]
            )
            right += ok
            false_yes += item["eligible"] is False and result.eligible is True
            if not ok:
                misses.append(
                    (item["text"], item["expected_type"], result.organisation_type)
                )
        out[lang] = {
            "n": len(items),
            "accuracy": right / len(items),
            "ineligible_called_eligible": false_yes,
        }
    out["misses"] = misses  # type: ignore[assignment]
    return out


def place_accuracy(path: Path) -> Dict[str, Any]:
    snapshot = build()
    items = _items(path)
    right = 0
    misses = []
    for item in items:
        result = snapshot.places.find(item["text"])
        got = result.matches[0] if result.matches else None
        ok = (
            got is not None
            and got.region_id == item["region"]
            and got.in_programme == item["in_programme"]
        )
        right += ok
        if not ok:
            misses.append(
                (
                    item["text"],
                    item["region"],
                    got.region_id if got else None,
                    got.in_programme if got else None,
                )
            )
    return {"n": len(items), "accuracy": right / len(items), "misses": misses}


def load_seconds(runs: int = 5) -> float:
    code = "import time; t=time.perf_counter(); from programme_kb.service import build; build(); print(time.perf_counter()-t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)


def latency_ms(path: Path, words: int = 60, runs: int = 300) -> Dict[str, float]:
    snapshot = build()
    texts = []
    for item in _items(path):
        base = item["text"].split()
        texts.append(
            (" ".join((base * (words // len(base) + 1))[:words]), item["lang"])
        )
    for text, lang in texts[:10]:
        snapshot.focus.rank(text, lang)
    samples = []
    for i in range(runs):
        text, lang = texts[i % len(texts)]
        text = (
            f"{text} variant{i}"  # defeat per-word caches as little as a new text would
        )
        start = time.perf_counter()
        snapshot.focus.rank(text, lang)
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return {
        "p50": statistics.median(samples),
        "p95": samples[int(0.95 * len(samples)) - 1],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--focus", type=Path, default=DATA / "focus_eval.yml")
    parser.add_argument(
        "--eligibility", type=Path, default=DATA / "eligibility_eval.yml"
    )
    parser.add_argument("--places", type=Path, default=DATA / "place_eval.yml")
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result: Dict[str, Any] = {
        "focus": focus_accuracy(args.focus),
        "eligibility": eligibility_accuracy(args.eligibility),
        "places": place_accuracy(args.places),
        "load_s": load_seconds(),
        "match_latency_ms_60_words": latency_ms(args.focus),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=1, default=str))
        return
    f, e, p = result["focus"], result["eligibility"], result["places"]
    print("| measure | sv | nb |\n|---|---|---|")
    print(
        f"| focus top-1 ({args.focus.name}) | {f['sv']['top1']:.1%} (n={f['sv']['n']}) | {f['nb']['top1']:.1%} (n={f['nb']['n']}) |"
    )
    print(f"| focus top-3 | {f['sv']['top3']:.1%} | {f['nb']['top3']:.1%} |")
    print(
        f"| eligibility correct | {e['sv']['accuracy']:.1%} (n={e['sv']['n']}) | {e['nb']['accuracy']:.1%} (n={e['nb']['n']}) |"
    )
    print(
        f"| ineligible called eligible | {e['sv']['ineligible_called_eligible']} | {e['nb']['ineligible_called_eligible']} |"
    )
    print(f"\nplace look-up correct: {p['accuracy']:.1%} (n={p['n']})")
    print(f"load in a fresh process (median of 5): {result['load_s']:.2f} s")
    lat = result["match_latency_ms_60_words"]
    print(
        f"match_focus_areas, 60 words: p50 {lat['p50']:.2f} ms, p95 {lat['p95']:.2f} ms"
    )
    if args.show_misses:
        for name in ("focus", "eligibility", "places"):
            for miss in result[name]["misses"]:
                print(name, "MISS", miss)


if __name__ == "__main__":
    main()
