"""The conversation as a whole: memory, compound messages, follow-ups, the summary.

Thin adapters around ``programme_kb.compose`` and ``programme_kb.summary``:

* ``action_remember`` runs on every user message (the custom mapping of the
  ``known_*`` slots) and keeps what the user says about themselves;
* ``answered_in_context`` is called first by the question actions: a message with
  several parts gets one composed reply, a follow-up is resolved with what was said
  before, a partner or place question is answered for the user's own side and place;
* ``action_compose`` does the same for a project idea (else the project form asks);
* ``action_summary`` and ``action_new_conversation`` answer "sammanfatta" / "Nytt samtal".
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional

from rasa_sdk import Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet

from actions.base import KbAction, Reply, language_of
from actions.common import say_contact_card, say_faq, send_sourced
from actions.place import said_only_a_place
from programme_kb.compose import (
    Composition,
    Part,
    Profile,
    compose,
    find_places,
    partner_help_part,
    partner_part,
    questions,
    reading,
    told,
)
from programme_kb.compose.answering import follow_up
from programme_kb.compose.message import (
    asks_about_focus,
    asks_for_information,
    asks_which_focus_area,
)
from programme_kb.compose.partner import asks_about_partner, outside_partner_part
from programme_kb.compose.parts import remembered_place
from programme_kb.contract import AnswerCard, NewConversationCard
from programme_kb.faq import DETAIL_FACETS, facets
from programme_kb.kb import KnowledgeBase
from programme_kb.listing import Sourced
from programme_kb.service import Snapshot
from programme_kb.summary import summarise
from programme_kb.text import asks_for_contact, names_focus_areas

MEMORY_SLOTS = {
    "organisation_type": "known_organisation_type",
    "side": "known_side",
    "place": "known_place",
    "project_idea": "known_project_idea",
    "project_type": "known_project_type",
}
"""Profile field → the slot that remembers it."""
PARTNER_INTENTS = frozenset({"ask_partner"})
GENERAL_PARTNER_ENTRIES = frozenset({"partner_other_country", "partner_pairing"})
"""The partner rule itself, which the advice for the user's side gives in full; any
other FAQ answer to a partner question ("måste vi skriva avtal med norska parten",
"hjelper dere oss med å finne partner") is more precise than that advice."""
PLACE_INTENTS = frozenset({"ask_programme_area"})
ELIGIBILITY_INTENTS = frozenset({"ask_who_can_apply", "inform_organisation"})
"""Their form gives the verdict with its own card."""


MAX_CHOICES = 2
"""Close questions offered for a question of a composed reply left open."""
RECORDS_NOT_KEPT = "utter_dont_know_records"
"""Figures for named projects, periods or calls: not kept; the programme's news and
an adviser are where they are (not the project handbook, which has rules only)."""


def _message_language(tracker: Tracker) -> str:
    """The reply language of this message, before action_decide_language has run."""
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == "reply_language" and entity.get("value") in (
            "sv",
            "nb",
        ):
            return str(entity["value"])
    return language_of(tracker)


def read_text(tracker: Tracker) -> str:
    """What the actions' look-ups over the whole message (the FAQ, the place finder)
    read of it: the message itself, or of a long one its questions or its start
    (``programme_kb.compose.reading``), so that their work stays bounded."""
    return reading(str(tracker.latest_message.get("text") or ""))


def profile_of(tracker: Tracker) -> Profile:
    """What the conversation has remembered about the user."""
    values = {
        field: tracker.get_slot(slot) or None for field, slot in MEMORY_SLOTS.items()
    }
    return Profile(**{k: (str(v) if v else None) for k, v in values.items()})


def _shown(kb: KnowledgeBase, profile: Profile, lang: str) -> Optional[str]:
    """The remembered profile as a sentence the user can correct."""
    items: List[str] = []
    org = kb.organisation_types.get(profile.organisation_type or "")
    if org:
        items.append(str(org.label[lang]))
    if profile.place:
        items.append(profile.place)
    if profile.side in ("se", "no"):
        items.append(kb.message(f"summary_side_{profile.side}", lang))
    if profile.project_type in kb.project_types:
        name = kb.project_types[str(profile.project_type)].name[lang]
        items.append(kb.message("profile_type", lang, value=name))
    if profile.project_idea:
        items.append(kb.message("profile_idea", lang, value=profile.project_idea))
    if not items:
        return None
    return kb.message("profile_shown", lang, items="; ".join(items))


def _choices(parts: List[Part]) -> List[Dict[str, str]]:
    """The close questions of the parts left open ("not known" with choices)."""
    found: List[Dict[str, str]] = []
    for part in parts:
        raw = part.data.get("choices") if part.kind == "not_known" else None
        if isinstance(raw, list):
            found += [
                {"question": c["question"]}
                for c in raw
                if isinstance(c, dict) and isinstance(c.get("question"), str)
            ]
    return found[:MAX_CHOICES]


def send_parts(
    reply: Reply,
    parts: List[Part],
    card: Mapping[str, Any],
    profile: Optional[Profile] = None,
) -> None:
    """One natural reply: the parts in order, the profile to correct, the sources once."""
    kb, lang = reply.kb, reply.lang
    body = "\n\n".join(p.text for p in parts)
    shown = _shown(kb, profile, lang) if profile is not None else None
    if shown:
        body += "\n\n" + shown
    buttons = []
    choices = _choices(parts)
    if choices:  # a close call left open: the close questions, to pick from
        body += "\n\n" + kb.message("compose_choices", lang)
        buttons = [{"title": c["question"], "payload": c["question"]} for c in choices]
    if profile is not None and told_enough(profile):  # offer the summary
        body += "\n\n" + kb.message("summary_offer", lang)
        buttons.append(
            {"title": kb.message("summary_button", lang), "payload": "/ask_summary"}
        )
    items = [Sourced(p.text, p.sources, p.as_of) for p in parts if p.sources]
    card = {**card, **({"profile": profile.__dict__} if profile else {})}
    extra = {"buttons": buttons} if buttons else {}
    if items:
        send_sourced(reply, body, items, card, **extra)
    else:
        reply.dispatcher.utter_message(
            text=body, json_message=card, buttons=extra.get("buttons")
        )


def told_enough(profile: Profile) -> bool:
    """Who, where and what: enough for a summary worth sending with the idea sketch."""
    return bool(
        profile.organisation_type
        and (profile.place or profile.side)
        and profile.project_idea
    )


def _topic(parts: List[Part]) -> Optional[str]:
    """What the reply was about, for "vad betyder det för oss?" next."""
    for part in reversed(parts):
        if part.kind == "project_type":
            return f"project_type:{part.data.get('project_type')}"
        if part.kind == "partner":
            return "partner"
        if part.kind == "answer":
            return f"faq:{part.data.get('entry')}"
    return None


def _a_verdict_asked_for(composition: Composition) -> bool:
    """The message names the user's organisation and asks "may we apply?" and
    nothing else ("vi är en församling i Svenska kyrkan, kan vi söka"), or runs into
    a rule ("vi vill fortsätta driva vårt nätverk"), whatever topic the model read:
    the verdict or the rule is the answer."""
    parts = [p for p in composition.parts if p.kind not in ("partner", "next_step")]
    if len(parts) != 1:  # the partner rule for their side goes with the verdict
        return False
    if parts[0].data.get("rule"):  # "… pengar för att fortsätta driva det"
        return True  # the rule the message runs into (a project must be new)
    return parts[0].kind == "eligibility" and (
        parts[0].data.get("eligible") is not None or bool(parts[0].data.get("route"))
    )


def _not_kept(snap: Snapshot, text: str, lang: str) -> Optional[str]:
    """The "I don't know" response for what the knowledge base keeps no register of,
    so that no place card or general card is the answer: figures for a named project,
    period or place, or a share of applications ("vilka projekt fick pengar i
    Jämtland förra året") get the one pointing to the programme's news; the name or
    number of an officer ("vad heter handläggaren för …") the general one. None for
    anything else. The cheap patterns first; the FAQ decides (a general count an
    entry states is answered)."""
    if "person" in facets(text):  # "vad heter handläggaren för …?": no officer named
        return "utter_dont_know"
    if snap.faq.records(text) is None:
        return None
    if snap.faq.answer(text, lang).reason == "records":
        return RECORDS_NOT_KEPT
    return None


def _answered_precisely(
    composition: Composition, snap: Snapshot, text: str, lang: str
) -> bool:
    """Did the FAQ answer a partner question with more than the partner rule? The
    message's questions, or the message as a whole when it has no question mark or
    question word ("hjelper dere oss med å finne partner i sverige")."""
    answered = {p.data.get("entry") for p in composition.parts if p.kind == "answer"}
    if not answered:
        whole = snap.faq.answer(text, lang)
        if whole.answered and whole.best is not None:
            answered = {whole.best.entry_id}
    return bool(answered - GENERAL_PARTNER_ENTRIES - {None})


OTHER_PARTNER_ENTRIES = frozenset(
    {"partner_other_country", "partner_pairing", "partner_eu"}
    | {"why_partner_other_side", "smaskala_partners", "norwegian_partners_count"}
)
"""Entries about partnering other than how to find a partner."""


def _another_partner_entry(snap: Snapshot, text: str, lang: str) -> bool:
    """Does the FAQ answer a message about finding a partner, with confidence, by a
    partner entry other than how to find one ("Hvilke svenske regioner bør vi finne
    partner i …?" asks which regions pair)?"""
    faq = snap.faq.answer(text, lang)
    return (
        faq.answered
        and faq.best is not None
        and faq.best.entry_id in OTHER_PARTNER_ENTRIES
    )


def _tells_organisation_or_idea(snap: Snapshot, text: str, lang: str) -> bool:
    return any(
        p.kind in ("eligibility", "focus") for p in compose(snap, text, lang).parts
    )


def answered_in_context(reply: Reply) -> Optional[List[EventType]]:
    """Answer with the whole message and the conversation so far, or None.

    None leaves the message to the calling action's own answer.
    """
    text = reply.text.strip()
    if not text or text.startswith("/"):
        return None
    tracker, lang, snap = reply.tracker, reply.lang, reply.snap
    from actions.fallback import (  # imports us
        said_office_not_known,
        said_other_programme,
        say_not_known,
    )

    if said_other_programme(reply):  # "regler i Interreg ÖKS för norska partner?"
        return []
    if said_office_not_known(reply):  # "har ni öppet på luciadagen?"
        return []
    if asks_for_contact(text) and not _tells_organisation_or_idea(snap, text, lang):
        # "hvem skal vår svenske partner kontakte?", "kontakt Trøndelag": the contact
        # route, whatever topic the model read (a partner search, a place); a
        # message that also tells who the user is or their idea gets its parts
        say_contact_card(reply)
        return [SlotSet("handover", True)]
    if said_only_a_place(reply):  # "Sveg?": the place, whatever the intent
        return [SlotSet("place", None)]
    not_kept = _not_kept(snap, reading(text), lang)
    if not_kept is not None:
        say_not_known(reply, response=not_kept)
        return []
    remembered = profile_of(tracker)
    composition: Composition = compose(snap, text, lang, remembered)
    known = remembered.merged(composition.told)
    intent = reply.intent
    if composition.compound or (
        intent not in ELIGIBILITY_INTENTS and _a_verdict_asked_for(composition)
    ):
        send_parts(reply, composition.parts, composition.payload(), known)
        return [SlotSet("last_topic", _topic(composition.parts))]
    last = tracker.get_slot("last_topic")
    part = follow_up(snap, text, lang, known, str(last) if last else None)
    if part is None and not _another_partner_entry(snap, read_text(tracker), lang):
        # "vi hittar ingen partner i Norge, hur gör man?": how to find one
        part = partner_help_part(snap.kb, read_text(tracker), lang)
    if part is None:  # "kan vi ha med en partner fra Danmark?": the outside-area rule
        part = outside_partner_part(snap, read_text(tracker), lang)
    if (
        part is None
        and (intent in PARTNER_INTENTS or asks_about_partner(text))
        and not asks_which_focus_area(text)  # "… samarbeide med ein svensk kommune om
        # skulebuss, kva innsatsområde passar?": the focus areas, not partner advice
        and not _answered_precisely(composition, snap, read_text(tracker), lang)
        and not snap.faq.vocabulary.unknown_words(read_text(tracker))
        and not facets(read_text(tracker)) & DETAIL_FACETS  # "hur mycket stöd får
        # den norska partnern?", "kan vi være tre partnere?": a detail, not the rule
    ):  # "måste vi ha en norsk partner?": for their side, not the general rule
        # (not "… om vi blir osams med partnern?": something the data never says)
        part = partner_part(snap, known, lang)
    if (
        part is None
        and intent in PLACE_INTENTS
        and known.place
        and not find_places(snap, text, lang)
    ):  # "ingår vi i programområdet?": the place told earlier
        part = remembered_place(snap, known, lang)
    if part is None:
        return None
    entry = part.data.get("entry") if part.kind == "answer" else None
    answer = f"faq:{entry}" if entry else f"context:{part.kind}"
    if part.data.get("pairing"):  # the partner rule with the regions to pair with
        answer = "context:partner_pairing"
    card = AnswerCard(type="answer", language=lang, answer=answer)
    send_parts(reply, [part], card, known)
    return [SlotSet("last_topic", _topic([part]) or tracker.get_slot("last_topic"))]


class ActionRemember(KbAction):
    """Keep what this message says about the user (runs on every user message)."""

    def name(self) -> str:
        return "action_remember"

    async def answer(self, reply: Reply) -> List[EventType]:
        if reply.intent == "new_conversation":
            return []
        tracker, text = reply.tracker, reply.text
        events: List[EventType] = []
        if text.startswith("/"):  # a button: only its entities say something
            for entity in tracker.latest_message.get("entities") or []:
                if entity.get("entity") == "organisation_type":
                    events.append(
                        SlotSet("known_organisation_type", entity.get("value"))
                    )
            return events
        now = told(reply.snap, text, _message_language(tracker))
        for field, slot in MEMORY_SLOTS.items():
            value = getattr(now, field)
            if value and value != tracker.get_slot(slot):
                events.append(SlotSet(slot, value))
        return events


def _faq_answers_the_question(reply: Reply) -> bool:
    """A question (not about focus areas) read as a project idea, which the FAQ
    answers with confidence: answer it instead of suggesting focus areas."""
    text = read_text(reply.tracker)
    if not questions(text) or asks_about_focus(text):
        return False
    faq = reply.snap.faq.answer(text, reply.lang)
    if not faq.answered:
        return False
    say_faq(reply, faq)
    return True


THIN_IDEA_TERMS = 2
"""At most this many focus words in a question that tells no idea: its subject is
something else (``asks_for_information``)."""


def _a_question_not_an_idea(reply: Reply) -> bool:
    """A question for a fact read as a project idea on a word or two of the focus
    vocabulary ("… hur blir det med a-kassan?" on "arbetslös"), or on none ("Kan vi
    överklaga ett avslag, och hur går det till?"): not an idea, and no "describe
    your idea" in reply."""
    text = read_text(reply.tracker)
    ranked = reply.snap.focus.rank(text, reply.lang, 1).items
    if not ranked and questions(text) and not names_focus_areas(text):
        # "jag vill jobba hos er, finns det lediga tjänster?": a question, no word
        # of any area, nothing asked of the areas: no idea to ask to describe
        return True
    if not asks_for_information(text):
        return False
    return not ranked or len(ranked[0].why) <= THIN_IDEA_TERMS


class ActionCompose(KbAction):
    """A project idea with more in it: one reply; a plain idea: on to the form."""

    def name(self) -> str:
        return "action_compose"

    async def answer(self, reply: Reply) -> List[EventType]:
        events = answered_in_context(reply)
        if events is None and _faq_answers_the_question(reply):
            events = []  # "må vi følge anskaffelsesregelverket …?" is no project idea
        if events is None and _a_question_not_an_idea(reply):
            from actions.fallback import ActionFallback  # imports us

            events = await ActionFallback().answer(reply)  # "did you mean" or not known
        if events is None:
            return [SlotSet("idea_composed", False)]
        return [
            *events,
            SlotSet("idea_composed", True),
            SlotSet("organisation_type", None),  # answered; the form asks afresh
            SlotSet("place", None),
        ]


class ActionSummary(KbAction):
    """The project-idea summary: text, and a card the widget can copy and download."""

    def name(self) -> str:
        return "action_summary"

    async def answer(self, reply: Reply) -> List[EventType]:
        summary = summarise(reply.snap, profile_of(reply.tracker), reply.lang)
        text = summary.text(reply.kb.message)
        items = [Sourced(text, summary.sources, summary.as_of)]
        send_sourced(reply, text, items, summary.payload())
        return [SlotSet("last_topic", "summary")]


class ActionNewConversation(KbAction):
    """ "Nytt samtal" / "Ny samtale": forget the user, keep the language."""

    def name(self) -> str:
        return "action_new_conversation"

    async def answer(self, reply: Reply) -> List[EventType]:
        lang = reply.lang
        reply.dispatcher.utter_message(
            text=reply.kb.message("new_conversation_done", lang),
            json_message=dict(
                NewConversationCard(type="new_conversation", language=lang)
            ),
        )
        forget = [
            *MEMORY_SLOTS.values(),
            "last_topic",
            "organisation_type",
            "place",
            "project_type",
            "project_description",
            "focus_area",
            "requested_slot",
        ]
        return [
            ActiveLoop(None),
            *(SlotSet(slot, None) for slot in forget),
            SlotSet("idea_composed", False),
            SlotSet("organisation_attempts", 0),
            SlotSet("fallback_stage", 0),
        ]
