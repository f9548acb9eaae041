"""The FAQ retrieval's vocabulary: synonyms across the languages, inflected detail
cues, and agreement on the project type a question names (issue 12)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from programme_kb.faq import FaqIndex, asked_facets, asks_for_detail, facets
from programme_kb.kb import KnowledgeBase, load
from programme_kb.loader import KnowledgeBaseError
from programme_kb.service import Snapshot
from programme_kb.text import years_meant


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("nb", "er det mulig å få forskudd", "advance_payment"),
        ("sv", "kan man få förskottsbetalning", "advance_payment"),
        ("nb", "kan vi få driftstilskudd", "operating_support"),
        ("sv", "kan vi få driftsbidrag", "operating_support"),
        ("sv", "måste vi använda EU-flaggan", "communication_duties"),
        ("nb", "må vi bruke EU-flagget", "communication_duties"),
        ("nb", "gjelder det krav om anbudskonkurranse for oss", "procurement"),
        ("sv", "måste vi följa LOU", "procurement"),
        ("nb", "gjelder anskaffelsesreglene for oss", "procurement"),
        ("sv", "gäller reglerna om statsstöd för vårt projekt", "state_aid"),
        ("nb", "kan vi regne egeninnsats som medfinansiering", "own_working_time"),
        ("nb", "hva skjer etter innvilget søknad", "after_approval"),
        ("sv", "vad händer efter att ansökan blivit beviljad", "after_approval"),
        ("sv", "Vem bestämmer om vår ansökan beviljas?", "who_decides"),
        ("nb", "Kven avgjer om prosjektet vårt får pengar?", "who_decides"),
    ],
)
def test_a_synonym_finds_the_entry_worded_otherwise(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.best is not None and result.best.entry_id == entry_id, result
    assert result.answered, result


def test_without_the_vocabulary_the_same_questions_are_not_answered(
    snapshot: Snapshot,
) -> None:
    """The synonyms do the work: the index built without them misses these."""
    bare = FaqIndex(
        dataclasses.replace(snapshot.kb, synonyms=[]), snapshot.faq.analyzer
    )
    for lang, question, entry_id in [
        ("nb", "kan vi få driftstilskudd", "operating_support"),
        ("nb", "må vi ha anbudskonkurranse når vi kjøper tjenester", "procurement"),
    ]:
        result = bare.answer(question, lang)
        assert not (
            result.answered and result.best and result.best.entry_id == entry_id
        )


@pytest.mark.parametrize(
    ("text", "facet"),
    [
        ("Hva er det høyeste beløpet et forprosjekt kan få?", "amount"),
        ("hur stor är budgeten för ett huvudprojekt", "amount"),
        ("hvor mye kan vi søke om", "amount"),
        ("hur många månader får en förstudie hålla på", "duration"),
        ("hvor lang tid tar det", "duration"),
        # a length compared or counted in years (dev15: "Kan ett huvudprojekt vara
        # längre än tre år om vi behöver?" got whether a förstudie is required)
        ("Kan ett huvudprojekt vara längre än tre år om vi behöver?", "duration"),
        ("Kan hovedprosjektet vare lenger enn 3 år?", "duration"),
        ("får en förstudie vara kortare än ett år?", "duration"),
    ],
)
def test_an_inflected_cue_still_asks_for_a_detail(text: str, facet: str) -> None:
    assert facet in facets(text)


@pytest.mark.parametrize(
    "text",
    [
        "Måste ansökan vara på svenska?",
        "Må søknaden være på svensk?",
        "kan vi delta i flere prosjekter",
        "vad är en förstudie",
    ],
)
def test_words_that_only_look_like_cues_ask_for_no_detail(text: str) -> None:
    assert not facets(text) & {"amount", "duration", "count"}


@pytest.mark.parametrize(
    ("lang", "question", "wrong_type_entry"),
    [
        ("sv", "hur många månader får en förstudie hålla på", "smaskaligt_duration"),
        ("nb", "hvor lenge kan et forprosjekt vare", "smaskaligt_duration"),
        ("sv", "hur mycket kan en förstudie få", "smaskaligt_budget"),
    ],
)
def test_an_entry_about_another_project_type_is_not_the_answer(
    snapshot: Snapshot, lang: str, question: str, wrong_type_entry: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.best is not None and result.best.entry_id != wrong_type_entry


def test_asks_beyond_tells_a_general_question_from_a_specific_one(
    snapshot: Snapshot,
) -> None:
    covered = {"who_can_apply", "associations", "companies", "private_persons"}
    assert not snapshot.faq.asks_beyond("kan vi søke?", "nb", covered)
    assert not snapshot.faq.asks_beyond("vilka får söka?", "sv", covered)
    assert snapshot.faq.asks_beyond("er det mulig å få forskudd", "nb", covered)


@pytest.mark.parametrize(
    ("synonyms", "message"),
    [
        ([["ensamt"]], "at least two words"),
        ([["två ord", "ord"]], "one word"),
        ([["a" * 41, "b"]], "one word"),
    ],
)
def test_a_bad_vocabulary_group_is_reported(
    data_copy: Path, synonyms: list, message: str
) -> None:
    (data_copy / "vocabulary.yml").write_text(
        yaml.safe_dump({"synonyms": synonyms}, allow_unicode=True), encoding="utf-8"
    )
    with pytest.raises(KnowledgeBaseError) as err:
        load(data_copy)
    assert "vocabulary.yml" in str(err.value) and message in str(err.value)


def test_the_vocabulary_is_optional(data_copy: Path) -> None:
    (data_copy / "vocabulary.yml").unlink()
    kb: KnowledgeBase = load(data_copy)
    assert kb.synonyms == []


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "finns det pengar kvar att söka", "remaining_funds"),
        ("nb", "er det penger igjen å søke", "remaining_funds"),
        (
            "nb",
            "kan man søke småskalaprosjekt når som helst",
            "rolling_forstudie_smaskala",
        ),
        ("sv", "vem fattar beslut om vilka projekt som får pengar", "who_decides"),
        ("nb", "hvem bestemmer hvilke prosjekter som får støtte", "who_decides"),
    ],
)
def test_words_spacy_calls_stop_words_tell_questions_apart(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """ "kvar", "helst", "beslut", "vem" are stop words to spaCy, evidence to us."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "hur många månader får en förstudie hålla på", "forstudie_duration"),
        ("nb", "hvor mange måneder kan et forprosjekt vare", "forstudie_duration"),
        ("sv", "hur mycket pengar får en förstudie", "forstudie_budget"),
        (
            "nb",
            "Kan forprosjekter søkes løpende hele året?",
            "rolling_forstudie_smaskala",
        ),
    ],
)
def test_a_detail_of_the_named_project_type_is_answered(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hur många månader", {"duration"}),
        ("hvor mange prosent dekker EU", {"amount"}),
        ("hvor mange prosjekter fikk støtte i fjor", {"count"}),
        ("måste man göra en förstudie innan man söker huvudprojekt", {"must"}),
        ("trenger vi et forprosjekt", {"must"}),
    ],
)
def test_how_many_is_a_count_only_of_things(text: str, expected: set) -> None:
    assert facets(text) == expected


def test_a_count_no_entry_answers_is_not_answered_with_a_share(
    snapshot: Snapshot,
) -> None:
    result = snapshot.faq.answer("hvor mange prosjekter fikk støtte i fjor", "nb")
    assert not result.answered


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("nb", "Må vi samarbeide med noen i Sverige?"),
        ("sv", "kan vi ha en partner i Norge?"),
    ],
)
def test_an_entry_about_a_place_needs_the_place(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.best is not None and result.best.entry_id not in ("buskerud", "viken")


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [("nb", "er buskerud med", "buskerud"), ("sv", "vad hände med Viken", "viken")],
)
def test_an_entry_about_a_place_answers_its_place(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("vi betaler 900 kr timen til prosjektlederen, er det for høyt", True),
        ("gäller 10 000 euro för förstudie även norska sidan", True),
        ("räcker 50 % medfinansiering", True),
        ("maks støtte til forprosjekt?", True),
        ("utlysningar 2026", False),
        ("passar 3A för oss", False),
        ("hur funkar finansieringen", False),
    ],
)
def test_a_quoted_figure_or_a_maximum_asks_for_a_detail(
    text: str, detail: bool
) -> None:
    """A general card is no answer to these; the FAQ or an honest "not known" is."""
    assert asks_for_detail(text) is detail


def test_the_one_entry_about_the_named_type_and_detail_comes_first(
    snapshot: Snapshot,
) -> None:
    result = snapshot.faq.answer("maks støtte til forprosjekt på norsk side?", "nb")
    assert result.answered and result.best is not None
    assert result.best.entry_id == "forstudie_budget"


@pytest.mark.parametrize(
    ("lang", "question", "answered_with"),
    [
        ("sv", "utlysningar 2026", None),
        ("sv", "blir det utlysningar 2028", "calls_after_2027"),
        ("nb", "kan man søke etter 2027", "calls_after_2027"),
    ],
)
def test_an_entry_about_other_years_does_not_answer(
    snapshot: Snapshot, lang: str, question: str, answered_with: object
) -> None:
    result = snapshot.faq.answer(question, lang)
    got = result.best.entry_id if result.answered and result.best else None
    assert got == answered_with


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("sv", "Finns det nån utlysning hösten 2027?"),
        ("nb", "Blir det utlysning i 2027 også?"),
        ("sv", "när är sista dag 2027"),
        ("nb", "kommer det en utlysning i 2026"),
    ],
)
def test_a_question_about_a_year_of_the_schedule_is_not_about_the_years_after(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    """ "efter 2027" is 2028 and later: the entry about those years does not answer
    a question about 2027 itself."""
    result = snapshot.faq.answer(question, lang)
    assert not (
        result.answered and result.best and result.best.entry_id == "calls_after_2027"
    )


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("Blir det utlysningar 2028?", {2028}),
        ("Kan man söka efter 2027?", set(range(2028, 2038))),
        ("kan man søke etter 2027", set(range(2028, 2038))),
        ("Kommer det några utlysningar efter år 2027?", set(range(2028, 2038))),
        ("Vad är totalbudgeten för 2021–2027?", set(range(2021, 2028))),
        ("programmet 2014-2020", set(range(2014, 2021))),
        ("utlysning hösten 2027", {2027}),
        ("budget 2026 och 2027", {2026, 2027}),
        ("ring 20270 eller 120 kronor", set()),
        ("inga år alls", set()),
    ],
)
def test_the_years_a_question_is_about(text: str, years: set) -> None:
    assert years_meant(text) == frozenset(years)


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("nb", "Hva må vi gjøre når prosjektet avsluttes?", "project_closure"),
        ("sv", "vad måste man göra när projektet avslutas?", "project_closure"),
        ("sv", "vad behöver vi göra i slutrapporten", "project_closure"),
    ],
)
def test_what_one_must_do_is_no_question_whether_it_is_a_must(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """ "Hva må vi gjøre …?" asks what to do: the entry that says it answers, though
    none of its questions asks whether something is a must."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("text", "must"),
    [
        ("måste vi ha en norsk partner?", True),
        ("trenger vi ikke et forprosjekt?", True),
        ("Hva må vi gjøre når prosjektet avsluttes?", False),
        ("vad måste man göra när projektet avslutas", False),
        ("hur mycket måste vi skjuta till själva", False),
    ],
)
def test_a_question_word_first_asks_no_must(text: str, must: bool) -> None:
    assert ("must" in asked_facets(text)) is must


@pytest.mark.parametrize(
    ("lang", "question", "owed"),
    [
        ("sv", "Finns det någon rådgivare i Dalarna?", True),
        ("sv", "ingår Dalarna i programmet?", True),
        ("nb", "gdpr, hvem behandler personopplysningene vi sender inn", False),
        ("sv", "när får vi pengarna?", False),
    ],
)
def test_an_answer_owed_to_a_place_named(
    snapshot: Snapshot, lang: str, question: str, owed: bool
) -> None:
    """A place named is the setting: an answer that needs it to be the answer (an
    entry whose questions name Dalarna) owes itself to the place."""
    result = snapshot.faq.answer(question, lang)
    assert snapshot.faq.owed_to_a_place(question, lang, result) is owed


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "Måste vi ha EU-flaggan på broschyrerna?", "communication_duties"),
        ("nb", "hvor mange sider kan fremdriftsrapporten være?", "joint_status_report"),
    ],
)
def test_an_inflected_compound_counts_as_its_head(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """The lemmatiser leaves a compound it does not know inflected ("broschyrerna",
    "fremdriftsrapporten"); its head without the ending is a word the entries use."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id, result


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("nb", "Korleis fungerer utbetalinga?"),
        (
            "nb",
            "Korleis fungerer utbetalinga, får vi pengane på førehand eller etterpå?",
        ),
    ],
)
def test_a_nynorsk_payment_is_not_each_sides_budget(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    """ "utbetalinga" is the payment (compound_dev4, blind): never answered with how
    each side budgets."""
    result = snapshot.faq.answer(question, lang)
    assert not (
        result.answered
        and result.best is not None
        and result.best.entry_id == "own_budget_each_side"
    ), result
