"""Reply language on held-out messages, never tuned on.

    python bench/reply_language.py [--show-misses]

bench/data/language_eval.yml: messages of three words or more.
bench/data/language_short_eval.yml: chat messages of one to three words (items marked
``ambiguous`` — "ok", "3A" — are reported apart: only the page or the conversation can
decide them). Each message is the first of a new conversation with no page language,
so the reply language is exactly what the policy decides from the text alone
(explicit request, then clear detection, else the Swedish default).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from programme_kb.language import decide_reply_language, detect  # noqa: E402


def _items(name: str) -> List[Dict[str, Any]]:
    path = ROOT / "bench" / "data" / name
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))["items"])


def score(label: str, items: List[Dict[str, Any]]) -> None:
    right = {"sv": 0, "nb": 0}
    total = {"sv": 0, "nb": 0}
    for item in items:
        got = decide_reply_language(item["text"], None, None).language
        total[item["expected"]] += 1
        right[item["expected"]] += got == item["expected"]
        if got != item["expected"] and "--show-misses" in sys.argv:
            print("MISS", item["expected"], item["text"])
    overall = sum(right.values()) / max(sum(total.values()), 1)
    print(
        f"| {label} (n={sum(total.values())}) | {overall:.1%} "
        f"| sv {right['sv']}/{total['sv']} | nb {right['nb']}/{total['nb']} |"
    )


def flag_accuracy(items: List[Dict[str, Any]]) -> float:
    """Share of messages whose foreign and Nynorsk flags are right (the Nynorsk flag
    only counts for Scandinavian messages: a foreign one is never Nynorsk)."""
    right = 0
    for item in items:
        detection = detect(item["text"])
        good = detection.foreign == item["foreign"]
        if item["foreign"] is None:
            good = good and detection.nynorsk == item["nynorsk"]
        right += good
        if not good and "--show-misses" in sys.argv:
            print("MISS", item, detection)
    return right / max(len(items), 1)


def main() -> None:
    long = [i for i in _items("language_eval.yml") if len(i["text"].split()) >= 3]
    score("reply language right, ≥3 words", long)
    short_file = ROOT / "bench" / "data" / "language_short_eval.yml"
    if short_file.exists():
        short = [i for i in _items(short_file.name) if not i.get("ambiguous")]
        score("reply language right, 1–3 words", short)
    flags = _items("language_flags_eval.yml")
    print(
        f"| foreign and Nynorsk flags right (n={len(flags)}) | {flag_accuracy(flags):.1%} | | |"
    )


if __name__ == "__main__":
    main()
