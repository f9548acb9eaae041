"""Reply language on held-out messages (bench/data/language_eval.yml, never tuned on).

    python bench/reply_language.py [--show-misses]

Each message is the first of a new conversation with no page language, so the
reply language is exactly what the bot's policy decides from the text alone
(explicit request, then clear detection, else the Swedish default).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from programme_kb.language import decide_reply_language  # noqa: E402


def main() -> None:
    items = yaml.safe_load(
        (ROOT / "bench" / "data" / "language_eval.yml").read_text(encoding="utf-8")
    )["items"]
    items = [i for i in items if len(i["text"].split()) >= 3]
    right = {"sv": 0, "nb": 0}
    total = {"sv": 0, "nb": 0}
    for item in items:
        got = decide_reply_language(item["text"], None, None).language
        total[item["expected"]] += 1
        right[item["expected"]] += got == item["expected"]
        if got != item["expected"] and "--show-misses" in sys.argv:
            print("MISS", item["expected"], item["text"])
    overall = sum(right.values()) / sum(total.values())
    print(
        f"| reply language right (n={sum(total.values())}, ≥3 words) | {overall:.1%} | sv {right['sv']}/{total['sv']} | nb {right['nb']}/{total['nb']} |"
    )


if __name__ == "__main__":
    main()
