"""Whether a particular cost may be charged: the eligible-costs entry answers it,
whatever else the question mentions; other questions about costs keep their own
entries (programme_kb.costs, FaqIndex.answer)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from programme_kb.costs import asks_about_a_cost
from programme_kb.faq import COSTS_ENTRY
from programme_kb.service import Snapshot

COST_QUESTIONS = [
    ("sv", "Får vi ta med flygresor till partnermötena i Trondheim?"),
    ("sv", "kan vi hyra in en konsult i projektet för att göra webbsidan"),
    ("sv", "Går det att köpa in programvara i projektet?"),
    ("sv", "räknas porto och tryck som en kostnad?"),
    ("sv", "får vi ersättning för milersättning när vi kör till Norge?"),
    ("sv", "Kan vi budgetera för fika på workshoparna?"),
    ("sv", "täcker programmet hotellnätter för deltagarna?"),
    (
        "sv",
        "Hej! Vi planerar en konferens i Östersund, får vi ta upp lokalhyra som kostnad?",
    ),
    ("nb", "Kan vi få dekket leie av møterom?"),
    ("nb", "Kan vi føre opp kjøp av en elbil?"),
    ("sv", "får vi köpa en elbil?"),
    ("sv", "kan vi köpa en bil i projektet?"),
    ("nb", "kan vi kjøpe inn en ny server i prosjektet?"),
    ("nb", "Får vi føre opp kjøregodtgjørelse i budsjettet?"),
    ("nb", "er honorar til foredragsholdere støtteberettiget?"),
    ("nb", "kan vi leie inn en prosjektkoordinator med prosjektmidler?"),
    ("nb", "dekkes overnatting for de svenske deltakerne?"),
    ("nb", "Kan me få dekt reiser til Jämtland?"),
    ("sv", "hur mycket av budgeten får gå till lön?"),
    ("nb", "hvor mye av budsjettet kan gå til reiser?"),
    ("nb", "Kan vi føre lisenser til programvare som prosjektkostnad?"),
    ("sv", "räknas lönekostnader för timanställda?"),
    ("nb", "godkjennes lønnskostnader for frivillige?"),
    (
        "nb",
        "Hei, vi er en kommune i Innlandet – kan vi ta med lunsj på samlingene som kostnad?",
    ),
]
"""Written for this test, none taken from a bench set: many kinds of cost, the
verbs applicants use, context before the question, Nynorsk."""

NOT_COST_QUESTIONS = [
    ("sv", "Hur stor andel av kostnaderna täcks av EU-medel?"),
    ("sv", "vem står för kostnaderna om projektet får avslag?"),
    ("sv", "vilken växelkurs använder vi för kostnaderna?"),
    ("sv", "kan vi ta med en partner från Finland?"),
    ("sv", "får vi ta med en kommun från Stockholm i projektet?"),
    ("sv", "när ska ekonomirapporten med kostnaderna lämnas in?"),
    ("sv", "Kan vi söka pengar för ett kulturprojekt?"),
    ("nb", "Hvor stor andel av kostnadene dekkes av IR-midler?"),
    ("nb", "kan vi ta med en svensk kommune som partner?"),
    ("nb", "hvordan fører vi timene i regnskapet?"),
    ("nb", "når kommer pengene for kostnadene vi har hatt?"),
    ("nb", "kan vi byrja før vedtaket og frå når kan vi rekna kostnader?"),
    ("sv", "från när får vi räkna kostnader i projektet?"),
    ("nb", "Kan vi søke om støtte til et reiselivsprosjekt?"),
    ("nb", "hva koster det å leie bil i sommerferien?"),
    ("sv", "vad kostar det att hyra en lokal i Östersund?"),
    ("sv", "hur mycket får man ta ut i timpris för konsulter?"),  # a rate: not known
]
"""Questions that name costs or a charging verb and ask something else: the
co-financing shares, who bears a rejected project's costs, the exchange rate, taking a
partner along, when a report is due, applying at all."""


@pytest.mark.parametrize(("lang", "text"), COST_QUESTIONS)
def test_a_cost_question_is_recognised(lang: str, text: str) -> None:
    assert asks_about_a_cost(text), text


@pytest.mark.parametrize(("lang", "text"), NOT_COST_QUESTIONS)
def test_other_questions_about_costs_are_not(lang: str, text: str) -> None:
    assert not asks_about_a_cost(text), text


@pytest.mark.parametrize(("lang", "text"), COST_QUESTIONS)
def test_the_eligible_costs_entry_answers_a_cost_question(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None, text
    assert result.best.entry_id == COSTS_ENTRY, (text, result.best.entry_id)
    assert (
        result.best.answer
        == snapshot.kb.faq[[e.id for e in snapshot.kb.faq].index(COSTS_ENTRY)].answer[
            lang
        ]
    )


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        (
            "sv",
            "Kan vi ta med kostnader från tiden innan beslutet?",
            "costs_from_start",
        ),
        ("nb", "Kan vi føre kostnader fra før vedtaket kom?", "costs_from_start"),
        (
            "sv",
            "Får vi räkna vår egen arbetstid som medfinansiering?",
            "own_working_time",
        ),
        ("nb", "Kan vi bruke egen arbeidstid som medfinansiering?", "own_working_time"),
    ],
)
def test_a_cost_question_another_entry_answers_keeps_it(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry, (text, result.best.entry_id)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_any_text_is_read_without_error(text: str) -> None:
    assert asks_about_a_cost(text) in (True, False)
