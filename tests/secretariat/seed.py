"""A conversation database with known contents, written by our real tracker store.

Six conversations over three days in March 2025 (one just after local midnight,
which is the day before in UTC) (plus one from January 2024 that
lies outside the report period), stored through ``UrlSQLTrackerStore`` so the rows
look exactly like the running assistant's, masking included. They include a
button click after "did you mean …?" (not an unanswered question) and a thumb
changed from up to down (one rating). ``EXPECTED`` holds the figures the report
must show for 2025-03-03..2025-03-05.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any, Dict, List, Optional

from bot.secretariat.report import TIME_ZONE

PERIOD = (dt.date(2025, 3, 3), dt.date(2025, 3, 5))
PUBLIC_EMAIL = "Interreg.sv-no.jamtland@lansstyrelsen.se"
DONT_KNOW = "Det kan jag tyvärr inte svara på. Skriv gärna till sekretariatet."
DONT_KNOW_NB = "Det kan jeg dessverre ikke svare på. Skriv gjerne til sekretariatet."
CALLS_NB = "Neste utlysning er ikke kunngjort ennå."


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2025) -> float:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TIME_ZONE).timestamp()


def _session(ts: float, lang: str) -> List[Any]:
    from rasa.shared.core.events import ActionExecuted, SessionStarted, SlotSet

    return [
        SlotSet("session_started_metadata", {"language": lang}, timestamp=ts),
        ActionExecuted("action_session_start", timestamp=ts),
        SessionStarted(timestamp=ts),
        SlotSet("session_started_metadata", {"language": lang}, timestamp=ts),
        ActionExecuted("action_listen", timestamp=ts),
    ]


def _turn(
    ts: float,
    text: str,
    intent: str,
    lang: str,
    actions: List[str],
    bot: Optional[str] = None,
    card: Optional[Dict[str, Any]] = None,
    entities: Optional[List[Dict[str, Any]]] = None,
    slots: Optional[Dict[str, Any]] = None,
) -> List[Any]:
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered

    found = [*(entities or []), {"entity": "reply_language", "value": lang}]
    events: List[Any] = [
        UserUttered(
            text,
            intent={"name": intent, "confidence": 0.9},
            entities=found,
            timestamp=ts,
            metadata={"language": lang},
            parse_data={"language": {"reply": lang, "source": "metadata"}},  # type: ignore[arg-type]
        ),
        SlotSet("language", lang, timestamp=ts + 0.1),
    ]
    for name in actions:
        events.append(ActionExecuted(name, timestamp=ts + 0.2))
    if bot is not None or card is not None:
        events.append(
            BotUttered(
                bot or "", data={"custom": card} if card else {}, timestamp=ts + 0.3
            )
        )
    for name, value in (slots or {}).items():
        events.append(SlotSet(name, value, timestamp=ts + 0.4))
    events.append(ActionExecuted("action_listen", timestamp=ts + 0.5))
    return events


def _eligibility(
    kind: Optional[str], eligible: Optional[bool], lang: str
) -> Dict[str, Any]:
    return {"type": "eligibility", "language": lang, "eligible": eligible, "organisation_type": kind,
            "reasons": [], "requirements": []}  # fmt: skip


CONVERSATIONS: Dict[str, List[Any]] = {}


def conversations() -> Dict[str, List[Any]]:
    """The seeded events per sender (built lazily: Rasa imports are slow)."""
    if CONVERSATIONS:
        return CONVERSATIONS
    focus = {"type": "focus_areas", "language": "sv", "items": [
        {"code": "2A", "title": "Klimat och miljö", "score": 0.8, "why": ["skogsbrand"], "summary": ""},
        {"code": "4A", "title": "Lokal samhällsutveckling", "score": 0.3, "why": ["plan"], "summary": ""},
    ]}  # fmt: skip
    faq_yes = {
        "type": "faq",
        "language": "sv",
        "answered": True,
        "best": None,
        "alternatives": [],
    }
    faq_no = {
        "type": "faq",
        "language": "nb",
        "answered": False,
        "best": None,
        "alternatives": [],
    }
    contact = {"type": "contact", "language": "nb", "name": "Sekretariatet", "email": PUBLIC_EMAIL,
               "phone": None, "web": "https://interreg-sverige-norge.com/no/"}  # fmt: skip
    CONVERSATIONS.update(
        {
            "a": [
                *_session(at(3, 9), "sv"),
                *_turn(at(3, 9, 1), "Hej", "greet", "sv", ["utter_greet"], "Hej! Jag är en chattbot."),
                *_turn(at(3, 9, 2), "Får ett aktiebolag söka? Mejla mig på anna@firma.se", "ask_who_can_apply",
                       "sv", ["eligibility_form", "action_answer_eligibility"], "Ja, ett aktiebolag får söka.",
                       _eligibility("company", True, "sv")),
                *_turn(at(3, 9, 3), "Vi vill ta fram en plan mot skogsbränder", "describe_project", "sv",
                       ["project_form", "action_suggest_focus_areas"], "Det passar bäst i 2A.", focus),
                *_session(at(4, 15), "sv"),
                *_turn(at(4, 15, 1), "tack", "thanks", "sv", ["utter_welcome"], "Varsågod!"),
                *_turn(at(4, 15, 2), '/feedback{"rating":"up","rated_message":"Varsågod!"}', "feedback", "sv",
                       ["action_store_feedback"], "Tack för ditt omdöme!",
                       entities=[{"entity": "rating", "value": "up"},
                                 {"entity": "rated_message", "value": "Varsågod!"}]),
            ],
            "b": [
                *_session(at(3, 22, 30), "nb"),
                *_turn(at(3, 22, 31), "hvem kan søke?", "ask_who_can_apply", "nb",
                       ["eligibility_form", "action_answer_eligibility"], "Hva slags organisasjon er dere?",
                       _eligibility(None, None, "nb")),
                *_turn(at(3, 22, 32), "privatperson", "inform_organisation", "nb",
                       ["eligibility_form", "action_answer_eligibility"], "Nei, privatpersoner kan ikke søke.",
                       _eligibility("private_person", False, "nb")),
                *_turn(at(3, 22, 33), "kan jeg snakke med et menneske? tlf 912 34 567", "ask_human", "nb",
                       ["action_contact"], f"Skriv til {PUBLIC_EMAIL}", contact, slots={"handover": True}),
            ],
            "c": [
                *_session(at(4, 0, 30), "sv"),
                *_turn(at(4, 0, 31), "Får vi ta med en hund på slutkonferensen?", "nlu_fallback", "sv",
                       ["action_fallback"], "Menade du något av detta?", slots={"fallback_stage": 1.0}),
                *_turn(at(4, 0, 32), "Får man ta med hundar på slutkonferensen", "nlu_fallback", "sv",
                       ["action_fallback"], DONT_KNOW, slots={"fallback_stage": 0.0}),
                *_turn(at(4, 0, 33), '/feedback{"rating":"down"}', "feedback", "sv", ["action_store_feedback"],
                       "Tack för ditt omdöme!",
                       entities=[{"entity": "rating", "value": "down"},
                                 {"entity": "rated_message", "value": DONT_KNOW[:200]}]),
                *_turn(at(4, 0, 34), "Hur lång är en rapportperiod i ett projekt?", "nlu_fallback", "sv",
                       ["action_fallback"], "En rapportperiod är normalt sex månader.", faq_yes),
            ],
            "d": [
                *_session(at(5, 8), "nb"),
                *_turn(at(5, 8, 1), "Kan vi starte før vedtak?", "ask_faq", "nb", ["action_answer_faq"],
                       "Ja, på egen risiko.", {**faq_yes, "language": "nb"}),
                *_turn(at(5, 8, 2), "Hva koster parkering ved kontoret? <script>alert(1)</script>", "ask_faq",
                       "nb", ["action_answer_faq"], "Mente du noe av dette?", faq_no),
                *_turn(at(5, 8, 3), "/nlu_fallback", "nlu_fallback", "nb", ["action_fallback"], DONT_KNOW_NB,
                       slots={"fallback_stage": 0.0}),
            ],
            "e": [
                *_session(at(5, 14), "nb"),
                *_turn(at(5, 14, 1), "Når stenger neste utlysning?", "ask_calls", "nb", ["action_calls"],
                       CALLS_NB),
                *_turn(at(5, 14, 2), '/feedback{"rating":"up"}', "feedback", "nb", ["action_store_feedback"],
                       "Takk for tilbakemeldingen!",
                       entities=[{"entity": "rating", "value": "up"},
                                 {"entity": "rated_message", "value": CALLS_NB}]),
                *_turn(at(5, 14, 3), '/feedback{"rating":"down"}', "feedback", "nb", ["action_store_feedback"],
                       "Takk for tilbakemeldingen!",
                       entities=[{"entity": "rating", "value": "down"},
                                 {"entity": "rated_message", "value": CALLS_NB}]),
            ],
            "old": [
                *_session(at(1, 12, month=1, year=2024), "sv"),
                *_turn(at(1, 12, 1, month=1, year=2024), "Gammal fråga om 070-123 45 67", "nlu_fallback", "sv",
                       ["action_fallback"], DONT_KNOW),
            ],
        }
    )  # fmt: skip
    return CONVERSATIONS


EXPECTED: Dict[str, Any] = {
    "conversations": 6,
    "messages": 14,
    "fallback": 4,
    "handovers": 1,
    "thumbs_up": 1,
    "thumbs_down": 2,
    "per_day": {"2025-03-03": (2, 6), "2025-03-04": (2, 4), "2025-03-05": (2, 4)},
    "languages": {"sv": 3, "nb": 3},
    "focus_first": {"2A": 1, "4A": 0},
    "eligibility": {
        "company": (1, 0, 0),
        "private_person": (0, 1, 0),
        "unknown": (0, 0, 1),
    },
}


def seed(db_file: Path, senders: Optional[List[str]] = None) -> str:
    """Write the seeded conversations to a SQLite file; returns its URL."""
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

    from bot.plugins.tracker_store import UrlSQLTrackerStore

    url = f"sqlite:///{db_file}"
    domain = Domain.load(str(Path(__file__).resolve().parents[2] / "domain.yml"))
    store = UrlSQLTrackerStore(domain=domain, url=url)
    for sender, events in conversations().items():
        if senders is None or sender in senders:
            tracker = DialogueStateTracker.from_events(sender, events, domain.slots)
            asyncio.run(store.save(tracker))
    store.engine.dispose()
    return url
