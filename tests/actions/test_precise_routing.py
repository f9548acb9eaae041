"""A message read as "who may apply?" that asks something more specific (issue 12):
the eligibility form's first turn lets the FAQ answer it, and ends without a verdict."""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional, Tuple

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import KbAction, render, reply_for
from actions.common import DomainDict
from actions.eligibility import (
    ANSWERED,
    ELIGIBILITY_ENTRIES,
    ActionAnswerEligibility,
    ValidateEligibilityForm,
)


def payloads(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


pytestmark = pytest.mark.usefixtures("unanswered_log")


async def extract_organisation(
    dispatcher: CollectingDispatcher, tracker: Any, domain: DomainDict
) -> Dict[str, Any]:
    """The eligibility form's first turn: what it extracts for the organisation."""
    return await (
        ValidateEligibilityForm()
        .for_reply(reply_for(dispatcher, tracker, domain))
        .extract_organisation_type(dispatcher, tracker, domain)
    )


async def validate_organisation(
    dispatcher: CollectingDispatcher, tracker: Any, domain: DomainDict, value: Any
) -> Dict[str, Any]:
    """The eligibility form validating an organisation the model tagged."""
    return await (
        ValidateEligibilityForm()
        .for_reply(reply_for(dispatcher, tracker, domain))
        .validate_organisation_type(value, dispatcher, tracker, domain)
    )


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        ("nb", "er det mulig å få forskudd", "advance_payment"),
        ("sv", "kan vi få pengar i förskott", "advance_payment"),
        ("sv", "när betalas pengarna ut", "payment_time"),
        ("nb", "kan vi få driftstilskudd", "operating_support"),
    ],
)
async def test_a_specific_question_gets_its_faq_answer_not_the_form(
    make_tracker, domain, lang: str, text: str, entry_id: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {"organisation_type": ANSWERED}
    faq = [p for p in payloads(dispatcher) if p.get("type") == "faq"]
    assert faq and faq[0]["best"]["entry_id"] == entry_id
    # The form then completes; the verdict action says nothing more.
    closing = CollectingDispatcher()
    events = await ActionAnswerEligibility().run(
        closing,
        make_tracker(text, "ask_who_can_apply", lang, {"organisation_type": ANSWERED}),
        domain,
    )
    assert closing.messages == []
    assert {e["name"]: e["value"] for e in events} == {
        "organisation_type": None,
        "organisation_attempts": 0,
    }
    validated = (
        await ValidateEligibilityForm()
        .for_reply(reply_for(CollectingDispatcher(), tracker, domain))
        .validate_organisation_type(ANSWERED, CollectingDispatcher(), tracker, domain)
    )
    assert validated == {"organisation_type": ANSWERED}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "får vi söka?"),
        ("nb", "kan vi søke?"),
        ("sv", "vilka kan söka stöd"),
        ("nb", "hvem kan søke om støtte"),
        ("sv", "kan vi söka pengar"),
        ("nb", "kan alle søke"),
        ("nb", "hvem kan egentlig søke om støtte?"),
        ("sv", "vilka slags organisationer får söka"),
    ],
)
async def test_may_we_apply_still_asks_for_the_organisation(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {} and dispatcher.messages == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Kan vi få stöd för att bygga en ny skidlift?"),
        ("nb", "kan vi søke om penger til en ny skiheis?"),
        ("sv", "får vi söka pengar till en pistmaskin?"),
        ("nb", "får vi støtte til å kjøpe en pistmaskin?"),
    ],
)
async def test_money_for_a_thing_never_mentioned_is_not_who_may_apply(
    make_tracker, domain, lang: str, text: str
) -> None:
    """Read as "who may apply?", a question whether the programme funds something the
    knowledge base never mentions gets an honest "I don't know" with the route, not
    "which organisation are you?"."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {"organisation_type": ANSWERED}
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert kinds and kinds[0] == "not_known", kinds


async def test_a_remembered_organisation_still_fills_the_form(
    make_tracker, domain
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "får vi söka?",
        "ask_who_can_apply",
        "sv",
        {"known_organisation_type": "municipality"},
    )
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {"organisation_type": "municipality"}


@pytest.mark.parametrize(
    ("lang", "text", "taken"),
    [
        ("nb", "prosjektet handler om å redusere utslipp fra tungtransport", True),
        ("sv", "projektet handlar om att minska utsläppen från tung trafik", True),
        ("sv", "vi vill ha ett projekt", False),
        ("nb", "et prosjekt", False),
    ],
)
async def test_a_described_idea_is_not_asked_for_again(
    make_tracker, domain, lang: str, text: str, taken: bool
) -> None:
    """Read as a project idea and long enough: the description itself, even when the
    focus vocabulary knows none of its words (the answer then says so)."""
    from actions.focus import ValidateProjectForm

    slots = (
        await ValidateProjectForm()
        .for_reply(
            reply_for(
                CollectingDispatcher(),
                make_tracker(text, "describe_project", lang),
                domain,
            )
        )
        .extract_project_description(
            CollectingDispatcher(), make_tracker(text, "describe_project", lang), domain
        )
    )
    assert slots == ({"project_description": text} if taken else {})


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        ("sv", "måste vi skriva avtal med norska parten", "cooperation_agreement"),
        (
            "nb",
            "må vi ha en samarbeidsavtale med den svenske partneren",
            "cooperation_agreement",
        ),
    ],
)
async def test_a_specific_partner_question_gets_its_faq_answer(
    make_tracker, domain, lang: str, text: str, entry_id: str
) -> None:
    """Not the partner rule for the user's side: the FAQ answers the detail asked."""
    import programme_kb
    from actions.compose import answered_in_context

    faq = programme_kb.shared_service().snapshot.faq.answer(text, lang)
    assert faq.answered and faq.best is not None and faq.best.entry_id == entry_id

    dispatcher = CollectingDispatcher()
    assert (
        answered_in_context(
            reply_for(dispatcher, make_tracker(text, "ask_partner", lang), domain)
        )
        is None
    )


@pytest.mark.parametrize(
    ("lang", "text", "type_id"),
    [
        ("sv", "kan trafikverket vara part", "national_authority"),
        ("sv", "länsmuseet vill söka, går det", "cultural_institution"),
        ("nb", "kan sykehuset innlandet søke", "hospital"),
        (
            "sv",
            "vi är en församling i svenska kyrkan, kan vi söka",
            "religious_community",
        ),
    ],
)
async def test_an_organisation_named_in_the_first_message_fills_the_form(
    make_tracker, domain, lang: str, text: str, type_id: str
) -> None:
    """Whether or not the model tagged it, the organisation the message names is
    checked at once, not asked for after the general card."""
    events = await ValidateEligibilityForm().run(
        CollectingDispatcher(), make_tracker(text, "ask_who_can_apply", lang), domain
    )
    slots = {e["name"]: e["value"] for e in events}
    assert slots["organisation_type"] == type_id


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vilken myndighet i östersund sköter programmet"),
        ("sv", "vi är ingen myndighet, behöver vi ändå följa LOU när vi köper in"),
        ("nb", "hvilken etat har ansvaret for programmet"),
        ("nb", "vi er ikke et selskap, må vi følge anskaffelsesregelverket"),
    ],
)
def test_an_organisation_asked_about_or_denied_is_not_the_users(
    lang: str, text: str
) -> None:
    import programme_kb
    from programme_kb.compose import organisation_in

    assert (
        organisation_in(programme_kb.shared_service().snapshot, text, lang).label
        is None
    )


@pytest.mark.parametrize(
    ("lang", "text", "slot"),
    [
        ("nb", "forskjell på forprosjekt, hovedprosjekt og småskala?", "småskala"),
        ("sv", "skillnaden mellan förstudie och huvudprojekt", "förstudie"),
    ],
)
async def test_two_project_types_named_get_all_types(
    make_tracker, domain, lang: str, text: str, slot: str
) -> None:
    from actions.programme import ActionProjectTypes

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_project_types", lang, {"project_type": slot})
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    shown = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    names = (
        ["Förstudie", "Huvudprojekt", "Småskaligt"]
        if lang == "sv"
        else ["Forprosjekt", "Hovedprosjekt", "Småskala"]
    )
    assert all(n in shown for n in names), shown[:300]


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("sv", "får vi bjuda på vin på projektets slutkonferens", "ask_project_types"),
        (
            "nb",
            "vi må bytte prosjektleder midt i prosjektet, må vi melde fra",
            "ask_cross_border",
        ),
    ],
)
async def test_a_card_on_another_subject_is_not_the_answer(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    from actions.programme import ActionAnswerTopic, ActionProjectTypes

    action = (
        ActionProjectTypes() if intent == "ask_project_types" else ActionAnswerTopic()
    )
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, make_tracker(text, intent, lang), domain)
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert "not_known" in kinds, kinds


@pytest.mark.parametrize(
    ("lang", "text", "intent", "card"),
    [
        ("sv", "behöver vi ett medfinansieringsintyg", "ask_budget", False),
        (
            "nb",
            "må vi ha en egen revisjonsattest for egenandelen?",
            "ask_budget",
            False,
        ),
        (
            "sv",
            "Räcker det inte med vår egen arbetstid som medfinansiering, måste vi ha "
            "kontanta pengar också?",
            "ask_budget",
            False,
        ),
        ("sv", "måste vi ha medfinansiering?", "ask_budget", True),
        ("nb", "må vi ha egenfinansiering", "ask_budget", True),
    ],
)
async def test_whether_something_is_a_must_is_not_the_topic_card(
    make_tracker, domain, lang: str, text: str, intent: str, card: bool
) -> None:
    """A card describes its topic; it does not say whether something else is a
    must. Unless its own entry is the sure answer, the reply is "I don't know" or
    "did you mean …?" with the close questions, never the card alone."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(dispatcher, make_tracker(text, intent, lang), domain)
    got = _answers(dispatcher)
    if card:
        assert got == [f"topic:{intent}"], got
    else:  # "I don't know", or "did you mean …?" with the close questions
        assert f"topic:{intent}" not in got, got
        assert got or any(m.get("buttons") for m in dispatcher.messages)


@pytest.mark.parametrize(
    ("lang", "text", "intent"),
    [
        ("sv", "hur funkar finansieringen", "ask_budget"),
        ("nb", "hvordan er finansieringen fordelt", "ask_budget"),
        ("sv", "varför ska man samarbeta över gränsen", "ask_cross_border"),
        ("nb", "hvilke prosjekttyper finnes", "ask_project_types"),
    ],
)
async def test_a_general_question_keeps_its_card(
    make_tracker, domain, lang: str, text: str, intent: str
) -> None:
    from actions.programme import ActionAnswerTopic, ActionProjectTypes

    action = (
        ActionProjectTypes() if intent == "ask_project_types" else ActionAnswerTopic()
    )
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, make_tracker(text, intent, lang), domain)
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert "not_known" not in kinds, kinds


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Hur mycket brukar Region Värmland gå in med i medfinansiering?"),
        ("nb", "Hvor mye pleier Trysil kommune å medfinansiere?"),
    ],
)
async def test_what_one_party_usually_does_is_not_the_budget_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    """The co-financing card states the rule; what one municipality or county usually
    puts in is known to nobody here: "I don't know" with the route."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text, "ask_budget", lang), domain
    )
    cards = payloads(dispatcher)
    kinds = [c.get("type") for c in cards] + [
        part.get("kind") for c in cards for part in c.get("parts") or []
    ]
    entries = [
        (part.get("data") or {}).get("entry")
        for c in cards
        for part in c.get("parts") or []
    ]
    assert "not_known" in kinds, cards
    assert "cofinancing_shares" not in entries, cards
    assert "topic:ask_budget" not in _answers(dispatcher), cards


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "varför krävs det att projektet går över gränsen"),
        ("nb", "hvorfor må prosjektet vårt gå over grensen"),
    ],
)
async def test_why_a_project_crosses_the_border_is_the_cross_border_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    """The card gives the reasons for crossing the border in full; the entry on why
    a partner on the other side is needed (``why_partner_other_side``) is no more
    precise an answer to it."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_cross_border", lang)
    await ActionAnswerTopic().run(dispatcher, tracker, domain)
    assert _answers(dispatcher) == ["topic:ask_cross_border"]


@pytest.mark.parametrize(
    ("lang", "text", "slot"),
    [
        ("sv", "vi tänkte köra en förstudie på 18 månader, går det", "förstudie"),
        ("sv", "gäller 10 000 euro för förstudie även norska sidan", "förstudie"),
        ("sv", "Får vi göra två förstudier i rad om samma sak?", "förstudier"),
        ("nb", "Kan vi ha to forprosjekter etter hverandre?", "forprosjekter"),
    ],
)
async def test_a_detail_of_a_named_type_is_not_its_whole_card(
    make_tracker, domain, lang: str, text: str, slot: str
) -> None:
    from actions.programme import ActionProjectTypes

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_project_types", lang, {"project_type": slot})
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert kinds and kinds[0] in ("faq", "not_known"), kinds


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        (
            "nb",
            "må vi ikke følge anskaffelsesregelverket hvis innkjøpet er lite",
            "procurement",
        ),
        ("sv", "kan vi få pengar i förskott?", "advance_payment"),
    ],
)
async def test_a_question_read_as_a_project_idea_gets_its_faq_answer(
    make_tracker, domain, lang: str, text: str, entry_id: str
) -> None:
    from actions.compose import ActionCompose

    dispatcher = CollectingDispatcher()
    events = await ActionCompose().run(
        dispatcher, make_tracker(text, "describe_project", lang), domain
    )
    faq = [p for p in payloads(dispatcher) if p.get("type") == "faq"]
    assert faq and faq[0]["best"]["entry_id"] == entry_id
    assert {
        "event": "slot",
        "timestamp": None,
        "name": "idea_composed",
        "value": True,
    } in events


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hjelper dere oss med å finne partner i sverige"),
        ("sv", "hjälper ni oss att hitta en partner i norge"),
    ],
)
async def test_a_partner_request_without_a_question_mark_gets_its_faq_answer(
    make_tracker, domain, lang: str, text: str
) -> None:
    from actions.compose import answered_in_context

    tracker = make_tracker(text, "ask_partner", lang, {"known_side": "se"})
    dispatcher = CollectingDispatcher()
    if answered_in_context(reply_for(dispatcher, tracker, domain)) is not None:
        # answered in context as a partner search: the same FAQ entry, not the rule
        answers = [c.get("answer") for c in payloads(dispatcher)]
        assert answers == ["faq:find_partners"]


async def test_a_verdict_asked_under_another_topic_is_given(
    make_tracker, domain
) -> None:
    """Read as a partner question, "vi är en församling …, kan vi söka" still gets
    the verdict for the organisation it names."""
    from actions.compose import answered_in_context

    dispatcher = CollectingDispatcher()
    text = "vi är en församling i svenska kyrkan, kan vi söka"
    events = answered_in_context(
        reply_for(dispatcher, make_tracker(text, "ask_partner", "sv"), domain)
    )
    assert events is not None
    card = payloads(dispatcher)[0]
    assert card["type"] == "compound"
    assert card["parts"][0]["data"]["organisation_type"] == "religious_community"


@pytest.mark.parametrize(
    ("lang", "text", "faq_entry"),
    [
        ("nb", "hva er visjonen til programmet", "programme_vision"),
        ("sv", "vilka mål har programmet", None),
    ],
)
async def test_the_goals_card_gives_way_to_a_precise_entry(
    make_tracker, domain, lang: str, text: str, faq_entry: object
) -> None:
    from actions.focus import ActionListGoals

    dispatcher = CollectingDispatcher()
    await ActionListGoals().run(
        dispatcher, make_tracker(text, "ask_goals", lang), domain
    )
    faq = [p for p in payloads(dispatcher) if p.get("type") == "faq"]
    got = faq[0]["best"]["entry_id"] if faq else None
    assert got == faq_entry


@pytest.mark.parametrize(
    ("lang", "text", "first"),
    [
        ("nb", "gdpr, hvem behandler personopplysningene vi sender inn", "faq"),
        ("sv", "jag vill prata med en människa", "contact"),
        ("nb", "kan jeg snakke med en rådgiver", "contact"),
    ],
)
async def test_a_question_read_as_asking_for_a_person_is_answered_first(
    make_tracker, domain, lang: str, text: str, first: str
) -> None:
    """The contact card always comes; a precise FAQ answer comes before it."""
    from actions.programme import ActionContact

    dispatcher = CollectingDispatcher()
    await ActionContact().run(dispatcher, make_tracker(text, "ask_human", lang), domain)
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert kinds[0] == first and kinds[-1] == "contact", kinds


async def _validate_tagged(
    make_tracker: Callable[..., Any],
    domain: DomainDict,
    text: str,
    lang: str,
    tagged: str,
) -> Tuple[Dict[str, Any], CollectingDispatcher]:
    """The eligibility form's validation of an organisation the model tagged in a
    first message (the slot filled before the form's first turn)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "inform_organisation", lang)
    slots = await validate_organisation(dispatcher, tracker, domain, tagged)
    return slots, dispatcher


def _answers(dispatcher: CollectingDispatcher) -> List[str]:
    """What each card of the reply answered, as the benchmark reads it."""
    found = []
    for card in payloads(dispatcher):
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
    ("lang", "text", "intent", "action"),
    [
        (
            "nb",
            "hvor mye fikk prosjektet Grensetjenesten i støtte",
            "ask_budget",
            "topic",
        ),
        ("sv", "hur mycket pengar fick Värmland förra året", "ask_budget", "topic"),
        (
            "sv",
            "vilka projekt fick pengar i Jämtland förra året",
            "ask_programme_area",
            "area",
        ),
        (
            "nb",
            "hvilke prosjekter fikk støtte i Innlandet i fjor",
            "ask_project_types",
            "types",
        ),
        ("nb", "hvor mange prosent av søknadene får avslag", "ask_faq", "faq"),
        ("sv", "hur många ansökningar kom in i höstas", "ask_calls", "calls"),
        (
            "sv",
            "vad heter handläggaren för delområde Nordens Gröna Bälte",
            "ask_programme_area",
            "area",
        ),
        ("nb", "hva heter saksbehandleren i Trøndelag", "ask_programme_area", "area"),
    ],
)
async def test_records_and_officers_get_not_known_whatever_the_topic(
    make_tracker, domain, lang: str, text: str, intent: str, action: str
) -> None:
    """Figures for a project, period or place, and an officer's name, are kept
    nowhere: the reply says so (and where to ask), never the topic's card, a place
    card or a neighbouring FAQ entry."""
    from actions.fallback import ActionAnswerFaq
    from actions.programme import (
        ActionAnswerTopic,
        ActionCalls,
        ActionProgrammeArea,
        ActionProjectTypes,
    )

    runs: Dict[str, Callable[[], KbAction]] = {
        "topic": ActionAnswerTopic,
        "area": ActionProgrammeArea,
        "types": ActionProjectTypes,
        "faq": ActionAnswerFaq,
        "calls": ActionCalls,
    }
    dispatcher = CollectingDispatcher()
    await runs[action]().run(dispatcher, make_tracker(text, intent, lang), domain)
    assert _answers(dispatcher) == ["not_known"]
    # figures: the programme's news and an adviser, not the handbook of rules;
    # an officer's name: the general route to an adviser
    officer = any(w in text for w in ("handläggare", "saksbehandler"))
    expected = "utter_dont_know" if officer else "utter_dont_know_records"
    said = [m["text"] for m in dispatcher.messages if m.get("text")]
    assert said == [render(domain, expected, lang)]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "nb",
            "fristen er i februar og svar kommer vel i mai, men vi vil starte i mars, går det",
        ),
        ("sv", "sista dag är i februari och beslut kommer i maj, kan vi börja i mars?"),
        ("sv", "vi skickar in i februari, får vi sätta igång direkt?"),
        ("nb", "kan vi sette i gang før vedtaket?"),
    ],
)
async def test_when_our_project_may_start_is_not_the_calls_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    """A question about starting the user's own project, read as "calls": the rule on
    starting (or an honest "not known"), never the card of call windows."""
    from actions.programme import ActionCalls

    dispatcher = CollectingDispatcher()
    await ActionCalls().run(dispatcher, make_tracker(text, "ask_calls", lang), domain)
    got = _answers(dispatcher)
    assert "calls" not in got
    assert got in (
        ["faq:start_before_decision"],
        ["faq:costs_from_start"],
        ["not_known"],
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "när öppnar nästa utlysning"),
        ("nb", "når er neste søknadsfrist"),
    ],
)
async def test_a_question_about_calls_still_gets_the_calls_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    from actions.programme import ActionCalls

    dispatcher = CollectingDispatcher()
    await ActionCalls().run(dispatcher, make_tracker(text, "ask_calls", lang), domain)
    assert "calls" in _answers(dispatcher)


@pytest.mark.parametrize(
    ("lang", "text", "after_the_schedule"),
    [
        ("nb", "utlysning 2029?", True),
        ("sv", "kommer det några utlysningar 2030", True),
        ("sv", "kan man fortfarande söka efter 2027", True),
        ("sv", "Finns det nån utlysning hösten 2027?", False),
        ("nb", "Blir det utlysning i 2027 også?", False),
        ("nb", "når er fristen i 2027", False),
    ],
)
async def test_a_year_after_the_schedule_gets_that_dates_are_not_published(
    make_tracker, domain, lang: str, text: str, after_the_schedule: bool
) -> None:
    """The yearly rule is published to 2027: "utlysning 2029?" gets that later dates
    are not published, not the card's next window; a question about 2027 is not
    answered with the entry about the years after it."""
    from actions.programme import ActionCalls

    dispatcher = CollectingDispatcher()
    await ActionCalls().run(dispatcher, make_tracker(text, "ask_calls", lang), domain)
    got = _answers(dispatcher)
    if after_the_schedule:
        assert got == ["faq:calls_after_2027"]
    else:
        assert "faq:calls_after_2027" not in got


@pytest.mark.parametrize(
    ("lang", "text", "project_type"),
    [
        ("sv", "Kan man söka huvudprojekt 2028?", "huvudprojekt"),
        ("sv", "går det att söka förstudie efter 2027?", "förstudie"),
        ("nb", "kan vi søke hovedprosjekt i 2029", "hovedprosjekt"),
        ("nb", "Blir det mulig å søke småskalaprosjekt i 2030?", "småskalaprosjekt"),
    ],
)
async def test_a_project_type_in_a_year_after_the_schedule_is_not_its_card(
    make_tracker, domain, lang: str, text: str, project_type: str
) -> None:
    """ "Kan man söka huvudprojekt 2028?": the type's card gives this programme's
    windows, which are no answer for a year after the published schedule."""
    from actions.programme import ActionProjectTypes

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        text, "ask_project_types", lang, slots={"project_type": project_type}
    )
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    assert _answers(dispatcher) == ["faq:calls_after_2027"]


@pytest.mark.parametrize(
    ("lang", "text", "intent", "action"),
    [
        ("sv", "har ni öppet på luciadagen", "ask_calls", "calls"),
        ("nb", "jobber dere i romjula", "ask_human", "contact"),
        ("nb", "har dere kontor i steinkjer jeg kan stikke innom", "ask_programme_area", "area"),
        ("sv", "vilka öppettider har sekretariatet", "ask_faq", "faq"),
        ("nb", "er dere stengt i påsken", "ask_calls", "calls"),
        ("sv", "kan vi komma förbi ert kontor i Östersund", "ask_programme_area", "area"),
        ("nb", "kva er opningstidene", "nlu_fallback", "fallback"),
        ("sv", "har ni semester i juli", "ask_human", "contact"),
    ],
)  # fmt: skip
async def test_office_hours_holidays_and_visits_get_not_known_whatever_the_topic(
    make_tracker, domain, lang: str, text: str, intent: str, action: str
) -> None:
    """No public page gives the secretariat's opening hours, holidays or visits: the
    reply says so first (with where to ask), never the call dates or a place card; a
    request for a person still gets the contact card after it."""
    from actions.fallback import ActionAnswerFaq, ActionFallback
    from actions.programme import ActionCalls, ActionContact, ActionProgrammeArea

    runs: Dict[str, Callable[[], KbAction]] = {
        "area": ActionProgrammeArea,
        "faq": ActionAnswerFaq,
        "calls": ActionCalls,
        "contact": ActionContact,
        "fallback": ActionFallback,
    }
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, intent, lang)
    await runs[action]().run(dispatcher, tracker, domain)
    expected = ["not_known", "contact"] if action == "contact" else ["not_known"]
    assert _answers(dispatcher) == expected
    said = dispatcher.messages[0]["text"]
    assert said == reply_for(dispatcher, tracker, domain).kb.message(
        "office_not_known", lang
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "har dere åpent for søknader nå"),
        ("sv", "när stänger utlysningen"),
        ("sv", "är ni öppna för ansökningar om förstudier"),
    ],
)
async def test_a_call_that_is_open_or_closed_is_not_an_office_question(
    make_tracker, domain, lang: str, text: str
) -> None:
    from actions.programme import ActionCalls

    dispatcher = CollectingDispatcher()
    await ActionCalls().run(dispatcher, make_tracker(text, "ask_calls", lang), domain)
    assert "not_known" not in _answers(dispatcher)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "om jag är arbetslös och jobbar i projektet hur blir det med a-kassan"),
        ("nb", "hvor skatter en prosjektleder som pendler fra sverige"),
        ("sv", "hur gör vi med semesterersättning för en projektanställd pendlare"),
        ("nb", "korleis blir det med skatten når eg pendlar over grensa"),
        ("nb", "har dere ledige stillinger?"),
        ("sv", "har ni praktikplatser för studenter?"),
        ("sv", "Kan vi överklaga ett avslag, och hur går det till i så fall?"),
        ("nb", "hvordan klager vi på et avslag?"),
        ("sv", "Slipper vi skylta med EU-loggan om projektet är litet?"),
        ("nb", "må vi ha logoen på alle plakatene når prosjektet er lite?"),
        ("nb", "Kan vi bruke konsulenter til å gjøre deler av jobben?"),
        ("sv", "får vi anlita konsulter för att ta fram utbildningsmaterial?"),
    ],
)
async def test_a_question_for_a_fact_is_not_a_project_idea_on_one_word(
    make_tracker, domain, lang: str, text: str
) -> None:
    """A word or two of the focus vocabulary in a question for a fact ("arbetslös",
    "pendler") is the asker's circumstance: no focus areas, and the form is not
    started ("did you mean …?" or "I do not know")."""
    from actions.compose import ActionCompose

    dispatcher = CollectingDispatcher()
    events = await ActionCompose().run(
        dispatcher, make_tracker(text, "describe_project", lang), domain
    )
    assert "focus_match" not in _answers(dispatcher)
    assert dispatcher.messages  # answered here, not left to the form
    composed = [e["value"] for e in events if e.get("name") == "idea_composed"]
    assert composed == [True]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi vill utveckla hållbar turism i fjällen, hur gör vi?"),
        ("nb", "prosjekt om elektriske ferjer over grensa, hvordan søker vi?"),
        ("sv", "hur kan en förening och en norsk skola samarbeta om ungdomars psykiska hälsa och idrott och friluftsliv"),
    ],
)  # fmt: skip
async def test_a_question_with_an_idea_still_goes_on_to_the_focus_areas(
    make_tracker, domain, lang: str, text: str
) -> None:
    from actions.compose import ActionCompose

    dispatcher = CollectingDispatcher()
    events = await ActionCompose().run(
        dispatcher, make_tracker(text, "describe_project", lang), domain
    )
    assert "not_known" not in _answers(dispatcher)
    assert "clarify" not in _answers(dispatcher)
    composed = [e["value"] for e in events if e.get("name") == "idea_composed"]
    assert composed in ([False], [True])  # on to the form, or composed with it


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kan vi søke i desember"),
        ("sv", "får man söka i december"),
        ("sv", "går det att söka till hösten?"),
        ("nb", "kan me søkje i haust?"),
        ("nb", "får vi sende inn søknad før jul?"),
        ("sv", "kan vi skicka in ansökan i mars"),
    ],
)
async def test_applying_at_a_named_time_is_the_calls_not_who_may_apply(
    make_tracker, domain, lang: str, text: str
) -> None:
    """ "kan vi søke i desember?" read as "who may apply?": it asks when, and the
    calls card (windows, rolling types) answers it; the form does not ask for the
    organisation (issue 12, dev4/dev6)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {"organisation_type": ANSWERED}
    assert _answers(dispatcher) in (["calls"], ["faq:application_windows"])


@pytest.mark.parametrize(
    ("lang", "text", "heard"),
    [
        ("sv", "kan man få stöd för ett kulturprojekt typ en festival", "kulturprojekt"),
        ("nb", "kan vi få støtte til et reiselivsprosjekt", None),
        ("sv", "går det att söka för ett turismprojekt i fjällen", None),
        ("nb", "kan me få støtte til eit kulturprosjekt for ungdom", "kulturprosjekt"),
    ],
)  # fmt: skip
async def test_a_kind_of_project_that_is_no_project_type_gets_the_focus_areas(
    make_tracker, domain, lang: str, text: str, heard: Optional[str]
) -> None:
    """ "ett kulturprojekt" is no project type of the programme but an idea: the
    focus areas answer it, not the card of all three types (dev6)."""
    from actions.programme import ActionProjectTypes

    tracker = make_tracker(text, "ask_project_types", lang)
    if heard:
        tracker.slots["project_type"] = heard
    dispatcher = CollectingDispatcher()
    await ActionProjectTypes().run(dispatcher, tracker, domain)
    cards = payloads(dispatcher)
    assert [c["type"] for c in cards] == ["focus_areas"] and cards[0]["items"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kan vi også søke Leader om penger?"),
        ("nb", "kan vi også søke Innovasjon Norge om penger?"),
        ("sv", "kan vi få stöd från Tillväxtverket också?"),
    ],
)
async def test_another_funder_is_said_once(
    make_tracker, domain, lang: str, text: str
) -> None:
    """Read as "who may apply?": the form's first turn says we answer only for our
    programme; the verdict action that closes the form does not say it again."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots == {"organisation_type": ANSWERED}
    assert [p.get("type") for p in payloads(dispatcher)] == ["not_known"]
    closing = CollectingDispatcher()
    await ActionAnswerEligibility().run(
        closing,
        make_tracker(text, "ask_who_can_apply", lang, {"organisation_type": ANSWERED}),
        domain,
    )
    assert closing.messages == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Kan en organisation i Finland vara med som partner?"),
        ("nb", "kan en organisasjon fra Danmark være med som partner?"),
        ("nb", "kan en aktør i Finland være partner i prosjektet?"),
    ],
)
async def test_a_partner_outside_the_area_read_as_who_may_apply_gets_the_rule(
    make_tracker, domain, lang: str, text: str
) -> None:
    """The eligibility form's first turn answers with the outside-area rule, not the
    "who may apply" card and the question which organisation the user is."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots["organisation_type"] == ANSWERED
    answers = [p.get("answer") for p in payloads(dispatcher)]
    assert "faq:outside_area_partner" in answers, payloads(dispatcher)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "koster det noe å søke?"),
        ("sv", "kostar det något att söka?"),
        ("sv", "finns det någon ansökningsavgift?"),
    ],
)
async def test_the_price_of_applying_read_as_who_may_apply_is_not_known(
    make_tracker, domain, unanswered_log, lang: str, text: str
) -> None:
    """No page gives a price of applying: "I do not know" and where to ask, not the
    "who may apply" card and a question about the user's organisation."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots["organisation_type"] == ANSWERED
    assert [p.get("type") for p in payloads(dispatcher)] == ["not_known"]


@pytest.mark.parametrize(
    ("lang", "text", "entity", "answered"),
    [
        ("sv", "Behöver vi en kommunikationsplan?", "kommunikationsplan", True),
        ("nb", "Må vi ha en kommunikasjonsplan?", "kommunikasjonsplan", True),
        ("sv", "vi är en kommunikationsbyrå", "kommunikationsbyrå", False),
    ],
)
async def test_a_thing_taken_for_an_organisation_in_a_question_gets_its_answer(
    make_tracker, domain, lang: str, text: str, entity: str, answered: bool
) -> None:
    """The model tags "en kommunikationsplan" as an organisation: on the form's first
    turn a question the FAQ answers gets that answer, not "unknown organisation
    type"; a statement keeps the form."""
    tracker = make_tracker(text, "inform_organisation", lang)
    dispatcher = CollectingDispatcher()
    slots = await validate_organisation(dispatcher, tracker, domain, entity)
    if answered:  # the FAQ's sure answer
        assert slots["organisation_type"] == ANSWERED
        assert _answers(dispatcher) == ["faq:communication_plan"]
    else:  # the user's organisation: asked for, or its verdict follows
        assert slots["organisation_type"] != ANSWERED and not _answers(dispatcher)


@pytest.mark.parametrize(
    ("lang", "text", "entity"),
    [
        (
            "nb",
            "Vi er et reiselivsselskap eid av flere kommuner og hoteller",
            "kommuner",
        ),
        ("sv", "vi är ett energibolag som ägs av kommunen", "kommunen"),
    ],
)
async def test_the_owner_tagged_for_a_publicly_owned_company_is_not_the_user(
    make_tracker, domain, lang: str, text: str, entity: str
) -> None:
    """The model tags the owner ("kommuner"); the user is the company it owns."""
    tracker = make_tracker(text, "inform_organisation", lang)
    dispatcher = CollectingDispatcher()
    slots = await validate_organisation(dispatcher, tracker, domain, entity)
    assert slots["organisation_type"] == "municipal_company"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Kan fylkeskommunen være med å medfinansiere?"),
        ("sv", "kan kommunen vara med och finansiera projektet?"),
        ("nb", "Kan ikke fylkeskommunen bare godkjenne prosjektet selv?"),
        ("sv", "Kan inte regionen besluta om stödet själv?"),
        ("nb", "kan kommunen betale for den norske delen?"),
        ("sv", "Kan regionen vara med i flera projekt samtidigt?"),
        ("nb", "Kan fylkeskommunen være søker i to prosjekter?"),
        (
            "nb",
            "Vi er en fylkeskommune. Kan vi være søker i flere prosjekter samtidig?",
        ),
    ],
)
@pytest.mark.parametrize("tagged", [None, "region_county"])
async def test_another_role_of_an_organisation_is_not_its_verdict(
    make_tracker, domain, lang: str, text: str, tagged: Optional[str]
) -> None:
    """Whether a county may co-finance or approve a project is not whether it may
    apply: the FAQ's answer, "did you mean …?" or "I don't know", never the county's
    verdict (was: "a county council may apply"), whether or not the model tagged
    the organisation (then the slot is filled before the form's first turn)."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    if tagged is None:
        slots = await extract_organisation(dispatcher, tracker, domain)
    else:
        slots = await validate_organisation(dispatcher, tracker, domain, tagged)
    assert slots["organisation_type"] == ANSWERED
    assert (
        dispatcher.messages
    )  # answered here: an entry, "did you mean …?" or not known
    got = _answers(dispatcher)
    assert not any(a.startswith("eligibility") for a in got), got
    assert not {f"faq:{e}" for e in ELIGIBILITY_ENTRIES} & set(got), got


@pytest.mark.parametrize(
    ("lang", "text", "tagged"),
    [
        ("sv", "Är det inte bara kommuner och företag som kan söka?", "municipality"),
        ("sv", "Kan bara kommuner söka?", "municipality"),
        ("sv", "Får endast företag vara projektägare?", "company"),
        ("sv", "Måste man vara en kommun för att söka?", "municipality"),
        ("nb", "Er det bare kommuner som kan søke?", "municipality"),
        ("nb", "Kan kun bedrifter søke?", "company"),
        ("nb", "Er det berre kommunar og fylke som kan søkje?", "municipality"),
        ("nb", "Må man være en kommune for å søke?", "municipality"),
    ],
)
@pytest.mark.parametrize("model_tagged", [False, True])
async def test_whether_only_some_may_apply_gets_who_may_apply(
    make_tracker, domain, lang: str, text: str, tagged: str, model_tagged: bool
) -> None:
    """ "Är det bara kommuner som får söka?" answered "kommuner kan söka" reads as
    "yes, only them": the answer is who may apply, never one kind's verdict."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    if model_tagged:
        slots = await validate_organisation(dispatcher, tracker, domain, tagged)
    else:
        slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots["organisation_type"] == ANSWERED
    assert _answers(dispatcher) == ["who_can_apply"]


@pytest.mark.parametrize(
    ("lang", "text", "organisation_type"),
    [
        ("sv", "Vi är bara en liten förening, kan vi söka?", "non_profit_association"),
        ("nb", "Vi er bare et lite AS, kan vi søke?", "company"),
        ("sv", "Kan en kommun söka?", "municipality"),
    ],
)
async def test_just_a_small_one_still_gets_its_verdict(
    make_tracker, domain, lang: str, text: str, organisation_type: str
) -> None:
    """ "Vi är bara en liten förening" tells who the user is: the verdict stands."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await validate_organisation(dispatcher, tracker, domain, organisation_type)
    assert slots["organisation_type"] == organisation_type


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "kan kommunen vara med och söka?"),
        ("nb", "kan et AS søke hvis vi betaler egenandelen selv?"),
        ("nb", "er en fylkeskommune godkjent som søker?"),
    ],
)
async def test_applying_beside_paying_still_asks_who_may_apply(
    make_tracker, domain, lang: str, text: str
) -> None:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "ask_who_can_apply", lang)
    slots = await extract_organisation(dispatcher, tracker, domain)
    assert slots.get("organisation_type") != ANSWERED


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Får ikke logget inn på regionalforvaltning"),
        ("sv", "jag kommer inte in i Min ansökan, vad gör jag?"),
    ],
)
async def test_a_fault_reported_gets_the_route_to_people_at_once(
    make_tracker, domain, lang: str, text: str
) -> None:
    """No "did you mean how the portal works?" nor "please rephrase" for a login that
    fails: "I don't know" with the adviser route, logged (dev5, dev15)."""
    from actions.fallback import ActionFallback

    dispatcher = CollectingDispatcher()
    await ActionFallback().run(
        dispatcher, make_tracker(text, "nlu_fallback", lang), domain
    )
    assert _answers(dispatcher) == ["not_known"]


@pytest.mark.parametrize(
    ("lang", "text", "tagged"),
    [
        ("nb", "Må vi skatte av tilskuddet som AS?", "AS"),
        (
            "nb",
            "trenger ikke en kommune følge anskaffelsesreglene i prosjektet?",
            "kommune",
        ),
        ("sv", "Måste ett AB betala skatt på stödet?", "AB"),
        (
            "sv",
            "behöver inte en kommun följa upphandlingsreglerna i projektet?",
            "kommun",
        ),
    ],
)
async def test_what_else_applies_to_an_organisation_is_not_its_verdict(
    make_tracker, domain, lang: str, text: str, tagged: str
) -> None:
    """The model tags the organisation, the question is about tax or procurement:
    the FAQ's answer, "did you mean …?" or "I don't know", never only the verdict
    (was: "Som aksjeselskap kan dere være søker …" to a question about tax)."""
    slots, dispatcher = await _validate_tagged(make_tracker, domain, text, lang, tagged)
    assert slots["organisation_type"] == ANSWERED
    assert dispatcher.messages  # an entry, "did you mean …?" or not known
    got = _answers(dispatcher)
    assert not any(a.startswith("eligibility") for a in got), got


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "organisation"),
    [
        ("sv", "AB ok?", "AB", "company"),
        ("sv", "Kan ett litet AB med fem anställda i Arvika?", "AB", "company"),
        ("nb", "Er et AS greit?", "AS", "company"),
        ("nb", "hva med et lite AS i Trysil?", "AS", "company"),
        ("sv", "Hur är det med en stiftelse?", "stiftelse", "foundation"),
        ("nb", "Kan en stiftelse være med?", "stiftelse", "foundation"),
    ],
)
async def test_whether_an_organisation_will_do_still_gets_its_verdict(
    make_tracker, domain, lang: str, text: str, tagged: str, organisation: str
) -> None:
    """ "AB ok?", "hva med et lite AS i Trysil?": its size, place or being
    acceptable is still the question who may apply."""
    slots, _ = await _validate_tagged(make_tracker, domain, text, lang, tagged)
    assert slots["organisation_type"] == organisation


@pytest.mark.parametrize(
    ("lang", "text", "tagged", "entry"),
    [
        ("sv", "vi är en kommun, måste vi följa LOU?", "kommun", "procurement"),
        (
            "sv",
            "Vi är ett AB i Karlstad, måste vi ha medfinansiering?",
            "AB",
            "cofinancing_shares",
        ),
        ("nb", "Vi er et AS i Trysil, kan vi få forskudd?", "AS", "advance_payment"),
    ],
)
async def test_an_organisation_told_beside_another_question_gets_both(
    make_tracker, domain, lang: str, text: str, tagged: str, entry: str
) -> None:
    """ "vi är en kommun, måste vi följa LOU?": the verdict for the organisation the
    user tells and the answer to what they ask, in one reply."""
    slots, dispatcher = await _validate_tagged(make_tracker, domain, text, lang, tagged)
    assert slots["organisation_type"] == ANSWERED
    [card] = [p for p in payloads(dispatcher) if p.get("type") == "compound"]
    kinds = [part.get("kind") for part in card["parts"]]
    assert "eligibility" in kinds, card
    assert entry in str(card), card


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Hur stor stödandel får vi för att köpa en pistmaskin?"),
        ("nb", "Hvor stor støtteandel får vi til å kjøpe en tråkkemaskin?"),
        ("sv", "hur mycket stöd kan vi få för en ny skidlift?"),
    ],
)
async def test_a_detail_about_something_never_mentioned_is_not_the_funding_card(
    make_tracker, domain, lang: str, text: str
) -> None:
    """A share or amount for a thing the knowledge base never mentions: the funding
    card's general rates are not its answer; "I don't know" with the route is."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text, "ask_budget", lang), domain
    )
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert kinds and kinds[0] == "not_known", kinds


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur mycket stöd kan man få?"),
        ("nb", "hvor mye støtte kan vi få?"),
        ("sv", "hur stor är stödnivån på svensk sida?"),
    ],
)
async def test_the_funding_card_still_answers_the_rates(
    make_tracker, domain, lang: str, text: str
) -> None:
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text, "ask_budget", lang), domain
    )
    kinds = [p.get("type") for p in payloads(dispatcher)]
    assert "not_known" not in kinds, kinds
