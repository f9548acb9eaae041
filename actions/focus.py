"""Which focus area fits? The project form, suggestions, and the area and goal lists."""

from __future__ import annotations

import re
from typing import Any, Dict, List, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KbAction, KbFormValidationAction, Reply
from actions.common import (
    QUESTION_INTENTS,
    DomainDict,
    bullet_list,
    render,
    say_faq,
    say_sourced,
    send_sourced,
)
from actions.compose import read_text
from actions.fallback import say_not_known
from actions.place import said_only_a_place
from actions.precise import answered_precisely
from programme_kb import listing
from programme_kb.compose.message import idea_text, questions, reads_as_description
from programme_kb.kb import KnowledgeBase
from programme_kb.listing import AreaView, Sourced
from programme_kb.scope import names_an_organisation
from programme_kb.text import names_focus_areas

EXAMPLES_SHOWN = 3
REMEMBERED_IDEA = "known_project_idea"
"""The slot where ``action_remember`` keeps the idea told earlier (actions/compose.py)."""
_WHICH_FITS = re.compile(
    r"\bpass(?:ar|er|a|e|ande|ende)\b|\blämp(?:ar|ligt?|liga)\b|\begn(?:er|ar)\b|"
    r"\bhøver\b",
    re.IGNORECASE,
)
_AREA_WORDS = re.compile(
    r"insatsområd|innsatsområd|\bområd|\bprioritering", re.IGNORECASE
)
SHORT_QUESTION = 4
"""Words of a question that asks "which fits?" with no area word ("vad passar?")."""


def asks_which_area_fits(text: str) -> bool:
    """ "vilket insatsområde passar?", "kva for innsatsområde høver?", "vad passar
    bäst?" - not "vilka insatsområden finns?" (the list) nor "vilka norska fylken
    passar bäst att samarbeta med?" (a partner question)."""
    if not _WHICH_FITS.search(text):
        return False
    return bool(_AREA_WORDS.search(text)) or len(text.split()) <= SHORT_QUESTION


def remembered_idea(reply: Reply, text: str) -> Optional[str]:
    """The idea told earlier, when this message asks which area fits it and tells no
    idea of its own ("vilket insatsområde passar?" after "vi vill bygga laddstolpar")."""
    remembered = str(reply.tracker.get_slot(REMEMBERED_IDEA) or "").strip()
    if not remembered or not asks_which_area_fits(text) or idea_text(text):
        return None
    if reply.snap.focus.rank(text, reply.lang, 1).items:
        return None  # "… passar om vi vill arbeta med laddinfrastruktur?"
    return remembered


def _area_button(domain: DomainDict, lang: str, code: str) -> Dict[str, str]:
    return {
        "title": render(domain, "utter_button_area", lang, code=code),
        "payload": f'/ask_focus_area{{"focus_area":"{code}"}}',
    }


class ValidateProjectForm(KbFormValidationAction):
    def name(self) -> str:
        return "validate_project_form"

    async def extract_project_description(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """Take the description from the asking message when it already holds one."""
        text = tracker.latest_message.get("text") or ""
        if (tracker.latest_message.get("intent") or {}).get("name") in QUESTION_INTENTS:
            return {}  # another question or a thumb: answered, then asked again
        if tracker.get_slot("requested_slot") == "project_description":
            return {"project_description": text}
        if tracker.get_slot("project_description") is not None:
            return {}
        remembered = remembered_idea(self.reply, text)
        if remembered:  # "vilket insatsområde passar?": the idea told earlier
            return {"project_description": remembered}
        described = (tracker.latest_message.get("intent") or {}).get(
            "name"
        ) == "describe_project" and reads_as_description(text)
        if described or self.reply.snap.focus.rank(text, self.reply.lang, 1).items:
            # a description the focus vocabulary does not know is still one: the
            # answer says so and lists the areas, instead of asking for it again
            return {"project_description": text}
        return {}

    async def validate_project_description(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        text = str(slot_value or "").strip()
        return {"project_description": text or None}


class ActionSuggestFocusAreas(KbAction):
    """Best areas for the description: why they match and their example projects."""

    def name(self) -> str:
        return "action_suggest_focus_areas"

    async def answer(self, reply: Reply) -> List[EventType]:
        return suggest(reply, reply.tracker.get_slot("project_description") or "")


def suggest(reply: Reply, description: str) -> List[EventType]:
    """The best areas for ``description``, or the list when nothing matches."""
    dispatcher, domain = reply.dispatcher, reply.domain
    kb, lang = reply.kb, reply.lang
    result = reply.snap.focus.rank(description, lang, 3)
    if not result.items:
        text = (
            kb.message(f"focus_{result.reason}", lang)
            + "\n\n"
            + render(domain, "utter_focus_list_hint", lang)
        )
        buttons = [_area_button(domain, lang, code) for code in kb.areas]
        dispatcher.utter_message(
            text=text, buttons=buttons, json_message=result.payload()
        )
        return [SlotSet("project_description", None)]
    best = result.items[0]
    lines = [
        render(
            domain,
            "utter_focus_item",
            lang,
            code=m.code,
            title=m.title,
            strength=render(domain, f"utter_focus_strength_{m.strength}", lang),
            why=", ".join(m.why),
        )
        for m in result.items
    ]
    parts = [
        render(domain, "utter_focus_intro", lang),
        bullet_list(lines),
        render(domain, "utter_focus_examples", lang, code=best.code)
        + "\n"
        + bullet_list(best.examples[:EXAMPLES_SHOWN]),
        *filter(None, [listing.funded_projects(kb, best, lang)]),
        render(domain, "utter_focus_disclaimer", lang),
    ]
    area = kb.areas[best.code]
    body = "\n\n".join(parts)
    buttons = [_area_button(domain, lang, m.code) for m in result.items]
    send_sourced(
        reply, body,
        [Sourced(body, tuple(area.sources), area.as_of)], result.payload(projects=True),
        buttons=buttons,
    )  # fmt: skip
    return [SlotSet("project_description", None)]


class ActionListFocusAreas(KbAction):
    def name(self) -> str:
        return "action_list_focus_areas"

    async def answer(self, reply: Reply) -> List[EventType]:
        kb, lang, domain = reply.kb, reply.lang, reply.domain
        remembered = remembered_idea(reply, reply.text)
        if remembered:
            # "vilket insatsområde passar oss?" read as a request for the list:
            # the areas for the idea told earlier answer it
            return suggest(reply, remembered)
        if reply.snap.focus.rank(reply.text, lang, 1).items:
            # "vilka insatsområden finns för cirkulär ekonomi?", "passer et prosjekt
            # om grønt hydrogen?": the areas for the idea in the question answer it,
            # not the list of all eight
            return suggest(reply, reply.text)
        faq = reply.snap.faq.answer(read_text(reply.tracker), lang)
        if faq.rule == "one_word":
            # "logga?": the model heard the list asked for; the one word is in one
            # entry's questions only, and that entry is the answer
            say_faq(reply, faq)
            return []
        if names_an_organisation(kb, reply.text) or (
            questions(reply.text) and not names_focus_areas(reply.text)
        ):
            # "kan vi kombinere tilskudd fra Innovasjon Norge med Interreg?": the
            # model heard a focus word in a funder's name; "Går det inte att byta
            # projektledare under projektets gång?" asks nothing of the areas
            if faq.answered:
                say_faq(reply, faq)
            else:
                say_not_known(reply, faq)
            return []
        blocks = []
        for goal in listing.goals(kb, lang):
            areas = bullet_list(f"{a.code} {a.title}" for a in goal.areas)
            blocks.append(f"{goal.title}\n{areas}")
        items = [listing.fact(kb, "programme_structure", lang)]
        say_sourced(
            reply, items,
            intro="\n\n".join(blocks),
            buttons=[_area_button(domain, lang, code) for code in kb.areas],
            answer="focus_areas",
        )  # fmt: skip
        reply.dispatcher.utter_message(response="utter_offer_match")
        return []


class ActionExplainFocusArea(KbAction):
    """One area: aim and every example project type the programme lists."""

    def name(self) -> str:
        return "action_explain_focus_area"

    async def answer(self, reply: Reply) -> List[EventType]:
        kb, lang = reply.kb, reply.lang
        area = _area_from(kb, reply.tracker, lang)
        if area is None:  # the list, in the same reply
            return await ActionListFocusAreas().answer(reply)
        goal = kb.goal(area.goal)
        intro = f"{area.code} {area.title} ({goal.title[lang]})"
        examples = (
            reply.render("utter_area_examples") + "\n" + bullet_list(area.examples)
        )
        text = "\n\n".join([intro, area.aim, examples])
        say_sourced(
            reply, [Sourced(text, area.sources, area.as_of)],
            answer=f"focus_area:{area.code}",
        )  # fmt: skip
        return [SlotSet("focus_area", None)]


def _area_from(kb: KnowledgeBase, tracker: Tracker, lang: str) -> Optional[AreaView]:
    """The area named by the entity (code after synonym mapping) or a code in the text."""
    value = tracker.get_slot("focus_area") or ""
    area = listing.focus_area(kb, str(value), lang)
    if area:
        return area
    text = (tracker.latest_message.get("text") or "").upper()
    for code in kb.areas:
        if code in text.split() or code in text.replace(".", " ").split():
            return listing.focus_area(kb, code, lang)
    return None


GOALS_CARD_ENTRIES = frozenset({"focus_areas_overview"})
"""FAQ entries the goals card gives in full (the four goals and their areas)."""


class ActionListGoals(KbAction):
    def name(self) -> str:
        return "action_list_goals"

    async def answer(self, reply: Reply) -> List[EventType]:
        if said_only_a_place(reply):  # "Holtålen?" read as the goals
            return []
        if answered_precisely(reply, GOALS_CARD_ENTRIES):
            return []  # "hva er visjonen til programmet": the FAQ's precise answer
        kb, lang = reply.kb, reply.lang
        lines = [
            f"{g.id}. {g.title}: {g.description} ({', '.join(a.code for a in g.areas)})"
            for g in listing.goals(kb, lang)
        ]
        goal = kb.goals[0]
        say_sourced(
            reply, [Sourced(bullet_list(lines), tuple(goal.sources), goal.as_of)],
            intro=reply.render("utter_goals_intro"), answer="goals",
        )  # fmt: skip
        return []
