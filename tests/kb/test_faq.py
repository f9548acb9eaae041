"""FAQ retrieval: new paraphrases find their entry, unrelated questions are not answered,
new entries work without retraining, and the answer follows the question's language.

Every paraphrase below was written for this test and is checked to differ from all
question variants in faq.yml. Paraphrases the retriever does not yet find are kept
as strict xfails, so the gap stays visible and a fix shows up as XPASS.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, List, Optional

import pytest
from rapidfuzz import fuzz

from programme_kb.service import Service, Snapshot
from programme_kb.text import clean, fold

MAX_SIMILARITY_TO_A_VARIANT = 80.0


def _p(entry: str, lang: str, text: str, gap: Optional[str] = None) -> Any:
    marks = (
        [pytest.mark.xfail(strict=True, reason=f"retrieval gap: {gap}")] if gap else []
    )
    return pytest.param(entry, lang, text, marks=marks, id=f"{entry}-{lang}")


PARAPHRASES: List[Any] = [
    _p(
        "start_before_decision",
        "sv",
        "Är det tillåtet att dra igång projektet innan beslutet kommit?",
        "right entry ranked first but scored 0.41 < 0.5, so not answered",
    ),
    _p(
        "start_before_decision",
        "nb",
        "Har vi lov til å sette i gang prosjektet før vedtaket foreligger?",
        "right entry ranked first but scored 0.44 < 0.5, so not answered",
    ),
    _p("reporting_periods", "sv", "Hur många månader omfattar varje rapportperiod?"),
    _p(
        "reporting_periods", "nb", "Hvor mange måneder varer hver rapporteringsperiode?"
    ),
    _p(
        "payment_claim_timing",
        "sv",
        "Hur lång tid efter periodens slut har vi på oss att skicka utbetalningsansökan?",
    ),
    _p(
        "payment_claim_timing",
        "nb",
        "Hvor lang frist har vi på å be om utbetaling etter at perioden er over?",
        "right entry ranked first but scored 0.39 < 0.5, so not answered",
    ),
    _p(
        "joint_status_report",
        "sv",
        "Måste lägesrapporten skrivas gemensamt av båda länderna?",
    ),
    _p(
        "joint_status_report",
        "nb",
        "Skal den svenske og den norske parten levere én felles statusrapport?",
    ),
    _p("svorsk", "sv", "Går det bra att blanda svenska och norska i ansökan?"),
    _p(
        "svorsk",
        "nb",
        "Går det an å skrive søknaden på en blanding av norsk og svensk?",
    ),
    _p(
        "operating_support",
        "sv",
        "Ger ni bidrag till driften av vår befintliga verksamhet?",
    ),
    _p(
        "operating_support",
        "nb",
        "Gir dere tilskudd til driften av virksomheten vi allerede har?",
        "right entry ranked first but scored 0.33 < 0.5, so not answered",
    ),
    _p(
        "project_must_be_new",
        "sv",
        "Vår verksamhet finns redan, måste projektet vara något nytt?",
    ),
    _p(
        "project_must_be_new",
        "nb",
        "Vi har holdt på med dette en stund, må prosjektet være nytt?",
    ),
    _p(
        "why_interreg",
        "sv",
        "Vad gör Interreg bättre än andra stödformer för vårt projekt?",
        "right entry ranked first but scored 0.49 < 0.5, so not answered",
    ),
    _p(
        "why_interreg",
        "nb",
        "Hvorfor skal vi velge Interreg framfor andre tilskuddsordninger?",
    ),
    _p(
        "cross_border_added_value",
        "sv",
        "Vad innebär det gränsöverskridande mervärdet för vårt projekt?",
    ),
    _p(
        "cross_border_added_value",
        "nb",
        "Hva betyr grenseoverskridende merverdi for prosjektet vårt?",
    ),
    _p("selection_criteria", "sv", "Hur väljer ni ut vilka projekt som beviljas?"),
    _p("selection_criteria", "nb", "Etter hvilke kriterier blir søknadene vurdert?"),
    _p(
        "focus_areas_overview",
        "sv",
        "Hur många insatsområden har programmet och vilka är de?",
    ),
    _p(
        "focus_areas_overview",
        "nb",
        "Hvor mange innsatsområder har programmet, og hvilke er det?",
    ),
    _p(
        "project_types_overview",
        "sv",
        "Vilka olika projekttyper finns det att välja mellan?",
    ),
    _p(
        "project_types_overview",
        "nb",
        "Hvilke typer prosjekter er det mulig å søke om?",
        "right entry ranked first but scored 0.39 < 0.5, so not answered",
    ),
    _p(
        "forprosjekt_length",
        "sv",
        "Hur många månader brukar en förstudie hålla på?",
        "partner_other_country ranked first (0.37); expected entry in top 3",
    ),
    _p("forprosjekt_length", "nb", "Hva er maksimal varighet på et forprosjekt?"),
    _p(
        "hovedprosjekt_length_budget",
        "sv",
        "Finns det något tak för hur stort ett huvudprojekt får vara?",
    ),
    _p(
        "hovedprosjekt_length_budget",
        "nb",
        "Er det noe øvre budsjettgrense for et hovedprosjekt?",
    ),
    _p(
        "smaskalaprosjekt_for_whom",
        "sv",
        "Vem riktar sig småprojekten till?",
        "right entry ranked first but scored 0.19 < 0.5, so not answered",
    ),
    _p(
        "smaskalaprosjekt_for_whom",
        "nb",
        "Hvem er småskalaprosjektene ment for?",
        "right entry ranked first but scored 0.42 < 0.5, so not answered",
    ),
    _p("how_to_apply", "sv", "I vilket system lämnar man in sin ansökan?"),
    _p("how_to_apply", "nb", "Hvilket system skal vi bruke for å sende inn søknaden?"),
    _p("idea_sketch", "sv", "Hur skickar vi in en idéskiss till en projektrådgivare?"),
    _p(
        "idea_sketch",
        "nb",
        "Hvordan sender vi en idéskisse til en prosjektrådgiver?",
        "right entry ranked first but scored 0.49 < 0.5, so not answered",
    ),
    _p(
        "preparation_time",
        "sv",
        "Hur många månader behöver vi för att förbereda ansökan?",
    ),
    _p(
        "preparation_time",
        "nb",
        "Hvor mange måneder bør vi sette av til å forberede søknaden?",
    ),
    _p("decision_time", "sv", "Hur lång handläggningstid är det innan beslut?"),
    _p("decision_time", "nb", "Hvor lang saksbehandlingstid er det før vi får vedtak?"),
    _p(
        "application_windows",
        "sv",
        "När öppnar nästa ansökningsomgång för huvudprojekt?",
    ),
    _p(
        "application_windows", "nb", "Når åpner neste søknadsrunde for hovedprosjekter?"
    ),
    _p(
        "first_call",
        "sv",
        "När hade programmet sin allra första sista ansökningsdag?",
        "WRONG entry answered: application_windows (0.69)",
    ),
    _p("first_call", "nb", "Når var aller første søknadsfrist i programmet?"),
    _p(
        "rolling_forstudie_smaskala",
        "sv",
        "Kan förstudier sökas löpande under hela året?",
    ),
    _p(
        "rolling_forstudie_smaskala", "nb", "Kan forprosjekter søkes løpende hele året?"
    ),
    _p(
        "who_can_apply",
        "sv",
        "Vilka typer av organisationer får söka pengar?",
        "WRONG entry answered: project_types_overview (0.58)",
    ),
    _p(
        "who_can_apply",
        "nb",
        "Hvilke slags aktører har lov til å søke om midler?",
        "ir_funds ranked first (0.35); expected entry not in top 3",
    ),
    _p(
        "associations",
        "sv",
        "Kan vår skidklubb stå som sökande part?",
        "managing_authority ranked first (0.40); expected entry not in top 3",
    ),
    _p(
        "associations",
        "nb",
        "Kan foreningen vår være søker?",
        "WRONG entry answered: sole_proprietorship (0.53)",
    ),
    _p("companies", "sv", "Kan vårt aktiebolag vara med och söka?"),
    _p("companies", "nb", "Kan aksjeselskapet vårt være med og søke?"),
    _p("private_persons", "sv", "Kan en vanlig privatperson få pengar?"),
    _p("private_persons", "nb", "Kan en vanlig privatperson få støtte?"),
    _p("sole_proprietorship", "sv", "Får jag söka om jag har enskild firma?"),
    _p(
        "sole_proprietorship", "nb", "Kan jeg søke hvis jeg driver enkeltpersonforetak?"
    ),
    _p(
        "partner_other_country",
        "sv",
        "Behöver vi verkligen en samarbetspartner i Norge?",
        "WRONG entry answered: find_partners (0.60)",
    ),
    _p(
        "partner_other_country",
        "nb",
        "Trenger vi virkelig en samarbeidspartner i Sverige?",
        "WRONG entry answered: find_partners (0.58)",
    ),
    _p("partner_eu", "sv", "Hur många Partner EU får vi ha på svensk sida?"),
    _p("partner_eu", "nb", "Hvor mange Partner EU kan vi ha på svensk side?"),
    _p("find_partners", "sv", "Kan sekretariatet hjälpa oss hitta en projektpartner?"),
    _p(
        "find_partners",
        "nb",
        "Får vi hjelp fra sekretariatet til å skaffe en svensk partner?",
        "WRONG entry answered: partner_other_country (0.54)",
    ),
    _p(
        "partner_pairing",
        "sv",
        "Vilken region i Norge passar bäst att samarbeta med om vi finns i Värmland?",
    ),
    _p(
        "partner_pairing",
        "nb",
        "Hvilken svensk region passer best å samarbeide med når vi er fra Innlandet?",
    ),
    _p(
        "cofinancing_shares",
        "sv",
        "Hur stor andel av kostnaderna täcks av EU-medel?",
        "right entry ranked first but scored 0.37 < 0.5, so not answered",
    ),
    _p(
        "cofinancing_shares",
        "nb",
        "Hvor stor andel av kostnadene dekkes av IR-midler?",
        "right entry ranked first but scored 0.43 < 0.5, so not answered",
    ),
    _p("ir_funds", "sv", "Vad betyder IR-medel för den norska parten?"),
    _p("ir_funds", "nb", "Hva betyr IR-midler for den norske parten?"),
    _p("own_budget_each_side", "sv", "Ska vi ha en gemensam budget eller var sin?"),
    _p("own_budget_each_side", "nb", "Skal vi ha felles budsjett eller hvert vårt?"),
    _p(
        "programme_budget",
        "sv",
        "Hur stor är den sammanlagda budgeten för hela programperioden?",
        "right entry ranked first but scored 0.41 < 0.5, so not answered",
    ),
    _p(
        "programme_budget",
        "nb",
        "Hvor stor er den totale rammen for programmet i euro?",
        "full_programme ranked first (0.29); expected entry in top 3",
    ),
    _p("official_name", "sv", "Vad kallas programmet officiellt hos EU?"),
    _p("official_name", "nb", "Hva er programmets offisielle navn på engelsk?"),
    _p("managing_authority", "sv", "Vilken myndighet förvaltar programmet?"),
    _p(
        "managing_authority",
        "nb",
        "Hvilken etat er forvaltningsmyndighet for Interreg Sverige–Norge?",
    ),
    _p(
        "secretariat_and_website",
        "sv",
        "Vilken hemsida har Interreg Sverige–Norge?",
        "focus_areas_overview ranked first (0.37); expected entry not in top 3",
    ),
    _p(
        "secretariat_and_website",
        "nb",
        "Hvilken nettadresse har Interreg Sverige–Norge?",
        "partner_pairing ranked first (0.37); expected entry not in top 3",
    ),
    _p("full_programme", "sv", "Var hittar jag hela programdokumentet?"),
    _p(
        "full_programme",
        "nb",
        "Hvor kan jeg laste ned selve programdokumentet?",
        "right entry ranked first but scored 0.41 < 0.5, so not answered",
    ),
    _p(
        "programme_area",
        "sv",
        "Vilka län och fylken ingår i programområdet?",
        "right entry ranked first but scored 0.45 < 0.5, so not answered",
    ),
    _p("programme_area", "nb", "Hvilke fylker og län er med i programområdet?"),
    _p(
        "viken",
        "sv",
        "Hur påverkar delningen av Viken programmet?",
        "right entry ranked first but scored 0.42 < 0.5, so not answered",
    ),
    _p(
        "viken",
        "nb",
        "Hva betyr oppdelingen av Viken for programområdet?",
        "project_must_be_new ranked first (0.45); expected entry in top 3",
    ),
    _p("buskerud", "sv", "Kan vi söka om vi ligger i Buskerud?"),
    _p("buskerud", "nb", "Kan vi søke hvis vi holder til i Buskerud?"),
    _p("sub_areas", "sv", "Vilka två delområden finns?"),
    _p("sub_areas", "nb", "Hvilke to delområder finnes?"),
    _p(
        "old_sub_areas_2014_2020",
        "sv",
        "Kan man fortfarande söka inom Inre Skandinavien som förra perioden?",
    ),
    _p(
        "old_sub_areas_2014_2020", "nb", "Finnes delområdet Inre Skandinavien fortsatt?"
    ),
]


def _values(case: Any) -> tuple:
    return tuple(case.values)


def _is_gap(case: Any) -> bool:
    return bool(case.marks)


@pytest.mark.parametrize(("entry_id", "lang", "question"), PARAPHRASES)
def test_paraphrase_finds_its_entry(
    snapshot: Snapshot, entry_id: str, lang: str, question: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.best is not None
    found = [(result.best.entry_id, result.best.score)] + [
        (a.entry_id, a.score) for a in result.alternatives
    ]
    assert result.best.entry_id == entry_id, f"{question!r} → {found}"
    assert result.answered, f"{question!r} → {found} (below the answer threshold)"
    entry = next(e for e in snapshot.kb.faq if e.id == entry_id)
    assert result.best.answer == entry.answer[lang]
    assert result.language == lang


def test_paraphrases_are_new(snapshot: Snapshot) -> None:
    """No paraphrase is (nearly) one of its own entry's question variants."""
    entries = {e.id: e for e in snapshot.kb.faq}
    too_close = []
    for case in PARAPHRASES:
        entry_id, _, question = _values(case)
        for variant in entries[entry_id].questions.all():
            similarity = fuzz.ratio(fold(clean(question)), fold(clean(variant)))
            if similarity >= MAX_SIMILARITY_TO_A_VARIANT:
                too_close.append((question, variant, round(similarity)))
    assert not too_close, too_close


def test_paraphrases_cover_every_entry_and_at_least_twenty_pass(
    snapshot: Snapshot,
) -> None:
    ids = {e.id for e in snapshot.kb.faq}
    covered = {_values(c)[0] for c in PARAPHRASES}
    assert covered <= ids
    passing = {_values(c)[0] for c in PARAPHRASES if not _is_gap(c)}
    assert len(passing) >= 20, (
        f"only {len(passing)} entries answered by a new paraphrase"
    )
    missing = ids - covered
    assert not missing, (
        f"FAQ entries without a paraphrase in this test: {sorted(missing)}"
    )


# ------------------------------------------------------------------ not answered

UNRELATED = [
    ("Vad kostar en pizza i Stockholm?", "sv"),
    ("Hur blir vädret i morgon?", "sv"),
    ("Vem vann Melodifestivalen förra året?", "sv"),
    ("Kan du rekommendera en bra film?", "sv"),
    ("Hvem vant fotball-VM i 2018?", "nb"),
    ("Kan du anbefale en god restaurant i Oslo?", "nb"),
    ("Hva er klokka nå?", "nb"),
    ("Hvor mange bein har en edderkopp?", "nb"),
    ("What is the capital of France?", "sv"),
    ("asdf qwerty", "nb"),
]


@pytest.mark.parametrize(("question", "lang"), UNRELATED)
def test_unrelated_question_is_not_answered(
    snapshot: Snapshot, question: str, lang: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert not result.answered, f"{question!r} answered with {result.best}"
    assert result.reason in ("low_score", "no_terms")


@pytest.mark.parametrize(
    ("question", "reason"), [("", "empty"), ("   ", "empty"), ("🙂", "no_terms")]
)
def test_empty_question(snapshot: Snapshot, question: str, reason: str) -> None:
    result = snapshot.faq.answer(question, "sv")
    assert not result.answered and result.best is None and result.reason == reason
    payload = result.payload()
    assert (
        payload["type"] == "faq"
        and payload["answered"] is False
        and payload["best"] is None
    )


@pytest.mark.parametrize(
    ("question", "lang"), [("vad har vi", "sv"), ("vad är det här", "sv")]
)
def test_stop_words_only(snapshot: Snapshot, question: str, lang: str) -> None:
    assert snapshot.faq.answer(question, lang).reason == "no_terms"


# ---------------------------------------------------------- language of the answer


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_answer_follows_the_question_language(snapshot: Snapshot, lang: str) -> None:
    for entry in snapshot.kb.faq:
        question = entry.questions[lang][0]
        result = snapshot.faq.answer(question, lang)
        assert result.best is not None and result.best.entry_id == entry.id, (
            question,
            result.best,
        )
        assert result.answered
        assert result.best.answer == entry.answer[lang]
        assert result.best.question == entry.questions[lang][0]
        assert (
            result.best.source == entry.source
            and result.best.as_of == entry.as_of.isoformat()
        )


def test_payload_shape(snapshot: Snapshot) -> None:
    payload = snapshot.faq.answer("Kan vi skrive søknaden på svorsk?", "nb").payload()
    assert set(payload) == {
        "type",
        "language",
        "answered",
        "best",
        "alternatives",
        "reason",
    }
    assert (
        payload["type"] == "faq"
        and payload["language"] == "nb"
        and payload["answered"] is True
    )
    best = payload["best"]
    assert isinstance(best, dict)
    assert set(best) == {"entry_id", "question", "answer", "score", "source", "as_of"}
    assert 0.0 <= best["score"] <= 1.0
    alternatives = payload["alternatives"]
    assert isinstance(alternatives, list) and len(alternatives) <= 2
    assert all(a["score"] <= best["score"] for a in alternatives)
    assert best["entry_id"] not in {a["entry_id"] for a in alternatives}


# ------------------------------------------------------- new entries, no retraining

NEW_ENTRY = """
  - id: abbreviation_smf_smb
    questions:
      sv:
        - "Vad står förkortningen SMF för?"
      nb:
        - "Hva står forkortelsen SMB for?"
    answer:
      sv: >-
        SMF står för små och medelstora företag.
      nb: >-
        SMB står for små og mellomstore bedrifter.
    source: "later-facts.md: Terminology"
    as_of: 2025-01-01
"""


def _add_entry(data: Path) -> None:
    path = data / "faq.yml"
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + "\n" + NEW_ENTRY,
        encoding="utf-8",
    )


NEW_QUESTIONS = [
    (
        "Vad betyder förkortningen SMF?",
        "sv",
        "SMF står för små och medelstora företag.",
    ),
    ("hva betyr forkortelsen smb", "nb", "SMB står for små og mellomstore bedrifter."),
]


def test_new_entry_is_answered_after_reload_without_retraining(
    snapshot: Snapshot, data_copy: Path
) -> None:
    """The secretariat adds an entry to faq.yml; a reload answers it in both languages."""
    service = Service(data_copy)
    for question, lang, _ in NEW_QUESTIONS:
        for old in (
            snapshot.faq.answer(question, lang),
            service.snapshot.faq.answer(question, lang),
        ):
            assert old.best is None or old.best.entry_id != "abbreviation_smf_smb"
    _add_entry(data_copy)
    assert service.reload() == []
    for question, lang, expected in NEW_QUESTIONS:
        result = service.snapshot.faq.answer(question, lang)
        assert result.best is not None, question
        assert result.best.entry_id == "abbreviation_smf_smb", (question, result.best)
        assert result.answered and result.best.answer == expected
        assert result.language == lang
    # a fresh service on the same directory (a restarted action server) agrees
    fresh = Service(data_copy).snapshot.faq.answer(NEW_QUESTIONS[0][0], "sv")
    assert fresh.best is not None and fresh.best.entry_id == "abbreviation_smf_smb"
