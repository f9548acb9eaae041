"""Masking personal data: what must go, and the ordinary numbers that must stay."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from bot.privacy import (
    ACCOUNT,
    EMAIL,
    FODSELSNUMMER,
    PERSONNUMMER,
    PHONE,
    install_log_masking,
    is_iban,
    is_norwegian_account_number,
    is_norwegian_personal_number,
    is_swedish_personal_number,
    mask_event,
    mask_text,
    unescape_json_text,
)

KB_DATA = Path(__file__).resolve().parents[2] / "programme_kb" / "data"
PUBLIC_EMAIL = "Interreg.sv-no.jamtland@lansstyrelsen.se"

MASKED = [
    # e-mail addresses
    ("Skriv till anna.svensson@kommun.se tack", EMAIL),
    ("min epost er ola-nordmann+interreg@firma.no.", EMAIL),
    ("Kontakta Åsa.Öberg@region-värmland.se", EMAIL),
    # Swedish personnummer (Luhn), 10 and 12 digits, every separator
    ("Mitt personnummer är 811218-9876.", PERSONNUMMER),
    ("pnr 8112189876", PERSONNUMMER),
    ("född 19811218-9876 i Karlstad", PERSONNUMMER),
    ("198112189876", PERSONNUMMER),
    ("121212+1212", PERSONNUMMER),
    ("Tolvan har 19121212-1212", PERSONNUMMER),
    # samordningsnummer: day + 60
    ("samordningsnumret 701063-2391", PERSONNUMMER),
    ("7010632391", PERSONNUMMER),
    # a personnummer with a wrong check digit is still personal when named as one
    ("mitt personnummer: 811218-9877", PERSONNUMMER),
    # Norwegian fødselsnummer and D-nummer (day + 40), both control digits
    ("fødselsnummeret mitt er 01010750160", FODSELSNUMMER),
    ("15038512363", FODSELSNUMMER),
    ("150385 12363", FODSELSNUMMER),
    ("D-nummer 45038512386", FODSELSNUMMER),
    ("45038512386", FODSELSNUMMER),
    ("fnr: 15038512364", FODSELSNUMMER),
    ("150385-12363", FODSELSNUMMER),
    ("150385 123 63", FODSELSNUMMER),
    ("fnr 150385-12364", FODSELSNUMMER),
    # account numbers
    ("IBAN SE45 5000 0000 0583 9825 7466", ACCOUNT),
    ("betal til SE4550000000058398257466", ACCOUNT),
    ("kontonummer NO93 8601 1117 947", ACCOUNT),
    ("kontonr 8601.11.17947", ACCOUNT),
    ("8601 11 17947", ACCOUNT),
    ("clearingnummer 8327-9, konto 123 456 789-0", ACCOUNT),
    ("iban se45 5000 0000 0583 9825 7466", ACCOUNT),
    ("betal til se4550000000058398257466", ACCOUNT),
    ("no9386011117947", ACCOUNT),
    ("iban se45 5000 0000 0583 9825 7467", ACCOUNT),
    # Swedish phones
    ("ring mig på 070-123 45 67", PHONE),
    ("0701234567", PHONE),
    ("073 123 45 67", PHONE),
    ("+46 70 123 45 67", PHONE),
    ("+46701234567", PHONE),
    ("0046 70 123 45 67", PHONE),
    ("+46 (0)8 123 456 78", PHONE),
    ("vxl 08-123 456 78", PHONE),
    ("08-12 34 56", PHONE),
    ("031-123 45 67", PHONE),
    ("0920-123 45", PHONE),
    ("063-14 60 00", PHONE),
    # Norwegian phones
    ("mobil 912 34 567", PHONE),
    ("91234567", PHONE),
    ("41 23 45 67", PHONE),
    ("4123 4567", PHONE),
    ("+47 912 34 567", PHONE),
    ("+4791234567", PHONE),
    ("0047 22 33 44 55", PHONE),
    ("sentralbord 22 33 44 55", PHONE),
    ("tlf 22334455", PHONE),
    ("ring meg på 72600000", PHONE),
    ("47 91 23 45 67", PHONE),
    ("47 912 34 567", PHONE),
    ("mitt nummer er 22334455", PHONE),
    ("nummeret mitt er 22334455", PHONE),
]

KEPT = [
    "Budgeten är 72 600 000 euro, varav 47 200 000 euro från Eruf.",
    "Budsjettet er EUR 72.6 M, av dette EUR 47.2 M ERUF.",
    "72600000",
    "EUR 47200000",
    "47 200 000 kr",
    "10 000 euro för en förstudie",
    "Programperioden 2021–2027 och 2021-2027",
    "Första utlysningen stängde 15 juni 2022, sedan 15. november 2022.",
    "Datum: 2022-06-15, 15.06.2022, 15/6/2022, 01-02-2024, 01.02.2024",
    "ring oss före 15.06.2022",
    "mobilitet over grensen 2021-2027",
    "kontoret har öppet 08.00-16.00",
    "Postnummer 831 86 Östersund, 0150 Oslo, 651 84 Karlstad",
    "Insatsområde 1A, 1B, 2A, 2B, 3A, 3B, 3C och 4A",
    "CCI 2021TC16RFCB015",
    "Organisationsnummer 556036-0793 och org.nr. 912 345 678",
    "org.nr 912345678",
    "Länsstyrelsen 202100-2379",
    "Vi har 12 partner och 350 deltagare, 65 % EU-medel och 50 % IR-midler",
    "Projektet varar 6–12 månader, 24 månader eller 36 månader",
    "Kl. 09:00–16:00",
    "1234567890",
    "01010750161",
    "150385-12364",
    "150385 123 64",
    "no93 8601 1117 948",
    "Budsjettet er 2 000 000 kroner, og vi søker 2 000 000 i støtte",
    "Budsjett 47 000 000 og 22 500 000",
    "Vi er 47 deltakere i 2024 og 2025",
    "Søknadene 2022 2023 2024 2025",
    "mitt nummer i køen er 12",
    "Postnummer 7010 Trondheim og 2212 Kongsvinger",
    "8112189877",
    "12345678901234567890",
    "version 3.6.21 och sida 12",
    '/ask_focus_area{"focus_area":"2A"}',
    "message id 3fa8507099805bc2d",
    "Interreg.sv-no.jamtland@lansstyrelsen",
]


@pytest.mark.parametrize(("text", "placeholder"), MASKED)
def test_personal_data_is_masked(text: str, placeholder: str) -> None:
    masked = mask_text(text)
    assert placeholder in masked, masked
    assert sum(c.isdigit() for c in masked) <= 2 or "clearing" in text, masked
    assert "@" not in masked


@pytest.mark.parametrize("text", KEPT)
def test_ordinary_text_and_numbers_survive(text: str) -> None:
    assert mask_text(text) == text


def test_words_around_the_number_are_kept() -> None:
    assert mask_text("Hej, jag heter Anna (anna@x.se, 070-123 45 67).") == (
        f"Hej, jag heter Anna ({EMAIL}, {PHONE})."
    )
    assert mask_text("Fødselsnr: 15038512363, ellers ring 912 34 567!") == (
        f"Fødselsnr: {FODSELSNUMMER}, ellers ring {PHONE}!"
    )


def test_words_after_a_lower_case_iban_are_kept() -> None:
    assert mask_text("betal til se4550000000058398257466 i morgon") == (
        f"betal til {ACCOUNT} i morgon"
    )
    assert mask_text("gb82 west 1234 5698 7654 32 takk") == f"{ACCOUNT} takk"


def test_masking_is_idempotent() -> None:
    once = mask_text("anna@x.se 811218-9876 +47 912 34 567 NO93 8601 1117 947")
    assert mask_text(once) == once


def test_public_addresses_can_be_kept() -> None:
    public = "Interreg.sv-no.jamtland@lansstyrelsen.se"
    text = f"Skriv till {public} eller till mig, per@example.com"
    assert (
        mask_text(text, keep=[public]) == f"Skriv till {public} eller till mig, {EMAIL}"
    )


@pytest.mark.parametrize(
    ("number", "valid"),
    [("811218-9876", True), ("19811218-9876", True), ("701063-2391", True),
     ("811218-9877", False), ("811318-9876", False), ("810230-1234", False), ("12345", False)],
)  # fmt: skip
def test_swedish_check(number: str, valid: bool) -> None:
    assert is_swedish_personal_number(number) is valid


@pytest.mark.parametrize(
    ("number", "valid"),
    [("01010750160", True), ("45038512386", True), ("29028830015", True),
     ("01010750161", False), ("32010750160", False), ("0101075016", False)],
)  # fmt: skip
def test_norwegian_check(number: str, valid: bool) -> None:
    assert is_norwegian_personal_number(number) is valid


def test_account_checks() -> None:
    assert is_iban("SE45 5000 0000 0583 9825 7466") and is_iban("NO9386011117947")
    assert not is_iban("SE45 5000 0000 0583 9825 7467")
    assert is_norwegian_account_number("8601.11.17947")
    assert not is_norwegian_account_number("8601.11.17948")


def test_rasa_events_are_masked_where_user_text_lives() -> None:
    user = {
        "event": "user",
        "timestamp": 1.0,
        "text": "jag heter Per, per@example.com",
        "parse_data": {
            "text": "jag heter Per, per@example.com",
            "intent": {"name": "ask_human", "confidence": 0.9},
            "entities": [
                {"entity": "place", "value": "070-123 45 67", "start": 0, "end": 5}
            ],
        },
        "message_id": "8507099805abc",
        "metadata": {"language": "sv"},
    }
    masked = mask_event(user)
    assert masked["text"] == f"jag heter Per, {EMAIL}"
    assert masked["parse_data"]["text"] == masked["text"]
    assert masked["parse_data"]["entities"][0]["value"] == PHONE
    assert masked["parse_data"]["intent"] == user["parse_data"]["intent"]
    assert masked["message_id"] == user["message_id"] and masked["timestamp"] == 1.0
    slot = {"event": "slot", "name": "project_description", "value": "ring 0701234567"}
    assert mask_event(slot)["value"] == f"ring {PHONE}"
    entities = {
        "event": "entities",
        "timestamp": 2.0,
        "entities": [{"entity": "project_description", "value": "mejla per@x.se"}],
    }
    assert mask_event(entities)["entities"][0]["value"] == f"mejla {EMAIL}"
    bot = {"event": "bot", "text": "ok", "metadata": {"echo": "ring 0701234567"}}
    assert mask_event(bot)["metadata"] == {"echo": f"ring {PHONE}"}
    action = {"event": "action", "name": "action_listen", "policy": "x@y.se"}
    assert mask_event(action) == action
    assert user["text"] == "jag heter Per, per@example.com", "the input is not changed"


def test_log_records_are_masked(caplog: pytest.LogCaptureFixture) -> None:
    install_log_masking()
    install_log_masking()
    log = logging.getLogger("tests.secretariat")
    with caplog.at_level(logging.DEBUG, logger="tests.secretariat"):
        log.debug("Received user message '%s'", "mejla anna@x.se eller 070-123 45 67")
        try:
            raise ValueError("bad input 811218-9876")
        except ValueError:
            log.exception("failed for %s", "ola@y.no")
    text = caplog.text
    assert "anna@x.se" not in text and "070-123" not in text and "ola@y.no" not in text
    assert "811218-9876" not in text and EMAIL in text and PHONE in text


@pytest.fixture
def rasa_json_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[io.StringIO]:
    """Rasa's own structlog set-up as on a server (FORCE_JSON_LOGGING=1), captured."""
    import structlog
    from rasa.utils import log_utils

    install_log_masking()
    monkeypatch.setattr(log_utils, "FORCE_JSON_LOGGING", "1")  # read at import
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    logger = logging.getLogger("tests.secretariat.json")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    log_utils.configure_structlog(logging.DEBUG)
    try:
        yield stream
    finally:
        structlog.reset_defaults()
        logger.removeHandler(handler)


def test_rasa_json_logs_are_masked(rasa_json_log: io.StringIO) -> None:
    """JSON escapes non-ASCII ("p\\u00e5"); keywords must still be found."""
    import structlog

    log = structlog.get_logger("tests.secretariat.json")
    log.debug("processor.message.parse", parse_data_text="ring meg på 72600000")
    log.debug("processor.message.parse", text="fødselsnummer: 15038512364 😀")
    log.debug("processor.message.parse", text="kontonummer 12345678903, å")
    lines = rasa_json_log.getvalue().splitlines()
    assert len(lines) == 3
    events = [json.loads(line) for line in lines]  # still valid JSON
    assert events[0]["parse_data_text"] == f"ring meg på {PHONE}"
    assert events[1]["text"] == f"fødselsnummer: {FODSELSNUMMER} 😀"
    assert events[2]["text"] == f"kontonummer {ACCOUNT}, å"


def test_json_escapes_are_read_back_only_where_safe() -> None:
    line = json.dumps({"text": 'på \\u00e5 "x" 😀\n'})
    readable = unescape_json_text(line)
    assert json.loads(readable) == json.loads(line)
    assert "på" in readable and "😀" in readable and "\\\\u00e5" in readable
    assert unescape_json_text("ingen escapes") == "ingen escapes"


def _strings(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def test_every_programme_text_in_the_knowledge_base_survives() -> None:
    """Amounts, dates, years, codes and postcodes the KB is full of are not personal."""
    changed = []
    for path in sorted(KB_DATA.glob("*.yml")):
        for text in _strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            masked = mask_text(text.replace(PUBLIC_EMAIL, ""))
            if masked != text.replace(PUBLIC_EMAIL, ""):
                changed.append((path.name, text[:80], masked[:80]))
    assert not changed
