"""Reply-language detection on the NLU training data (the tuning set, not the eval set).

python bench/language_dev.py [--show-misses]
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasa.shared.nlu.training_data.loading import load_data  # noqa: E402

from programme_kb.language import detect  # noqa: E402


def main() -> None:
    show = "--show-misses" in sys.argv
    for lang in ("sv", "nb"):
        messages = [
            m.get("text")
            for m in load_data(str(ROOT / "data" / "nlu" / lang)).intent_examples
        ]
        messages = [t for t in messages if len(t.split()) >= 3]
        right = wrong = unclear = 0
        for text in messages:
            got = detect(text).language
            if got == lang:
                right += 1
            elif got is None:
                unclear += 1
            else:
                wrong += 1
                if show:
                    print(lang, "WRONG", text)
        print(
            f"{lang}: n={len(messages)} right={right / len(messages):.1%} unclear={unclear} wrong={wrong}"
        )


if __name__ == "__main__":
    main()
