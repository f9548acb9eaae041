"""Several questions in one message, the conversation's memory, follow-ups, the summary.

Real rasa_sdk Trackers and CollectingDispatchers, the real knowledge base, both
languages; the parsers of programme_kb.compose also under hypothesis.
"""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa_sdk.executor import CollectingDispatcher

import programme_kb
from actions.base import render, reply_for
from actions.compose import (
    ActionCompose,
    ActionNewConversation,
    ActionRemember,
    ActionSummary,
)
from actions.eligibility import ValidateEligibilityForm
from actions.fallback import ActionAnswerFaq
from actions.programme import ActionAnswerTopic, ActionProgrammeArea
from programme_kb.compose import Profile, compose, questions, told
from programme_kb.compose.message import idea_text
from programme_kb.language import detect
from tests.support.dispatch import cards

LANGS = ["sv", "nb"]


def snap() -> Any:
    return programme_kb.shared_service().snapshot


def texts(dispatcher: CollectingDispatcher) -> str:
    return "\n".join(m.get("text") or "" for m in dispatcher.messages)


def slots_set(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


async def run(action: Any, tracker: Any, domain: Dict[str, Any]) -> Any:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return dispatcher, events


COMPOUND = {
    "sv": (
        "Vi är en ideell förening i Jämtland och vill ordna kulturevenemang och "
        "turism tillsammans med en norsk förening. Får vi söka och vilket "
        "insatsområde passar?"
    ),
    "nb": (
        "Vi er en frivillig organisasjon i Trøndelag og vil lage kulturarrangementer "
        "og reiseliv sammen med en svensk forening. Kan vi søke, og hvilket "
        "innsatsområde passer?"
    ),
}


@pytest.mark.parametrize("lang", LANGS)
async def test_compound_message_is_answered_as_a_whole(make_tracker, domain, lang):
    tracker = make_tracker(COMPOUND[lang], "describe_project", lang)
    dispatcher, events = await run(ActionCompose(), tracker, domain)
    assert slots_set(events)["idea_composed"] is True
    assert len(dispatcher.messages) == 1, "one natural reply"
    card = cards(dispatcher)[0]
    kinds = [p["kind"] for p in card["parts"]]
    assert kinds[:3] == ["eligibility", "place", "focus"] and kinds[-1] == "next_step"
    eligibility = card["parts"][0]["data"]
    assert eligibility["eligible"] is True
    assert eligibility["organisation_type"] == "non_profit_association"
    focus = card["parts"][2]["data"]["items"]
    assert focus and focus[0]["code"] == "3C", "the partner's 'förening' is no idea"
    text = texts(dispatcher)
    assert ("Nordens Gröna Bälte" if lang == "sv" else "Nordens Grønne Belte") in text
    assert card["sources"] and "http" in card["source_line"]
    assert detect(text).language == lang
    assert card["profile"]["side"] == ("se" if lang == "sv" else "no")


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi vill bygga upp en gemensam beredskap mot skogsbränder"),
        ("nb", "Vi ønsker å lage en felles reiselivsstrategi for destinasjonene"),
        ("sv", "/describe_project"),
    ],
)
async def test_a_plain_idea_goes_on_to_the_form(make_tracker, domain, lang, text):
    tracker = make_tracker(text, "describe_project", lang)
    dispatcher, events = await run(ActionCompose(), tracker, domain)
    assert slots_set(events) == {"idea_composed": False}
    assert not dispatcher.messages


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        (
            "sv",
            "Vi är en kommun i Dalarna",
            {
                "known_organisation_type": "municipality",
                "known_place": "Dalarna",
                "known_side": "se",
            },
        ),
        (
            "nb",
            "Vi er en kommune i Innlandet",
            {
                "known_organisation_type": "municipality",
                "known_place": "Innlandet",
                "known_side": "no",
            },
        ),
        (
            "sv",
            "vi är ett AB",
            {"known_organisation_type": "company", "known_side": "se"},
        ),
        (
            "nb",
            "vi er et AS",
            {"known_organisation_type": "company", "known_side": "no"},
        ),
        (
            "sv",
            "vi vill jobba med hållbar turism tillsammans med Trysil",
            {"known_side": "se"},
        ),
        ("sv", "vi funderar på en förstudie", {"known_project_type": "forprosjekt"}),
        (
            "nb",
            "vi tenker på et hovedprosjekt",
            {"known_project_type": "hovedprosjekt"},
        ),
    ],
)
async def test_what_the_user_says_is_remembered(
    make_tracker, domain, lang, text, expected
):
    dispatcher, events = await run(
        ActionRemember(), make_tracker(text, "inform_organisation", lang), domain
    )
    remembered = slots_set(events)
    for slot, value in expected.items():
        assert remembered.get(slot) == value, (slot, remembered)
    assert not dispatcher.messages, "remembering says nothing"


@pytest.mark.parametrize("lang", LANGS)
async def test_a_partner_in_trysil_is_not_where_we_are(make_tracker, domain, lang):
    text = "vi vill jobba med hållbar turism tillsammans med Trysil"
    _, events = await run(
        ActionRemember(), make_tracker(text, "describe_project", lang), domain
    )
    assert "known_place" not in slots_set(events)


@pytest.mark.parametrize(
    ("lang", "question", "profile", "must", "must_not"),
    [
        (
            "sv",
            "måste vi ha en norsk partner?",
            {
                "known_organisation_type": "municipality",
                "known_place": "Dalarna",
                "known_side": "se",
            },
            ["Som kommun på svensk sida", "norsk sida", "Innlandet"],
            ["Sökande från Innlandet"],
        ),
        (
            "nb",
            "må vi ha en svensk partner?",
            {
                "known_organisation_type": "municipality",
                "known_place": "Trøndelag",
                "known_side": "no",
            },
            ["Som kommune på norsk side", "svensk side", "Jämtland"],
            ["Søkere fra Trøndelag"],
        ),
    ],
)
async def test_partner_advice_is_for_their_side(
    make_tracker, domain, lang, question, profile, must, must_not
):
    tracker = make_tracker(question, "ask_partner", lang, slots=profile)
    dispatcher, events = await run(ActionAnswerTopic(), tracker, domain)
    text = texts(dispatcher)
    for phrase in must:
        assert phrase in text
    for phrase in must_not:
        assert phrase not in text
    assert "Dalarna" in text or "Trøndelag" in text, "the remembered place is shown"
    assert slots_set(events)["last_topic"] == "partner"


@pytest.mark.parametrize("lang", LANGS)
async def test_without_a_side_the_partner_rule_is_general(make_tracker, domain, lang):
    question = (
        "måste vi ha en norsk partner?"
        if lang == "sv"
        else "må vi ha en svensk partner?"
    )
    dispatcher, _ = await run(
        ActionAnswerTopic(), make_tracker(question, "ask_partner", lang), domain
    )
    text = texts(dispatcher)
    assert "Som kommun" not in text and "Som kommune" not in text


@pytest.mark.parametrize(
    ("lang", "follow", "type_id", "expected"),
    [
        ("sv", "och hur länge kan den pågå?", "forprosjekt", "tolv månader"),
        ("nb", "og hvor lenge kan det vare?", "forprosjekt", "tolv måneder"),
        ("sv", "hur länge får det pågå?", "hovedprosjekt", "tre år"),
        ("nb", "hvor lenge kan det vare?", "hovedprosjekt", "tre år"),
        ("sv", "hur mycket kan man få för den?", "forprosjekt", "10 000 euro"),
        ("nb", "hvor mye kan man få til det?", "forprosjekt", "10 000 euro"),
    ],
)
async def test_follow_up_uses_the_remembered_project_type(
    make_tracker, domain, lang, follow, type_id, expected
):
    tracker = make_tracker(
        follow, "ask_faq", lang, slots={"last_topic": f"project_type:{type_id}"}
    )
    dispatcher, events = await run(ActionAnswerFaq(), tracker, domain)
    assert expected in texts(dispatcher)
    assert slots_set(events)["last_topic"] == f"project_type:{type_id}"


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "vad betyder det för oss?"), ("nb", "hva betyr det for oss?")],
)
async def test_what_it_means_for_us(make_tracker, domain, lang, text):
    unknown, _ = await run(
        ActionAnswerFaq(), make_tracker(text, "ask_faq", lang), domain
    )
    assert ("Berätta gärna" if lang == "sv" else "Fortell gjerne") in texts(unknown)
    profile = {
        "known_organisation_type": "foundation",
        "known_side": "se" if lang == "sv" else "no",
    }
    tracker = make_tracker(
        text, "ask_faq", lang, slots={**profile, "last_topic": "partner"}
    )
    known, _ = await run(ActionAnswerFaq(), tracker, domain)
    assert "Som stiftelse på" in texts(known)


@pytest.mark.parametrize(
    ("lang", "text", "place", "sub_area"),
    [
        ("sv", "ingår vi i programområdet?", "Sundsvall", "Nordens Gröna Bälte"),
        ("nb", "hvilket delområde hører vi til?", "Hamar", "Sentrale Skandinavia"),
    ],
)
async def test_place_question_about_us_uses_the_remembered_place(
    make_tracker, domain, lang, text, place, sub_area
):
    tracker = make_tracker(
        text, "ask_programme_area", lang, slots={"known_place": place}
    )
    dispatcher, _ = await run(ActionProgrammeArea(), tracker, domain)
    assert place in texts(dispatcher) and sub_area in texts(dispatcher)


@pytest.mark.parametrize("lang", LANGS)
async def test_remembered_organisation_answers_may_we_apply(make_tracker, domain, lang):
    question = "får vi söka?" if lang == "sv" else "kan vi søke?"
    tracker = make_tracker(
        question,
        "ask_who_can_apply",
        lang,
        slots={"known_organisation_type": "foundation"},
    )
    form = ValidateEligibilityForm()
    found = await form.for_reply(
        reply_for(CollectingDispatcher(), tracker, domain)
    ).extract_organisation_type(CollectingDispatcher(), tracker, domain)
    assert found == {"organisation_type": "foundation"}
    named = make_tracker(
        "vi är en kommun", "inform_organisation", lang,
        slots={"known_organisation_type": "foundation"},
    )  # fmt: skip
    assert await form.for_reply(
        reply_for(CollectingDispatcher(), named, domain)
    ).extract_organisation_type(  # the message's, not the memory's
        CollectingDispatcher(), named, domain
    ) == {"organisation_type": "vi är en kommun"}


@pytest.mark.parametrize("lang", LANGS)
async def test_summary_card_and_text(make_tracker, domain, lang):
    side = "se" if lang == "sv" else "no"
    place = "Åre" if lang == "sv" else "Trysil"
    slots = {
        "known_organisation_type": "non_profit_association",
        "known_side": side,
        "known_place": place,
        "known_project_idea": "hållbar turism och vandringsleder i fjällen"
        if lang == "sv"
        else "bærekraftig reiseliv og turløyper i fjellet",
    }
    dispatcher, _ = await run(
        ActionSummary(),
        make_tracker("sammanfatta", "ask_summary", lang, slots=slots),
        domain,
    )
    card = cards(dispatcher)[0]
    assert card["type"] == "summary" and card["language"] == lang
    assert (
        card["organisation_type"] == "non_profit_association" and card["side"] == side
    )
    assert card["focus_areas"][0]["code"] == "3C" and card["focus_areas"][0]["why"]
    assert card["project_type"]["id"] in snap().kb.project_types
    assert card["missing"] == []
    assert card["sources"] and card["disclaimer"] in texts(dispatcher)
    text = texts(dispatcher)
    assert ("inte en bedömning" if lang == "sv" else "ikke en vurdering") in text
    assert ("norsk sida" if lang == "sv" else "svensk side") in text
    assert "interreg-sverige-norge.com" in card["adviser"]
    assert detect(text).language == lang


@pytest.mark.parametrize("lang", LANGS)
async def test_summary_without_facts_says_what_is_missing(make_tracker, domain, lang):
    dispatcher, _ = await run(
        ActionSummary(), make_tracker("oppsummer", "ask_summary", lang), domain
    )
    card = cards(dispatcher)[0]
    assert card["organisation_type"] is None and len(card["missing"]) == 3
    assert card["who"] is None and card["focus_areas"] == []


@pytest.mark.parametrize("lang", LANGS)
async def test_new_conversation_forgets_but_keeps_the_language(
    make_tracker, domain, lang
):
    slots = {"known_organisation_type": "municipality", "known_place": "Dalarna"}
    dispatcher, events = await run(
        ActionNewConversation(),
        make_tracker("Nytt samtal", "new_conversation", lang, slots=slots),
        domain,
    )
    cleared = slots_set(events)
    assert cleared["known_organisation_type"] is None and cleared["known_place"] is None
    assert "language" not in cleared
    assert detect(texts(dispatcher)).language == lang


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        (
            "sv",
            "Vi är en kommun i Dalarna, kan en partner i Stockholm vara med?",
            "outside_area_partner",
        ),
        (
            "nb",
            "Vi er en kommune i Innlandet. Kan en partner i Oslo være med?",
            "outside_area_partner",
        ),
        (
            "sv",
            "Vi är ett AB i Arvika. Kan man söka förstudie hela året?",
            "rolling_forstudie_smaskala",
        ),
    ],
)
def test_explicit_question_is_answered_beside_the_verdict(lang, text, entry):
    result = compose(snap(), text, lang)
    assert result.compound
    assert [p.data.get("entry") for p in result.parts if p.kind == "answer"] == [entry]
    assert (
        result.parts[0].kind == "eligibility" and result.parts[-1].kind == "next_step"
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "ingår Östersund i programområdet?"),
        ("nb", "kan et AS søke?"),
        ("sv", "hur lång tid tar det innan vi får pengarna?"),
    ],
)
def test_a_single_question_is_not_compound(lang, text):
    assert not compose(snap(), text, lang).compound


def test_questions_are_split_where_one_sentence_asks_two_things():
    assert questions("kan vi søke og når kan man søke?") == [
        "kan vi søke",
        "når kan man søke?",
    ]
    assert questions("Vi är en kommun. Får vi söka?") == ["Får vi söka?"]
    assert idea_text(
        "vi vill ordna kulturevenemang tillsammans med en norsk förening"
    ) == ("ordna kulturevenemang")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_parsers_take_any_text(text):
    assert isinstance(questions(text), list)
    idea = idea_text(text)
    assert idea is None or len(idea.split()) >= 2
    profile = told(snap(), text, "sv")
    assert profile.side in (None, "se", "no")
    result = compose(snap(), text, "nb", Profile())
    assert all(p.text for p in result.parts)


@pytest.mark.parametrize(
    ("lang", "text", "intent", "expected"),
    [
        (
            "nb",
            "Må vi samarbeide med noen i Sverige?",
            "ask_programme_area",
            "svensk side",
        ),
        ("sv", "Måste vi samarbeta med någon i Norge?", "ask_faq", "norsk sida"),
    ],
)
async def test_a_partner_question_in_other_words_is_for_their_side(
    make_tracker, domain, lang, text, intent, expected
):
    side = "no" if lang == "nb" else "se"
    tracker = make_tracker(text, intent, lang, slots={"known_side": side})
    action = (
        ActionProgrammeArea() if intent == "ask_programme_area" else ActionAnswerFaq()
    )
    dispatcher, _ = await run(action, tracker, domain)
    assert expected in texts(dispatcher)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_specific_partner_question_keeps_its_faq_answer(
    make_tracker, domain, lang
):
    text = (
        "Kan en partner utanför programområdet vara med?"
        if lang == "sv"
        else "Kan en partner utenfor programområdet være med?"
    )
    tracker = make_tracker(text, "ask_partner", lang, slots={"known_side": "se"})
    dispatcher, _ = await run(ActionAnswerTopic(), tracker, domain)
    card = cards(dispatcher)[0]
    entry = (
        card["best"]["entry_id"]
        if card["type"] == "faq"
        else card["answer"].removeprefix("faq:")
    )  # the FAQ's answer, or the same entry as the outside-area rule's part
    assert entry == "outside_area_partner", card


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hva skjer etter at vi har fått tilsagn?"),
        ("sv", "vad händer när vi har fått beslut?"),
        ("nb", "kan vi bruke egen arbeidstid som medfinansiering?"),
    ],
)
def test_a_question_names_no_organisation_by_near_miss(lang, text):
    result = compose(snap(), text, lang)
    assert not [p for p in result.parts if p.kind == "eligibility"]
    assert told(snap(), text, lang).organisation_type is None


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("sv", "Berätta om förstudier", "Förstudie (förprojekt)"),
        ("nb", "Fortell om forprosjekter", "Forprosjekt (forstudie)"),
    ],
)
async def test_a_named_project_type_gets_its_card(
    make_tracker, domain, lang, text, name
):
    from actions.programme import ActionProjectTypes

    entity = {"entity": "project_type", "value": "forprosjekt"}
    tracker = make_tracker(
        text,
        "ask_project_types",
        lang,
        slots={"project_type": "forprosjekt"},
        entities=[entity],
    )
    dispatcher, events = await run(ActionProjectTypes(), tracker, domain)
    assert texts(dispatcher).startswith(name)
    assert slots_set(events)["last_topic"] == "project_type:forprosjekt"


@pytest.mark.parametrize("lang", LANGS)
async def test_the_summary_is_offered_once_enough_is_told(make_tracker, domain, lang):
    dispatcher, _ = await run(
        ActionCompose(), make_tracker(COMPOUND[lang], "describe_project", lang), domain
    )
    message = dispatcher.messages[0]
    assert [b["payload"] for b in message["buttons"]] == ["/ask_summary"]
    assert ("sammanfatta" if lang == "sv" else "oppsummer") in message["text"]
    short = (
        "Vi är en kommun i Dalarna" if lang == "sv" else "Vi er en kommune i Innlandet"
    )
    dispatcher, _ = await run(
        ActionCompose(), make_tracker(short, "describe_project", lang), domain
    )
    assert not dispatcher.messages[0].get("buttons"), "no idea told yet: no offer"


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Vi är en förening i Jämtland och vill göra protein av sågspån från "
            "skogsindustrin genom fermentering tillsammans med en norsk partner",
            "sv",
        ),
        (
            "Vi er en forening i Trøndelag og vil lage protein av sagflis fra "
            "skogindustrien ved fermentering sammen med en svensk partner",
            "nb",
        ),
    ],
)
def test_a_composed_focus_suggestion_shows_funded_projects(
    text: str, lang: str
) -> None:
    """The precedents shown under a focus-area suggestion reach the composed reply too."""
    focus = [p for p in compose(snap(), text, lang).parts if p.kind == "focus"]
    assert focus, "the idea gets a focus-area suggestion"
    items = focus[0].data["items"]
    assert isinstance(items, list)
    best = items[0]["projects"]
    assert [p["name"] for p in best] == ["Cirk Ferm"]  # the fermentation precedent
    assert all(
        p["url"].startswith("https://") and p["url"] in focus[0].text for p in best
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "jag vill jobba hos er, finns det lediga tjänster?"),
        ("sv", "hur många timmar i veckan ska en projektledare jobba minst?"),
        ("nb", "jeg vil jobbe hos dere, har dere ledige stillinger?"),
        ("nb", "hvor mange timer i uka må en prosjektleder jobbe?"),
    ],
)
async def test_a_question_with_no_word_of_any_area_is_not_asked_to_describe_an_idea(
    make_tracker, domain, lang: str, text: str
) -> None:
    """ "jag vill jobba hos er, finns det lediga tjänster?" read as a project idea:
    no word of any focus area and nothing asked of the areas, so the FAQ's answer,
    "did you mean …?" or not known, not "describe your project idea"."""
    dispatcher, events = await run(
        ActionCompose(), make_tracker(text, "describe_project", lang), domain
    )
    assert dispatcher.messages
    assert slots_set(events).get("idea_composed") is not False
    describe = render(domain, "utter_ask_project_description", lang)
    assert describe not in texts(dispatcher)
