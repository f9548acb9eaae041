"""A conversation that remembers: is the later answer right given what was said earlier?

Starts the real assistant (tests.support.local_stack: model, action server, REST channel on
free ports), plays every scripted conversation of bench/data/conversations_eval.yml
with the page language of the conversation, and checks the replies to the last turn
(``all`` / ``none`` phrases, the summary card's fields).
Run: ``.venv/bin/python bench/conversations.py [--show] [--data FILE]``
(``--data bench/data/conversations_dev.yml``: the development set, which may be tuned on).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.support.local_stack import Stack  # noqa: E402

DATA = Path(__file__).resolve().parent / "data" / "conversations_eval.yml"


def problems(case: Dict[str, Any], replies: List[Dict[str, Any]]) -> List[str]:
    """Why the replies to the last turn are not right (empty: right)."""
    text = "\n".join(str(r.get("text") or "") for r in replies).lower()
    found = []
    for item in case.get("all", []):
        if not any(choice.lower() in text for choice in str(item).split("|")):
            found.append(f"missing {item!r}")
    for item in case.get("none", []):
        if str(item).lower() in text:
            found.append(f"should not say {item!r}")
    expected = case.get("card")
    if expected:
        cards = [
            r["custom"]
            for r in replies
            if isinstance(r.get("custom"), dict)
            and r["custom"].get("type") == expected["type"]
        ]
        if not cards:
            found.append(f"no {expected['type']} card")
        else:
            card = cards[0]
            for key in ("organisation_type", "side"):
                if key in expected and card.get(key) != expected[key]:
                    found.append(f"{key} {card.get(key)!r} != {expected[key]!r}")
            if "focus" in expected:
                codes = [a.get("code") for a in card.get("focus_areas") or []]
                if codes[:1] != [expected["focus"]]:
                    found.append(
                        f"focus {codes} does not start with {expected['focus']}"
                    )
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print every miss")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="conversations file (default: held-out)"
    )
    args = parser.parse_args()
    cases = yaml.safe_load(args.data.read_text(encoding="utf-8"))["conversations"]
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.start()
        try:
            for case in cases:
                sender = f"conv-{case['id']}"
                replies: List[Dict[str, Any]] = []
                for turn in case["turns"]:
                    replies = stack.send(sender, turn, case["lang"])
                found = problems(case, replies)
                total[case["lang"]] += 1
                right[case["lang"]] += not found
                if found and args.show:
                    last = " / ".join(str(r.get("text") or "")[:200] for r in replies)
                    print(f"  {case['id']}: {'; '.join(found)}\n      {last}")
        finally:
            stack.stop()
    for lang in ("sv", "nb"):
        print(
            f"{lang}: {right[lang]}/{total[lang]} conversations right "
            f"= {right[lang] / total[lang]:.1%}"
        )
    all_right, all_total = sum(right.values()), sum(total.values())
    print(f"all: {all_right}/{all_total} = {all_right / all_total:.1%}")


if __name__ == "__main__":
    main()
