"""FAQ entries for the journey after the first question (issue 13 point 1): payment
claims, reports, costs, changes, closure, control, personal data, sustainability and
the application systems, and (second round) the committees, the steps of applying,
partners and roles, co-financing details, results and the secretariat, are found from
the way applicants write.

Every wording below was written for this test, in Swedish and Norwegian Bokmål, short
and informal, some without diacritics, and is checked to differ from the entry's own
question variants in faq.yml (so the test measures retrieval, not lookup). None may be
answered with another entry (a wrong answer is the worst defect); a wording may go
unanswered (the assistant then says it does not know), but most must find their entry.
"""

from __future__ import annotations

from typing import Dict, List, Set, Tuple

import pytest
from rapidfuzz import fuzz

from programme_kb.service import Snapshot
from programme_kb.text import clean, fold

MAX_SIMILARITY_TO_A_VARIANT = 80.0

WORDINGS: List[Tuple[str, str, str]] = [
    # --- where the secretariat sits is where to find it (answers_dev19, blind)
    ("secretariat_and_website", "sv", "var sitter ni någonstans?"),
    ("secretariat_and_website", "nb", "i hvilken by sitter dere?"),
    # --- applying again after a no
    ("rejected_application", "sv", "får vi försöka en gång till om det blir avslag?"),
    ("rejected_application", "nb", "hvis vi får avslag, kan vi prøve igjen?"),
    # --- the first step (answers_dev17, blind)
    ("application_steps", "sv", "vad ska vi göra först?"),
    ("application_steps", "nb", "hva må vi gjøre først?"),
    # --- the idea sketch's template (the programme's guide: "en mall")
    ("idea_sketch", "sv", "mall idéskiss"),
    ("idea_sketch", "nb", "ideskisse mal"),
    ("idea_sketch", "sv", "har ni nån mall för idéskiss"),
    ("idea_sketch", "nb", "har dere mal til idéskissa?"),
    # --- what we pay ourselves is the co-financing, never the advance (compound_dev5)
    ("cofinancing_shares", "nb", "kor mykje må vi betale sjølve?"),
    ("cofinancing_shares", "nb", "hvor mye må vi betale selv da"),
    ("cofinancing_shares", "sv", "vad får vi betala själva då?"),
    # --- how the Norwegian side gets its money paid out is the claim, not the time
    (
        "payment_claim_timing",
        "nb",
        "hvordan går vi fram for å få utbetalt pengene på norsk side?",
    ),
    (
        "payment_claim_timing",
        "nb",
        "korleis skal vi gjere for å få pengane ut på norsk side?",
    ),
    # --- applying without the project owner on the other side is the partner rule
    (
        "partner_other_country",
        "sv",
        "kan vi söka fast vi inte har nån norsk projektägare",
    ),
    (
        "partner_other_country",
        "nb",
        "kan vi søke uten at vi har en svensk prosjekteier?",
    ),
    # --- payment claims: when, where and how (payment_claim_timing, extended)
    (
        "payment_claim_timing",
        "sv",
        "hur gör vi för att begära ut pengarna i min ansökan",
    ),
    (
        "payment_claim_timing",
        "sv",
        "var lämnar norska parten in sin utbetalningsansökan?",
    ),
    ("payment_claim_timing", "nb", "i hvilket system sender vi utbetalingsanmodning"),
    (
        "payment_claim_timing",
        "nb",
        "hvordan ber vi om å få utbetalt IR-midlene i regionalforvaltning",
    ),
    # --- Jems
    ("application_systems", "sv", "ska vi använda jems?"),
    ("application_systems", "sv", "söker man i Jems eller något annat system"),
    ("application_systems", "nb", "bruker dere jems"),
    ("application_systems", "nb", "skal søknaden inn i Jems?"),
    # --- Partner EU and payment
    ("partner_eu_payment", "sv", "får medsökande pengarna direkt från sekretariatet?"),
    ("partner_eu_payment", "sv", "hur slussas stödet vidare till medsökande"),
    ("partner_eu_payment", "nb", "får medsøkerne pengene rett fra sekretariatet?"),
    (
        "partner_eu_payment",
        "nb",
        "hvem tar seg av rapporteringen av medsøkers utgifter",
    ),
    # --- no promise in advance
    ("no_prior_approval", "sv", "kan vi få ett förhandsbesked"),
    ("no_prior_approval", "sv", "kan ni garantera att vi får pengar?"),
    ("no_prior_approval", "nb", "kan vi få forhåndsvarsel om at vi får støtte"),
    ("no_prior_approval", "nb", "kan dere garantere at søknaden blir innvilget?"),
    # --- costs from the start date
    ("costs_from_start", "sv", "från vilken dag får kostnaderna räknas in i projektet"),
    ("costs_from_start", "sv", "kan vi ta med kostnader från före vi skickade ansökan"),
    ("costs_from_start", "nb", "fra hvilken dag kan kostnadene regnes med?"),
    ("costs_from_start", "nb", "kan vi få dekket kostnader fra før vi sendte søknaden"),
    # --- control and audit
    ("payment_review", "sv", "måste vi anlita revisor?"),
    ("payment_review", "sv", "vem kontrollerar våra kostnader"),
    ("payment_review", "nb", "kreves det revisor i prosjektet?"),
    ("payment_review", "nb", "hvem går gjennom kostnadene våre"),
    # --- economic report
    (
        "economic_report",
        "sv",
        "vad är det för skillnad på ekonomirapport och delrapport",
    ),
    ("economic_report", "sv", "görs den ekonomiska rapporten per land?"),
    ("economic_report", "nb", "hva er forskjellen på økonomirapport og delrapport"),
    (
        "economic_report",
        "nb",
        "skriver vi økonomirapporten sammen med den svenske parten?",
    ),
    # --- what to write in the delrapport
    ("delrapport_content", "sv", "vad bör delrapporten handla om"),
    (
        "delrapport_content",
        "sv",
        "behöver vi räkna upp alla aktiviteter i delrapporten?",
    ),
    ("delrapport_content", "nb", "hva bør delrapporten handle om"),
    ("delrapport_content", "nb", "må vi ramse opp alle aktiviteter i delrapporten?"),
    # --- templates
    ("templates", "sv", "finns det mallar"),
    ("templates", "sv", "finns det en budgetmall att ladda ner"),
    ("templates", "nb", "finnes det maler"),
    ("templates", "nb", "hvor laster jeg ned malene?"),
    # --- changes and extensions
    ("project_changes", "sv", "vi behöver förlänga projektet, hur gör vi?"),
    ("project_changes", "sv", "får man ändra budgeten efter beslutet"),
    ("project_changes", "nb", "vi må forlenge prosjektet, hva gjør vi?"),
    ("project_changes", "nb", "kan budsjettet endres etter vedtaket"),
    # --- closure and final report
    ("project_closure", "sv", "hur avslutar vi projektet"),
    ("project_closure", "sv", "vad ska med i slutrapporten"),
    ("project_closure", "nb", "hvordan avslutter vi prosjektet"),
    ("project_closure", "nb", "hva skal med i sluttrapporten"),
    # --- results and investments after the project
    ("results_ownership", "sv", "vem äger det vi tar fram i projektet"),
    (
        "results_ownership",
        "sv",
        "vem ska ansvara för det vi byggt upp efter projektslut",
    ),
    ("results_ownership", "nb", "hvem eier det vi lager i prosjektet"),
    (
        "results_ownership",
        "nb",
        "hvem skal ha ansvaret for det vi har bygget opp etter prosjektslutt",
    ),
    # --- communication plan
    ("communication_plan", "sv", "krävs det en plan för kommunikationen?"),
    ("communication_plan", "sv", "behöver projektet en kommunikatör?"),
    ("communication_plan", "nb", "kreves det en plan for kommunikasjonen?"),
    ("communication_plan", "nb", "trenger prosjektet en kommunikatør?"),
    # --- sustainability, gender equality, non-discrimination
    ("horizontal_principles", "sv", "hur viktigt är jämställdhet i projektet"),
    ("horizontal_principles", "sv", "vilka krav på hållbarhet ställs"),
    ("horizontal_principles", "nb", "hvor viktig er likestilling i prosjektet"),
    ("horizontal_principles", "nb", "hvilke krav stilles til bærekraft"),
    # --- vision
    ("programme_vision", "sv", "vilken är visionen för interreg sverige norge"),
    ("programme_vision", "sv", "vilken vision styr programmet"),
    ("programme_vision", "nb", "hva er visjonen til interreg sverige norge"),
    ("programme_vision", "nb", "hva slags visjon har programmet"),
    # --- describing the cross-border cooperation
    (
        "describe_added_value",
        "sv",
        "vilka frågor bör vi besvara om gränssamarbetet i ansökan",
    ),
    (
        "describe_added_value",
        "sv",
        "hur får vi fram mervärdet av att samarbeta över gränsen",
    ),
    (
        "describe_added_value",
        "nb",
        "hvilke spørsmål bør vi svare på om grensesamarbeidet i søknaden",
    ),
    (
        "describe_added_value",
        "nb",
        "på hvilke måter kan et prosjekt skape grenseregional merverdi?",
    ),
    # --- is a förstudie required
    (
        "forstudie_required",
        "sv",
        "behöver vi ha gjort en förstudie innan vi söker huvudprojekt?",
    ),
    ("forstudie_required", "sv", "kan man gå direkt på ett huvudprojekt"),
    ("forstudie_required", "nb", "må man begynne med en forstudie?"),
    ("forstudie_required", "nb", "er det et krav å ha hatt forprosjekt først?"),
    # --- when to send the idea sketch
    ("idea_sketch_timing", "sv", "hur tidigt ska vi höra av oss till en rådgivare"),
    ("idea_sketch_timing", "sv", "när är det lagom att skicka idéskissen"),
    ("idea_sketch_timing", "nb", "hvor tidlig bør vi ta kontakt med en rådgiver"),
    ("idea_sketch_timing", "nb", "når er det lurt å sende idéskissen"),
    # --- what the advisers do
    ("adviser_role", "sv", "vad kan projektrådgivarna bistå med"),
    ("adviser_role", "sv", "vad gör en rådgivare hos er"),
    ("adviser_role", "nb", "hva hjelper prosjektrådgiverne til med"),
    ("adviser_role", "nb", "hva gjør en rådgiver hos dere"),
    # --- personal data
    ("personal_data", "sv", "hur hanterar vi gdpr i projektet"),
    ("personal_data", "sv", "får vi lagra deltagarnas kontaktuppgifter"),
    ("personal_data", "nb", "hvordan håndterer vi gdpr i prosjektet"),
    ("personal_data", "nb", "kan vi lagre personopplysninger om deltakerne"),
    # --- entries this work extended (costs, procurement, currency)
    ("eligible_costs", "sv", "räknas moms som en godkänd kostnad"),
    ("eligible_costs", "nb", "er moms støtteberettiget"),
    ("procurement", "sv", "vi omfattas inte av lou, hur ska vi göra inköp?"),
    (
        "procurement",
        "nb",
        "vi er ikke underlagt anskaffelsesloven, hvordan gjør vi innkjøp?",
    ),
    ("currency", "sv", "vilken kurs använder vi för norska kronor till euro"),
    ("currency", "nb", "hvilken kurs bruker vi for norske kroner til euro"),
    # --- second round (issue 13 point 1): decisions and the programme's bodies
    (
        "monitoring_committee",
        "sv",
        "vilka myndigheter och politiker är ledamöter i övervakningskommittén",
    ),
    ("monitoring_committee", "sv", "hur många möten har övervakningskommittén per år"),
    ("monitoring_committee", "nb", "hvilke medlemmer har overvåkingskomiteen"),
    ("monitoring_committee", "nb", "hvor mange møter har overvåkingskomiteen i året"),
    (
        "prioritisation_after_call",
        "sv",
        "vad händer med ansökningarna när utlysningen stängt",
    ),
    ("prioritisation_after_call", "sv", "vilka datum möts styrkommittén"),
    (
        "prioritisation_after_call",
        "nb",
        "hva skjer med søknaden vår når fristen har gått ut",
    ),
    ("prioritisation_after_call", "nb", "når samles styringskomiteen for å prioritere"),
    ("cross_sub_area", "sv", "kan vi göra ett projekt i båda delområdena"),
    ("cross_sub_area", "sv", "får ett projekt gå över delområdesgränsen"),
    ("cross_sub_area", "nb", "kan vi ha aktiviteter i begge delområdene"),
    ("cross_sub_area", "nb", "kan et prosjekt gå over delområdegrensen"),
    ("rejected_application", "sv", "vi fick avslag, vad gör vi nu?"),
    ("rejected_application", "sv", "kan man söka på nytt efter ett avslag"),
    ("rejected_application", "nb", "vi fikk avslag, hva gjør vi nå?"),
    ("rejected_application", "nb", "kan man søke igjen etter et avslag"),
    ("forstudie_smaskala_decision", "sv", "vem fattar beslut om en förstudie"),
    (
        "forstudie_smaskala_decision",
        "sv",
        "tar styrkommittén upp förstudier också",
    ),
    ("forstudie_smaskala_decision", "nb", "hvem fatter vedtak om en forstudie"),
    (
        "forstudie_smaskala_decision",
        "nb",
        "behandler styringskomiteen også forstudier",
    ),
    (
        "priority_objective_terms",
        "sv",
        "hur hänger prioriteringarna ihop med de specifika målen",
    ),
    ("priority_objective_terms", "sv", "måste ansökan ange ett specifikt mål"),
    (
        "priority_objective_terms",
        "nb",
        "hvordan henger prioriteringene sammen med de spesifikke målene",
    ),
    ("priority_objective_terms", "nb", "må søknaden angi et spesifikt mål"),
    ("one_plus_one", "sv", "vad innebär ett plus ett blir tre"),
    ("one_plus_one", "sv", "varför ska ett plus ett bli tre"),
    ("one_plus_one", "nb", "hva innebærer en pluss en blir tre"),
    ("one_plus_one", "nb", "hvorfor skal en pluss en bli tre"),
    # --- applying
    ("application_steps", "sv", "vad är stegen från projektidé till färdig ansökan"),
    ("application_steps", "sv", "hur går man tillväga steg för steg för att söka stöd"),
    ("application_steps", "nb", "hva er stegene fra prosjektidé til ferdig søknad"),
    ("application_steps", "nb", "hvordan går man fram steg for steg for å søke støtte"),
    ("anchoring", "sv", "hur gör vi för att förankra projektet i vår organisation"),
    ("anchoring", "sv", "vad innebär förankring av en projektidé"),
    (
        "anchoring",
        "nb",
        "hvordan gjør vi det for å forankre prosjektet i organisasjonen",
    ),
    ("anchoring", "nb", "hva innebærer forankring av en prosjektidé"),
    (
        "participate_without_partner",
        "sv",
        "kan en förening delta som målgrupp utan att vara partner",
    ),
    (
        "participate_without_partner",
        "sv",
        "måste alla organisationer i nätverket vara projektpartner",
    ),
    (
        "participate_without_partner",
        "nb",
        "kan en bedrift være med som målgruppe uten å være partner",
    ),
    (
        "participate_without_partner",
        "nb",
        "må alle organisasjonene i nettverket være prosjektpartnere",
    ),
    ("english_application", "sv", "går det att skicka in ansökan på engelska istället"),
    ("english_application", "sv", "kan vi kalla projektet något på engelska"),
    (
        "english_application",
        "nb",
        "går det an å sende inn søknaden på engelsk i stedet",
    ),
    ("english_application", "nb", "kan vi kalle prosjektet noe på engelsk"),
    ("application_attachments", "sv", "vad behöver vi bifoga när vi söker"),
    ("application_attachments", "sv", "vilka handlingar ska med i ansökan"),
    ("application_attachments", "nb", "hva må vi legge ved når vi søker"),
    ("application_attachments", "nb", "hvilke papirer skal med i søknaden"),
    ("min_ansokan_form", "sv", "vem hjälper oss om vi kör fast i min ansökan"),
    ("min_ansokan_form", "sv", "ska norska partens budget läggas in i min ansökan"),
    ("min_ansokan_form", "nb", "hvem hjelper oss hvis vi står fast i min ansökan"),
    (
        "min_ansokan_form",
        "nb",
        "må vi legge inn budsjettet til den norske parten i min ansökan",
    ),
    ("forstudie_then_main", "sv", "vad ska vi ha kartlagt när förstudien är klar"),
    (
        "forstudie_then_main",
        "sv",
        "när förstudien är slut, kan vi söka ett huvudprojekt då",
    ),
    ("forstudie_then_main", "nb", "hva skal vi ha kartlagt når forstudien er ferdig"),
    (
        "forstudie_then_main",
        "nb",
        "når forstudien er over, kan vi søke et hovedprosjekt da",
    ),
    ("additionality", "sv", "vad är tanken bakom additionalitet"),
    ("additionality", "sv", "vad är additionalitetsprincipen i interreg"),
    ("additionality", "nb", "hva er tanken bak addisjonalitet"),
    # --- money, reporting and the programme's background
    ("lump_sum", "sv", "går det att använda klumpsumma i vår budget"),
    ("lump_sum", "sv", "hur fungerar klumpsummor"),
    ("lump_sum", "nb", "går det an å bruke engangsbeløp i budsjettet vårt"),
    ("lump_sum", "nb", "hvordan fungerer klumpsum"),
    ("project_accounting", "sv", "behöver vi särredovisa projektet i bokföringen"),
    ("project_accounting", "sv", "ska projektet ha ett eget konto i redovisningen"),
    ("project_accounting", "nb", "må vi føre prosjektet separat i regnskapet"),
    ("project_accounting", "nb", "skal prosjektet ha en egen konto i regnskapet"),
    ("first_payment_claim", "sv", "ge ett exempel på hur rapportperioderna fungerar"),
    (
        "first_payment_claim",
        "sv",
        "hur ser tidslinjen ut för den första rapporteringen",
    ),
    (
        "first_payment_claim",
        "nb",
        "gi et eksempel på hvordan rapporteringsperiodene fungerer",
    ),
    (
        "first_payment_claim",
        "nb",
        "hvordan ser tidslinjen ut for den første rapporteringen",
    ),
    ("erdf", "sv", "vad står eruf för"),
    ("erdf", "sv", "vilken eu-fond finansierar programmet"),
    ("erdf", "nb", "hva står erdf for"),
    ("erdf", "nb", "hvilket eu-fond finansierer programmet"),
    ("criteria_explained", "sv", "vad innebär kriteriet gränsen som resurs"),
    (
        "criteria_explained",
        "sv",
        "vilka gränshinder räknas, bara lagar eller även fysiska",
    ),
    ("criteria_explained", "nb", "hva innebærer kriteriet grensen som ressurs"),
    (
        "criteria_explained",
        "nb",
        "hvilke grensehindre teller, bare lover eller også fysiske",
    ),
    (
        "programme_history",
        "sv",
        "fanns programmet även före 2014",
    ),
    (
        "programme_history",
        "sv",
        "vilka tidigare programperioder har det varit",
    ),
    (
        "programme_history",
        "nb",
        "hvor lenge har dette programmet holdt på",
    ),
    (
        "programme_history",
        "nb",
        "hvilke tidligere programperioder har det vært",
    ),
    (
        "regionalforvaltning_portal",
        "sv",
        "vilken roll har regionalforvaltning för norska sökande",
    ),
    ("regionalforvaltning_portal", "sv", "vad är det för sida, regionalforvaltning"),
    (
        "regionalforvaltning_portal",
        "nb",
        "hvilken rolle har regionalforvaltning for norske søkere",
    ),
    ("regionalforvaltning_portal", "nb", "hva slags nettsted er regionalforvaltning"),
    ("smaskala_partners", "sv", "hur många deltar i ett småskaligt projekt"),
    ("smaskala_partners", "sv", "när är småskaligt projekt rätt val för oss"),
    ("smaskala_partners", "nb", "hvor mange deltar i et småskalaprosjekt"),
    ("smaskala_partners", "nb", "når er småskalaprosjekt riktig valg for oss"),
    # --- partners, roles and results
    ("project_leaders", "sv", "räcker det med en projektledare för båda länderna"),
    ("project_leaders", "sv", "behöver vi en projektledare i varje land"),
    ("project_leaders", "nb", "holder det med én prosjektleder for begge land"),
    ("project_leaders", "nb", "må vi ansette prosjektleder i begge land"),
    ("partner_change", "sv", "en av våra partner vill hoppa av, vad gäller då"),
    ("partner_change", "sv", "får vi ta in en ny partner mitt i projektet"),
    ("partner_change", "nb", "en av partnerne våre vil trekke seg, hva gjelder da"),
    ("partner_change", "nb", "kan vi ta inn en ny partner midt i prosjektet"),
    ("results_dissemination", "sv", "behöver resultaten göras tillgängliga för alla"),
    ("results_dissemination", "sv", "hur sprider vi det projektet kommer fram till"),
    ("results_dissemination", "nb", "må resultatene gjøres tilgjengelige for alle"),
    ("results_dissemination", "nb", "hvordan sprer vi det prosjektet kommer fram til"),
    ("norwegian_partners_count", "sv", "får det finnas mer än en norsk partner"),
    (
        "norwegian_partners_count",
        "sv",
        "kan två norska organisationer vara parter i samma projekt",
    ),
    ("norwegian_partners_count", "nb", "kan det være mer enn én norsk partner"),
    (
        "norwegian_partners_count",
        "nb",
        "kan to norske organisasjoner være parter i samme prosjekt",
    ),
    ("missed_call", "sv", "vi hann inte till deadline, vad gör vi"),
    ("missed_call", "sv", "hur förbereder vi oss inför nästa ansökningsomgång"),
    ("missed_call", "nb", "vi rakk ikke fristen, hva gjør vi"),
    ("missed_call", "nb", "hvordan forbereder vi oss til neste søknadsrunde"),
    ("roles_terms", "sv", "vad betyder projektägare"),
    ("roles_terms", "sv", "vem är stödmottagare, vi eller den norska parten"),
    ("roles_terms", "nb", "hvem er prosjekteier i et interreg-prosjekt"),
    ("roles_terms", "nb", "hvem er støttemottaker, vi eller den svenske parten"),
    ("results_in_application", "sv", "vad ska vi skriva om effekterna på lång sikt"),
    ("results_in_application", "sv", "hur tydliga ska resultaten vara i ansökan"),
    ("results_in_application", "nb", "hva skal vi skrive om effektene på lang sikt"),
    ("results_in_application", "nb", "hvor tydelige skal resultatene være i søknaden"),
    # --- working with the adviser and the partner, the secretariat, funded projects
    (
        "adviser_dialogue",
        "sv",
        "hur ofta får vi prata med projektrådgivaren innan vi söker",
    ),
    (
        "adviser_dialogue",
        "sv",
        "har vi kontakt med rådgivaren ända tills ansökan är inskickad",
    ),
    ("adviser_dialogue", "nb", "kan vi møte rådgiveren flere ganger før vi søker"),
    (
        "adviser_dialogue",
        "nb",
        "hvor ofte kan vi snakke med prosjektrådgiveren før vi søker",
    ),
    ("joint_planning", "sv", "hur jobbar vi ihop med norrmännen när ansökan tas fram"),
    ("joint_planning", "sv", "hur delar vi upp arbetet med ansökan mellan länderna"),
    (
        "joint_planning",
        "nb",
        "hvordan samarbeider vi med svenskene om planleggingen",
    ),
    (
        "joint_planning",
        "nb",
        "hvordan deler vi opp arbeidet med søknaden mellom landene",
    ),
    ("secretariat_role", "sv", "vilken uppgift har sekretariatet"),
    ("secretariat_role", "sv", "vad sysslar ni på sekretariatet med"),
    ("secretariat_role", "nb", "hva jobber sekretariatet med til daglig"),
    ("secretariat_role", "nb", "hva slags arbeid gjør sekretariatet"),
    ("good_application", "sv", "vad skiljer en stark ansökan från en svag"),
    ("good_application", "sv", "ge oss några råd om hur vi skriver en stark ansökan"),
    ("good_application", "nb", "hva skiller en sterk søknad fra en svak"),
    ("good_application", "nb", "gi oss noen råd om hvordan vi skriver en sterk søknad"),
    ("target_groups", "sv", "vem ska vara målgrupp för vårt projekt"),
    ("target_groups", "sv", "finns det bestämda målgrupper i programmet"),
    ("target_groups", "nb", "hvem skal være målgruppe for prosjektet vårt"),
    ("target_groups", "nb", "finnes det bestemte målgrupper i programmet"),
    ("funded_projects_news", "sv", "var publiceras de projekt som har fått stöd"),
    ("funded_projects_news", "sv", "finns det en lista på beviljade projekt"),
    ("funded_projects_news", "nb", "hvor publiseres prosjektene som har fått støtte"),
    ("funded_projects_news", "nb", "hvor ser jeg hvilke prosjekter som er innvilget"),
    ("additionality", "nb", "hva er addisjonalitetsprinsippet i interreg"),
]


RIGHT_FLOOR = 0.72
"""Share of WORDINGS answered with their own entry (2026-12-05: 70 of 86 right; after the
second round of entries 181 of 230, the rest not answered). Raise it when the figure rises.
2026-12-06: 0.75 -> 0.72 when the answer threshold rose from 0.40 to 0.44 (172 of 230:
answers in that band were as often wrong as right on a fresh blind set; the wordings
below it now get "did you mean …?"; none is answered with another entry)."""


@pytest.mark.parametrize(("entry_id", "lang", "question"), WORDINGS)
def test_wording_is_never_answered_with_another_entry(
    snapshot: Snapshot, entry_id: str, lang: str, question: str
) -> None:
    result = snapshot.faq.answer(question, lang)
    assert result.language == lang
    if result.answered:
        assert result.best is not None
        assert result.best.entry_id == entry_id, (
            f"{question!r} answered with {result.best.entry_id}"
        )
        entry = next(e for e in snapshot.kb.faq if e.id == entry_id)
        assert result.best.answer == entry.answer[lang]


def test_most_wordings_find_their_entry(snapshot: Snapshot) -> None:
    missed = []
    for entry_id, lang, question in WORDINGS:
        result = snapshot.faq.answer(question, lang)
        if not (result.answered and result.best and result.best.entry_id == entry_id):
            missed.append((entry_id, question, result.reason))
    share = 1 - len(missed) / len(WORDINGS)
    assert share >= RIGHT_FLOOR, f"{share:.0%} right; missed: {missed}"


def test_wordings_are_not_the_entries_own_variants(snapshot: Snapshot) -> None:
    entries = {e.id: e for e in snapshot.kb.faq}
    too_close = [
        (question, variant)
        for entry_id, _, question in WORDINGS
        for variant in entries[entry_id].questions.all()
        if fuzz.ratio(fold(clean(question)), fold(clean(variant)))
        >= MAX_SIMILARITY_TO_A_VARIANT
    ]
    assert not too_close, too_close


def test_every_entry_here_is_tested_in_both_languages() -> None:
    per_entry: Dict[str, Set[str]] = {}
    for entry_id, lang, _ in WORDINGS:
        per_entry.setdefault(entry_id, set()).add(lang)
    one_language = [e for e, langs in per_entry.items() if langs != {"sv", "nb"}]
    assert not one_language, one_language
