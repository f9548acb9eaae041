"""May we apply? The eligibility form, its question and its answer."""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KbAction, KbFormValidationAction, Reply
from actions.common import DomainDict, bullet_list, say_sourced, send_sourced
from actions.compose import answered_in_context, profile_of
from actions.fallback import say_faq, say_not_known
from actions.precise import answered_precisely
from actions.programme import say_calls_for_a_time
from programme_kb import listing
from programme_kb.compose import compose, head, organisation_in
from programme_kb.compose.message import questions
from programme_kb.compose.partner import outside_partner_part
from programme_kb.faq import WHO_MAY_APPLY_ENTRIES
from programme_kb.listing import Sourced
from programme_kb.text import (
    asks_about_another_role,
    asks_if_only_some_may_apply,
    asks_other_than_taking_part,
    asks_who,
    asks_who_may_take_part,
)

UNKNOWN = "unknown"
ANSWERED = "answered_elsewhere"
"""Slot value when the message that opened the form asked something else, which the
FAQ answered ("er det mulig å få forskudd", read as "who may apply"): no verdict."""
ELIGIBILITY_ENTRIES = WHO_MAY_APPLY_ENTRIES
"""FAQ entries the eligibility flow answers itself (by asking the organisation type)."""
"""Slot value after two answers we could not place: answer honestly, stop asking."""
MAX_ATTEMPTS = 2
PUBLICLY_OWNED = frozenset({"municipal_company", "state_owned_company"})
OWNERS = frozenset({"municipality", "region_county", "national_authority"})
"""Types the model may tag for the owner of a publicly owned company."""


def who_may_apply_facts(reply: Reply) -> List[Sourced]:
    """Who may apply in general, and who may not."""
    kb, lang = reply.kb, reply.lang
    return [
        listing.fact(kb, "who_may_apply", lang),
        listing.fact(kb, "not_eligible", lang),
    ]


class ValidateEligibilityForm(KbFormValidationAction):
    def name(self) -> str:
        return "validate_eligibility_form"

    async def extract_organisation_type(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> Dict[str, Any]:
        """The remembered organisation when this message names none ("får vi söka?"
        after "vi är en kommun i Dalarna"): the form need not ask again."""
        if tracker.get_slot("organisation_type") or tracker.get_slot("requested_slot"):
            return {}
        reply = self.reply
        text = reply.text
        if text.startswith("/"):
            return {}
        lang, snap = reply.lang, reply.snap
        if self._another_role_answered(text):
            return {"organisation_type": ANSWERED}
        if self._only_some_answered(text):
            return {"organisation_type": ANSWERED}
        if organisation_in(snap, text, lang).label:
            # "kan trafikverket vara part", whether or not the model tagged it
            return {"organisation_type": head(text)}
        if listing.asks_when_to_apply(snap.kb, text):
            # "kan vi søke i desember?" asks when, not who: the calls answer it
            say_calls_for_a_time(reply)
            return {"organisation_type": ANSWERED}
        if (
            compose(snap, text, lang, profile_of(tracker)).compound
            or outside_partner_part(snap, text, lang) is not None
        ):
            # "vi finns i Strömstad, får vi söka?": the place and the question in
            # one reply (it asks for the organisation itself), not the form; "kan en
            # organisation i Finland vara med som partner?": the outside-area rule
            events = answered_in_context(reply) or []
            return {
                "organisation_type": ANSWERED,
                **{e["name"]: e["value"] for e in events if e.get("event") == "slot"},
            }
        if not asks_who_may_take_part(text):
            # "hvem sitter i styringskomiteen", read as "who may apply": the FAQ's
            # answer, "did you mean …?", or an honest "I don't know", never the card
            if not answered_precisely(reply, frozenset()):
                say_not_known(reply, snap.faq.answer(text, lang))
            return {"organisation_type": ANSWERED}
        if answered_precisely(
            reply, ELIGIBILITY_ENTRIES, offer_choices=False
        ):  # the message asked something more specific than "may we apply?"
            return {"organisation_type": ANSWERED}
        known = tracker.get_slot("known_organisation_type")
        if (
            not known and not asks_who(text) and snap.faq.vocabulary.unknown_words(text)
        ):  # "kan vi få stöd för att bygga en ny skidlift?": whether the programme
            # funds a thing it never mentions is not who may apply: say we do not
            # know and where to ask, not "which organisation are you?" ("hvem kan
            # egentlig søke?" still asks who)
            say_not_known(reply, snap.faq.answer(text, lang))
            return {"organisation_type": ANSWERED}
        return {"organisation_type": known} if known else {}

    async def validate_organisation_type(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> Dict[str, Any]:
        """Turn whatever the user wrote into a canonical type, or ask once more.

        A type only an adviser can decide (a sameby, an organisation outside the
        programme area: ``result.route``) is answered, not asked for again; for a
        place the slot keeps the user's words, so the answer can name the place.
        """
        if slot_value == ANSWERED:
            return {"organisation_type": ANSWERED}
        latest = str(tracker.latest_message.get("text") or "")
        if not tracker.get_slot("requested_slot") and (
            self._another_role_answered(latest)
            or self._only_some_answered(latest)
            or self._other_question_answered(latest)
        ):  # the model tagged the county in "kan ikke fylkeskommunen godkjenne …?",
            # the company in "Må vi skatte av tilskuddet som AS?"
            return {"organisation_type": ANSWERED}
        lang, snap = self.reply.lang, self.reply.snap
        checker = snap.eligibility
        text = str(slot_value or "")
        result = (
            checker.check(None, text, lang)
            if text in snap.kb.organisation_types
            else None
        )
        if result is None or (result.eligible is None and not result.route):
            result = checker.check(head(text), None, lang)
        checked = text
        own = organisation_in(snap, latest, lang) if latest != text else None
        if own is not None and own.organisation_type not in (
            None,
            result.organisation_type,
        ):  # the entity named the partner ("min enskilda firma … med ett AS i Norge")
            result = own
        elif latest and latest != text:
            whole = checker.check(head(latest), None, lang)
            if (
                (result.eligible is None and not result.route)
                or (
                    (whole.outside_area or whole.without_legal_entity)
                    and whole.organisation_type == result.organisation_type
                )
                or (
                    whole.organisation_type in PUBLICLY_OWNED
                    and result.organisation_type in OWNERS
                )
            ):  # "et aksjeselskap i Bergen", "en förening utan organisationsnummer"
                # whose entity gave only "company" or "förening"; "et selskap eid av
                # flere kommuner", whose entity named the owner
                result, checked = whole, latest
        if result.route:
            return {
                "organisation_type": checked
                if result.outside_area or result.without_legal_entity
                else result.organisation_type,
                "organisation_attempts": 0,
            }
        if result.eligible is not None:
            return {
                "organisation_type": result.organisation_type,
                "organisation_attempts": 0,
            }
        if not tracker.get_slot("requested_slot") and self._answered_instead(latest):
            return {"organisation_type": ANSWERED, "organisation_attempts": 0}
        attempts = int(tracker.get_slot("organisation_attempts") or 0) + 1
        if attempts >= MAX_ATTEMPTS:
            return {"organisation_type": UNKNOWN, "organisation_attempts": 0}
        dispatcher.utter_message(text=" ".join(result.reasons))
        return {"organisation_type": None, "organisation_attempts": attempts}

    def _another_role_answered(self, text: str) -> bool:
        """A question whether an organisation may do something other than apply
        ("Kan fylkeskommunen være med å medfinansiere?", "kan inte regionen godkänna
        projektet själv?"), answered: the FAQ's entry, "did you mean …?" or "I don't
        know"; never the organisation's verdict."""
        if text.startswith("/") or not asks_about_another_role(text):
            return False
        self._answer_without_verdict(text)
        return True

    def _only_some_answered(self, text: str) -> bool:
        """Whether only some kinds may apply ("är det bara kommuner som får söka?",
        "må man være en kommune for å søke?"), answered with who may apply – with
        the message's other parts when it tells who the user is – never with the
        verdict for the kind it names, which would read as "yes, only them"."""
        if text.startswith("/") or not asks_if_only_some_may_apply(text):
            return False
        if answered_in_context(self.reply) is None:
            say_sourced(
                self.reply, who_may_apply_facts(self.reply), answer="who_can_apply"
            )
        return True

    def _other_question_answered(self, text: str) -> bool:
        """A question the model read as naming the user's organisation that asks what
        else applies to it ("Må vi skatte av tilskuddet som AS?", "trenger ikke en
        kommune følge anskaffelsesreglene?"): answered without the verdict, or with it
        in one reply when the message also tells who and where the user is ("Vi är
        ett AB i Karlstad, måste vi ha medfinansiering?"). "AB ok?", "hva med et lite
        AS i Trysil?" and a statement ("Vi är en kommun i Dalarna.") keep the form."""
        snap, lang = self.reply.snap, self.reply.lang
        if text.startswith("/") or not questions(text):
            return False
        named = organisation_in(snap, text, lang).matched or ""
        if not asks_other_than_taking_part(text, named):
            return False
        if compose(snap, text, lang, profile_of(self.reply.tracker)).compound:
            answered_in_context(self.reply)
        else:
            self._answer_without_verdict(text)
        return True

    def _answer_without_verdict(self, text: str) -> None:
        """The FAQ's entry, "did you mean …?" or "I don't know"; never who may apply,
        which is what the question is not about ("kan vi være søker i flere
        prosjekter samtidig?")."""
        faq = self.reply.snap.faq.answer(text, self.reply.lang)
        who_may_apply = (
            faq.best is not None and faq.best.entry_id in ELIGIBILITY_ENTRIES
        )
        if who_may_apply or not answered_precisely(self.reply, frozenset()):
            say_not_known(self.reply, faq)

    def _answered_instead(self, latest: str) -> bool:
        """A first message read as naming an organisation that names none ("Behöver
        vi en kommunikationsplan?": the model took the plan for one) but asks a
        question the FAQ answers with confidence: that answer, not "I do not know
        that organisation type"."""
        reply = self.reply
        if not questions(latest):
            return False
        faq = reply.snap.faq.answer(latest, reply.lang)
        if (
            not faq.answered
            or faq.best is None
            or faq.best.entry_id in ELIGIBILITY_ENTRIES
        ):
            return False
        say_faq(reply, faq)
        return True


class ActionAskOrganisationType(KbAction):
    """The form's question, preceded by who may apply in general.

    The question is the knowledge base's (messages.yml ``ask_organisation_type``,
    the same one a composed reply asks); domain.yml's response adds "write it or
    choose below" and the buttons, whose payloads are Rasa's.
    """

    def name(self) -> str:
        return "action_ask_organisation_type"

    async def answer(self, reply: Reply) -> List[EventType]:
        kb, lang = reply.kb, reply.lang
        if not reply.tracker.get_slot("organisation_attempts"):
            say_sourced(reply, who_may_apply_facts(reply), answer="who_can_apply")
        reply.dispatcher.utter_message(
            response="utter_ask_organisation_type",
            question=kb.message("ask_organisation_type", lang),
        )
        return []


class ActionAnswerEligibility(KbAction):
    """Verdict for the organisation type in the slot, as text and as a card."""

    def name(self) -> str:
        return "action_answer_eligibility"

    async def answer(self, reply: Reply) -> List[EventType]:
        type_id = reply.tracker.get_slot("organisation_type")
        if type_id == ANSWERED:  # the form's first turn answered it: not twice
            return [
                SlotSet("organisation_type", None),
                SlotSet("organisation_attempts", 0),
            ]
        in_context = answered_in_context(reply)
        if in_context is not None:
            return [
                *in_context,
                SlotSet("organisation_type", None),
                SlotSet("organisation_attempts", 0),
            ]
        kb, lang = reply.kb, reply.lang
        result = reply.snap.eligibility.check(
            None, type_id if type_id != UNKNOWN else None, lang
        )
        if result.eligible is None and not result.route:
            text = reply.render("utter_eligibility_unknown")
        else:  # a verdict, or a route to an adviser that states the rule
            verdict = "utter_eligible_yes" if result.eligible else "utter_eligible_no"
            parts = [
                *(
                    [reply.render(verdict, label=result.label)]
                    if result.eligible is not None
                    else []
                ),
                *result.reasons,
            ]
            if result.requirements:
                parts.append(
                    reply.render("utter_requirements_intro")
                    + "\n"
                    + bullet_list(result.requirements)
                )
            if result.eligible:
                parts.append(listing.fact(kb, "find_partner_yourself", lang).text)
            text = "\n\n".join(parts)
        org = kb.organisation_types.get(result.organisation_type or "")
        general = kb.eligibility
        qualifiers = [
            *([general.outside_area] if result.outside_area else []),
            *([general.without_legal_entity] if result.without_legal_entity else []),
        ]
        items = [
            *(Sourced(text, tuple(q.sources), q.as_of) for q in qualifiers if q),
            *([Sourced(text, tuple(org.sources), org.as_of)] if org else []),
            Sourced(text, tuple(general.general_sources), general.general_as_of),
        ]
        send_sourced(reply, text, items, result.payload())
        return [SlotSet("organisation_type", None), SlotSet("organisation_attempts", 0)]
