"""Mask personal data in what applicants type, before it is stored or logged.

Pure Python with no Rasa imports, so the tracker store, the log filter, the
actions (unanswered-question log) and the secretariat's tools share one
definition of "personal data":

- e-mail addresses;
- Swedish personnummer/samordningsnummer (Luhn check) and Norwegian
  fødselsnummer/D-nummer (both mod-11 control digits);
- IBANs (mod-97 check) and Norwegian account numbers (mod-11 check);
- Swedish and Norwegian phone numbers in the ways people write them;
- any number right after a word that says what it is ("personnummer:",
  "kontonr", "tlf", "ring meg på"), even when its check digit is wrong.

Identity and account numbers are validated so that ordinary numbers survive:
amounts (72 600 000), years, dates, postcodes and organisation numbers are
not personal data and must stay readable in the secretariat's report.

Anyone on the public web page can send anything, so every pattern runs in time
linear in the text (no unbounded quantifier that can backtrack over the same
characters from many start positions; the e-mail search is anchored on each
``@``). Text is folded first (NFKC, one character for one), so digits written
full-width or separated by no-break or thin spaces are found too.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import unicodedata
from typing import Any, Callable, Collection, Dict, Iterator, List, Optional, Tuple

EMAIL = "[e-post]"
PHONE = "[telefon]"
PERSONNUMMER = "[personnummer]"
FODSELSNUMMER = "[fødselsnummer]"
ACCOUNT = "[kontonummer]"

_B = r"(?:(?<![\w+@])|(?<=\\[nrt]))"
"""Left edge: a number glued to letters or digits is part of something else
(a newline escaped in a JSON log line, ``\\n``, still counts as a separator)."""
_E = r"(?![\w@])"

_EMAIL_DOMAIN_RE = re.compile(r"[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}")
"""What follows the ``@`` of an e-mail address (tried only right after an ``@``)."""
_EMAIL_LOCAL_PUNCTUATION = frozenset("_.%+-")
_IBAN_RE = re.compile(_B + r"[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]){11,30}" + _E, re.IGNORECASE)
_SE_ID_RE = re.compile(_B + r"(?:(?:19|20)\d{6}|\d{6})[ \-+]?\d{4}" + _E)
_NO_ID_RE = re.compile(_B + r"\d{6}[ \-]?\d{3} ?\d{2}" + _E)
_NO_ACCOUNT_RE = re.compile(_B + r"\d{4}([ .]?)\d{2}\1\d{5}" + _E)
_SE_PHONE_RE = re.compile(
    _B
    + r"(?:(?:\+|00)46[ \-]{0,3}(?:\(0\)[ \-]{0,3})?[1-9](?:[ \-]?\d){6,9}"
    + r"|(?:08|0[1-9]\d{1,2})(?:[ \-]|[ ]?-[ ]?)?\d{2,3}(?:[ ]?\d{2,3}){1,3})"
    + _E
)
_NO_PHONE_RE = re.compile(
    _B
    + r"(?:(?:\+|00)47[ \-]{0,3}\d(?:[ \-]?\d){7}"
    + r"|47 (?:[2-9]\d{7}|[49]\d{2} \d{2} \d{3}|[2-9]\d(?: \d{2}){3})"
    + r"|[49]\d{7}"
    + r"|[49]\d{2} \d{2} \d{3}"
    + r"|[49]\d{3} \d{4}"
    + r"|[2-9]\d(?: \d{2}){3})"
    + _E
)
_CURRENCY_RE = re.compile(
    r"(?:\b(?:kr|kronor|kroner|sek|nok|eur|euro|msek|mnok)\b|€|\$)\s*$",
    re.IGNORECASE,
)
_CURRENCY_AFTER_RE = re.compile(
    r"^\s*(?:kr\b|kronor|kroner|sek\b|nok\b|eur\b|euro|€|miljon|million|mill\b)",
    re.IGNORECASE,
)

_NUMBER_AFTER = r"[^\d\n]{0,25}?(\+?\d[\d \-.()]{4,22}\d)"
"""After a keyword: a few words ("är", "er", "meg på"), then a number of 6+ digits."""
_ACCOUNT_AFTER = r"[^\d\n]{0,25}?((?:[A-Za-z]{2})?\d[\d \-.()]{4,40}\d)"
"""An account number may be an IBAN (country letters, up to 34 characters, grouped)."""
_KEYWORDS: List[Tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            r"(?<!\[)\b(?:person(?:nummer|numret|nummeret|nr)|p-?nr|samordningsnummer\w*)"
            + _NUMBER_AFTER,
            re.IGNORECASE,
        ),
        PERSONNUMMER,
    ),
    (
        re.compile(
            r"(?<!\[)\b(?:f[øo]dsels(?:nummer|nr)\w*|fnr|d-nummer\w*)" + _NUMBER_AFTER,
            re.IGNORECASE,
        ),
        FODSELSNUMMER,
    ),
    (
        re.compile(
            r"(?<!\[)\b(?:(?:bank)?konto(?:nummer|numret|nummeret|nr)?|iban|clearing(?:nummer|nr)?)\b"
            + _ACCOUNT_AFTER,
            re.IGNORECASE,
        ),
        ACCOUNT,
    ),
    (
        re.compile(
            r"(?<!\[)\b(?:tel|tlf|telefon(?:nummer|numret|nummeret|nr)?|mobil(?:nummer|nr|en)?"
            r"|mob|ring(?:a|e|er)?|(?:mitt|min)\s+(?:nummer|nr)|nummer(?:et)?\s+mitt)\b"
            + _NUMBER_AFTER,
            re.IGNORECASE,
        ),
        PHONE,
    ),
]
_DATE_OR_YEARS_RE = re.compile(
    r"\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}[./-]\d{1,2}[./-]\d{1,2}|\d{4} ?[-–] ?\d{4}"
)
"""A date or a span of years after "ring" or "konto" is still a date."""


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, char in enumerate(reversed(digits)):
        value = int(char) * (2 if i % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _date_ok(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def _two_digit_year_ok(yy: int, month: int, day: int) -> bool:
    """True when the date exists in some century (29 February needs a leap year)."""
    return any(_date_ok(century + yy, month, day) for century in (1900, 2000))


def is_swedish_personal_number(text: str) -> bool:
    """Personnummer or samordningsnummer (day + 60), 10 or 12 digits, Luhn-checked."""
    digits = re.sub(r"\D", "", text)
    if len(digits) == 12:
        year = int(digits[:4])
        if not 1880 <= year <= 2099:
            return False
        digits = digits[2:]
        full_year: Optional[int] = year
    elif len(digits) == 10:
        full_year = None
    else:
        return False
    month, day = int(digits[2:4]), int(digits[4:6])
    if day > 60:
        day -= 60
    if full_year is not None:
        date_ok = _date_ok(full_year, month, day)
    else:
        date_ok = _two_digit_year_ok(int(digits[:2]), month, day)
    return date_ok and _luhn_ok(digits)


_FNR_W1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_FNR_W2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _mod11_digit(digits: str, weights: tuple[int, ...]) -> Optional[int]:
    remainder = sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    control = (11 - remainder) % 11
    return None if control == 10 else control


def is_norwegian_personal_number(text: str) -> bool:
    """Fødselsnummer or D-nummer (day + 40), 11 digits, both mod-11 control digits."""
    digits = re.sub(r"\D", "", text)
    if len(digits) != 11:
        return False
    day, month = int(digits[:2]), int(digits[2:4])
    if day > 40:
        day -= 40
    if not _two_digit_year_ok(int(digits[4:6]), month, day):
        return False
    k1 = _mod11_digit(digits[:9], _FNR_W1)
    k2 = _mod11_digit(digits[:10], _FNR_W2)
    return k1 == int(digits[9]) and k2 == int(digits[10])


def is_norwegian_account_number(text: str) -> bool:
    """Norwegian bank account number (11 digits, mod-11 control digit)."""
    digits = re.sub(r"\D", "", text)
    if len(digits) != 11:
        return False
    control = _mod11_digit(digits[:10], (5, 4, 3, 2, 7, 6, 5, 4, 3, 2))
    return control == int(digits[10])


def is_iban(text: str) -> bool:
    """An IBAN whose mod-97 check holds (any country)."""
    compact = re.sub(r"\s", "", text).upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    moved = compact[4:] + compact[:4]
    return int("".join(str(int(c, 36)) for c in moved)) % 97 == 1


def _looks_like_amount(text: str, start: int, end: int) -> bool:
    """A number with a currency word right before or after it is money, not a phone."""
    return bool(_CURRENCY_RE.search(text[max(0, start - 12) : start])) or bool(
        _CURRENCY_AFTER_RE.match(text[end : end + 12])
    )


Replacer = Callable[[re.Match[str]], str]


def _when(check: Callable[[str], bool], placeholder: str) -> Replacer:
    def replace(match: re.Match[str]) -> str:
        return placeholder if check(match.group(0)) else match.group(0)

    return replace


def _iban(match: re.Match[str]) -> str:
    """The longest valid IBAN at the start of the match; words after it stay.

    Lower-case letters are allowed, so the pattern may run on into the next words
    ("se45 … 7466 i morgon"); the IBAN ends at one of the spaces.
    """
    found = match.group(0)
    ends = [len(found)] + [i for i in range(len(found) - 1, 0, -1) if found[i] == " "]
    for end in ends:
        if is_iban(found[:end]):
            return ACCOUNT + found[end:]
    return found


def _phone(text: str) -> Replacer:
    def replace(match: re.Match[str]) -> str:
        digits = re.sub(r"\D", "", match.group(0))
        international = match.group(0).startswith(("+", "00"))
        longest = 13 if international else 10
        if not 8 <= len(digits) <= longest or _looks_like_amount(text, *match.span()):
            return match.group(0)
        return PHONE

    return replace


def _keyword(placeholder: str) -> Replacer:
    def replace(match: re.Match[str]) -> str:
        number = match.group(1)
        if sum(c.isdigit() for c in number) < 6 or _DATE_OR_YEARS_RE.fullmatch(number):
            return match.group(0)
        start, end = match.span(1)
        offset = match.start(0)
        whole = match.group(0)
        return whole[: start - offset] + placeholder + whole[end - offset :]

    return replace


def _email_local(char: str) -> bool:
    """A character of an e-mail address's local part (``[\\w.%+\\-]``)."""
    return char.isalnum() or char in _EMAIL_LOCAL_PUNCTUATION


def _email_spans(text: str) -> Iterator[Tuple[int, int]]:
    """Where the e-mail addresses are, as ``[\\w.%+\\-]+@domain`` finds them, in linear time.

    A regular expression starting with ``[\\w.%+\\-]+`` is tried at every character
    of a long run of letters and rescans the run each time (60 kB took minutes).
    Here each ``@`` is looked at once: its local part runs back to the previous
    address or to a character that cannot be in one, and the domain pattern is
    matched only right after it. No character is scanned by more than one ``@``
    on each side, because ``@`` belongs to neither part.
    """
    done = 0
    at = text.find("@")
    while at != -1:
        start = at
        while start > done and _email_local(text[start - 1]):
            start -= 1
        domain = _EMAIL_DOMAIN_RE.match(text, at + 1) if start < at else None
        if domain:
            yield start, domain.end()
            done = domain.end()
        at = text.find("@", max(at + 1, done))


def _mask_emails(text: str) -> str:
    parts: List[str] = []
    done = 0
    for start, end in _email_spans(text):
        parts += [text[done:start], EMAIL]
        done = end
    return "".join(parts) + text[done:] if parts else text


_INVISIBLE = "\u00ad\u200b\u2060\ufeff"
"""Soft hyphen, zero-width space, word joiner, BOM: typed inside a number, they would hide it."""


class _FoldTable(Dict[int, Optional[str]]):
    """``str.translate`` table, filled on first sight of each character.

    A character whose NFKC form is one ASCII character (no-break and thin spaces,
    full-width digits, letters and ``＠``, mathematical digits) becomes that
    character; a decimal digit of another script becomes 0-9; invisible
    characters go. Everything else stays as typed, so the fold never lengthens a
    text (NFKC of the whole text would: "ﬃ" is three letters).
    """

    def __missing__(self, code: int) -> Optional[str]:
        char = chr(code)
        folded: Optional[str] = char
        if char in _INVISIBLE:
            folded = None
        else:
            nfkc = unicodedata.normalize("NFKC", char)
            if len(nfkc) == 1 and nfkc.isascii():
                folded = nfkc
            elif (digit := unicodedata.decimal(char, None)) is not None:
                folded = str(digit)
        if len(self) < 65536:  # a flood of distinct characters cannot grow it for ever
            self[code] = folded
        return folded


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """The text with compatibility characters folded for matching (see ``_FoldTable``)."""
    return text if text.isascii() else text.translate(_FOLD)


def mask_text(text: str, keep: Collection[str] = ()) -> str:
    """The text with personal data replaced by placeholders such as ``[e-post]``.

    ``keep`` lists public strings (the secretariat's own address) left as they are.
    The text is matched in its folded form (``fold``); a text with nothing to mask
    comes back exactly as it was, one with something masked comes back folded.
    """
    if not text:
        return text
    original = text
    text = fold(text)
    if not any(c.isdigit() or c == "@" for c in text):
        return original
    kept: Dict[str, str] = {}
    for i, public in enumerate(fold(k) for k in keep if k):
        token = f"\ue000{chr(0xE001 + i)}\ue000"
        if public in text:
            kept[token] = public
            text = text.replace(public, token)
    unmasked = text
    text = _mask_emails(text)
    text = _IBAN_RE.sub(_iban, text)
    text = _SE_ID_RE.sub(_when(is_swedish_personal_number, PERSONNUMMER), text)
    text = _NO_ID_RE.sub(_when(is_norwegian_personal_number, FODSELSNUMMER), text)
    text = _NO_ACCOUNT_RE.sub(_when(is_norwegian_account_number, ACCOUNT), text)
    for pattern, placeholder in _KEYWORDS:
        text = pattern.sub(_keyword(placeholder), text)
    text = _SE_PHONE_RE.sub(_phone(text), text)
    text = _NO_PHONE_RE.sub(_phone(text), text)
    if text == unmasked:
        return original
    for token, public in kept.items():
        text = text.replace(token, public)
    return text


def find_contacts(text: str) -> List[str]:
    """E-mail addresses and phone numbers in a text, as written (to keep public ones)."""
    found = [text[start:end] for start, end in _email_spans(text)]
    for pattern in (_SE_PHONE_RE, _NO_PHONE_RE):
        found += [
            m.group(0) for m in pattern.finditer(text) if _phone(text)(m) == PHONE
        ]
    return found


def mask_value(value: Any, keep: Collection[str] = ()) -> Any:
    """Mask every string inside nested dicts and lists (entities, slot values, metadata)."""
    if isinstance(value, str):
        return mask_text(value, keep)
    if isinstance(value, list):
        return [mask_value(item, keep) for item in value]
    if isinstance(value, dict):
        return {key: mask_value(item, keep) for key, item in value.items()}
    return value


_MASKED_KEYS = {
    "user": ("text", "parse_data", "metadata"),
    "bot": ("text", "data", "metadata"),
    "slot": ("value",),
    "entities": ("entities",),
}
"""Which parts of a serialised Rasa event can hold what the user typed (or an echo of it)."""


def mask_event(event: Dict[str, Any], keep: Collection[str] = ()) -> Dict[str, Any]:
    """A copy of a serialised tracker event with personal data masked."""
    keys = _MASKED_KEYS.get(str(event.get("event")), ())
    return {
        key: mask_value(value, keep) if key in keys else value
        for key, value in event.items()
    }


_JSON_PAIR_RE = re.compile(
    r"(?<!\\)((?:\\\\)*)\\u(d[89ab][0-9a-f]{2})\\u(d[c-f][0-9a-f]{2})", re.IGNORECASE
)
_JSON_ESCAPE_RE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9a-fA-F]{4})")


def _pair(match: re.Match[str]) -> str:
    high, low = int(match.group(2), 16), int(match.group(3), 16)
    return match.group(1) + chr(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))


def _single(match: re.Match[str]) -> str:
    code = int(match.group(2), 16)
    if code < 0x80 or 0xD800 <= code <= 0xDFFF:
        return match.group(0)
    return match.group(1) + chr(code)


def unescape_json_text(text: str) -> str:
    """``\\u00e5`` back to ``å`` in a JSON log line, so keywords ("på",
    "fødselsnummer") are seen; ASCII escapes stay, so the line stays valid JSON."""
    if "\\u" not in text:
        return text
    return _JSON_ESCAPE_RE.sub(_single, _JSON_PAIR_RE.sub(_pair, text))


class _MaskingRecordFactory:
    """Log records are masked when created, whichever handler later prints them.

    Rasa's structlog renders JSON with every non-ASCII letter escaped when its
    output is not a terminal (services, containers, our stack's log file); the
    message is masked in readable form and, if anything was masked, printed so.
    """

    def __init__(self, wrapped: Callable[..., logging.LogRecord]) -> None:
        self.wrapped = wrapped

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record = self.wrapped(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a broken format string is not ours to fix
            return record
        readable = unescape_json_text(message)
        masked = mask_text(readable)
        if masked != readable:
            record.msg, record.args = masked, None
        if record.exc_info and not record.exc_text:
            record.exc_text = mask_text(
                logging.Formatter().formatException(record.exc_info)
            )
        return record


def install_log_masking() -> None:
    """Mask personal data in every log record of this process (idempotent)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, _MaskingRecordFactory):
        logging.setLogRecordFactory(_MaskingRecordFactory(factory))
