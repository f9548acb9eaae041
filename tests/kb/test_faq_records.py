"""Questions the FAQ must not answer with a neighbouring entry (issue 12), and the
one entry further down that does answer the detail asked.

- Records: figures for a named project, period or place, or a share of applications
  ("vilka projekt fick pengar i Jämtland förra året"), are kept nowhere in the
  knowledge base; a general budget or place entry is not their answer.
- A person's name or number ("vad heter handläggaren för …") is not answered by the
  entry about the thing the person works on.
- "trenger vi ikke et forprosjekt før hovedprosjektet?" asks whether something is
  required: the entry about requiring it answers, not the closer overview.

Most wordings here are not in the development sets: the mechanisms are tested, not
the sentences they were found with.
"""

from __future__ import annotations

import pytest

from programme_kb.faq import facets, records_asked
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vilka projekt fick pengar i Jämtland förra året"),
        ("sv", "hur många ansökningar kom in i höstas"),
        ("sv", "hur många förstudier beviljades 2024"),
        ("sv", "hur stor andel av ansökningarna beviljas"),
        ("sv", "vilka kommuner i Dalarna har fått stöd"),
        ("sv", "hur mycket pengar fick Värmland förra året"),
        ("sv", "vilket projekt fick mest pengar i senaste utlysningen"),
        ("nb", "hvor mye fikk prosjektet Grensetjenesten i støtte"),
        ("nb", "hvor mange prosent av søknadene får avslag"),
        ("nb", "hvor mange prosjekter har Trøndelag fått innvilget hittil"),
        ("nb", "hvilke prosjekter fikk støtte i Innlandet i fjor"),
        ("nb", "hvor mange svenske søkere fikk avslag i fjor"),
        ("nb", "kor mange søknader kom inn i haust 2025"),
    ],
)
def test_records_of_a_project_period_or_place_are_not_known(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert snapshot.faq.records(text) == "specific"
    result = snapshot.faq.answer(text, lang)
    assert result.reason == "records" and not result.answered, result.best


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vad händer när vi har fått beslut?"),
        ("sv", "vi fick avslag förra året, kan vi söka igen?"),
        ("sv", "vårt projekt i Härjedalen fick avslag, varför"),
        ("sv", "när beviljas pengarna i Värmland"),
        ("sv", "Hur lång tid tar det innan vi får pengarna?"),
        ("sv", "hur många partner får ett projekt ha"),
        ("nb", "vi søkte 15. september, når får vi vite noe"),
        ("nb", "Hvor mye kan vi få i støtte?"),
        ("nb", "hvor mange prosent får vi i støtte"),
        ("nb", "kan Røros være med i prosjektet"),
    ],
)
def test_own_outcomes_rules_and_plain_questions_are_no_records(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert records_asked(text) is None
    assert snapshot.faq.answer(text, lang).reason != "records"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur många projekt har beviljats"),
        ("nb", "hvor mange prosjekter har fått støtte"),
        ("sv", "hur många projekt har fått stöd"),
        ("sv", "hur många projekt har fått pengar?"),
        ("nb", "hvor mange prosjekter har fått penger?"),
    ],
)
def test_a_general_count_is_answered_only_by_an_entry_that_asks_for_records(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """No register of projects: a general count is answered only by an entry whose
    own questions ask for such figures, and for a count when a count is asked (the
    entry saying where funded projects are listed is no count); no budget or
    decision entry stands in."""
    assert records_asked(text) == "general"
    result = snapshot.faq.answer(text, lang)
    if result.answered:
        assert result.best is not None
        entry = next(e for e in snapshot.kb.faq if e.id == result.best.entry_id)
        assert any(records_asked(q) for q in entry.questions.all())
        assert any("count" in facets(q) for q in entry.questions.all())
    else:
        assert result.reason == "records"


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vad heter handläggaren för delområde Nordens Gröna Bälte"),
        ("sv", "vad har projektrådgivaren i Värmland för telefonnummer"),
        ("sv", "namnet på kontaktpersonen för Centrala Skandinavien?"),
        ("nb", "hva heter saksbehandleren for Sentrale Skandinavia"),
        ("nb", "hva er telefonnummeret til rådgiveren i Innlandet"),
    ],
)
def test_a_persons_name_or_number_is_not_answered_by_an_entry(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert "person" in facets(text)
    assert not snapshot.faq.answer(text, lang).answered


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        ("sv", "vad heter programmet officiellt", "official_name"),
        ("sv", "vad heter förvaltande myndighet", "managing_authority"),
        ("nb", "hva heter programmet på engelsk", "official_name"),
    ],
)
def test_a_name_of_a_thing_is_still_answered(
    snapshot: Snapshot, lang: str, text: str, entry_id: str
) -> None:
    assert "person" not in facets(text)
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "trenger vi ikke et forprosjekt før hovedprosjektet?"),
        ("nb", "må vi ha et forprosjekt før hovedprosjekt"),
        ("nb", "trengs det forprosjekt før man søker hovedprosjekt"),
        ("sv", "behöver vi inte en förstudie före huvudprojektet"),
        ("sv", "måste man ha gjort förstudie innan man söker huvudprojekt?"),
        ("sv", "krävs en förstudie innan vi kan söka ett huvudprojekt"),
    ],
)
def test_whether_a_type_is_required_is_answered_by_the_entry_that_says_so(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """The overview of project types (closer in words) does not say whether a
    förstudie is required; the entry about both named types and "must" does."""
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == "forstudie_required"


@pytest.mark.parametrize(
    ("lang", "text", "entry_id"),
    [
        (
            "sv",
            "hur många dagar tar det innan pengarna kommer när vi skickat in utbetalningsansökan",
            "payment_time",
        ),
        (
            "nb",
            "hvor lang tid tar det før vi får pengene etter at vi har sendt inn rapporten",
            "payment_time",
        ),
    ],
)
def test_what_the_user_has_already_done_is_context_not_the_question(
    snapshot: Snapshot, lang: str, text: str, entry_id: str
) -> None:
    """ "… när vi skickat in utbetalningsansökan" says what was done; the question is
    how long until the money comes, not when to send the claim."""
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Vad händer när vi har fått beslut?", "Vad händer när vi har fått beslut?"),
        ("får vi anställa när vi skickat in", "får vi anställa när vi skickat in"),
        (
            "hvor lenge må vi vente på utbetalingen etter at vi har sendt inn",
            "hvor lenge må vi vente på utbetalingen",
        ),
    ],
)
def test_a_question_that_is_all_context_is_read_whole(text: str, kept: str) -> None:
    from programme_kb.faq import main_clause

    assert main_clause(text) == kept
