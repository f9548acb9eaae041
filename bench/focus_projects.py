"""Funded projects as focus-area evidence: leave-one-out over projects.yml.

    python bench/focus_projects.py [--json]

Each funded project's description is ranked with that project removed from the
evidence (its own words cannot vote for it); top-1 and top-3 against the focus area
in projects.yml, overall and for the projects whose source states the area. Also the
held-out focus figures (focus_eval.yml) with the same matcher, so a change that helps
one and hurts the other shows.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from programme_kb.service import build  # noqa: E402


def held_out(path: Path) -> Dict[str, Dict[str, float]]:
    """Top-1/top-3 on the held-out descriptions, as bench/kb_quality.py counts them."""
    snapshot = build()
    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    out: Dict[str, Dict[str, float]] = {}
    for lang in ("sv", "nb"):
        mine = [i for i in items if i["lang"] == lang]
        ranked = [
            [m.code for m in snapshot.focus.rank(i["text"], lang, 3).items]
            for i in mine
        ]
        out[lang] = {
            "n": len(mine),
            "top1": sum(
                r[:1] == [i["expected"]] for r, i in zip(ranked, mine, strict=True)
            )
            / len(mine),
            "top3": sum(i["expected"] in r for r, i in zip(ranked, mine, strict=True))
            / len(mine),
        }
    return out


def leave_one_out() -> Dict[str, Any]:
    snapshot = build()
    rows: List[Dict[str, Any]] = []
    for project in snapshot.kb.projects:
        result = snapshot.focus.rank(
            project.description, project.language, 3, exclude=frozenset({project.id})
        )
        codes = [m.code for m in result.items]
        rows.append(
            {
                "id": project.id,
                "expected": project.focus_area,
                "basis": project.focus_area_basis,
                "ranked": codes,
            }
        )

    def score(selected: List[Dict[str, Any]]) -> Dict[str, float]:
        n = len(selected)
        return {
            "n": n,
            "top1": sum(r["ranked"][:1] == [r["expected"]] for r in selected) / n
            if n
            else 0.0,
            "top3": sum(r["expected"] in r["ranked"] for r in selected) / n
            if n
            else 0.0,
            "unranked": sum(not r["ranked"] for r in selected),
        }

    return {
        "all": score(rows),
        "stated": score([r for r in rows if r["basis"] == "stated"]),
        "misses": [r for r in rows if r["ranked"][:1] != [r["expected"]]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = {
        "leave_one_out": leave_one_out(),
        "held_out": held_out(ROOT / "bench" / "data" / "focus_eval.yml"),
    }
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return
    loo, held = result["leave_one_out"], result["held_out"]
    print("| measure | value |\n|---|---|")
    for name in ("all", "stated"):
        r = loo[name]
        print(
            f"| leave-one-out, {name} projects (n={r['n']}) | top-1 {r['top1']:.1%}, "
            f"top-3 {r['top3']:.1%}, without a ranking {r['unranked']} |"
        )
    for lang in ("sv", "nb"):
        h = held[lang]
        print(
            f"| held-out focus_eval.yml {lang} (n={h['n']}) | top-1 {h['top1']:.1%}, "
            f"top-3 {h['top3']:.1%} |"
        )
    for miss in loo["misses"]:
        print(
            f"miss: {miss['id']} ({miss['basis']}) {miss['expected']} -> {miss['ranked']}"
        )


if __name__ == "__main__":
    main()
