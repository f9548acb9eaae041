"""The FAQ's second reading (``programme_kb.faq_classifier``): a weak answer stands
only if a model of another kind picks the same entry (issue 12, never a wrong
answer); declared questions, clear leads and the detail asked are not second-guessed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from programme_kb.faq_classifier import EntryClassifier
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("lang", "text", "not_entry"),
    [
        # how to claim a payment, not how long the payment takes
        ("nb", "søke om utbetaling, hvordan?", "payment_time"),
        # a share of EU support on one side, not the förstudie's ceiling
        ("sv", "hur stor andel EU-stöd får svenska parter?", "forstudie_budget"),
    ],
)
def test_a_weak_answer_the_second_reading_does_not_share_is_a_choice(
    snapshot: Snapshot, lang: str, text: str, not_entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.best is not None and result.best.entry_id == not_entry
    assert not result.answered and result.reason == "second_opinion"
    assert result.suggestions  # offered as "did you mean …?", not dropped


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hvordan søker man om utbetaling?"),
        ("nb", "hvordan søker vi om utbetaling?"),
        ("nb", "korleis søkjer vi om utbetaling?"),
        ("sv", "hur ansöker man om utbetalning?"),
        ("sv", "hur söker vi utbetalning?"),
    ],
)
def test_applying_for_a_payment_is_never_answered_as_applying_for_a_project(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Applying for a payment ("søke om utbetaling") shares its verb with applying
    for a project: the reply may offer both (a close call or a second opinion), never
    answer with the project application alone."""
    result = snapshot.faq.answer(text, lang)
    if result.answered:
        assert result.best is not None
        assert result.best.entry_id == "payment_claim_timing"
    else:
        offered = [s.entry_id for s in result.suggestions]
        assert "payment_claim_timing" in offered


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Hur ansöker man?", "how_to_apply"),  # a declared question
        ("sv", "betalas pengarna ut i förväg?", "advance_payment"),  # a clear lead
        ("sv", "När ska vi skicka in idéskissen?", "idea_sketch_timing"),  # the time
        ("nb", "Kan et dansk selskap delta?", "outside_area_partner"),
    ],
)
def test_declared_questions_clear_leads_and_details_stand(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    result = snapshot.faq.answer(text, lang)
    assert result.answered and result.best is not None
    assert result.best.entry_id == entry


def test_the_second_reading_knows_the_entries_own_questions(
    snapshot: Snapshot,
) -> None:
    """Trained on them, it ranks nearly every entry's own question first."""
    texts, ids = [], []
    for entry in snapshot.kb.faq:
        for question in entry.questions["sv"]:
            texts.append(question.lower())
            ids.append(entry.id)
    model = EntryClassifier(texts, ids)
    hits = sum(model.margin(t, i) > 0 for t, i in zip(texts, ids, strict=True))
    assert hits / len(texts) >= 0.95


def test_the_second_reading_is_the_same_every_time(snapshot: Snapshot) -> None:
    texts = [q for e in snapshot.kb.faq for q in e.questions["nb"]]
    ids = [e.id for e in snapshot.kb.faq for _ in e.questions["nb"]]
    first, second = EntryClassifier(texts, ids), EntryClassifier(texts, ids)
    for text in ("kan vi få forskudd", "hvem bestemmer", "frist"):
        for entry in ("advance_payment", "who_decides", "application_windows"):
            assert first.margin(text, entry) == second.margin(text, entry)


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gets_a_margin(text: str) -> None:
    """With two entries, one's margin is the other's, negated; an unknown entry has
    no margin to speak of."""
    model = EntryClassifier(["kan vi söka", "när är fristen"], ["a", "b"])
    assert model.margin(text, "a") == -model.margin(text, "b")
    assert model.margin(text, "c") == float("-inf")


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [("sv", "Får en tysk förening vara med?", "outside_area_partner")],
)
def test_a_weak_agreement_is_offered_not_answered(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """Both readings lean the same way, the second only barely (margin < 0.1):
    since the fourteenth session that is "did you mean …?" with the entry first, a
    right answer traded for fewer wrong ones elsewhere (see SECOND_OPINION_BELOW)."""
    result = snapshot.faq.answer(text, lang)
    assert not result.answered and result.reason == "second_opinion"
    assert result.best is not None and result.best.entry_id == entry
