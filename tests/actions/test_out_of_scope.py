"""A message the intent model reads as out of scope: ours if it is about the programme
(an answer when the FAQ is sure, else an honest "I do not know", logged), the short
"I only answer about Interreg Sverige–Norge" only for the rest (actions/out_of_scope.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.out_of_scope import ActionOutOfScope
from tests.support.dispatch import cards


async def _run(make_tracker, domain, lang: str, text: str) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text, "out_of_scope", lang)
    await ActionOutOfScope().run(dispatcher, tracker, domain)
    return dispatcher


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Kan vi köpa en bil i projektet?"),
        ("sv", "får man köpa in en bil inom projektet?"),
        ("nb", "kan vi kjøpe en bil i prosjektet?"),
        ("nb", "Kan vi føre opp kjøp av en elbil i prosjektbudsjettet?"),
    ],
)
async def test_a_cost_question_gets_the_cost_rules(
    make_tracker, domain, unanswered_log: Path, lang: str, text: str
) -> None:
    sent = cards(await _run(make_tracker, domain, lang, text))
    assert [c["type"] for c in sent] == ["faq"]
    assert sent[0]["best"]["entry_id"] == "eligible_costs"
    assert sent[0]["language"] == lang


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Jag kommer inte in i Min ansökan, BankID funkar inte. Vad gör jag?"),
        ("sv", "Blir projektstödet skattepliktigt för vårt bolag?"),
        ("sv", "betalar man skatt på bidraget?"),
        ("nb", "Jeg får feilmelding når jeg laster opp vedlegg i regionalforvaltning"),
        ("nb", "Påvirker det dagpengene mine om jeg jobber i et interregprosjekt?"),
        ("nb", "er tilskuddet skattepliktig?"),
        ("nb", "Kva skjer med skatten min når eg jobbar i prosjektet i Sverige?"),
    ],
)
async def test_a_question_about_the_programme_is_not_known_and_logged(
    make_tracker, domain, unanswered_log: Path, lang: str, text: str
) -> None:
    dispatcher = await _run(make_tracker, domain, lang, text)
    sent = cards(dispatcher)
    assert sent and sent[0]["type"] in ("not_known", "faq")
    assert not any(
        m.get("response") == "utter_out_of_scope" for m in dispatcher.messages
    )
    if sent[0]["type"] == "not_known":
        assert sent[0]["language"] == lang
        logged = [json.loads(line) for line in unanswered_log.read_text().splitlines()]
        assert [r["language"] for r in logged] == [lang]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vad blir det för väder i morgon?"),
        ("sv", "hur ansöker jag om föräldrapenning?"),
        ("sv", "hur söker jag bostadsbidrag?"),
        ("nb", "hvem vant kampen i går?"),
        ("nb", "hvordan søker jeg om startlån?"),
        ("nb", "hva er eurokursen i dag?"),
        ("nb", "kan dere anbefale et hotell i Østersund?"),
    ],
)
async def test_the_rest_is_out_of_scope(
    make_tracker, domain, unanswered_log: Path, lang: str, text: str
) -> None:
    dispatcher = await _run(make_tracker, domain, lang, text)
    assert [m.get("response") for m in dispatcher.messages] == ["utter_out_of_scope"]
    assert not unanswered_log.exists()


async def test_another_programme_is_named(
    make_tracker, domain, unanswered_log: Path
) -> None:
    sent = cards(await _run(make_tracker, domain, "sv", "när söker man Erasmus?"))
    assert [c["type"] for c in sent] == ["not_known"]
