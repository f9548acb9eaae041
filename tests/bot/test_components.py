"""Our NLU components on real Rasa Message objects."""

from __future__ import annotations

from typing import Any, Dict, Optional

import pytest
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    METADATA,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot.plugins.components import ReplyLanguageClassifier, ScandinavianTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> ScandinavianTokenizer:
    return ScandinavianTokenizer(ScandinavianTokenizer.get_default_config())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kommunerna samarbetar kring turisterna",
            {"kommunerna": "kommun", "turisterna": "turist"},
        ),
        (
            "Kommunene ønsker å samarbeide om bedriftene",
            {"kommunene": "kommune", "bedriftene": "bedrift"},
        ),
        ("vi er ei stiftelse", {"stiftelse": "stiftelse"}),
    ],
)
def test_tokens_carry_lemmas_in_the_message_language(
    tokenizer, text: str, expected: Dict[str, str]
) -> None:
    tokens = tokenizer.tokenize(Message(data={TEXT: text}), TEXT)
    lemmas = {t.text.lower(): t.lemma for t in tokens}
    for word, lemma in expected.items():
        assert lemmas[word] == lemma
    for token in tokens:
        assert text[token.start : token.end] == token.text


def test_token_offsets_survive_punctuation_and_repeats(tokenizer) -> None:
    text = "Hej! Får ett AB (Fjellmat AS) söka, ja söka?"
    tokens = tokenizer.tokenize(Message(data={TEXT: text}), TEXT)
    assert [t.text for t in tokens] == [
        "Hej",
        "Får",
        "ett",
        "AB",
        "Fjellmat",
        "AS",
        "söka",
        "ja",
        "söka",
    ]
    assert all(text[t.start : t.end] == t.text for t in tokens)


def _process(
    text: str, metadata: Optional[Dict[str, Any]] = None, intent: str = "greet"
) -> Message:
    message = Message(
        data={
            TEXT: text,
            METADATA: metadata,
            INTENT: {"name": intent, "confidence": 0.6},
        }
    )
    ReplyLanguageClassifier().process([message])
    return message


def _reply_language(message: Message) -> Optional[str]:
    values = [
        e["value"] for e in message.get(ENTITIES, []) if e["entity"] == "reply_language"
    ]
    return values[0] if values else None


@pytest.mark.parametrize(
    ("text", "metadata", "expected", "source"),
    [
        ("kan du svara på norska?", {"language": "sv"}, "nb", "request"),
        ("svar på svensk, takk", None, "sv", "request"),
        ("👍", {"language": "nb"}, "nb", "metadata"),
        ("hej", {"language": "nb"}, "sv", "detected"),
        ("hallo", {"language": "nb"}, "nb", "metadata"),
        # the clear language of the message beats the page's
        ("vem kan söka pengar från programmet", {"language": "nb"}, "sv", "detected"),
        ("3A", {"language": "nb"}, "nb", "metadata"),
        ("vem kan söka pengar från programmet", None, "sv", "detected"),
        ("hvem kan søke om midler fra programmet", None, "nb", "detected"),
        ("kven kan søkje om pengar frå programmet", None, "nb", "detected"),
        ("ok", None, None, "default"),
    ],
)
def test_reply_language_policy(text, metadata, expected, source) -> None:
    message = _process(text, metadata)
    assert _reply_language(message) == expected
    assert message.get("language")["source"] == source


def test_nynorsk_is_answered_in_bokmal() -> None:
    message = _process("kva for prosjekt kan få støtte frå programmet no")
    assert _reply_language(message) == "nb"
    assert message.get("language")["nynorsk"] is True


@pytest.mark.parametrize(
    "text",
    [
        "Hello, who can apply for funding from this programme?",
        "Wer kann sich für das Programm bewerben?",
    ],
)
def test_foreign_language_becomes_other_language(text: str) -> None:
    message = _process(text, intent="ask_who_can_apply")
    assert message.get(INTENT)["name"] == "other_language"
    assert _reply_language(message) is None


def test_explicit_request_in_english_is_honoured_not_rejected() -> None:
    message = _process("please answer in norwegian")
    assert _reply_language(message) == "nb"
    assert message.get(INTENT)["name"] == "greet"


def _ranked(text: str, ranking: list) -> Message:
    message = Message(
        data={TEXT: text, INTENT: ranking[0], INTENT_RANKING_KEY: list(ranking)}
    )
    ReplyLanguageClassifier().process([message])
    return message


@pytest.mark.parametrize(
    ("text", "courtesy", "expected"),
    [
        ("tack, och hur mycket kan vi få?", "thanks", "ask_budget"),
        ("takk! hvor mye kan vi få?", "thanks", "ask_budget"),
        ("tack för svaret. Måste vi ha en norsk partner", "thanks", "ask_partner"),
        ("takk for hjelpa, kva er fristen?", "goodbye", "ask_calls"),
        ("hej då, förresten hur söker vi?", "goodbye", "ask_who_can_apply"),
        ("ha det, men når er neste utlysning?", "goodbye", "ask_calls"),
    ],
)
def test_thanks_or_goodbye_that_asks_is_a_question(
    text: str, courtesy: str, expected: str
) -> None:
    """ "tack, och …?" after an answer asks more: the next question intent, not
    goodbye (which ends the conversation with a farewell)."""
    ranking = [
        {"name": courtesy, "confidence": 0.7},
        {"name": "greet", "confidence": 0.1},
        {"name": expected, "confidence": 0.1},
    ]
    message = _ranked(text, ranking)
    assert message.get(INTENT)["name"] == expected
    assert message.get(INTENT_RANKING_KEY)[0]["name"] == expected
    # without a question intent in the ranking: the FAQ answers from the text
    message = _ranked(text, ranking[:2])
    assert message.get(INTENT)["name"] == "ask_faq"


@pytest.mark.parametrize(
    ("text", "courtesy"),
    [
        ("tack så mycket!", "thanks"),
        ("tusen takk for hjelpa", "thanks"),
        ("takk for svaret?", "thanks"),
        ("tack så mycket, hej då?", "goodbye"),
        ("ha det bra", "goodbye"),
        ("tack, vad bra!", "thanks"),
    ],
)
def test_plain_thanks_and_goodbye_stay(text: str, courtesy: str) -> None:
    ranking = [
        {"name": courtesy, "confidence": 0.9},
        {"name": "ask_budget", "confidence": 0.05},
    ]
    assert _ranked(text, ranking).get(INTENT)["name"] == courtesy


@pytest.mark.parametrize(
    "text",
    [
        "hejsan! kan du hjälpa mig?",
        "hei, er det noen der?",
        "hej, jag har en fråga",
        "hei! kan jeg spørre om noe?",
        "god morgon, hur mår du?",
        "hallo, jeg lurer på noe",
    ],
)
def test_a_greeting_that_asks_stays_a_greeting(text: str) -> None:
    """The model is trained on greetings with a question mark; they are greetings."""
    ranking = [
        {"name": "greet", "confidence": 0.8},
        {"name": "ask_faq", "confidence": 0.1},
    ]
    assert _ranked(text, ranking).get(INTENT)["name"] == "greet"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("kan man söka från Leader samtidigt?", "ask_faq"),
        ("vad är nytt i programmet?", "ask_faq"),
        ("hvordan starter vi prosjektet?", "ask_project_types"),
    ],
)
def test_new_conversation_unasked_wipes_nothing(text: str, expected: str) -> None:
    """Read as "new conversation" without asking to start over: what the user told
    is kept, and the question is answered (the next-ranked question intent)."""
    ranking = [{"name": "new_conversation", "confidence": 0.6}]
    if expected != "ask_faq":
        ranking.append({"name": expected, "confidence": 0.2})
    assert _ranked(text, ranking).get(INTENT)["name"] == expected


@pytest.mark.parametrize(
    "text",
    [
        "nytt samtal",
        "Ny samtale",
        "börja om tack",
        "kan vi ta det fra starten?",
        "glöm allt jag sagt",
        "nullstill samtalen",
        "jeg representerer en annen organisasjon nå, begynn på nytt",
        "/new_conversation",
    ],
)
def test_asked_new_conversation_stays(text: str) -> None:
    ranking = [
        {"name": "new_conversation", "confidence": 0.9},
        {"name": "ask_faq", "confidence": 0.05},
    ]
    assert _ranked(text, ranking).get(INTENT)["name"] == "new_conversation"
