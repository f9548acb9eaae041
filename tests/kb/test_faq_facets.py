"""The FAQ retrieval answers the detail asked, not the neighbouring entry (issue 12).

Each mechanism is checked in both languages with wordings that are not any entry's
declared question: a time asked ("när ska …", not "när vi har …"), the language
named ("på engelska" is not "på svorsk"; "på norsk side" is no language at all), a
contact detail, an organisation from another country, a quantifier ("alla"), and
synonyms for lists, currencies and advance payments.
"""

from __future__ import annotations

from typing import List

import pytest

from programme_kb.faq import (
    about_languages,
    asks_about_everyone,
    facets,
    languages_named,
    without_condition,
)
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "När ska vi skicka in idéskissen?", "idea_sketch_timing"),
        ("nb", "Når skal vi sende idéskissen?", "idea_sketch_timing"),
        ("sv", "Får ansökan skrivas på engelska?", "english_application"),
        ("nb", "Kan søknaden skrives på engelsk?", "english_application"),
        ("sv", "Får vi skriva på svorsk?", "svorsk"),
        ("nb", "Kan vi skrive på svorsk?", "svorsk"),
        ("sv", "Vad är stödnivån på norsk sida?", "cofinancing_shares"),
        ("nb", "Hva er støttenivået på svensk side?", "cofinancing_shares"),
        ("sv", "Vilket telefonnummer har sekretariatet?", "secretariat_and_website"),
        ("nb", "Kan et dansk selskap delta?", "outside_area_partner"),
        ("sv", "Måste alla som är med vara partner?", "participate_without_partner"),
        ("nb", "Må alle organisasjonene være partnere?", "participate_without_partner"),
        ("sv", "Finns det en lista över beviljade projekt?", "funded_projects_news"),
        (
            "nb",
            "Finnes det en liste over prosjekter som har fått støtte?",
            "funded_projects_news",
        ),
        ("sv", "Kan vi få en del av pengarna i förväg?", "advance_payment"),
        ("nb", "Kan vi få noe av støtten på forhånd?", "advance_payment"),
        # a project type in a condition is the setting, not what is asked about
        (
            "sv",
            "behöver vi inte ha en norsk partner om vi bara söker en förstudie?",
            "partner_other_country",
        ),
        ("sv", "Behöver vi skriva ett avtal med partnern?", "cooperation_agreement"),
        ("nb", "Må vi ha en samarbeidsavtale?", "cooperation_agreement"),
    ],
)
def test_the_entry_for_the_detail_asked(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, (question, result.reason)
    assert result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("lang", "question", "not_entry"),
    [
        # a person's number: no entry names one, the contact route answers
        ("nb", "hva er telefonnummeret til rådgiveren i Trøndelag", None),
        ("sv", "vilket mejl har handläggaren i Jämtland", None),
        ("sv", "Vad har projektrådgivaren Eva för mobilnummer?", None),
        ("nb", "kan jeg få direktnummeret til saksbehandleren?", None),
        ("nb", "kva er mobilnummeret til rådgjevaren?", None),
        # a named project type's detail is not answered by another type's entry
        ("sv", "hur många partner får ett huvudprojekt ha som mest?", None),
        ("nb", "hvor mange partnere kan et hovedprosjekt ha?", "smaskala_partners"),
    ],
)
def test_no_neighbouring_entry_for_a_detail_nobody_states(
    snapshot: Snapshot, lang: str, question: str, not_entry: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    if not_entry is None:
        assert not result.answered, (question, result.best)
    else:
        assert not (
            result.answered and result.best and result.best.entry_id == not_entry
        )


@pytest.mark.parametrize(
    ("text", "asks_when"),
    [
        ("När ska idéskissen vara klar?", True),
        ("Når må søknaden være sendt?", True),
        ("Hur tidigt ska vi höra av oss?", True),
        ("Hvor tidlig bør vi ta kontakt?", True),
        ("Når vi har fått tilsagn, hva skjer da?", False),
        ("När vi skickat in, hur länge dröjer det?", False),
        ("När är småskaligt projekt rätt val för oss?", False),
        ("Kan vi delta i flere prosjekter?", False),
    ],
)
def test_a_time_is_asked_only_by_a_question(text: str, asks_when: bool) -> None:
    assert ("when" in facets(text)) is asks_when


@pytest.mark.parametrize(
    ("text", "contact"),
    [
        ("Vilken e-postadress har sekretariatet?", True),
        ("Hva er e-posten til programmet?", True),
        ("Kan vi ringa er?", True),
        ("Kan vi ringe dere?", True),
        ("Vad heter handläggaren och vilket telefonnummer har hen?", False),
        ("Hvor lenge varer et forprosjekt?", False),
    ],
)
def test_a_contact_detail_is_its_own_detail(text: str, contact: bool) -> None:
    assert ("contact" in facets(text)) is contact


@pytest.mark.parametrize(
    ("text", "named"),
    [
        ("Får vi skriva på engelska?", {"en"}),
        ("Kan prosjektet ha et engelsk navn?", {"en"}),
        ("Kan vi skrive på en blanding, altså svorsk?", {"sv", "no"}),
        ("Måste ansökan vara på svenska?", {"sv"}),
        ("Må søknaden være på norsk?", {"no"}),
        ("Vad är stödnivån på svensk och norsk sida?", set()),
        ("Hva er støttenivået på norsk side?", set()),
        ("Kan en norsk partner være med?", set()),
        ("Får en församling i Svenska kyrkan söka?", set()),
        # "siden" after "på svensk" is "since", not a side (dev15)
        ("Må vi ikke skrive på svensk siden hovedsøker er svensk?", {"sv"}),
        ("Hva gjelder på den svenske siden?", set()),
        ("Vad gäller på norska sidan?", set()),
        ("Vad gäller på norska sidna?", set()),  # a typo of "sidan" is still a side
    ],
)
def test_languages_named_not_sides(text: str, named: set) -> None:
    assert languages_named(text) == frozenset(named)


@pytest.mark.parametrize(
    ("text", "about"),
    [
        ("kva er arbeidsspråket på møta i styringskomiteen", True),
        ("finns det några språkkrav?", True),
        ("vilket språk ska ansökan skrivas på?", True),
        ("Får en församling i Svenska kyrkan söka?", False),
        ("vem sitter i styrkommittén?", False),
    ],
)
def test_a_question_about_languages(text: str, about: bool) -> None:
    assert about_languages(text) is about


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "kva er arbeidsspråket på møta i styringskomiteen"),
        ("sv", "vilket arbetsspråk har styrkommittén på sina möten?"),
    ],
)
def test_a_language_question_is_not_answered_by_an_entry_about_something_else(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Only entries about languages answer a question about languages; no entry
    says which language the committees work in."""
    assert not snapshot.faq.answer(text, lang).answered


@pytest.mark.parametrize(
    ("text", "everyone"),
    [
        ("Måste alla som är med vara partner?", True),
        ("Må alle organisasjonene være partnere?", True),
        ("Må alle som deltar stå i budsjettet?", True),
        ("Kan alle søke?", False),
        ("Gäller det alla?", False),
    ],
)
def test_everyone_taking_part_is_its_own_question(text: str, everyone: bool) -> None:
    assert asks_about_everyone(text) is everyone


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("behöver vi en partner om vi bara gör en förstudie?", "behöver vi en partner"),
        ("trenger vi partner hvis vi søker forprosjekt?", "trenger vi partner"),
        ("må vi ha et forprosjekt før hovedprosjekt?", "må vi ha et forprosjekt"),
    ],
)
def test_a_condition_is_not_the_subject(text: str, kept: str) -> None:
    assert without_condition(text).startswith(kept)


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        (
            "sv",
            "Varför krävs det att vi har en norsk partner?",
            "why_partner_other_side",
        ),
        ("nb", "Hvorfor må vi ha en svensk partner?", "why_partner_other_side"),
        ("nb", "Kvifor må vi ha ein svensk partnar?", "why_partner_other_side"),
        ("sv", "Måste man ha en partner i Norge?", "partner_other_country"),
        ("nb", "Må vi ha en partner i Sverige?", "partner_other_country"),
        (
            "sv",
            "Hur kommer det sig att Norge får vara med fast de inte är med i EU?",
            "norway_outside_eu",
        ),
        ("nb", "Hvorfor er Norge med når vi ikke er EU-medlem?", "norway_outside_eu"),
        # worded like the rule, asking the reason; worded like the reason, asking
        # the rule (``explains``)
        (
            "sv",
            "Vad är anledningen till att vi behöver en norsk partner?",
            "why_partner_other_side",
        ),
        ("sv", "Krävs det en norsk part i projektet?", "partner_other_country"),
    ],
)
def test_the_reason_for_a_rule_answers_why_and_the_rule_answers_whether(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """ "Varför måste vi ha en norsk partner?" asks the reason, "Måste vi …?" the
    rule: an entry every question of which asks why is no answer to the rule."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id, result


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("nb", "Kan et forprosjekt få mer penger hvis vi trenger det?"),
        ("sv", "Kan en förstudie få mer pengar om vi behöver det?"),
    ],
)
def test_a_condition_asks_no_facet(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    """ "… hvis vi trenger det" is the condition, not a question whether something is
    required: never the entry that says a forprosjekt is not required."""
    result = snapshot.faq.answer(question, lang)
    assert not (
        result.answered
        and result.best is not None
        and result.best.entry_id == "forstudie_required"
    ), result


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "Får ett aktiebolag förskott på stödet?", "advance_payment"),
        ("nb", "Kan en kommune få forskudd?", "advance_payment"),
        ("nb", "Kan et idrettslag få forskudd?", "advance_payment"),
        # who may apply is still who may apply
        ("sv", "Kan en ideell förening söka?", "associations"),
        ("nb", "Kan et AS være med?", "companies"),
        ("sv", "får en ekonomisk förening vara medsökande", "associations"),
    ],
)
def test_an_organisation_named_is_the_setting_of_another_question(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """ "Kan en kommune få forskudd?" asks about advance payment: the words naming
    the organisation made the who-may-apply entry the closest, and the question
    without them is answered by another entry."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id, result


@pytest.mark.parametrize(
    ("lang", "question", "practice"),
    [
        ("sv", "Hur mycket brukar Region Värmland gå in med i medfinansiering?", True),
        ("nb", "Hvor mye pleier Trysil kommune å medfinansiere?", True),
        ("sv", "Hur lång tid brukar det ta innan vi får beslut?", False),
    ],
)
def test_what_one_party_usually_does_is_not_known(
    snapshot: Snapshot, lang: str, question: str, practice: bool
) -> None:
    """No rule and no register of ours says what a named municipality or county
    usually co-finances: not the general co-financing rule, but "I don't know" with
    the route (a habit without a party named, "hur lång tid brukar det ta", is the
    general rule's question)."""
    result = snapshot.faq.answer(question, lang)
    assert (result.reason == "practice") is practice, result
    assert result.answered is not practice, result


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "logotypen?", "communication_duties"),
        ("nb", "revisoren?", "payment_review"),
    ],
)
def test_one_word_only_one_entry_holds_is_answered_by_it(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    """One word, found in one entry's questions only: that entry, though a single
    word is far from any whole question (rule "one_word")."""
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best is not None, result
    assert result.best.entry_id == entry_id and result.rule == "one_word", result


def test_one_word_several_entries_hold_is_no_single_answer(snapshot: Snapshot) -> None:
    """ "projekt?" is in many entries' questions: no entry is the answer by rule."""
    assert snapshot.faq.answer("projekt?", "sv").rule is None


@pytest.mark.parametrize("repeats", [3, 400])
def test_the_organisation_is_set_aside_once_and_only_in_a_short_question(
    snapshot: Snapshot, monkeypatch: pytest.MonkeyPatch, repeats: int
) -> None:
    """The same question many times over must not look the organisation up again for
    each copy (it did: one look-up per repetition, each on the whole text); a long
    message is not looked up at all, its questions are asked one by one."""
    checker = snapshot.faq.organisations
    assert checker is not None
    calls: List[str] = []
    original = checker.check

    def counting(text: str, *args: object, **kwargs: object) -> object:
        calls.append(text)
        return original(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(checker, "check", counting)
    snapshot.faq.answer("Kan en kommun få förskott? " * repeats, "sv")
    assert len(calls) <= (1 if repeats == 3 else 0), len(calls)
