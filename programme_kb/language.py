"""Which language a message is in, and whether the user asked for one.

The reply-language policy (explicit request > page language > clear detection >
conversation so far) lives in ``decide_reply_language``; the Rasa component in
``bot/`` only feeds it. Nynorsk is answered in Bokmål; Danish counts towards Bokmål
because the two are written alike and a Dane is better served in Norwegian than Swedish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Dict, Literal, Optional

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from programme_kb.text import clean, fold, words

ReplyLang = Literal["sv", "nb"]
Source = Literal["request", "metadata", "detected", "conversation", "default"]

CLEAR_CONFIDENCE = 0.75
"""Share of the detector's probability mass one language needs to count as clear."""

_SCANDINAVIAN = {
    Language.SWEDISH: "sv",
    Language.BOKMAL: "nb",
    Language.NYNORSK: "nb",
    Language.DANISH: "nb",
}
_FOREIGN = {
    Language.ENGLISH: "en",
    Language.GERMAN: "de",
    Language.FINNISH: "fi",
    Language.FRENCH: "fr",
    Language.SPANISH: "es",
}

_NAMES = r"(norska|norsk|bokmal|nynorsk|norwegian|svenska|svensk|swedish)"
_REQUEST = re.compile(
    r"\b(?:svara|svar|svare|skriv|skriva|prata|snakk|snakke|tala|byt|byta|bytt|bytte|"
    r"vaxla|endre|andra|change|switch|answer|reply|speak)\b[\w\s]{0,25}?\b" + _NAMES + r"\b"
    r"|^\s*(?:pa|in|til|till)?\s*" + _NAMES + r"\s*(?:takk|tack|please)?[.!]*\s*$"
)
_TO_CODE: Dict[str, ReplyLang] = {
    "norska": "nb", "norsk": "nb", "bokmal": "nb", "nynorsk": "nb", "norwegian": "nb",
    "svenska": "sv", "svensk": "sv", "swedish": "sv",
}  # fmt: skip


@dataclass(frozen=True)
class Detection:
    """What the text alone says about its language."""

    language: Optional[ReplyLang]
    """sv or nb when the evidence is clear, else None."""
    confidence: float
    nynorsk: bool
    foreign: Optional[str]
    """ISO code of a clearly non-Scandinavian language (en, de, ...), else None."""


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    languages = [*_SCANDINAVIAN, *_FOREIGN]
    return LanguageDetectorBuilder.from_languages(*languages).with_preloaded_language_models().build()


def requested_language(text: str) -> Optional[ReplyLang]:
    """The language the user explicitly asks for ("svara på norska"), if any."""
    match = _REQUEST.search(fold(clean(text)))
    return _TO_CODE[match.group(1) or match.group(2)] if match else None


def detect(text: str) -> Detection:
    """Detect the message language; short or mixed text is reported as unclear."""
    cleaned = clean(text)
    tokens = [w for w in words(cleaned) if not w.isdigit()]
    if not tokens:
        return Detection(None, 0.0, False, None)
    values = _detector().compute_language_confidence_values(cleaned)
    scores: Dict[str, float] = {}
    nynorsk = 0.0
    for value in values:
        code = _SCANDINAVIAN.get(value.language) or _FOREIGN.get(value.language, "other")
        scores[code] = scores.get(code, 0.0) + value.value
        if value.language is Language.NYNORSK:
            nynorsk = value.value
    best = max(scores, key=lambda k: scores[k])
    confidence = scores[best]
    needed = CLEAR_CONFIDENCE if len(tokens) >= 3 else 0.9
    if confidence < needed:
        return Detection(None, confidence, False, None)
    if best in ("sv", "nb"):
        return Detection(best, confidence, best == "nb" and nynorsk > 0.5, None)  # type: ignore[arg-type]
    foreign = best if len(tokens) >= 3 else None
    return Detection(None, confidence, False, foreign)


@dataclass(frozen=True)
class ReplyLanguage:
    language: ReplyLang
    source: Source
    detection: Detection


def decide_reply_language(
    text: str, page_language: Optional[str], conversation_language: Optional[str]
) -> ReplyLanguage:
    """Apply the policy: request > page metadata > clear detection > so far > sv.

    The widget keeps its page language in step with the conversation (it adopts the
    language of the bot's replies), so an explicit request made earlier stays in force.
    """
    detection = detect(text)
    requested = requested_language(text)
    if requested:
        return ReplyLanguage(requested, "request", detection)
    page = normalise_code(page_language)
    if page:
        return ReplyLanguage(page, "metadata", detection)
    if detection.language:
        return ReplyLanguage(detection.language, "detected", detection)
    so_far = normalise_code(conversation_language)
    if so_far:
        return ReplyLanguage(so_far, "conversation", detection)
    return ReplyLanguage("sv", "default", detection)


def normalise_code(code: Optional[str]) -> Optional[ReplyLang]:
    if not code:
        return None
    code = code.lower()[:2]
    if code in ("nb", "nn", "no"):
        return "nb"
    if code == "sv":
        return "sv"
    return None
