"""Programme facts: partners, budget, management, cross-border value, types, area, calls."""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet

from actions.base import KbAction, Reply
from actions.cards import COVERED_BY_CARD
from actions.common import bullet_list, say_contact_card, say_sourced
from actions.compose import answered_in_context, read_text
from actions.fallback import said_office_not_known, say_faq, say_not_known
from actions.focus import suggest
from actions.place import say_place
from actions.precise import answered_precisely
from programme_kb import listing
from programme_kb.compose.message import asks_about_start, names_a_theme, questions
from programme_kb.faq import (
    SUGGEST_THRESHOLD,
    FaqResult,
    asks_for_detail,
    asks_if_required,
    entry_answer,
    without_condition,
)
from programme_kb.kb import KnowledgeBase
from programme_kb.listing import Sourced
from programme_kb.models import FaqEntry
from programme_kb.text import asks_about_several_projects, years_meant

TOPIC_FACTS: Dict[str, Tuple[str, ...]] = {
    "ask_partner": (
        "two_applicants",
        "joint_implementation",
        "find_partner_yourself",
        "partner_pairing",
        "partner_eu",
    ),
    "ask_budget": (
        "own_budget",
        "cofinancing_se",
        "cofinancing_no",
        "no_operating_support",
        "programme_budget",
    ),
    "ask_managing": (
        "managing_authority",
        "coordination_2021",
        "official_name",
        "website",
    ),
    "ask_cross_border": (
        "why_cross_border",
        "why_interreg",
        "added_value",
        "added_value_criteria",
    ),
}
"""Which KB facts answer which intent; the wording of each fact lives in facts.yml."""


class ActionAnswerTopic(KbAction):
    def name(self) -> str:
        return "action_answer_topic"

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return in_context
        kb, lang, intent = reply.kb, reply.lang, reply.intent
        if intent == "ask_cross_border":
            text = read_text(reply.tracker)
            ranked = reply.snap.focus.rank(text, lang, 3)
            if (
                names_a_theme(text, (t for m in ranked.items for t in m.why))
                and not reply.snap.faq.answer(text, lang).answered
            ):
                # "reiseliv over grensa": a theme to place in a focus area, not the
                # question why projects must cross the border ("gjelder reglene om
                # statsstøtte for oss" is a question the FAQ answers, though)
                return suggest(reply, text)
        if answered_precisely(reply, COVERED_BY_CARD.get(intent, frozenset())):
            return []
        fact_ids = [f for f in TOPIC_FACTS.get(intent, ()) if f in kb.facts]
        say_sourced(
            reply,
            [listing.fact(kb, f, lang) for f in fact_ids],
            answer=f"topic:{intent}",
        )
        return []


class ActionProjectTypes(KbAction):
    """All three project types and when each fits, or one type in detail."""

    def name(self) -> str:
        return "action_project_types"

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return [*in_context, SlotSet("project_type", None)]
        kb, lang, tracker = reply.kb, reply.lang, reply.tracker
        text = read_text(tracker)
        wanted = _project_type_id(kb, tracker)
        if _an_idea_not_a_type(reply, wanted):
            # "kan man få stöd för ett kulturprojekt?": "kulturprojekt" is no project
            # type of the programme but an idea; the focus areas answer it
            return [*suggest(reply, text), SlotSet("project_type", None)]
        if len(kb.project_types_named(text)) > 1:
            wanted = None  # "forskjell på forprosjekt, hovedprosjekt og småskala?"
        if wanted is not None and _type_is_only_the_setting(kb, text):
            # "slipper vi affisch om vi bara gör en förstudie?": the type is the
            # condition of another question, whose answer (or honest "I cannot say")
            # is the reply, not the type's card
            faq = reply.snap.faq.answer(text, lang)
            if faq.answered:
                say_faq(reply, faq)
            else:
                say_not_known(reply, faq)
            return [SlotSet("project_type", None)]
        if wanted is not None and said_not_published(reply, text):
            return [SlotSet("project_type", None)]
        if wanted is not None and listing.asks_when_to_apply(kb, text):
            # "kan vi skicka in ansökan om huvudprojekt i maj": the calls card says
            # the windows and which types are rolling; the type's card does not
            say_calls_for_a_time(reply)
            return [SlotSet("project_type", None)]
        if wanted is not None:  # "berätta om förstudier": that type's card, unless
            faq = reply.snap.faq.answer(text, lang)
            asked = bool(questions(text)) or asks_for_detail(text)
            if asked and _answers_better_than_the_place(
                faq, COVERED_BY_CARD["ask_project_types"]
            ):  # a question the FAQ has; "berätta om förstudier" asks for the card
                say_faq(reply, faq)
                return [SlotSet("project_type", None)]
            if asks_if_required(text) and not faq.answered:
                # "slipper vi göra förstudie om …?": whether it is a must, which the
                # type's card does not say: a near entry to choose, or "I don't know"
                if not answered_precisely(reply, frozenset()):
                    say_not_known(reply, faq)
                return [SlotSet("project_type", None)]
            if (
                asks_for_detail(text) or asks_about_several_projects(text)
            ) and not faq.answered:
                # "vi tänkte köra en förstudie på 18 månader, går det", "två
                # förstudier efter varandra?": not the card
                say_not_known(reply, faq)
                return [SlotSet("project_type", None)]
        elif answered_precisely(reply, COVERED_BY_CARD["ask_project_types"]):
            return [SlotSet("project_type", None)]
        types = listing.project_types(kb, lang)
        chosen = [t for t in types if t.id == wanted] or types
        blocks = []
        for t in chosen:
            lines = [
                t.description,
                t.duration,
                t.when_to_apply,
                *([t.budget] if t.budget else []),
                t.suits_when,
            ]
            blocks.append(f"{t.name}\n" + bullet_list(lines))
        items = [
            Sourced(
                "\n\n".join(blocks),
                tuple(s for t in chosen for s in t.sources),
                max(t.as_of for t in chosen),
            )
        ]
        intro = None if len(chosen) == 1 else reply.render("utter_project_types_intro")
        answer = "project_types" if len(chosen) > 1 else f"project_type:{chosen[0].id}"
        say_sourced(reply, items, intro=intro, answer=answer)
        return [SlotSet("project_type", None), SlotSet("last_topic", answer)]


def _an_idea_not_a_type(reply: Reply, wanted: Optional[str]) -> bool:
    """The model heard a project type that is none of the programme's ("ett
    kulturprojekt", "et reiselivsprosjekt"), and the message holds an idea."""
    kb, text = reply.kb, read_text(reply.tracker)
    heard = bool(reply.tracker.get_slot("project_type")) or bool(
        _KIND_OF_PROJECT.search(text)
    )
    return (
        wanted is None
        and heard
        and not kb.project_types_named(text)
        and bool(reply.snap.focus.rank(text, reply.lang, 1).items)
        and not reply.snap.faq.answer(text, reply.lang).answered
    )  # "måste vi upphandla enligt LOU i projektet": a question the FAQ answers


_KIND_OF_PROJECT = re.compile(
    r"\b\w{3,30}(?:projekt|prosjekt)(?:et|en|er|ene|erna|a)?\b", re.IGNORECASE
)
"""A kind of project named as one word ("kulturprojekt", "reiselivsprosjektet")."""


def _type_is_only_the_setting(kb: KnowledgeBase, text: str) -> bool:
    """A question naming a project type only in a condition ("… om vi bara gör en
    förstudie?", "… hvis det bare er et forprosjekt?")."""
    return bool(
        questions(text)
        and kb.project_types_named(text)
        and not kb.project_types_named(without_condition(text))
    )


def _project_type_id(kb: KnowledgeBase, tracker: Tracker) -> Optional[str]:
    value = tracker.get_slot("project_type")
    if not value:
        return None
    if value in kb.project_types:
        return str(value)
    folded = str(value).lower()
    for type_id, ptype in kb.project_types.items():
        if folded in (a.lower() for a in ptype.aliases.all()):
            return type_id
    return None


class ActionProgrammeArea(KbAction):
    """Is a named place in the programme area? Without a place: the area itself."""

    def name(self) -> str:
        return "action_programme_area"

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return [*in_context, SlotSet("place", None)]
        kb, lang, tracker = reply.kb, reply.lang, reply.tracker
        finder = reply.snap.places
        place = tracker.get_slot("place")
        result = finder.find(str(place), lang) if place else None
        if not result or not result.matches:
            result = finder.find(read_text(tracker), lang)
        covered = COVERED_BY_CARD["ask_programme_area"]
        if result.matches:
            faq = reply.snap.faq.answer(read_text(tracker), lang)
            if _answers_better_than_the_place(faq, covered):
                say_faq(reply, faq)
                return [SlotSet("place", None)]
        elif answered_precisely(reply, covered):
            return [SlotSet("place", None)]
        if result.matches:
            say_place(reply, result)
            return [SlotSet("place", None)]
        facts = [
            listing.fact(kb, f, lang)
            for f in ("area_now", "sub_areas", "viken_split")
            if f in kb.facts
        ]
        if place:
            reply.dispatcher.utter_message(
                text=reply.render("utter_place_unknown", name=place)
            )
        say_sourced(reply, facts, answer="programme_area")
        return [SlotSet("place", None)]


def _answers_better_than_the_place(faq: FaqResult, covered: FrozenSet[str]) -> bool:
    """With a place (or a project type) named, only a confident FAQ entry beats the
    place look-up ("vad hände med Viken?"); "ingår Östersund?" stays a place question."""
    return faq.answered and faq.best is not None and faq.best.entry_id not in covered


class ActionCalls(KbAction):
    """Call status today, the next main-project window and the rolling project types."""

    def name(self) -> str:
        return "action_calls"

    async def answer(self, reply: Reply) -> List[EventType]:
        in_context = answered_in_context(reply)
        if in_context is not None:
            return in_context
        text = read_text(reply.tracker)
        if not text.startswith("/") and asks_about_start(text):
            # "fristen er i februar …, men vi vil starte i mars, går det?": when their
            # project may start, which the calls card does not say
            _say_the_close_entry(reply, text, _about_starting)
            return []
        if said_not_published(reply, text):
            return []
        if answered_precisely(reply, COVERED_BY_CARD["ask_calls"]):
            return []
        say_calls(reply)
        return []


CALL_ENTRIES = frozenset(
    {"application_windows", "rolling_forstudie_smaskala", "decision_time"}
)
"""FAQ entries about when to apply: a question about applying at a time that one
of them answers gets it ("er det frist for forprosjekt i januar": rolling)."""


def say_calls_for_a_time(reply: Reply) -> None:
    """Applying at a named time: the call entry that answers it, else the calls card
    (never another entry: "går det att söka huvudprojekt i oktober?" is not how to
    apply); a year after the published schedule gets that it is not published."""
    text = read_text(reply.tracker)
    if said_not_published(reply, text):
        return
    faq = reply.snap.faq.answer(text, reply.lang)
    if faq.answered and faq.best is not None and faq.best.entry_id in CALL_ENTRIES:
        say_faq(reply, faq)
    else:
        say_calls(reply)


def say_calls(reply: Reply) -> None:
    """The calls card: the next window, the rolling types, decisions, preparation."""
    kb, lang = reply.kb, reply.lang
    view = listing.calls(kb, lang, dt.date.today())
    parts = []
    window = view.next_window
    if window:
        key = "utter_call_open" if window.open_now else "utter_call_next"
        parts.append(
            reply.render(
                key,
                opens=_date(kb, window.opens, lang),
                closes=_date(kb, window.closes, lang),
            )
        )
    else:
        parts.append(kb.message("calls_not_published", lang))
    parts += [view.rolling, view.decision_time, view.preparation_time]
    say_sourced(
        reply, [Sourced("\n\n".join(parts), view.sources, view.as_of)],
        intro=None, answer="calls",
    )  # fmt: skip
    reply.dispatcher.utter_message(response="utter_call_check_website")


def said_not_published(reply: Reply, text: str) -> bool:
    """A question only about years after the published call schedule ("utlysning
    2029?", "kan man söka huvudprojekt 2028?") gets the entry that says those dates
    are not published, or "not known"; never the card's next window."""
    if text.startswith("/") or not listing.asks_after_the_schedule(reply.kb, text):
        return False
    _say_the_close_entry(reply, text, _about_later_years)
    return True


def _say_the_close_entry(
    reply: Reply,
    text: str,
    chooser: Callable[[KnowledgeBase, FaqResult], Optional[FaqResult]],
) -> None:
    """The FAQ entry the chooser picks, or an honest "not known"."""
    faq = reply.snap.faq.answer(text, reply.lang)
    found = chooser(reply.kb, faq)
    if found is not None:
        say_faq(reply, found)
    else:
        say_not_known(reply, faq)


def _about_starting(kb: KnowledgeBase, faq: FaqResult) -> Optional[FaqResult]:
    """Of the close FAQ entries, the one about when a project may start (its own
    questions ask it), as the answer; None if there is not exactly one."""
    entries = {e.id: e for e in kb.faq}
    close = [
        a
        for a in ([faq.best] if faq.best else []) + faq.alternatives
        if a.score >= SUGGEST_THRESHOLD
        and a.entry_id in entries
        and any(asks_about_start(q) for q in entries[a.entry_id].questions.all())
    ]
    if len(close) != 1:
        return None
    others = [a for a in (faq.best, *faq.alternatives) if a and a is not close[0]]
    return FaqResult(faq.language, close[0], others, fits=True)


def _about_later_years(kb: KnowledgeBase, faq: FaqResult) -> Optional[FaqResult]:
    """The entry whose questions name only years after the published schedule
    ("Blir det utlysningar 2028?"). The question's years choose it, not how close
    its words are: in "kan vi søke hovedprosjekt i 2029" the type outweighs them."""

    def later_years_only(entry: FaqEntry) -> bool:
        dated = [q for q in entry.questions.all() if years_meant(q)]
        return bool(dated) and all(
            listing.asks_after_the_schedule(kb, q) for q in dated
        )

    later = [e for e in kb.faq if later_years_only(e)]
    if len(later) != 1:
        return None
    entry = later[0]
    found = [a for a in (faq.best, *faq.alternatives) if a is not None]
    score = next((a.score for a in found if a.entry_id == entry.id), 0.0)
    others = [a for a in found if a.entry_id != entry.id]
    answer = entry_answer(entry, faq.language, score)
    return FaqResult(faq.language, answer, others, rule="later_years")


def _date(kb: KnowledgeBase, day: dt.date, lang: str) -> str:
    """A date as people write it: 15 januari 2027 / 15. januar 2027."""
    months = kb.message("month_names", lang).split(",")
    name = months[day.month - 1].strip()
    return (
        f"{day.day} {name} {day.year}"
        if lang == "sv"
        else f"{day.day}. {name} {day.year}"
    )


CONTACT_ENTRIES = frozenset({"adviser_role", "secretariat_and_website", "idea_sketch"})
"""FAQ entries about whom to contact: the contact card itself answers them, unless
the message asks whether something is a must ("måste vi prata med en rådgivare
innan vi söker?"). The joint mailbox is not among them: the card does not say what
that address is for ("kan jag mejla mina frågor till …jamtland-adressen?")."""


class ActionContact(KbAction):
    """The secretariat's contact card from the KB; marks the conversation as a hand-over."""

    def name(self) -> str:
        return "action_contact"

    async def answer(self, reply: Reply) -> List[EventType]:
        lang = reply.lang
        # "jobber dere i romjula": not known, and the card says how to ask
        if not said_office_not_known(reply):
            text = read_text(reply.tracker)
            faq = reply.snap.faq.answer(text, lang)
            if (
                faq.answered
                and faq.best
                and (faq.best.entry_id not in CONTACT_ENTRIES or asks_if_required(text))
                and not reply.snap.faq.owed_to_a_place(text, lang, faq)
            ):
                # "gdpr, hvem behandler personopplysningene": that answer first; the
                # contact card still follows, as a request for a person expects
                say_faq(reply, faq)
            elif asks_if_required(text) and faq.suggestions:
                # "kan vi søke uten å ha snakket med en rådgiver?" asks a rule the
                # card does not state: not sure which, so say so, with the close
                # questions to choose from; the card still follows
                say_not_known(reply, faq)
        say_contact_card(reply)
        return [SlotSet("handover", True)]
