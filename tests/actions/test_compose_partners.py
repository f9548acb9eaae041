"""A partner named by place (issue 12): outside the area gets the rule for outside
partners, inside gets the partner rule for the user's side, and a partner's place
outside the area says nothing about which side the user is on."""

from __future__ import annotations

from typing import Any

import pytest

import programme_kb
from actions.base import reply_for
from programme_kb.compose import compose, told


def snap() -> Any:
    return programme_kb.shared_service().snapshot


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "får en partner från stockholm vara med i projektet"),
        ("sv", "Får en partner från Stockholm vara med i projektet?"),
        ("nb", "kan en partner fra oslo være med"),
        ("nb", "kan vi ha en partner fra Bergen i prosjektet?"),
        ("sv", "kan en partner i malmö vara med?"),
    ],
)
def test_a_partner_from_outside_the_area_gets_the_outside_rule(
    lang: str, text: str
) -> None:
    result = compose(snap(), text, lang)
    kinds = [p.kind for p in result.parts]
    entries = [p.data.get("entry") for p in result.parts]
    assert "outside_area_partner" in entries, kinds
    assert "not_known" not in kinds
    assert told(snap(), text, lang).side is None


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("sv", "kan vi ha en partner i Trysil? vi är en kommun i Östersund", "se"),
        ("nb", "kan vi ha en partner i Östersund? vi er en kommune i Trysil", "no"),
    ],
)
def test_a_partner_in_the_area_gets_the_rule_for_the_users_side(
    lang: str, text: str, side: str
) -> None:
    result = compose(snap(), text, lang)
    kinds = [p.kind for p in result.parts]
    assert "not_known" not in kinds and "partner" in kinds, kinds
    assert told(snap(), text, lang).side == side


@pytest.mark.parametrize(
    ("lang", "text", "side"),
    [
        ("sv", "vi vill jobba med hållbar turism tillsammans med Trysil", "se"),
        ("nb", "vi vil samarbeide med Östersund om turisme", "no"),
    ],
)
def test_a_partner_place_in_the_area_still_tells_the_users_side(
    lang: str, text: str, side: str
) -> None:
    assert told(snap(), text, lang).side == side


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi har en samarbetspart i umeå, får de vara med"),
        ("sv", "vi samarbetar med en förening i Stockholm"),
        ("nb", "vi har en samarbeidspartner i Oslo, går det?"),
    ],
)
def test_a_partner_placed_outside_the_area_gets_the_outside_rule(
    lang: str, text: str
) -> None:
    result = compose(snap(), text, lang)
    entries = [p.data.get("entry") for p in result.parts]
    assert "outside_area_partner" in entries
    assert "not_known" not in [p.kind for p in result.parts]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi sitter i dalarna, vilket norskt fylke ska vi helst samarbeta med"),
        ("nb", "vi holder til i Trysil, hvilken svensk region bør vi samarbeide med"),
    ],
)
def test_a_partner_question_the_faq_cannot_answer_gets_the_rule_for_the_side(
    lang: str, text: str
) -> None:
    kinds = [p.kind for p in compose(snap(), text, lang).parts]
    assert "partner" in kinds and "not_known" not in kinds


async def test_a_place_and_may_we_apply_get_one_reply(make_tracker, domain) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.eligibility import ANSWERED, ValidateEligibilityForm

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "vi finns i strömstad, får vi söka", "ask_who_can_apply", "sv"
    )
    slots = (
        await ValidateEligibilityForm()
        .for_reply(reply_for(dispatcher, tracker, domain))
        .extract_organisation_type(dispatcher, tracker, domain)
    )
    assert slots["organisation_type"] == ANSWERED
    card = next(m["custom"] for m in dispatcher.messages if m.get("custom"))
    assert card["type"] == "compound"
    assert card["parts"][0]["kind"] == "place"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "vi driver redan ett nätverk för lantbrukare och vill ha pengar för att fortsätta driva det",
        ),
        ("sv", "räcker det inte att vi gör samma sak som förut fast med en ny partner"),
        ("nb", "vi ønsker å videreføre nettverket vårt for bønder"),
        ("nb", "vi vil fortsette å drive festivalen vi har i dag"),
    ],
)
def test_money_to_continue_what_exists_meets_the_rule_that_projects_are_new(
    lang: str, text: str
) -> None:
    entries = [p.data.get("entry") for p in compose(snap(), text, lang).parts]
    assert "project_must_be_new" in entries


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi vill utveckla turism i fjällen"),
        ("nb", "vi skal fortsette arbeidet med søknaden neste uke"),
    ],
)
def test_a_new_idea_is_not_told_it_must_be_new(lang: str, text: str) -> None:
    entries = [p.data.get("entry") for p in compose(snap(), text, lang).parts]
    assert "project_must_be_new" not in entries


async def test_the_rule_alone_is_answered_whatever_the_topic(
    make_tracker, domain
) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context

    text = "vi driver redan ett nätverk och vill ha pengar för att fortsätta driva det"
    dispatcher = CollectingDispatcher()
    events = answered_in_context(
        reply_for(dispatcher, make_tracker(text, "describe_project", "sv"), domain)
    )
    assert events is not None
    card = next(m["custom"] for m in dispatcher.messages if m.get("custom"))
    assert card["parts"][0]["data"]["entry"] == "project_must_be_new"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi hittar ingen partner i Norge, hur brukar man göra"),
        ("sv", "vi har inte hittat någon norsk partner, vad gör vi nu?"),
        ("sv", "vi saknar samarbetspartner på norska sidan, har ni tips?"),
        ("sv", "hur får vi tag på en norsk projektägare?"),
        ("nb", "vi finner ingen partner i Sverige, hva gjør vi"),
        ("nb", "vi mangler en svensk samarbeidspartner, har dere noen råd?"),
        ("nb", "korleis finn vi ein partnar i Sverige?"),
        ("sv", "behöver vi hjälp att hitta en partner i Norge?"),
        ("nb", "vi trenger hjelp til å finne en svensk partner"),
    ],
)
def test_looking_for_a_partner_asks_for_search_help(lang: str, text: str) -> None:
    from programme_kb.compose import partner_help_part
    from programme_kb.compose.partner import seeks_partner

    assert seeks_partner(text)
    part = partner_help_part(snap().kb, text, lang)
    assert part is not None and part.data.get("entry") == "find_partners"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "kan vi söka utan partner i Norge?"),
        ("sv", "vi har ingen partner, kan vi söka ändå?"),
        ("sv", "måste vi ha en norsk partner?"),
        ("sv", "hur hittar vi rätt insatsområde?"),
        ("nb", "kan en norsk organisasjon søke alene?"),
        ("nb", "må vi ha en svensk partner?"),
        ("nb", "må vi skrive avtale med den svenske parten?"),
        ("nb", "Trenger vi ikke svensk partner hvis vi bare gjør et forprosjekt?"),
        ("sv", "behöver vi inte ha någon norsk partner om vi gör en förstudie?"),
        ("nb", "treng vi ikkje ein svensk partnar når vi gjer eit forprosjekt?"),
        ("sv", "krävs ingen partner i Norge för småskaliga projekt, hur gör vi då?"),
        ("nb", "trenger vi ikke en svensk partner? vi har ikke funnet noen ennå"),
        ("sv", "behöver vi verkligen en norsk partner, vi hittar ingen"),
    ],
)
def test_the_partner_rule_is_no_search(lang: str, text: str) -> None:
    from programme_kb.compose.partner import seeks_partner

    assert not seeks_partner(text)


@pytest.mark.parametrize(
    ("lang", "text", "slots"),
    [
        ("sv", "vi hittar ingen partner i norge, hur brukar man göra", {}),
        ("nb", "vi finner ingen partner i sverige, hva gjør vi", {}),
        ("sv", "vi hittar ingen partner, hur gör man?", {"known_side": "se"}),
        (
            "nb",
            "vi har ikke funnet noen partner ennå, hva gjør vi?",
            {"known_side": "no"},
        ),
    ],
)
async def test_a_partner_search_gets_the_search_answer_not_the_rule(
    make_tracker, domain, lang: str, text: str, slots: dict
) -> None:
    """Read as "ask_partner", with or without a known side: how to find a partner
    (the applicants find one themselves; where to look), not "you need a partner"."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_partner", lang, slots)
    assert answered_in_context(reply_for(dispatcher, tracker, domain)) is not None
    cards = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert [c.get("answer") for c in cards] == ["faq:find_partners"]


@pytest.mark.parametrize(
    ("lang", "text", "outside"),
    [
        ("nb", "kan vi søke om interreg-støtte til et prosjekt med finland", True),
        ("sv", "går det att söka för ett projekt tillsammans med Danmark?", True),
        ("nb", "kan vi ha et prosjekt med en kommune i Tyskland?", True),
        ("sv", "kan vi söka för ett projekt med europeiska medel?", False),
        ("nb", "kan vi søke om et prosjekt med fokus på Europa?", False),
    ],
)
def test_a_project_with_another_country_gets_the_outside_rule(
    lang: str, text: str, outside: bool
) -> None:
    from programme_kb.compose import outside_partner_part

    part = outside_partner_part(snap(), text, lang)
    assert (
        part is not None and part.data.get("entry") == "outside_area_partner"
    ) is outside


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "nb",
            "Eg har ein idé om å samarbeide med ein svensk kommune om skulebuss over "
            "grensa, kva innsatsområde passar?",
        ),
        (
            "sv",
            "vi vill samarbeta med en norsk kommun om gemensam kollektivtrafik, "
            "vilket insatsområde passar?",
        ),
    ],
)
async def test_a_focus_question_with_a_partner_named_gets_the_focus_areas(
    make_tracker, domain, lang: str, text: str
) -> None:
    """Cooperating with someone is the idea's setting; the question is the focus
    area: no partner advice in its place, the idea goes on to the focus areas."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import ActionCompose
    from tests.support.dispatch import cards

    dispatcher = CollectingDispatcher()
    events = await ActionCompose().run(
        dispatcher, make_tracker(text, "describe_project", lang), domain
    )
    assert not any(c.get("answer") == "context:partner" for c in cards(dispatcher))
    composed = [e["value"] for e in events if e.get("name") == "idea_composed"]
    assert composed == [False] or any(
        c.get("type") == "focus_areas" for c in cards(dispatcher)
    )


@pytest.mark.parametrize(
    ("text", "which_area"),
    [
        ("vi er i Trondheim – hvilke svenske partnere passer best for oss?", False),
        ("kva innsatsområde passar for skulebuss over grensa?", True),
        ("vilket insatsområde passar vår idé?", True),
    ],
)
def test_which_partner_fits_is_no_focus_question(text: str, which_area: bool) -> None:
    """ "Passer" asks about a focus area only beside the area word."""
    from programme_kb.compose.message import asks_which_focus_area

    assert asks_which_focus_area(text) is which_area


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("sv", "Hur mycket stöd får den norska partnern?", "ask_budget"),
        ("sv", "Hur mycket stod far den norska partnern?", "ask_budget"),
        ("nb", "Hvor mye støtte får den svenske partneren?", "ask_budget"),
        ("nb", "Kan vi ikke være tre partnere, to norske og en svensk?", "ask_partner"),
        ("sv", "Får vi vara två svenska parter och en norsk?", "ask_partner"),
        ("nb", "Hvor mange partnere kan vi ha?", "ask_partner"),
        ("sv", "Hur länge måste den norska partnern vara med?", "ask_partner"),
    ],
)
async def test_a_detail_about_the_partner_is_not_answered_with_the_rule(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    """An amount, a count or a duration about the partner is a detail the partner
    rule ("ni behöver en projektägare på norsk sida …") does not give: the topic's
    own answer, a choice or an honest "I don't know" follows instead."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context

    dispatcher = CollectingDispatcher()
    events = answered_in_context(
        reply_for(dispatcher, make_tracker(text, intent, lang), domain)
    )
    assert events is None, dispatcher.messages


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "måste vi ha en norsk partner?"),
        ("nb", "må vi ha en svensk partner?"),
        ("nb", "trenger vi en partner i Sverige?"),
    ],
)
async def test_the_partner_rule_question_still_gets_the_rule_for_the_side(
    make_tracker, domain, lang: str, text: str
) -> None:
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context
    from tests.support.dispatch import cards

    dispatcher = CollectingDispatcher()
    events = answered_in_context(
        reply_for(dispatcher, make_tracker(text, "ask_partner", lang), domain)
    )
    assert events is not None
    assert any(
        str(c.get("answer", "")).startswith("context:partner")
        for c in cards(dispatcher)
    ), dispatcher.messages


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Måste vår norska partner också använda Min ansökan?"),
        ("nb", "Må den svenske partneren også søke i regionalforvaltning.no?"),
    ],
)
async def test_where_the_partner_applies_still_gets_the_partner_part(
    make_tracker, domain, lang: str, text: str
) -> None:
    """The partner part says both sides apply in parallel, each in its own system."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context

    dispatcher = CollectingDispatcher()
    answered_in_context(
        reply_for(dispatcher, make_tracker(text, "ask_partner", lang), domain)
    )
    cards = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert any(str(c.get("answer", "")).startswith("context:partner") for c in cards)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "nb",
            "Hvilke svenske regioner bør vi finne partner i når vi er fra Trøndelag?",
        ),
        ("sv", "Vilka norska fylken ska vi hitta partner i när vi är från Värmland?"),
    ],
)
async def test_which_regions_to_find_a_partner_in_is_the_pairing(
    make_tracker, domain, lang: str, text: str
) -> None:
    """ "finne partner" asks where to look, which the pairing answers; not how to
    search for one."""
    from rasa_sdk.executor import CollectingDispatcher

    from actions.compose import answered_in_context

    dispatcher = CollectingDispatcher()
    answered_in_context(
        reply_for(dispatcher, make_tracker(text, "ask_partner", lang), domain)
    )
    cards = [m["custom"] for m in dispatcher.messages if m.get("custom")]
    assert not any(c.get("answer") == "faq:find_partners" for c in cards), cards
