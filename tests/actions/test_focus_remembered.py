"""The focus-area step reads the idea told earlier in the conversation.

"vi vill ta fram en gemensam plan mot skogsbränder …" first, "vilket insatsområde
passar?" later: the idea is in the ``known_project_idea`` slot (kept by
``action_remember``), and asking again for it, or listing all eight areas, would
ignore what the user already said (issue 13, the whole applicant journey).
"""

from __future__ import annotations

from typing import Any, Dict

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.base import reply_for
from actions.common import DomainDict
from actions.focus import ActionListFocusAreas, ValidateProjectForm
from tests.support.dispatch import cards

IDEAS = {
    "sv": (
        "ta fram en gemensam plan mot skogsbränder och översvämningar i gränsområdet",
        "2A",
    ),
    "nb": (
        "lage en felles reiselivsstrategi og markedsføring for destinasjonene langs "
        "grensen",
        "3C",
    ),
}
WHICH_FITS = {
    "sv": ["vilket insatsområde passar?", "vilket insatsområde passar bäst för oss?"],
    "nb": ["hvilket innsatsområde passer?", "kva for innsatsområde passar best?"],
}


async def _extracted(
    make_tracker: Any, domain: DomainDict, text: str, lang: str, idea: Any
) -> Dict[str, Any]:
    tracker = make_tracker(
        text,
        "describe_project",
        lang,
        slots={"project_description": None, "known_project_idea": idea},
    )
    return await (
        ValidateProjectForm()
        .for_reply(reply_for(CollectingDispatcher(), tracker, domain))
        .extract_project_description(CollectingDispatcher(), tracker, domain)
    )


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, texts in WHICH_FITS.items() for t in texts]
)
async def test_the_form_takes_the_remembered_idea(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    idea = IDEAS[lang][0]
    result = await _extracted(make_tracker, domain, text, lang, idea)
    assert result == {"project_description": idea}
    # nothing remembered: the form asks for the idea, as before
    assert await _extracted(make_tracker, domain, text, lang, None) == {}


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vilket insatsområde passar om vi vill arbeta med laddinfrastruktur?"),
        ("nb", "hvilket innsatsområde passer hvis vi vil jobbe med ladestasjoner?"),
    ],
)
async def test_an_idea_in_the_message_itself_wins(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    result = await _extracted(make_tracker, domain, text, lang, IDEAS[lang][0])
    assert result.get("project_description") != IDEAS[lang][0]


@pytest.mark.parametrize(
    ("lang", "text"), [(lang, t) for lang, texts in WHICH_FITS.items() for t in texts]
)
async def test_which_area_fits_read_as_the_list_answers_for_the_idea(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    idea, code = IDEAS[lang]
    tracker = make_tracker(
        text, "ask_focus_areas", lang, slots={"known_project_idea": idea}
    )
    dispatcher = CollectingDispatcher()
    await ActionListFocusAreas().run(dispatcher, tracker, domain)
    card = cards(dispatcher)[0]
    assert card["type"] == "focus_areas"
    assert card["items"][0]["code"] == code


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "vilka insatsområden finns det?"), ("nb", "hvilke innsatsområder finnes?")],
)
async def test_the_list_asked_for_stays_the_list(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    tracker = make_tracker(
        text, "ask_focus_areas", lang, slots={"known_project_idea": IDEAS[lang][0]}
    )
    dispatcher = CollectingDispatcher()
    await ActionListFocusAreas().run(dispatcher, tracker, domain)
    shown = "\n".join(m.get("text") or "" for m in dispatcher.messages)
    assert all(
        code in shown for code in ("1A", "1B", "2A", "2B", "3A", "3B", "3C", "4A")
    )
    assert not any(c.get("type") == "focus_areas" for c in cards(dispatcher))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vilka norska fylken passar bäst att samarbeta med?"),
        ("nb", "hvilke svenske regioner passer best å samarbeide med?"),
    ],
)
async def test_what_fits_about_partners_is_not_about_the_area(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    """ "passar bäst" asked about partners does not fill the focus form."""
    result = await _extracted(make_tracker, domain, text, lang, IDEAS[lang][0])
    assert result.get("project_description") != IDEAS[lang][0]


@pytest.mark.parametrize(
    ("lang", "text", "code"),
    [
        (
            "sv",
            "vilka insatsområden kan man söka inom om man jobbar med cirkulär ekonomi",
            "2B",
        ),
        ("sv", "vilka insatsområden finns det för hållbar turism?", "3C"),
        ("sv", "finns det något insatsområde för klimatanpassning", "2A"),
        (
            "nb",
            "hvilke innsatsområder passer for et prosjekt om reiseliv og turisme",
            "3C",
        ),
        (
            "nb",
            "passer et prosjekt om sirkulær økonomi i noen av innsatsområdene",
            "2B",
        ),
        ("nb", "kva innsatsområde gjeld for kulturturisme", "3C"),
    ],
)
async def test_the_list_asked_with_an_idea_answers_for_that_idea(
    make_tracker: Any, domain: DomainDict, lang: str, text: str, code: str
) -> None:
    """An idea in the question itself ("… om man jobbar med cirkulär ekonomi") is
    answered with the areas for it, not with the list of all eight."""
    tracker = make_tracker(text, "ask_focus_areas", lang)
    dispatcher = CollectingDispatcher()
    await ActionListFocusAreas().run(dispatcher, tracker, domain)
    card = cards(dispatcher)[0]
    assert card["type"] == "focus_areas"
    assert code in [item["code"] for item in card["items"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kan vi kombinere tilskudd fra Innovasjon Norge med Interreg?"),
        ("sv", "kan vi få stöd från Tillväxtverket samtidigt för samma sak?"),
    ],
)
async def test_a_funders_name_heard_as_a_focus_word_is_no_list(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    """The model heard "innovasjon" in "Innovasjon Norge": the question is about
    another funder, which we cannot answer for; neither the list nor an area."""
    tracker = make_tracker(text, "ask_focus_areas", lang)
    dispatcher = CollectingDispatcher()
    await ActionListFocusAreas().run(dispatcher, tracker, domain)
    kinds = [c.get("type") for c in cards(dispatcher)]
    assert kinds == ["not_known"], kinds


@pytest.mark.parametrize(
    ("lang", "text"),
    [("nb", "reiseliv over grensa"), ("sv", "turism över gränsen")],
)
async def test_a_theme_read_as_cross_border_gets_the_areas(
    make_tracker: Any, domain: DomainDict, lang: str, text: str
) -> None:
    """ "reiseliv over grensa" read as "why cross-border?": the areas for the theme."""
    from actions.programme import ActionAnswerTopic

    dispatcher = CollectingDispatcher()
    await ActionAnswerTopic().run(
        dispatcher, make_tracker(text, "ask_cross_border", lang), domain
    )
    sent = cards(dispatcher)
    assert [c.get("type") for c in sent] == ["focus_areas"]
    assert sent[0]["items"][0]["code"] == "3C"
