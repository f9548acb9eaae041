"""Documents named in a question (issue 12): an entry about another document does
not answer it, and the vocabulary that names the documents is validated at load."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.faq import FaqIndex
from programme_kb.kb import load
from programme_kb.loader import KnowledgeBaseError
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("text", "documents"),
    [
        ("Hvor mange sider kan søknaden være?", {"application"}),
        ("Hur många sidor får idéskissen vara?", {"idea_sketch"}),
        ("Kor lang tid tek det før vi får svar på idéskissa?", {"idea_sketch"}),
        ("Vi har missat sista dagen för delrapporten", {"report"}),
        ("rapporten skickas med utbetalningsansökan", {"payment_claim"}),
        ("När ska ansökan om utbetalning vara inne?", {"payment_claim"}),
        ("Når må vi sende anmodning om utbetaling?", {"payment_claim"}),
        ("Vilken delrapport ska med utbetalningsansökan?", {"report", "payment_claim"}),
        ("Hvem signerer samarbeidsavtalen?", {"cooperation_agreement"}),
        ("hur loggar man in i min ansökan", {"application_system"}),
        (
            "sender vi anmodning om utbetaling i min søknad",
            {"payment_claim", "application_system"},
        ),
        ("kan vi söka pengar", set()),
    ],
)
def test_the_documents_a_text_names(
    snapshot: Snapshot, text: str, documents: set
) -> None:
    assert snapshot.kb.documents_named(text) == documents


@pytest.mark.parametrize(
    ("lang", "question", "other_document_entry"),
    [
        ("nb", "Hvor mange sider kan søknaden være?", "joint_status_report"),
        ("sv", "Hur många sidor får ansökan vara?", "joint_status_report"),
        ("sv", "Hur många sidor får idéskissen vara?", "joint_status_report"),
        ("nb", "Kor lang tid tek det før vi får svar på idéskissa?", "decision_time"),
        ("sv", "Hur lång tid tar det att få svar på idéskissen?", "decision_time"),
    ],
)
def test_an_entry_about_another_document_does_not_answer(
    snapshot: Snapshot, lang: str, question: str, other_document_entry: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert not (
        result.answered
        and result.best is not None
        and result.best.entry_id == other_document_entry
    ), result


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "Hur många sidor får lägesrapporten vara?", "joint_status_report"),
        ("sv", "Hur lång får delrapporten vara?", "joint_status_report"),
        ("sv", "När ska vi skicka in ansökan om utbetalning?", "payment_claim_timing"),
        ("nb", "Når må vi sende anmodning om utbetaling?", "payment_claim_timing"),
    ],
)
def test_an_entry_about_the_document_named_still_answers(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id, result


def test_without_the_documents_the_other_documents_entry_answers(
    snapshot: Snapshot,
) -> None:
    """The document vocabulary does the work: without it the status report's ten
    pages answer the question about the application's length."""
    bare = FaqIndex(
        dataclasses.replace(snapshot.kb, documents={}), snapshot.faq.analyzer
    )
    result = bare.answer("Hvor mange sider kan søknaden være?", "nb")
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == "joint_status_report"


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        (
            "sv",
            "om projektet startar 1 mars, när måste första ansökan om utbetalning "
            "vara inne?",
            "payment_claim_timing",
        ),
        (
            "sv",
            "behöver vi inte ha någon partner i Norge om vi är ett företag?",
            "partner_other_country",
        ),
        (
            "nb",
            "trenger vi ikke svensk partner hvis prosjektet bare er i Norge?",
            "partner_other_country",
        ),
        (
            "sv",
            "slipper vi medfinansiering om vi är en liten förening?",
            "cofinancing_shares",
        ),
    ],
)
def test_a_condition_that_only_dilutes_the_question_leaves_its_entry(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """The question without its condition is sure of the entry the whole question
    is only weakly close to: the condition's words dilute, they do not redirect."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id, result


def test_a_condition_naming_a_project_type_is_not_set_aside(
    snapshot: Snapshot,
) -> None:
    """ "… en delrapport om vi är en förstudie?" may have the förstudie's own rule."""
    result = snapshot.faq.answer(
        "måste vi inte skriva en delrapport om vi är en förstudie?", "sv"
    )
    assert not (
        result.answered
        and result.best is not None
        and result.best.entry_id == "joint_status_report"
    ), result


@pytest.mark.parametrize(
    ("documents", "message"),
    [
        ({"Report": ["rapport"]}, "lower_snake_case"),
        ({"report": []}, "at least one word"),
        ({"report": ["rapport"], "other": ["rapport"]}, "names both"),
        ({"report": ["x" * 61]}, "1-60 characters"),
    ],
)
def test_a_bad_document_vocabulary_is_refused_at_load(
    data_copy: Path, documents: dict, message: str
) -> None:
    path = data_copy / "vocabulary.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["documents"] = documents
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as err:
        load(data_copy)
    assert "vocabulary.yml" in str(err.value) and message in str(err.value)


def test_a_phrase_with_no_word_names_nothing(snapshot: Snapshot) -> None:
    """ "—" passes the vocabulary's length check but holds no word: it must neither
    match everything nor stop the reading of a text."""
    kb = dataclasses.replace(snapshot.kb, documents={"report": ["—", "delrapport"]})
    assert kb.documents_named("en delrapport — och en ansökan") == {"report"}


@given(text=st.text(max_size=200))
def test_any_text_names_documents_without_failing(
    snapshot: Snapshot, text: str
) -> None:
    assert isinstance(snapshot.kb.documents_named(text), frozenset)
