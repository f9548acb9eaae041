"""A card is the answer only to the question it answers (issue 12).

The model's intent names a topic; the message may ask something that topic's card
does not say: who sits on a committee (read as "who may apply"), whether a förstudie
is a must (read as "project types"), a procurement rule (read as a project idea),
whether one must talk to an adviser (read as "contact a person"). Each gets the FAQ's
answer, "did you mean …?" or an honest "I don't know" — never the neighbouring card.
"""

from __future__ import annotations

from typing import List, Optional

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import reply_for
from actions.eligibility import ANSWERED, ValidateEligibilityForm
from actions.programme import ActionContact, ActionProjectTypes
from tests.support.dispatch import cards

pytestmark = pytest.mark.usefixtures("unanswered_log")


def answered(dispatcher: CollectingDispatcher) -> List[str]:
    """What each card answered, as the benchmark reads it."""
    found = []
    for message in dispatcher.messages:
        card = message.get("custom")
        if not card:
            if message.get("buttons"):  # "did you mean …?"
                found.append("clarify")
            continue
        kind = card.get("type")
        if kind == "faq":
            best = card.get("best") or {}
            found.append(
                f"faq:{best.get('entry_id')}" if card["answered"] else "clarify"
            )
        elif kind == "answer":
            found.append(str(card.get("answer")))
        else:
            found.append(str(kind))
    return found


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hvem sitter i styringskomiteen"),
        ("sv", "vilka sitter i övervakningskommittén?"),
        ("nb", "får jeg pensjonsopptjening i en prosjektstilling?"),
        ("sv", "vem betalar min lön under projektet?"),
        ("nb", "hvem har skrevet programmet?"),
        ("sv", "vem bestämmer vilka indikatorer vi ska ha?"),
    ],
)
async def test_a_question_about_something_else_is_not_asked_for_an_organisation(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = (
        await ValidateEligibilityForm()
        .for_reply(reply_for(dispatcher, tracker, domain))
        .extract_organisation_type(dispatcher, tracker, domain)
    )
    assert slots == {"organisation_type": ANSWERED}
    got = answered(dispatcher)
    assert got and "who_can_apply" not in got, got
    assert set(got) <= {"clarify", "not_known"} | {g for g in got if g[:4] == "faq:"}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vem får vara med och söka?"),
        ("nb", "hvem kan være med?"),
        ("sv", "gäller det alla organisationer?"),
        ("nb", "hvem kan stå som søker?"),
        ("sv", "vilka är behöriga?"),
        ("nb", "hvem kan få støtte?"),
    ],
)
async def test_who_may_take_part_still_asks_for_the_organisation(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = (
        await ValidateEligibilityForm()
        .for_reply(reply_for(dispatcher, tracker, domain))
        .extract_organisation_type(dispatcher, tracker, domain)
    )
    assert slots == {} and dispatcher.messages == []


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "slipper vi göra förstudie om vi redan har partnerskapet klart", None),
        ("nb", "slepper vi å gjøre forprosjekt når partnerskapet er klart?", None),
        ("sv", "måste en förstudie ha en norsk partner?", None),
        ("nb", "må et forprosjekt ha med en svensk partner?", None),
        ("sv", "måste man göra en förstudie först?", "forstudie_required"),
        ("nb", "må vi gjennomføre et forprosjekt først?", "forstudie_required"),
    ],
)
async def test_whether_a_type_is_a_must_is_not_the_types_card(
    make_tracker, domain, lang: str, text: str, entry: Optional[str]
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text,
        "ask_project_types",
        lang,
        entities=[{"entity": "project_type", "value": "forprosjekt"}],
        slots={"project_type": "forprosjekt"},
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    got = answered(dispatcher)
    assert not any(g.startswith("project_type") for g in got), got
    if entry:
        assert got[0] == f"faq:{entry}", got


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "berätta om förstudier"),
        ("nb", "hva er et forprosjekt?"),
        ("sv", "hur länge pågår en förstudie?"),
    ],
)
async def test_a_question_about_the_type_itself_keeps_its_answer(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text,
        "ask_project_types",
        lang,
        entities=[{"entity": "project_type", "value": "forprosjekt"}],
        slots={"project_type": "forprosjekt"},
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    got = answered(dispatcher)
    assert got and got[0] not in {"clarify", "not_known"}, got


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "måste vi upphandla enligt LOU i projektet", "procurement"),
        ("nb", "må vi følge anskaffelsesregelverket i prosjektet", "procurement"),
    ],
)
async def test_a_rule_question_heard_with_a_kind_of_project_is_no_idea(
    make_tracker, domain, lang: str, text: str, entry: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text,
        "ask_project_types",
        lang,
        entities=[{"entity": "project_type", "value": "projektet"}],
        slots={"project_type": "projektet"},
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    assert answered(dispatcher)[0] == f"faq:{entry}"


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("sv", "behöver man inte prata med en rådgivare innan man söker?", "faq"),
        ("nb", "må vi ikke snakke med en rådgiver før vi søker?", "faq"),
        ("sv", "kan jag mejla mina frågor om projektidén till den gemensamma adressen?", "faq"),
        ("sv", "kan vi söka utan att ha pratat med en rådgivare?", "faq"),
        ("nb", "kan vi søke uten å snakke med rådgiveren", "faq"),
        ("nb", "Kan vi søke uten å ha snakket med en rådgiver først?", ("faq", "not_known")),
        ("sv", "vem kan jag kontakta?", "contact"),
        ("nb", "hvem kan jeg ringe?", "contact"),
        ("sv", "Finns det någon rådgivare i Dalarna?", "contact"),
        ("nb", "finnes det en rådgiver i Innlandet?", "contact"),
    ],
)  # fmt: skip
async def test_whether_to_talk_to_an_adviser_is_answered_before_the_card(
    make_tracker, domain, lang: str, text: str, first: object
) -> None:
    """A rule asked under "contact" ("kan vi søke uten …?") is answered, or said to
    be unsure with the close questions, before the card; never the card alone."""
    dispatcher = CollectingDispatcher()
    await ActionContact().run(dispatcher, make_tracker(text, "ask_human", lang), domain)
    kinds = [c.get("type") for c in cards(dispatcher)]
    assert (
        kinds[0] in (first if isinstance(first, tuple) else (first,))
        and kinds[-1] == "contact"
    ), kinds


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("nb", "gjelder reglene om statsstøtte for oss", "state_aid"),
        ("sv", "gäller reglerna om statsstöd för oss", "state_aid"),
    ],
)
async def test_a_question_the_faq_answers_is_no_theme(
    make_tracker, domain, lang: str, text: str, entry: str
) -> None:
    """Read as "why cross-border?" with words of a focus area, but the FAQ answers it."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_cross_border", lang)
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert answered(dispatcher)[0] == f"faq:{entry}"
