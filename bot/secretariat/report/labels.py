"""The report's words: its labels in Swedish and Norwegian, topic and organisation names."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Tuple
from zoneinfo import ZoneInfo

import yaml

from bot.settings import DOMAIN_FILE
from programme_kb.loader import data_dir, parse_file
from programme_kb.models import EligibilityFile
from programme_kb.responses import variation_text

TIME_ZONE = ZoneInfo("Europe/Stockholm")
"""Sweden and Norway share it; a day in the report is a day at the secretariat."""
FEEDBACK_INTENT = "feedback"
FALLBACK_ACTION = "action_fallback"
FAQ_ACTION = "action_answer_faq"
SIMILARITY = 75
"""rapidfuzz token-set ratio from which two unanswered questions are the same question."""
TOP_GROUPS = 20
MAX_EXAMPLES = 3
LANGUAGES = ("sv", "nb")

LABELS: Dict[str, Tuple[str, str]] = {
    "title": ("Rapport från chattbotten", "Rapport fra chatboten"),
    "period": ("Period", "Periode"),
    "made": ("Skapad", "Laget"),
    "conversations": ("Samtal", "Samtaler"),
    "messages": ("Meddelanden", "Meldinger"),
    "fallback_rate": ("Till reservsvaret (fallback)", "Til reservesvaret (fallback)"),
    "unanswered_rate": ("Obesvarade meddelanden", "Ubesvarte meldinger"),
    "handovers": ("Bad att få tala med en person", "Ba om å snakke med en person"),
    "thumbs": ("Tumme upp / ner", "Tommel opp / ned"),
    "per_day": ("Samtal och meddelanden per dag", "Samtaler og meldinger per dag"),
    "languages": ("Språk i samtalen", "Språk i samtalene"),
    "topics": ("Ämnen (avsikt i meddelandet)", "Emner (intensjon i meldingen)"),
    "unanswered": (
        "Vanligaste obesvarade frågorna, grupperade efter likhet",
        "Vanligste ubesvarte spørsmål, gruppert etter likhet",
    ),
    "thumbs_down": ("Svar med tummen ner", "Svar med tommelen ned"),
    "focus_areas": ("Föreslagna insatsområden", "Foreslåtte innsatsområder"),
    "eligibility": ("Besked om vem som får söka", "Svar om hvem som kan søke"),
    "handover_list": ("Samtal som bad om en person", "Samtaler som ba om en person"),
    "count": ("Antal", "Antall"),
    "examples": ("Exempel på formuleringar", "Eksempler på formuleringer"),
    "language": ("Språk", "Språk"),
    "question": ("Frågan före svaret", "Spørsmålet før svaret"),
    "answer": ("Svaret", "Svaret"),
    "time": ("Tid", "Tid"),
    "conversation": ("Samtal (id)", "Samtale (id)"),
    "code": ("Område", "Område"),
    "first": ("Som första förslag", "Som første forslag"),
    "any": ("Bland förslagen", "Blant forslagene"),
    "organisation_type": ("Organisationstyp", "Organisasjonstype"),
    "intent": ("Teknisk namn (intent)", "Teknisk navn (intent)"),
    "yes": ("Ja", "Ja"),
    "no": ("Nej", "Nei"),
    "unknown": ("Oklart", "Uklart"),
    "none": ("Inget under perioden.", "Ingenting i perioden."),
    "empty": (
        "Databasen har inga samtal för perioden.",
        "Databasen har ingen samtaler i perioden.",
    ),
    "definitions": (
        "Ett samtal är en session (ny efter en timmes tystnad) med minst ett meddelande och "
        "räknas den dag det börjar. Meddelanden är allt användaren skickat utom tumme upp/ner. "
        "Obesvarat: ett skrivet meddelande som varken modellen eller FAQ:n hade svar på "
        "(knappval räknas inte). Tumme upp/ner räknas en gång per användare och svar, så som "
        "den sist sattes. Personuppgifter är maskerade innan något sparas, t.ex. [e-post], "
        "[telefon], [personnummer].",
        "En samtale er en økt (ny etter en times stillhet) med minst én melding og telles den "
        "dagen den begynner. Meldinger er alt brukeren har sendt unntatt tommel opp/ned. "
        "Ubesvart: en skrevet melding som verken modellen eller FAQ-en hadde svar på "
        "(knappevalg telles ikke). Tommel opp/ned telles én gang per bruker og svar, slik den "
        "sist ble satt. Personopplysninger er maskert før noe lagres, f.eks. [e-post], "
        "[telefon], [fødselsnummer].",
    ),
}
"""Every label of the page in Swedish and Norwegian Bokmål."""

INTENT_LABELS: Dict[str, Tuple[str, str]] = {
    "greet": ("Hälsning", "Hilsen"),
    "goodbye": ("Avsked", "Avskjed"),
    "thanks": ("Tack", "Takk"),
    "bot_challenge": ("Är du en bot?", "Er du en bot?"),
    "affirm": ("Ja", "Ja"),
    "deny": ("Nej", "Nei"),
    "out_of_scope": ("Utanför programmet", "Utenfor programmet"),
    "other_language": ("Annat språk", "Annet språk"),
    "change_language": ("Byte av språk", "Bytte av språk"),
    "ask_human": ("Vill tala med en person", "Vil snakke med en person"),
    "ask_faq": ("Regelfråga (FAQ)", "Regelspørsmål (FAQ)"),
    "describe_project": ("Projektidé", "Prosjektidé"),
    "nlu_fallback": ("Inte förstått", "Ikke forstått"),
}
"""Topic names for intents the domain has no button label for."""

LANGUAGE_NAMES: Dict[str, Tuple[str, str]] = {
    "sv": ("svenska", "svensk"),
    "nb": ("norska", "norsk"),
}
"""The conversations' languages, in Swedish and Norwegian Bokmål."""


def both(sv: str, nb: str) -> str:
    """One text for the bilingual page: "sv / nb", or once when they are the same."""
    return sv if sv == nb else f"{sv} / {nb}"


def label(key: str) -> str:
    return both(*LABELS[key])


def organisation_names() -> Dict[str, str]:
    """Organisation types as the knowledge base words them, by id; {} if unreadable."""
    parsed, _ = parse_file(data_dir() / "eligibility.yml", EligibilityFile)
    if parsed is None:
        return {}
    return {
        t.id: both(_capital(t.label.sv), _capital(t.label.nb))
        for t in parsed.organisation_types
    }


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def intent_labels(domain_file: Path = DOMAIN_FILE) -> Dict[str, str]:
    """Readable topic names: the domain's button labels, then our own list."""
    names = {k: both(sv, nb) for k, (sv, nb) in INTENT_LABELS.items()}
    try:
        responses = (yaml.safe_load(domain_file.read_text(encoding="utf-8")) or {}).get(
            "responses", {}
        )
    except (OSError, yaml.YAMLError):
        return names
    for name, variations in responses.items():
        if not name.startswith("utter_label_"):
            continue
        sv = variation_text(variations, "sv") or ""
        nb = variation_text(variations, "nb") or sv
        names[name.removeprefix("utter_label_")] = both(sv, nb)
    return names
