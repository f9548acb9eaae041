"""Two weeks of invented demo conversations, for the report screenshot in the docs.

    python -m tests.secretariat.demo var/demo.db
    python -m bot.secretariat.report --db sqlite:///var/demo.db --out var/demo-report
    python -m tests.secretariat.demo --shot var/demo-report/report.html docs/report.png

The last step takes a full-page screenshot with Debian's Chromium (playwright).

Questions and verdicts are typical of applicants; the bot texts are placeholders,
not programme facts. Deterministic (fixed random seed).
"""

from __future__ import annotations

import asyncio
import random
import sys
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

from tests.secretariat.seed import _eligibility, _session, _turn, at

ASKED: List[Tuple[str, str, str, List[str]]] = [
    (
        "sv",
        "Vem kan söka pengar från programmet?",
        "ask_who_can_apply",
        ["action_answer_eligibility"],
    ),
    ("nb", "Hvem kan søke?", "ask_who_can_apply", ["action_answer_eligibility"]),
    ("sv", "När är nästa utlysning?", "ask_calls", ["action_calls"]),
    ("nb", "Når er neste søknadsfrist?", "ask_calls", ["action_calls"]),
    ("sv", "Måste vi ha en partner i Norge?", "ask_partner", ["action_answer_topic"]),
    ("nb", "Må vi ha en svensk partner?", "ask_partner", ["action_answer_topic"]),
    ("sv", "Hur stor är medfinansieringen?", "ask_budget", ["action_answer_topic"]),
    (
        "sv",
        "Vilka insatsområden finns?",
        "ask_focus_areas",
        ["action_list_focus_areas"],
    ),
    (
        "nb",
        "Er Kongsvinger med i programområdet?",
        "ask_programme_area",
        ["action_programme_area"],
    ),
    ("sv", "Vad är en förstudie?", "ask_project_types", ["action_project_types"]),
]
UNANSWERED: List[Tuple[str, str]] = [
    ("sv", "Kan vi få stöd för att köpa en minibuss?"),
    ("sv", "kan vi få pengar till att köpa en minibuss"),
    ("nb", "Kan vi få støtte til å kjøpe en minibuss?"),
    ("sv", "Hur fyller man i tidrapporten?"),
    ("sv", "hur fyller jag i tidrapporter"),
    ("nb", "Hvordan fyller vi ut timelistene?"),
    ("nb", "Dekker dere reiser til Brussel?"),
    ("sv", "Får vi betala lön till volontärer?"),
]
PROJECTS: List[Tuple[str, str, List[Tuple[str, str]]]] = [
    ("sv", "Vi vill ta fram en gemensam plan mot skogsbränder",
     [("2A", "Klimat och miljö"), ("4A", "Lokal samhällsutveckling")]),
    ("nb", "Vi vil utvikle et felles reiselivsnettverk over grensen",
     [("3C", "Nettverk for kultur- og reiselivsnæringen"), ("1B", "Bærekraftig vekst og økt konkurransekraft i små og mellomstore bedrifter")]),
    ("sv", "Vi vill starta en gemensam masterutbildning",
     [("3B", "Utbildning och livslångt lärande"), ("1A", "Innovation, forskning och utveckling")]),
    ("nb", "Vi vil kartlegge hvilke bransjer som mangler arbeidskraft",
     [("3A", "Felles arbeidsmarked"), ("3B", "Utdanning og livslang læring")]),
]  # fmt: skip
ORGANISATIONS = [("municipality", True), ("company", True), ("non_profit_association", True),
                 ("university", True), ("sole_proprietorship", False), ("private_person", False), (None, None)]  # fmt: skip


def conversations(days: int = 14) -> Dict[str, List[Any]]:
    rng = random.Random(7)
    result: Dict[str, List[Any]] = {}
    for day in range(days):
        date = 3 + day
        for n in range(rng.randint(3, 9)):
            lang = rng.choice(["sv", "sv", "nb"])
            hour = rng.randint(8, 20)
            events: List[Any] = _session(at(date, hour), lang)
            for minute in range(1, rng.randint(2, 5)):
                events += _one(rng, lang, at(date, hour, minute))
            result[f"demo-{date:02d}-{n}"] = events
    return result


def _one(rng: random.Random, lang: str, ts: float) -> List[Any]:
    roll = rng.random()
    if roll < 0.35:
        _, text, intent, actions = rng.choice([a for a in ASKED if a[0] == lang])
        if intent == "ask_who_can_apply":
            kind, eligible = rng.choice(ORGANISATIONS)
            return _turn(
                ts, text, intent, lang, actions, "…", _eligibility(kind, eligible, lang)
            )
        return _turn(ts, text, intent, lang, actions, "…")
    if roll < 0.55:
        _, text, areas = rng.choice([p for p in PROJECTS if p[0] == lang] or PROJECTS)
        card = {"type": "focus_areas", "language": lang, "items": [
            {"code": c, "title": t, "score": 0.5, "why": [], "summary": ""} for c, t in areas]}  # fmt: skip
        return _turn(
            ts,
            text,
            "describe_project",
            lang,
            ["action_suggest_focus_areas"],
            "…",
            card,
        )
    if roll < 0.75:
        _, text = rng.choice([u for u in UNANSWERED if u[0] == lang])
        dont_know = (
            "Det vet jag tyvärr inte."
            if lang == "sv"
            else "Det vet jeg dessverre ikke."
        )
        turn = _turn(ts, text, "nlu_fallback", lang, ["action_fallback"], dont_know)
        if rng.random() < 0.4:
            turn += _turn(ts + 20, '/feedback{"rating":"down"}', "feedback", lang, ["action_store_feedback"], "…",
                          entities=[{"entity": "rating", "value": "down"},
                                    {"entity": "rated_message", "value": dont_know}])  # fmt: skip
        return turn
    if roll < 0.85:
        text = (
            "Jag vill prata med en människa"
            if lang == "sv"
            else "Kan jeg snakke med et menneske?"
        )
        return _turn(
            ts,
            text,
            "ask_human",
            lang,
            ["action_contact"],
            "…",
            slots={"handover": True},
        )
    greeting: Optional[str] = rng.choice(
        ["Hej!", "Tack!"] if lang == "sv" else ["Hei!", "Takk!"]
    )
    intent = "greet" if greeting in ("Hej!", "Hei!") else "thanks"
    return _turn(ts, greeting or "", intent, lang, ["utter_greet"], "…")


def screenshot(page: Path, png: Path) -> None:
    """The whole report page, 1200 px wide, as in docs/report.png."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--no-sandbox"]
        )
        tab = browser.new_page(viewport={"width": 1200, "height": 900})
        tab.goto(page.resolve().as_uri())
        tab.screenshot(path=str(png), full_page=True)
        browser.close()


def main(argv: List[str]) -> int:
    if argv[:1] == ["--shot"]:
        screenshot(Path(argv[1]), Path(argv[2]))
        return 0
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    store = UrlSQLTrackerStore(
        domain=domain, url=f"sqlite:///{Path(argv[0]).resolve()}"
    )
    for sender, events in conversations().items():
        asyncio.run(
            store.save(DialogueStateTracker.from_events(sender, events, domain.slots))
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
