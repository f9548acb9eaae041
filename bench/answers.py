"""Truthfulness of whole answers on held-out questions (bench/data/answers_eval.yml).

    python bench/answers.py [--show] [--data FILE]

Each question is the first message of a new conversation with the real assistant
(action server + Rasa, started by ``tests.support.local_stack``), sent with the page language of
its own language. The reply is classified by the card it carries (every answer built
from the knowledge base names what it is: ``faq``, ``answer``, ``eligibility``,
``place``, ``focus_areas``, ``contact``, ``not_known``):

- right: the answer is one of the item's ``expect`` ids (``[not_known]``: the reply
  says honestly that we do not know);
- confident wrong: a knowledge-base answer that is not among them;
- honest: "I don't know", "did you mean …?" or a question back — not right, not wrong.

The set was written by hand without looking at the FAQ's question variants or the NLU
data, and is never tuned on.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from actions.cards import COVERED_BY_CARD  # noqa: E402
from tests.support.local_stack import Stack  # noqa: E402

HONEST = {"not_known", "clarify", "none"}
ALIASES = {
    # ids the labeller used for entries that exist under another name (label upkeep,
    # decided from the label's meaning, not from the assistant's answers)
    "faq:forprosjekt_length": "faq:forstudie_duration",
    "faq:delrapport": "faq:joint_status_report",
    "faq:application_language": "faq:svorsk",
    "faq:contact_adviser": "contact",
    "project_type:forstudie": "project_type:forprosjekt",
    "project_type:huvudprojekt": "project_type:hovedprosjekt",
    "project_type:smaskaligt": "project_type:smaskalaprosjekt",
    # organisation types the labeller named before eligibility.yml had them
    "eligibility:housing_cooperative": "eligibility:housing_association",
    "eligibility:health_trust": "eligibility:hospital",
    "eligibility:church": "eligibility:religious_community",
    "eligibility:state_agency": "eligibility:national_authority",
}


def card_id(card: Dict[str, Any]) -> Optional[str]:
    """What one card answered (None: a card that answers nothing, e.g. language)."""
    kind = card.get("type")
    if kind == "faq":
        best = card.get("best") or {}
        return f"faq:{best.get('entry_id')}" if card.get("answered") else "clarify"
    if kind == "answer":
        return str(card.get("answer"))
    if kind == "eligibility":
        if card.get("eligible") is None:
            return "clarify"
        return f"eligibility:{card.get('organisation_type')}"
    if kind == "place":
        return "place"
    if kind == "focus_areas":
        return "focus_match" if card.get("items") else "clarify"
    if kind in ("contact", "not_known"):
        return str(kind)
    return None


def part_id(part: Dict[str, Any]) -> str:
    """What one part of a ``compound`` card (several answers in one reply) answered;
    the eligibility and focus parts carry those cards themselves."""
    kind, data = part.get("kind"), part.get("data") or {}
    if kind in ("eligibility", "focus"):
        return card_id(data) or "clarify"
    if kind == "place":
        return "place"
    if kind == "answer":
        return f"faq:{data.get('entry')}"
    if kind == "partner" and data.get("pairing"):
        return "partner_pairing"  # the rule for their side and the regions to pair with
    return str(kind)  # not_known; project_type, partner, next_step: context


CONTEXT_PARTS = {"partner", "partner_pairing", "next_step", "note"}
QUESTION_PARTS = {"not_known", "project_type"}
"""Parts that answer (or honestly do not answer) a question of the message, beside
``faq:`` answers; eligibility, place and focus parts restate what the user told."""
CARD_ANSWERS = {
    "who_can_apply": {"faq:who_can_apply"},
    "project_types": {f"faq:{entry}" for entry in COVERED_BY_CARD["ask_project_types"]},
    "programme_area": {
        f"faq:{entry}" for entry in COVERED_BY_CARD["ask_programme_area"]
    },
    "calls": {
        "faq:application_windows",
        "faq:decision_time",
        "faq:preparation_time",
        "faq:rolling_forstudie_smaskala",
    },
}
"""Cards that state FAQ entries' answers from the same facts: the "who may apply"
card before the eligibility form's question; the project types card, which the
assistant shows for the overview entry (``COVERED_BY_CARD``); the calls card, which
says the windows, that förstudier and small-scale projects are rolling, when
decisions come and how long preparing takes (``listing.calls``); the programme area
card, which lists the regions on both sides and the sub-areas (counted so since the
nineteenth session)."""
PARTNER_RULE = {
    "faq:partner_other_country",
    "topic:ask_partner",
    "faq:two_applications",
}
"""The partner part (messages.yml ``compose_partner_se``/``_no``, facts
``two_applicants`` and ``parallel_applications``) states the partner rule for the
asker's side and that both sides apply in parallel, each in its own system: the
answers of these entries. two_applications counted so since the fourteenth session."""
PAIRING = "faq:partner_pairing"
"""A partner part that names the regions to pair with ("Söker ni från Innlandet …
Värmland, Dalarna …") gives the pairing entry's answer for the asker's side; counted
so since the twelfth session (before, it counted as context only)."""


def answer_id(
    replies: List[Dict[str, Any]],
    expect: Sequence[str] = (),
    question_first: bool = True,
) -> str:
    """What the reply answered, from the cards it carries (first card wins). A
    ``compound`` card answers with its parts: the expected one if it is among them,
    else the answer to the message's question (an FAQ answer, "I cannot say for
    sure", a project type), else its first part that is not context (partner advice,
    next step). "vi är en kommun, måste vi följa LOU?" answered "as a municipality you
    may apply" and "I cannot say for sure about LOU" did not answer LOU wrongly: it
    said so. ``question_first=False``: the ninth session's rule (first part that is
    not context), printed beside for comparison."""
    for reply in replies:
        card = reply.get("custom")
        if not isinstance(card, dict):
            continue
        kind = card.get("type")
        if kind == "compound":
            ids = [part_id(p) for p in card.get("parts") or [] if isinstance(p, dict)]
            if "partner_pairing" in ids and PAIRING in expect:
                return "context:partner_pairing"
            if {"partner", "partner_pairing"} & set(ids) and PARTNER_RULE & set(expect):
                return "context:partner"  # the partner rule, said for their side
            asked = [i for i in ids if i in QUESTION_PARTS or i.startswith("faq:")]
            found = (
                [i for i in ids if i in expect]
                or (asked if question_first else [])
                or [i for i in ids if i not in CONTEXT_PARTS]
            )
            return found[0] if found else "none"
        found_id = card_id(card)
        if found_id is not None:
            return found_id
    if any(reply.get("buttons") for reply in replies):
        return "clarify"
    return "none"


def is_right(got: str, expect: List[str]) -> bool:
    """``place:<name>`` and ``eligibility:<type>`` labels accept any place or type
    answer only when the label is generic; otherwise ids must match exactly. A topic
    card is right for an FAQ entry it gives in full (``COVERED_BY_CARD``, the same
    table the assistant uses to prefer the card)."""
    if got in expect:
        return True
    if CARD_ANSWERS.get(got, set()) & set(expect):
        return True
    if got.startswith("topic:") and any(
        f"faq:{entry}" in expect for entry in COVERED_BY_CARD.get(got[6:], ())
    ):
        return True
    if got == "place" and any(e.startswith("place") for e in expect):
        return True
    # The partner rule said for the asker's side ("Som sökande på svensk sida behöver
    # ni en projektägare på norsk sida …") is the partner rule.
    if got in ("context:partner", "context:partner_pairing") and PARTNER_RULE & set(
        expect
    ):
        return True
    if got == "context:partner_pairing" and PAIRING in expect:
        return True
    return got == "not_known" and "not_known" in expect


def judge(got: str, expect: List[str]) -> str:
    if is_right(got, expect):
        return "right"
    return "honest" if got in HONEST else "wrong"


def answer_kind(got: str) -> str:
    """The kind of a wrong answer, for the figures: which part of the assistant gave
    it (an FAQ entry, an eligibility verdict, a card …), never the question."""
    kind = got.split(":", 1)[0]
    return {"focus_match": "focus", "calls": "topic", "who_can_apply": "topic"}.get(
        kind, kind
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(ROOT / "bench/data/answers_eval.yml"))
    parser.add_argument("--show", action="store_true", help="print every miss")
    args = parser.parse_args()
    items = yaml.safe_load(Path(args.data).read_text(encoding="utf-8"))["items"]
    counts: Dict[str, Dict[str, int]] = {}
    misses = []
    first_part_wrong = 0
    wrong_kinds: Counter[str] = Counter()
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.start()
        try:
            for number, item in enumerate(items):
                replies = stack.send(f"bench-{number}", item["text"], item["lang"])
                expect = [ALIASES.get(e, e) for e in item["expect"]]
                got = answer_id(replies, expect)
                verdict = judge(got, expect)
                if judge(answer_id(replies, expect, False), expect) == "wrong":
                    first_part_wrong += 1
                for key in (
                    item["lang"],
                    "all",
                    *(["neg"] if item.get("polarity") == "neg" else []),
                ):
                    row = counts.setdefault(key, {"right": 0, "honest": 0, "wrong": 0})
                    row[verdict] += 1
                if verdict == "wrong":
                    wrong_kinds[answer_kind(got)] += 1
                if verdict != "right":
                    misses.append((verdict, item["lang"], item["text"], expect, got))
        finally:
            stack.stop()
    if args.show:
        for miss in misses:
            print(*miss, sep=" | ")
    print('| set | n | right | honest "don\'t know" | confident wrong |')
    print("|---|---|---|---|---|")
    for key in ("all", "sv", "nb", "neg"):
        found = counts.get(key)
        if not found:
            continue
        n = sum(found.values())
        print(
            f"| {key} | {n} | {found['right'] / n:.1%} | {found['honest'] / n:.1%} "
            f"| {found['wrong'] / n:.1%} ({found['wrong']}) |"
        )
    print(
        "confident wrong by what was answered: "
        + ", ".join(f"{kind} {n}" for kind, n in wrong_kinds.most_common())
    )
    print(
        f"confident wrong by the ninth session's rule (a compound reply's first part "
        f"that is not context): {first_part_wrong}"
    )


if __name__ == "__main__":
    main()
