"""FAQ retrieval: new paraphrases find their entry, unrelated questions are not answered,
new entries work without retraining, and the answer follows the question's language.

Every paraphrase below was written for this test and is checked to differ from all
question variants in faq.yml. They are held to an accuracy floor: most must find
their entry, none may be answered with another entry.
"""

from __future__ import annotations

from pathlib import Path
from typing import List, Tuple

import pytest
from rapidfuzz import fuzz

from programme_kb.service import Service, Snapshot
from programme_kb.text import clean, fold

MAX_SIMILARITY_TO_A_VARIANT = 80.0


PARAPHRASES: List[Tuple[str, str, str]] = [
    (
        "start_before_decision",
        "sv",
        "Är det tillåtet att dra igång projektet innan beslutet kommit?",
    ),
    (
        "start_before_decision",
        "nb",
        "Har vi lov til å sette i gang prosjektet før vedtaket foreligger?",
    ),
    (
        "why_partner_other_side",
        "sv",
        "Vad är skälet till att det krävs en norsk partner?",
    ),
    (
        "why_partner_other_side",
        "nb",
        "Hva er grunnen til at vi trenger en partner i Sverige?",
    ),
    (
        "norway_outside_eu",
        "sv",
        "Hur kan norska parter få vara med när Norge står utanför EU?",
    ),
    (
        "norway_outside_eu",
        "nb",
        "Hvordan kan norske aktører delta når Norge står utenfor EU?",
    ),
    ("reporting_periods", "sv", "Hur många månader omfattar varje rapportperiod?"),
    ("reporting_periods", "nb", "Hvor mange måneder varer hver rapporteringsperiode?"),
    (
        "payment_claim_timing",
        "sv",
        "Hur lång tid efter periodens slut har vi på oss att skicka utbetalningsansökan?",
    ),
    (
        "payment_claim_timing",
        "nb",
        "Hvor lang frist har vi på å be om utbetaling etter at perioden er over?",
    ),
    (
        "joint_status_report",
        "sv",
        "Måste lägesrapporten skrivas gemensamt av båda länderna?",
    ),
    (
        "joint_status_report",
        "nb",
        "Skal den svenske og den norske parten levere én felles statusrapport?",
    ),
    ("svorsk", "sv", "Går det bra att blanda svenska och norska i ansökan?"),
    ("svorsk", "nb", "Går det an å skrive søknaden på en blanding av norsk og svensk?"),
    (
        "operating_support",
        "sv",
        "Ger ni bidrag till driften av vår befintliga verksamhet?",
    ),
    (
        "operating_support",
        "nb",
        "Gir dere tilskudd til driften av virksomheten vi allerede har?",
    ),
    (
        "project_must_be_new",
        "sv",
        "Vår verksamhet finns redan, måste projektet vara något nytt?",
    ),
    (
        "project_must_be_new",
        "nb",
        "Vi har holdt på med dette en stund, må prosjektet være nytt?",
    ),
    (
        "why_interreg",
        "sv",
        "Vad gör Interreg bättre än andra stödformer för vårt projekt?",
    ),
    (
        "why_interreg",
        "nb",
        "Hvorfor skal vi velge Interreg framfor andre tilskuddsordninger?",
    ),
    (
        "cross_border_added_value",
        "sv",
        "Vad innebär det gränsöverskridande mervärdet för vårt projekt?",
    ),
    (
        "cross_border_added_value",
        "nb",
        "Hva betyr grenseoverskridende merverdi for prosjektet vårt?",
    ),
    ("selection_criteria", "sv", "Hur väljer ni ut vilka projekt som beviljas?"),
    ("selection_criteria", "nb", "Etter hvilke kriterier blir søknadene vurdert?"),
    (
        "focus_areas_overview",
        "sv",
        "Hur många insatsområden har programmet och vilka är de?",
    ),
    (
        "focus_areas_overview",
        "nb",
        "Hvor mange innsatsområder har programmet, og hvilke er det?",
    ),
    (
        "project_types_overview",
        "sv",
        "Vilka olika projekttyper finns det att välja mellan?",
    ),
    ("project_types_overview", "nb", "Hvilke typer prosjekter er det mulig å søke om?"),
    ("forstudie_duration", "sv", "Hur många månader brukar en förstudie hålla på?"),
    ("forstudie_duration", "nb", "Hva er maksimal varighet på et forprosjekt?"),
    (
        "hovedprosjekt_length_budget",
        "sv",
        "Finns det något tak för hur stort ett huvudprojekt får vara?",
    ),
    (
        "hovedprosjekt_length_budget",
        "nb",
        "Er det noe øvre budsjettgrense for et hovedprosjekt?",
    ),
    ("smaskalaprosjekt_for_whom", "sv", "Vem riktar sig småprojekten till?"),
    ("smaskalaprosjekt_for_whom", "nb", "Hvem er småskalaprosjektene ment for?"),
    ("how_to_apply", "sv", "I vilket system lämnar man in sin ansökan?"),
    ("how_to_apply", "nb", "Hvilket system skal vi bruke for å sende inn søknaden?"),
    ("idea_sketch", "sv", "Hur skickar vi in en idéskiss till en projektrådgivare?"),
    ("idea_sketch", "nb", "Hvordan sender vi en idéskisse til en prosjektrådgiver?"),
    (
        "preparation_time",
        "sv",
        "Hur många månader behöver vi för att förbereda ansökan?",
    ),
    (
        "preparation_time",
        "nb",
        "Hvor mange måneder bør vi sette av til å forberede søknaden?",
    ),
    ("decision_time", "sv", "Hur lång handläggningstid är det innan beslut?"),
    ("decision_time", "nb", "Hvor lang saksbehandlingstid er det før vi får vedtak?"),
    (
        "application_windows",
        "sv",
        "När öppnar nästa ansökningsomgång för huvudprojekt?",
    ),
    ("application_windows", "nb", "Når åpner neste søknadsrunde for hovedprosjekter?"),
    ("first_call", "sv", "När hade programmet sin allra första sista ansökningsdag?"),
    ("first_call", "nb", "Når var aller første søknadsfrist i programmet?"),
    (
        "rolling_forstudie_smaskala",
        "sv",
        "Kan förstudier sökas löpande under hela året?",
    ),
    ("rolling_forstudie_smaskala", "nb", "Kan forprosjekter søkes løpende hele året?"),
    ("who_can_apply", "sv", "Vilka typer av organisationer får söka pengar?"),
    ("who_can_apply", "nb", "Hvilke slags aktører har lov til å søke om midler?"),
    ("associations", "sv", "Kan vår skidklubb stå som sökande part?"),
    ("associations", "nb", "Kan foreningen vår være søker?"),
    ("companies", "sv", "Kan vårt aktiebolag vara med och söka?"),
    ("companies", "nb", "Kan aksjeselskapet vårt være med og søke?"),
    ("private_persons", "sv", "Kan en vanlig privatperson få pengar?"),
    ("private_persons", "nb", "Kan en vanlig privatperson få støtte?"),
    ("sole_proprietorship", "sv", "Får jag söka om jag har enskild firma?"),
    ("sole_proprietorship", "nb", "Kan jeg søke hvis jeg driver enkeltpersonforetak?"),
    (
        "partner_other_country",
        "sv",
        "Behöver vi verkligen en samarbetspartner i Norge?",
    ),
    (
        "partner_other_country",
        "nb",
        "Trenger vi virkelig en samarbeidspartner i Sverige?",
    ),
    ("partner_eu", "sv", "Hur många Partner EU får vi ha på svensk sida?"),
    ("partner_eu", "nb", "Hvor mange Partner EU kan vi ha på svensk side?"),
    ("find_partners", "sv", "Kan sekretariatet hjälpa oss hitta en projektpartner?"),
    (
        "find_partners",
        "nb",
        "Får vi hjelp fra sekretariatet til å skaffe en svensk partner?",
    ),
    (
        "partner_pairing",
        "sv",
        "Vilken region i Norge passar bäst att samarbeta med om vi finns i Värmland?",
    ),
    (
        "partner_pairing",
        "nb",
        "Hvilken svensk region passer best å samarbeide med når vi er fra Innlandet?",
    ),
    ("cofinancing_shares", "sv", "Hur stor andel av kostnaderna täcks av EU-medel?"),
    ("cofinancing_shares", "nb", "Hvor stor andel av kostnadene dekkes av IR-midler?"),
    ("ir_funds", "sv", "Vad betyder IR-medel för den norska parten?"),
    ("ir_funds", "nb", "Hva betyr IR-midler for den norske parten?"),
    ("own_budget_each_side", "sv", "Ska vi ha en gemensam budget eller var sin?"),
    ("own_budget_each_side", "nb", "Skal vi ha felles budsjett eller hvert vårt?"),
    (
        "programme_budget",
        "sv",
        "Hur stor är den sammanlagda budgeten för hela programperioden?",
    ),
    ("programme_budget", "nb", "Hvor stor er den totale rammen for programmet i euro?"),
    ("official_name", "sv", "Vad kallas programmet officiellt hos EU?"),
    ("official_name", "nb", "Hva er programmets offisielle navn på engelsk?"),
    ("managing_authority", "sv", "Vilken myndighet förvaltar programmet?"),
    (
        "managing_authority",
        "nb",
        "Hvilken etat er forvaltningsmyndighet for Interreg Sverige–Norge?",
    ),
    ("secretariat_and_website", "sv", "Vilken hemsida har Interreg Sverige–Norge?"),
    (
        "secretariat_and_website",
        "nb",
        "Hvilken nettadresse har Interreg Sverige–Norge?",
    ),
    ("full_programme", "sv", "Var hittar jag hela programdokumentet?"),
    ("full_programme", "nb", "Hvor kan jeg laste ned selve programdokumentet?"),
    ("programme_area", "sv", "Vilka län och fylken ingår i programområdet?"),
    ("programme_area", "nb", "Hvilke fylker og län er med i programområdet?"),
    ("viken", "sv", "Hur påverkar delningen av Viken programmet?"),
    ("viken", "nb", "Hva betyr oppdelingen av Viken for programområdet?"),
    ("buskerud", "sv", "Kan vi söka om vi ligger i Buskerud?"),
    ("buskerud", "nb", "Kan vi søke hvis vi holder til i Buskerud?"),
    ("sub_areas", "sv", "Vilka två delområden finns?"),
    ("sub_areas", "nb", "Hvilke to delområder finnes?"),
    (
        "old_sub_areas_2014_2020",
        "sv",
        "Kan man fortfarande söka inom Inre Skandinavien som förra perioden?",
    ),
    ("old_sub_areas_2014_2020", "nb", "Finnes delområdet Inre Skandinavien fortsatt?"),
    (
        "forstudie_budget",
        "sv",
        "Vilket är det högsta beloppet man kan få till en förstudie?",
    ),
    ("forstudie_budget", "nb", "Hva er det høyeste beløpet et forprosjekt kan få?"),
    ("smaskaligt_budget", "sv", "Vilken summa kan ett småprojekt som mest beviljas?"),
    ("smaskaligt_budget", "nb", "Hvilken sum kan et småprosjekt maksimalt innvilges?"),
    ("smaskaligt_duration", "sv", "Hur många år brukar ett småprojekt hålla igång?"),
    ("smaskaligt_duration", "nb", "Hvor mange år pleier et småprosjekt å holde på?"),
    ("eligible_costs", "sv", "Vad räknas som godkända kostnader i budgeten?"),
    ("eligible_costs", "nb", "Hva regnes som godkjente kostnader i budsjettet?"),
    (
        "own_working_time",
        "sv",
        "Får vi räkna in våra anställdas arbetstid som medfinansiering?",
    ),
    (
        "own_working_time",
        "nb",
        "Kan de ansattes arbeidstid regnes som medfinansiering?",
    ),
    ("payment_time", "sv", "Hur många dagar dröjer utbetalningen?"),
    ("payment_time", "nb", "Hvor mange dager tar det før utbetalingen kommer?"),
    ("advance_payment", "sv", "Kan vi få en del av stödet utbetalt i förskott?"),
    ("advance_payment", "nb", "Kan vi få en del av støtten utbetalt som forskudd?"),
    ("who_decides", "sv", "Vilken kommitté beslutar om huvudprojekten?"),
    ("who_decides", "nb", "Hvilken komité avgjør hovedprosjektene?"),
    ("after_approval", "sv", "Vad måste vi göra när stödet är beviljat?"),
    ("after_approval", "nb", "Hva må vi gjøre når støtten er innvilget?"),
    (
        "outside_area_partner",
        "sv",
        "Får en aktör som finns utanför området vara partner?",
    ),
    (
        "outside_area_partner",
        "nb",
        "Får en aktør som holder til utenfor området være partner?",
    ),
    ("currency", "sv", "Ska budgeten anges i euro?"),
    ("currency", "nb", "Skal budsjettet føres i euro?"),
    ("remaining_funds", "sv", "Finns det pengar kvar att söka i programmet?"),
    ("remaining_funds", "nb", "Finnes det fortsatt penger igjen å søke i programmet?"),
    (
        "project_handbook",
        "sv",
        "I vilket dokument står alla programmets regler samlade?",
    ),
    (
        "project_handbook",
        "nb",
        "I hvilket dokument står alle programmets regler samlet?",
    ),
    ("joint_mailbox", "sv", "Vad används den gemensamma e-postadressen till?"),
    ("joint_mailbox", "nb", "Hva skal vi bruke fellesadressen på e-post til?"),
    ("calls_after_2027", "sv", "Kommer det några utlysningar efter år 2027?"),
    ("calls_after_2027", "nb", "Kommer det utlysninger etter år 2027?"),
    ("state_aid", "sv", "Hur påverkar reglerna om statsstöd oss som sökande?"),
    ("state_aid", "nb", "Hvordan berører statsstøttereglene oss som søker?"),
    ("procurement", "sv", "Behöver vi upphandla när vi köper tjänster i projektet?"),
    (
        "procurement",
        "nb",
        "Må vi ha anbudskonkurranse når vi kjøper tjenester i prosjektet?",
    ),
    ("communication_duties", "sv", "Vilka krav finns på att informera om EU-stödet?"),
    ("communication_duties", "nb", "Hvilke krav er det til å informere om EU-støtten?"),
    (
        "two_applications",
        "sv",
        "Lämnar svenska och norska parten in separata ansökningar?",
    ),
    ("two_applications", "nb", "Sender norsk og svensk part inn separate søknader?"),
    ("cooperation_agreement", "sv", "Krävs det ett avtal mellan projektparterna?"),
    ("cooperation_agreement", "nb", "Kreves det en avtale mellom prosjektpartene?"),
    ("indicators", "sv", "Var fyller vi i utfallet för indikatorerna?"),
    ("indicators", "nb", "Hvor fyller vi inn resultatet for indikatorene?"),
    # issue 13 point 1: one paraphrase per entry (more in test_faq_journey.py)
    ("application_systems", "nb", "Må vi registrere oss i Jems for å søke?"),
    ("partner_eu_payment", "sv", "Hur når stödet fram till våra medsökande?"),
    ("no_prior_approval", "nb", "Kan sekretariatet garantere oss støtte på forhånd?"),
    ("costs_from_start", "sv", "Vilket datum gäller för när kostnader får bokföras?"),
    ("payment_review", "sv", "Måste ekonomin granskas av en revisor?"),
    ("economic_report", "nb", "Er økonomirapporten felles for hele prosjektet?"),
    (
        "delrapport_content",
        "sv",
        "Hur detaljerat ska delrapporten beskriva aktiviteterna?",
    ),
    ("templates", "sv", "Var kan jag hämta mallen till delrapporten?"),
    ("project_changes", "nb", "Hvordan søker vi om å få forlenget prosjektet?"),
    ("project_closure", "sv", "Vad behöver vi göra när projektet ska avslutas?"),
    ("results_ownership", "nb", "Hvem skal eie investeringene etter prosjektet?"),
    (
        "communication_plan",
        "nb",
        "Lønner det seg å ha en egen kommunikatør i prosjektet?",
    ),
    ("horizontal_principles", "sv", "Hur ska projektet bidra till jämställdhet?"),
    ("programme_vision", "nb", "Hvilken visjon har programmet for grenseregionen?"),
    (
        "describe_added_value",
        "sv",
        "Vad bör vi svara på om varför vi samarbetar över gränsen?",
    ),
    ("forstudie_required", "sv", "Är det ett krav att börja med en förstudie?"),
    (
        "idea_sketch_timing",
        "nb",
        "Hvor tidlig i planleggingen bør vi kontakte en rådgiver?",
    ),
    ("adviser_role", "nb", "Hva slags hjelp gir prosjektrådgiverne?"),
    ("personal_data", "sv", "Vad gäller för personuppgifter i vårt projekt?"),
    # second round of issue 13 point 1 (more in test_faq_journey.py)
    (
        "monitoring_committee",
        "nb",
        "Hvem representerer Norge og Sverige i overvåkingskomiteen?",
    ),
    (
        "prioritisation_after_call",
        "sv",
        "Vad sker efter att ansökningsperioden stängt?",
    ),
    ("cross_sub_area", "nb", "Kan samarbeidet gå på tvers av delområdene?"),
    ("rejected_application", "sv", "Om vi får avslag, kan vi söka en gång till?"),
    ("forstudie_smaskala_decision", "nb", "Hvem tar beslutet om forprosjekter?"),
    ("priority_objective_terms", "nb", "Hva betyr spesifikt mål i programmet?"),
    ("one_plus_one", "sv", "Vad står ett plus ett är tre för?"),
    ("application_steps", "nb", "Hvilke trinn går søknadsprosessen gjennom?"),
    ("anchoring", "nb", "Hvorfor er det viktig å forankre prosjektideen?"),
    (
        "participate_without_partner",
        "sv",
        "Kan en förening vara med i vårt nätverk utan att vara projektpartner?",
    ),
    ("english_application", "nb", "Godtas søknader skrevet på engelsk?"),
    ("application_attachments", "sv", "Vilka bilagor behövs när vi söker?"),
    (
        "min_ansokan_form",
        "nb",
        "Skal budsjettet for Norge inn i det svenske systemet Min ansökan?",
    ),
    ("forstudie_then_main", "sv", "Vilka resurser ska förstudien kartlägga?"),
    ("additionality", "nb", "Hva er addisjonalitet i Interreg?"),
    ("lump_sum", "nb", "Kan det svenske budsjettet bruke klumpsum?"),
    ("project_accounting", "sv", "Måste projektets ekonomi hållas isär i bokföringen?"),
    (
        "first_payment_claim",
        "nb",
        "Hvilke datoer gjelder for den første rapporteringen hvis vi starter 1. oktober?",
    ),
    ("erdf", "sv", "Vilken fond kommer EU-medlen från?"),
    ("criteria_explained", "nb", "Teller administrative grensehindre også?"),
    ("programme_history", "sv", "Fanns Interreg Sverige–Norge redan på 2000-talet?"),
    (
        "regionalforvaltning_portal",
        "nb",
        "Til hva bruker norske prosjekteiere regionalforvaltning?",
    ),
    (
        "smaskala_partners",
        "sv",
        "Är det vanligt med många parter i småskaliga projekt?",
    ),
    ("project_leaders", "nb", "Trenger hvert land en egen prosjektleder?"),
    ("partner_change", "sv", "Vad händer om en av parterna lämnar projektet?"),
    ("results_dissemination", "nb", "Kan vi holde resultatene for oss selv?"),
    ("norwegian_partners_count", "sv", "Får flera norska organisationer vara partner?"),
    ("missed_call", "nb", "Søknadsfristen gikk ut før vi var klare, hva nå?"),
    ("roles_terms", "sv", "Vad är en medsökande jämfört med en sökande?"),
    ("results_in_application", "nb", "Hvordan skriver vi om forventede resultater?"),
    ("adviser_dialogue", "nb", "Kan vi ha jevnlig kontakt med rådgiveren underveis?"),
    ("joint_planning", "sv", "Hur samordnar vi planeringen med vår norska partner?"),
    (
        "secretariat_role",
        "nb",
        "Hvilke oppgaver har Interreg-sekretariatet i et prosjekt?",
    ),
    ("good_application", "sv", "Hur skriver man en ansökan som har goda chanser?"),
    ("target_groups", "nb", "Hvem bør prosjektet være for?"),
    (
        "funded_projects_news",
        "sv",
        "Berättar programmet någonstans om projekt som fått pengar?",
    ),
]


RIGHT_FLOOR = 0.585
"""Share of the paraphrases answered with their own entry (measured 2026-12-05: see
docs/benchmarks.md); the rest must be honest "not answered", never another entry.
0.60 until 2026-12-06, when the second reading (``faq_classifier``) turned 2 right
answers and 3 wrong ones into "did you mean …?" (110 right, 2 wrong of 185); 0.59
until the fourteenth session, whose stricter second reading (a margin, not only the
first choice) turned one more of each (109 right, 1 wrong)."""
MAX_WRONG = 1
"""Paraphrases answered confidently with another entry (5 of 185 until 2026-12-06,
2 until the fourteenth session, 1 since). A wrong answer is the worst defect: lower
this, never raise it."""


def test_paraphrases_meet_the_accuracy_floor(snapshot: Snapshot) -> None:
    right, wrong, unanswered = [], [], []
    for entry_id, lang, question in PARAPHRASES:
        result = snapshot.faq.answer(question, lang)
        assert result.language == lang
        if not result.answered:
            unanswered.append((entry_id, question))
        elif result.best is not None and result.best.entry_id == entry_id:
            entry = next(e for e in snapshot.kb.faq if e.id == entry_id)
            assert result.best.answer == entry.answer[lang]
            right.append(question)
        else:
            assert result.best is not None
            wrong.append((entry_id, question, result.best.entry_id, result.best.score))
    assert len(wrong) <= MAX_WRONG, f"answered with the wrong entry: {wrong}"
    share = len(right) / len(PARAPHRASES)
    assert share >= RIGHT_FLOOR, f"{share:.0%} right; not answered: {unanswered}"


def test_paraphrases_are_new(snapshot: Snapshot) -> None:
    """No paraphrase is (nearly) one of its own entry's question variants."""
    entries = {e.id: e for e in snapshot.kb.faq}
    too_close = []
    for entry_id, _, question in PARAPHRASES:
        for variant in entries[entry_id].questions.all():
            similarity = fuzz.ratio(fold(clean(question)), fold(clean(variant)))
            if similarity >= MAX_SIMILARITY_TO_A_VARIANT:
                too_close.append((question, variant, round(similarity)))
    assert not too_close, too_close


def test_paraphrases_cover_every_entry(
    snapshot: Snapshot,
) -> None:
    ids = {e.id for e in snapshot.kb.faq}
    covered = {entry_id for entry_id, _, _ in PARAPHRASES}
    assert covered <= ids
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
    assert result.reason in ("low_score", "no_terms", "other_detail")


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
            result.best.sources == tuple(entry.sources)
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
    assert set(best) == {"entry_id", "question", "answer", "score", "sources", "as_of"}
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
    sources: [isn_faq]
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


def test_every_declared_variant_gets_its_own_answer(snapshot: Snapshot) -> None:
    """Polarity: each declared wording, negated ones included, lands on its entry,
    whose answer states the rule and so is true for that wording."""
    wrong = []
    for entry in snapshot.kb.faq:
        for lang in ("sv", "nb"):
            for question in entry.questions[lang]:
                result = snapshot.faq.answer(question, lang)
                if not result.answered or result.best is None:
                    wrong.append((entry.id, question, "not answered"))
                elif result.best.entry_id != entry.id:
                    wrong.append((entry.id, question, result.best.entry_id))
    assert not wrong


def test_no_answer_opens_with_a_bare_yes_or_no(snapshot: Snapshot) -> None:
    opening = ("ja", "nej", "nei", "jo", "yes", "no")
    bare = [
        (entry.id, lang)
        for entry in snapshot.kb.faq
        for lang in ("sv", "nb")
        if entry.answer[lang].split()[0].strip(".,!").lower() in opening
    ]
    assert not bare


@pytest.mark.parametrize("lang, question", [(lang, q) for _, lang, q in PARAPHRASES])
def test_precomputed_scoring_is_the_plain_formula(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    """The index keeps each variant's norm and sorted words (answer() got 3× faster);
    the numbers must be those of the formula written out: idf cosine and Rapidfuzz's
    ``token_sort_ratio`` on every variant."""
    index = snapshot.faq
    folded = fold(clean(question))
    bag = index._bag(clean(question), lang)
    weights = index._squared_weights(bag)
    norm_q = sum(weights.values()) ** 0.5
    batched = index._similarities(folded)
    for (_, text, variant_bag), norm_v, similarity in zip(
        index._variants, index._variant_norms, batched, strict=True
    ):
        assert similarity == pytest.approx(
            fuzz.token_sort_ratio(folded, text), abs=1e-9
        )
        plain = sum(weights[w] for w in bag if w in variant_bag) / (
            norm_q * sum(index._idf[w] ** 2 for w in variant_bag) ** 0.5
        )
        assert index._cosine(weights, norm_q, variant_bag, norm_v) == pytest.approx(
            plain
        )


@pytest.mark.parametrize(
    ("lang", "question"),
    [
        ("sv", "Vad händer om vi inte hinner använda alla pengar?"),
        ("nb", "Hva skjer hvis vi bruker mindre enn budsjettert?"),
        ("nb", "hva skjer om prosjektet går med underskudd?"),
        ("sv", "vad händer ifall projektet går med underskott?"),
    ],
)
def test_what_follows_a_condition_is_not_answered_by_the_frame_alone(
    snapshot: Snapshot, lang: str, question: str
) -> None:
    """ "Vad händer om …?" asks about its condition: the entry that only shares
    "vad händer" ("Vad händer när vi har fått beslut?") is no answer (dev15)."""
    result = snapshot.faq.answer(question, lang)
    assert not (
        result.answered and result.best and result.best.entry_id == "after_approval"
    )


@pytest.mark.parametrize(
    ("lang", "question", "entry_id"),
    [
        ("sv", "vad händer om partnern hoppar av?", "partner_change"),
        ("nb", "hva skjer når vi har fått tilsagn?", "after_approval"),
        ("sv", "vad händer när vi har fått beslut?", "after_approval"),
        ("nb", "hva skjer hvis vi ikke blir ferdige i tide?", "project_changes"),
    ],
)
def test_what_follows_a_condition_an_entry_is_about_is_still_answered(
    snapshot: Snapshot, lang: str, question: str, entry_id: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.answered and result.best and result.best.entry_id == entry_id


@pytest.mark.parametrize(
    ("lang", "question", "fault"),
    [
        ("nb", "Får ikke logget inn på regionalforvaltning", True),
        ("sv", "jag kommer inte in i Min ansökan", True),
        ("sv", "min ansökan inloggning funkar inte", True),
        ("nb", "jeg klarer ikke å logge inn i søknadsportalen", True),
        ("nb", "det kommer en feilmelding når jeg sender søknaden", True),
        ("sv", "går det inte att söka utan partner?", False),
        ("sv", "kan vi inte komma in i programmet om vi ligger i Uppsala?", False),
        ("nb", "hvordan logger vi inn i regionalforvaltning.no?", False),
    ],
)
def test_a_fault_reported_is_not_answered_by_the_entry_about_the_system(
    snapshot: Snapshot, lang: str, question: str, fault: bool
) -> None:
    """A login that fails is a fault for people to mend: no entry answers it, so the
    reply is "I don't know" with the route, not how the portal works (dev5, dev15)."""
    from programme_kb.faq import reports_a_fault

    assert reports_a_fault(question) is fault
    if fault:
        result = snapshot.faq.answer(question, lang)
        assert not result.answered
