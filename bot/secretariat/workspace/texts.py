"""Every word of the workspace in Swedish and Norwegian Bokmål (the officer chooses)."""

from __future__ import annotations

from typing import Dict, Tuple

LANGS = ("sv", "nb")

TEXTS: Dict[str, Tuple[str, str]] = {
    "app": ("Sekretariatets arbetsyta", "Sekretariatets arbeidsflate"),
    "skip": ("Hoppa till innehållet", "Hopp til innholdet"),
    "nav": ("Huvudmeny", "Hovedmeny"),
    "inbox": ("Inkorg", "Innboks"),
    "entries": ("Frågor och svar", "Spørsmål og svar"),
    "new_entry": ("Nytt svar", "Nytt svar"),
    "review": ("Att se över", "Til gjennomgang"),
    "history": ("Historik", "Historikk"),
    "report": ("Rapport", "Rapport"),
    "sign_out": ("Logga ut", "Logg ut"),
    "language": ("Språk", "Språk"),
    "switch_to": ("På norska", "På svensk"),
    "signed_in_as": ("Inloggad som", "Logget inn som"),
    # sign-in
    "sign_in": ("Logga in", "Logg inn"),
    "name": ("Användarnamn", "Brukernavn"),
    "password": ("Lösenord", "Passord"),
    "bad_login": (
        "Fel användarnamn eller lösenord.",
        "Feil brukernavn eller passord.",
    ),
    "blocked": (
        "För många misslyckade försök. Vänta en kvart och försök igen.",
        "For mange mislykkede forsøk. Vent et kvarter og prøv igjen.",
    ),
    "expired": (
        "Din session har gått ut. Logga in igen – texten du skrev är sparad och kommer tillbaka.",
        "Økten din er utløpt. Logg inn igjen – teksten du skrev er lagret og kommer tilbake.",
    ),
    "forbidden": (
        "Formuläret var för gammalt eller kom inte från arbetsytan. Ladda om sidan och försök igen.",
        "Skjemaet var for gammelt eller kom ikke fra arbeidsflaten. Last inn siden på nytt og prøv igjen.",
    ),
    "not_found": ("Sidan finns inte.", "Siden finnes ikke."),
    "broken_file": (
        "En fil i kunskapsbasen går inte att läsa (den har ändrats för hand). Inget ändrades. Be en utvecklare köra make kb-check:",
        "En fil i kunnskapsbasen kan ikke leses (den er endret for hånd). Ingenting ble endret. Be en utvikler kjøre make kb-check:",
    ),
    # inbox
    "inbox_intro": (
        "Frågor som assistenten inte kunde svara på, grupperade efter likhet. Störst och nyast först.",
        "Spørsmål assistenten ikke kunne svare på, gruppert etter likhet. Størst og nyest først.",
    ),
    "inbox_empty": ("Inkorgen är tom.", "Innboksen er tom."),
    "count": ("Antal", "Antall"),
    "examples": ("Exempel på formuleringar", "Eksempler på formuleringer"),
    "latest": ("Senast", "Sist"),
    "answer_it": ("Skriv ett svar", "Skriv et svar"),
    "link_to": ("Redan besvarad av", "Allerede besvart av"),
    "link": ("Lägg till som formulering", "Legg til som formulering"),
    "dismiss": ("Avfärda", "Avvis"),
    "link_reason": (
        "Varför (valfritt, för historiken)",
        "Hvorfor (valgfritt, for historikken)",
    ),
    "dismiss_reason": ("Skäl att avfärda (krävs)", "Grunn til å avvise (påkrevd)"),
    "reason": ("Varför", "Hvorfor"),
    "reason_hint": (
        "Kort, för historiken (t.ex. ”ny regel från 2026”).",
        "Kort, for historikken (f.eks. «ny regel fra 2026»).",
    ),
    "inbox_changed": (
        "Inkorgen har ändrats sedan du öppnade den. Se den nya listan.",
        "Innboksen er endret siden du åpnet den. Se den nye listen.",
    ),
    "decided": ("Hanterat i inkorgen", "Håndtert i innboksen"),
    "action_answered": ("besvarad", "besvart"),
    "action_linked": ("kopplad", "koblet"),
    "action_dismissed": ("avfärdad", "avvist"),
    "feedback": (
        "Tummen ner och samtal som bad om en person",
        "Tommelen ned og samtaler som ba om en person",
    ),
    "feedback_intro": (
        "Svar som fick tummen ner, med frågan före svaret, och samtal där någon bad att få tala med en person. Nyast först.",
        "Svar som fikk tommelen ned, med spørsmålet før svaret, og samtaler der noen ba om å snakke med en person. Nyest først.",
    ),
    "feedback_empty": ("Inget att gå igenom.", "Ingenting å gå gjennom."),
    "kind_rated_down": ("Tummen ner", "Tommelen ned"),
    "kind_handover": ("Bad om en person", "Ba om en person"),
    "answer_given": ("Svaret som fick tummen ner", "Svaret som fikk tommelen ned"),
    "unanswered_groups": ("Obesvarade frågor", "Ubesvarte spørsmål"),
    "report_more": (
        "Fler siffror finns i rapporten.",
        "Flere tall finnes i rapporten.",
    ),
    # entries
    "search": ("Sök", "Søk"),
    "search_label": (
        "Sök i frågor, svar och fakta (svenska och norska)",
        "Søk i spørsmål, svar og fakta (svensk og norsk)",
    ),
    "faq_entries": ("Vanliga frågor", "Vanlige spørsmål"),
    "facts": ("Fakta", "Fakta"),
    "no_hits": ("Inga träffar.", "Ingen treff."),
    "edit": ("Redigera", "Rediger"),
    "as_of": ("Gäller per", "Gjelder per"),
    "review_intro": (
        "Svar och fakta vars datum är äldre än {days} dagar.",
        "Svar og fakta med dato eldre enn {days} dager.",
    ),
    "review_days": ("Äldre än (dagar)", "Eldre enn (dager)"),
    "show": ("Visa", "Vis"),
    # editor
    "editor": ("Svar", "Svar"),
    "edit_entry": ("Redigera svaret", "Rediger svaret"),
    "create_entry": ("Nytt svar", "Nytt svar"),
    "entry_id": ("Id (a–z, 0–9, _)", "Id (a–z, 0–9, _)"),
    "questions_sv": (
        "Frågor på svenska (en per rad)",
        "Spørsmål på svensk (ett per linje)",
    ),
    "questions_nb": (
        "Frågor på norska (en per rad)",
        "Spørsmål på norsk (ett per linje)",
    ),
    "answer_sv": ("Svar på svenska", "Svar på svensk"),
    "answer_nb": ("Svar på norska", "Svar på norsk"),
    "text_sv": ("Text på svenska", "Tekst på svensk"),
    "text_nb": ("Text på norska", "Tekst på norsk"),
    "edit_fact": ("Redigera faktauppgiften", "Rediger faktaopplysningen"),
    "fact_intro": (
        "Uppgiften används i flera av assistentens svar (ämne: {topic}). Ändra texten på båda språken, källan och datumet.",
        "Opplysningen brukes i flere av assistentens svar (emne: {topic}). Endre teksten på begge språk, kilden og datoen.",
    ),
    "sources": ("Källor (välj en eller flera)", "Kilder (velg én eller flere)"),
    "new_source": ("Eller en ny källa", "Eller en ny kilde"),
    "new_source_title_sv": ("Rubrik på svenska", "Tittel på svensk"),
    "new_source_title_nb": ("Rubrik på norska", "Tittel på norsk"),
    "new_source_url": ("Adress (https://…)", "Adresse (https://…)"),
    "as_of_label": ("Gäller per datum", "Gjelder per dato"),
    "preview": ("Förhandsgranska", "Forhåndsvis"),
    "publish": ("Publicera", "Publiser"),
    "problems": ("Rätta det här först:", "Rett dette først:"),
    "nothing_changed": ("Inget ändrades.", "Ingenting ble endret."),
    "published": (
        "Publicerat. Assistenten svarar med det inom en minut.",
        "Publisert. Assistenten svarer med det innen ett minutt.",
    ),
    "conflict": (
        "Någon annan har ändrat svaret sedan du öppnade det. Ditt förslag är inte sparat; här är deras ändring:",
        "Noen andre har endret svaret siden du åpnet det. Forslaget ditt er ikke lagret; her er endringen deres:",
    ),
    "conflict_by": ("Senast ändrat av", "Sist endret av"),
    "changed_on_disk": (
        "Filen ändrades av någon annan medan du sparade. Inget skrevs; försök igen.",
        "Filen ble endret av noen andre mens du lagret. Ingenting ble skrevet; prøv igjen.",
    ),
    "preview_title": ("Vad assistenten svarar", "Hva assistenten svarer"),
    "preview_intro": (
        "Frågorna ställda till kunskapsbasen som den är nu och med din ändring (inget publiceras).",
        "Spørsmålene stilt til kunnskapsbasen slik den er nå og med endringen din (ingenting publiseres).",
    ),
    "question": ("Fråga", "Spørsmål"),
    "now": ("Nu", "Nå"),
    "with_edit": ("Med ändringen", "Med endringen"),
    "no_answer": ("inget svar", "ikke noe svar"),
    "your_entry": ("ditt svar", "ditt svar"),
    # validation messages (kb-check's English messages, translated)
    "v_required": ("Måste fyllas i.", "Må fylles ut."),
    "v_blank": ("Får inte vara tomt.", "Kan ikke være tomt."),
    "v_questions": (
        "Minst en fråga på svenska och en på norska.",
        "Minst ett spørsmål på svensk og ett på norsk.",
    ),
    "v_rule": (
        "Börja inte med ja/nej – skriv regeln (en nekande fråga skulle göra svaret fel).",
        "Ikke begynn med ja/nei – skriv regelen (et nektende spørsmål ville gjort svaret feil).",
    ),
    "v_https": (
        "Måste vara en offentlig https://-adress.",
        "Må være en offentlig https://-adresse.",
    ),
    "v_id": ("Bara a–z, 0–9 och _.", "Bare a–z, 0–9 og _."),
    "v_duplicate": ("Finns redan.", "Finnes allerede."),
    "v_date": ("Ange ett datum (ÅÅÅÅ-MM-DD).", "Oppgi en dato (ÅÅÅÅ-MM-DD)."),
    "v_future": ("Datumet ligger i framtiden.", "Datoen ligger i framtiden."),
    "v_too_long": (
        "För långt: högst {limit} tecken.",
        "For langt: høyst {limit} tegn.",
    ),
    "v_control": ("Innehåller otillåtna tecken.", "Inneholder ugyldige tegn."),
    "v_source": ("Välj en källa eller ange en ny.", "Velg en kilde eller oppgi en ny."),
    "v_new_source": (
        "En ny källa behöver rubrik på båda språken och adress.",
        "En ny kilde trenger tittel på begge språk og adresse.",
    ),
    "v_other": ("Kontrollen (kb-check) säger:", "Kontrollen (kb-check) sier:"),
    # history
    "history_intro": (
        "Varje publicerad ändring: vem, när, varför och vad. Varje ändring kan ångras.",
        "Hver publiserte endring: hvem, når, hvorfor og hva. Hver endring kan angres.",
    ),
    "when": ("När", "Når"),
    "who": ("Vem", "Hvem"),
    "what": ("Vad", "Hva"),
    "why": ("Varför", "Hvorfor"),
    "undo": ("Ångra", "Angre"),
    "undone": ("Ångrad (ändring {id})", "Angret (endring {id})"),
    "undo_conflict": (
        "Kan inte ångras: svaret har ändrats efteråt. Ångra de senare ändringarna först.",
        "Kan ikke angres: svaret er endret etterpå. Angre de senere endringene først.",
    ),
    "undo_done": ("Ångrat.", "Angret."),
    "change": ("Ändring", "Endring"),
    "no_history": ("Inga ändringar ännu.", "Ingen endringer ennå."),
    # report
    "report_intro": (
        "Rapporten över samtalen för en period (samma som make report).",
        "Rapporten over samtalene for en periode (samme som make report).",
    ),
    "from": ("Från", "Fra"),
    "to": ("Till", "Til"),
    "open_report": ("Öppna rapporten", "Åpne rapporten"),
    "csv": ("Ladda ner CSV", "Last ned CSV"),
    "bad_period": ("Ange datum som ÅÅÅÅ-MM-DD.", "Oppgi datoer som ÅÅÅÅ-MM-DD."),
}
"""key -> (Swedish, Norwegian Bokmål)."""


def text(key: str, lang: str, **values: object) -> str:
    """The text in ``lang``; a missing key is an error, never a silent blank."""
    sv, nb = TEXTS[key]
    chosen = nb if lang == "nb" else sv
    return chosen.format(**values) if values else chosen
