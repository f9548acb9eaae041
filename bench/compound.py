"""Several questions in one message: is every part answered, and none wrongly?

Runs ``programme_kb.compose.compose`` (what ``action_compose`` and the question
actions send as one reply) over the held-out set bench/data/compound_eval.yml and
scores every expected part (organisation verdict, place, focus area, explicit
question). Run: ``.venv/bin/python -m bench.compound [--show] [--data FILE]``
(``--data bench/data/compound_dev.yml``: the development set, which may be tuned on).

A focus part is right when its first area is expected. Since the twelfth session a
part that says its few words point to several areas ("evidence: several") and names
the expected one among them is honest, not wrong: it calls none of them best.
"""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Tuple, cast

import yaml

import programme_kb
from programme_kb.compose import Composition, Part, compose

DATA = Path(__file__).resolve().parent / "data" / "compound_eval.yml"
ANSWERED_FLOOR = 0.90


def _place_ok(part: Part, expected: str, snap: programme_kb.service.Snapshot) -> bool:
    region = str(part.data.get("region"))
    successors = snap.kb.regions[region].successors if region in snap.kb.regions else []
    return region == expected or expected in successors


def score(
    message: Dict[str, Any], result: Composition, snap: programme_kb.service.Snapshot
) -> List[Tuple[str, str]]:
    """(part, outcome) for every expected part: right, wrong, honest or missing."""
    expect = message["expect"]
    parts = result.parts
    outcomes: List[Tuple[str, str]] = []
    if "organisation" in expect:
        found = [p for p in parts if p.kind == "eligibility"]
        if not found:
            outcomes.append(("organisation", "missing"))
        else:
            data = found[0].data
            same = data.get("organisation_type") == expect["organisation"]
            verdict = (
                "eligible" not in expect or data.get("eligible") == expect["eligible"]
            )
            outcomes.append(("organisation", "right" if same and verdict else "wrong"))
    if "place" in expect:
        found = [p for p in parts if p.kind == "place"]
        if not found:
            outcomes.append(("place", "missing"))
        else:
            ok = any(_place_ok(p, expect["place"], snap) for p in found)
            outcomes.append(("place", "right" if ok else "wrong"))
    if "focus" in expect:
        found = [p for p in parts if p.kind == "focus"]
        items = found[0].data.get("items") if found else None
        if not items:
            outcomes.append(("focus", "missing"))
        else:
            listed = cast(List[Dict[str, Any]], items)
            first = listed[0]["code"]
            named = {item["code"] for item in listed}
            if first in expect["focus"]:
                outcomes.append(("focus", "right"))
            elif found[0].data.get("evidence") == "several" and named & set(
                expect["focus"]
            ):  # "the words point to different areas: A, B": none is called best
                outcomes.append(("focus", "honest"))
            else:
                outcomes.append(("focus", "wrong"))
    if "answer" in expect:
        entries = [p.data.get("entry") for p in parts if p.data.get("entry")]
        if "partner_pairing" in expect["answer"] and any(
            p.kind == "partner" and p.data.get("pairing") for p in parts
        ):  # the partner rule with the regions to pair with ("Söker ni från
            # Västernorrland … Trøndelag") gives the pairing entry's answer, as
            # bench/answers.py counts it (PAIRING) since the twelfth session
            entries.append("partner_pairing")
        honest = [p for p in parts if p.kind in ("not_known", "project_type")]
        if any(e in expect["answer"] for e in entries):
            outcomes.append(("answer", "right"))
        elif entries:
            outcomes.append(("answer", "wrong"))
        else:
            outcomes.append(("answer", "honest" if honest else "missing"))
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--show", action="store_true", help="print every miss")
    parser.add_argument(
        "--data", type=Path, default=DATA, help="messages file (default: held-out set)"
    )
    args = parser.parse_args()
    snap = programme_kb.shared_service().snapshot
    messages = yaml.safe_load(args.data.read_text(encoding="utf-8"))["messages"]
    for lang in ("sv", "nb", "all"):
        chosen = [m for m in messages if lang in ("all", m["lang"])]
        totals: Counter[str] = Counter()
        whole = 0
        for message in chosen:
            result = compose(snap, message["text"], message["lang"])
            outcomes = score(message, result, snap)
            totals.update(o for _, o in outcomes)
            whole += all(o == "right" for _, o in outcomes)
            if args.show and lang != "all":
                for part, outcome in outcomes:
                    if outcome != "right":
                        print(f"  {message['id']} {part}: {outcome}")
                        for p in result.parts:
                            print(f"      [{p.kind}] {p.text[:160]}")
        parts = sum(totals.values())
        answered = totals["right"] / parts if parts else 0.0
        print(
            f"{lang}: {len(chosen)} messages, {parts} parts: "
            f"answered {totals['right']}/{parts} = {answered:.1%}, "
            f"wrong {totals['wrong']}, honest not-known {totals['honest']}, "
            f"missing {totals['missing']}; every part right in "
            f"{whole}/{len(chosen)} messages"
        )


if __name__ == "__main__":
    main()
