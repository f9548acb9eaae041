"""Command line for the secretariat and for scripts.

    python -m programme_kb match "we want a joint forest-fire plan" --json
    python -m programme_kb eligibility "Fjellmat AS" --lang nb
    python -m programme_kb place Kongsvinger
    python -m programme_kb faq "kan vi börja innan beslut?"
    python -m programme_kb check

Give ``-`` instead of a text to read one query per line from standard input and
print one result per line (one JSON object per line with ``--json``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional

from programme_kb.kb import KnowledgeBase
from programme_kb.loader import KnowledgeBaseError, data_dir
from programme_kb.service import Service, Snapshot

Runner = Callable[[Snapshot, str, Optional[str]], Dict[str, object]]


def _lang(snapshot: Snapshot, text: str, lang: Optional[str]) -> str:
    from programme_kb.language import detect

    return lang or detect(text).language or "sv"


def _match(s: Snapshot, text: str, lang: Optional[str]) -> Dict[str, object]:
    return s.focus.rank(text, _lang(s, text, lang)).payload()


def _eligibility(s: Snapshot, text: str, lang: Optional[str]) -> Dict[str, object]:
    return s.eligibility.check(text, None, _lang(s, text, lang)).payload()


def _place(s: Snapshot, text: str, lang: Optional[str]) -> Dict[str, object]:
    return s.places.find(text, _lang(s, text, lang)).payload()


def _faq(s: Snapshot, text: str, lang: Optional[str]) -> Dict[str, object]:
    return s.faq.answer(text, _lang(s, text, lang)).payload()


COMMANDS: Dict[str, Runner] = {
    "match": _match,
    "eligibility": _eligibility,
    "place": _place,
    "faq": _faq,
}


def _as_text(payload: Dict[str, object]) -> str:
    """A compact human-readable line for the terminal."""
    kind = payload["type"]
    if kind == "focus_areas":
        items = payload["items"]
        assert isinstance(items, list)
        if not items:
            return "(no focus area matched)"
        return "  ".join(
            f"{i['code']} {i['title']} ({i['score']:.2f}: {', '.join(i['why'])})"
            for i in items
        )
    if kind == "eligibility":
        eligible = payload["eligible"]
        verdict = (
            "UNKNOWN"
            if eligible is None
            else ("ELIGIBLE" if eligible else "NOT ELIGIBLE")
        )
        reasons = payload["reasons"]
        assert isinstance(reasons, list)
        return f"{verdict} [{payload['organisation_type']}] {' '.join(reasons)}"
    if kind == "place":
        matches = payload["matches"]
        assert isinstance(matches, list)
        if not matches:
            return f"(no place found: {payload['reason']})"
        return "  ".join(
            f"{m['name']} → {m['region_name']} ({m['country']}): in_programme={m['in_programme']}"
            for m in matches
        )
    best = payload.get("best")
    if not isinstance(best, dict):
        return "(no FAQ entry)"
    mark = "" if payload["answered"] else " [below threshold]"
    return f"{best['score']:.2f}{mark} {best['question']} → {best['answer']}"


FIX_HINT = "Rätta raden och kör make kb-check igen. / Rett linjen og kjør make kb-check på nytt."


def _check_summary(kb: KnowledgeBase) -> str:
    """What was read, for the secretariat: a Swedish and a Norwegian line."""
    regions = kb.places.regions
    counts = (
        len(kb.facts),
        len(kb.areas),
        len(kb.project_types),
        len(kb.eligibility.organisation_types),
        len(regions),
        sum(len(r.municipalities) for r in regions),
        len(kb.faq),
    )
    sv = ("uppgifter", "insatsområden", "projekttyper", "organisationstyper",
          "regioner", "kommuner", "vanliga frågor")  # fmt: skip
    nb = ("opplysninger", "innsatsområder", "prosjekttyper", "organisasjonstyper",
          "regioner", "kommuner", "vanlige spørsmål")  # fmt: skip
    return "\n".join(
        f"OK: {intro} "
        + ", ".join(f"{n} {word}" for n, word in zip(counts, words, strict=True))
        for intro, words in (
            ("kunskapsbasen går att läsa –", sv),
            ("kunnskapsbasen kan leses –", nb),
        )
    )


def _queries(text: str) -> Iterable[str]:
    if text == "-":
        for line in sys.stdin:
            yield line.rstrip("\n")
    else:
        yield text


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m programme_kb", description=__doc__.split("\n")[0]
    )
    parser.add_argument("command", choices=[*COMMANDS, "check"])
    parser.add_argument(
        "text",
        nargs="?",
        default="",
        help='the query, or "-" for one per line on stdin',
    )
    parser.add_argument(
        "--lang", choices=["sv", "nb"], help="answer language (default: detected)"
    )
    parser.add_argument(
        "--json", action="store_true", help="print the reply-contract payload"
    )
    parser.add_argument(
        "--data", type=Path, help="data directory (default: programme_kb/data)"
    )
    args = parser.parse_args(argv)
    try:
        # An explicit directory: report this data, never the serving fallback copy.
        service = Service(args.data or data_dir())
    except KnowledgeBaseError as err:
        print(err, file=sys.stderr)
        print(FIX_HINT, file=sys.stderr)
        return 1
    if args.command == "check":
        print(_check_summary(service.snapshot.kb))
        return 0
    run = COMMANDS[args.command]
    for query in _queries(args.text):
        payload = run(service.snapshot, query, args.lang)
        print(
            json.dumps(payload, ensure_ascii=False, default=str)
            if args.json
            else _as_text(payload)
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
