"""The assistant's own NLU components: Scandinavian tokens with lemmas, reply language.

Both delegate to ``programme_kb`` (spaCy tokenisation and lookup lemmas, lingua
detection and the reply-language policy), so the bot and the knowledge base read
text the same way.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, FrozenSet, List, Optional

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.constants import (
    ENTITIES,
    INTENT,
    INTENT_RANKING_KEY,
    METADATA,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from programme_kb.compose.message import asks_to_restart, holds_question
from programme_kb.language import (
    Detection,
    ReplyLanguage,
    decide_reply_language,
    detect,
)
from programme_kb.text import analyzer

REPLY_LANGUAGE_ENTITY = "reply_language"
OTHER_LANGUAGE_INTENT = "other_language"
COURTESY_INTENTS = frozenset({"goodbye", "thanks"})
"""Intents a message that also asks something must not end with ("tack, och …?").
Not greet: "hej, kan du hjälpa mig?" is a greeting the model is trained on, and
held-out greetings with a question about the chat itself stay greetings (a trial on
2026-12-06 that made "Hej! Hur söker man?" a question cost the held-out greet F1)."""
NOT_A_QUESTION = COURTESY_INTENTS | {"greet", OTHER_LANGUAGE_INTENT, "nlu_fallback"}
QUESTION_FALLBACK_INTENT = "ask_faq"
RESTART_INTENT = "new_conversation"
LANGUAGE_PROPERTY = "language"
"""Parse-data key with the language decision, kept with the conversation for reports."""


@lru_cache(maxsize=4096)
def _detect(text: str) -> Detection:
    return detect(text)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class ScandinavianTokenizer(Tokenizer):
    """spaCy tokens with Swedish or Bokmål lookup lemmas, chosen per message.

    The lemma language follows the detected language of the message; when that is
    unclear the Swedish table is tried first, then the Bokmål one.
    """

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScandinavianTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> List[Token]:
        text = message.get(attribute) or ""
        if attribute != TEXT:
            return self._convert_words_to_tokens(text.split(), text)
        lang = _detect(text).language or "sv"
        tokens: List[Token] = []
        for word in analyzer().tokens(text, lang):
            start = text.find(word.text, tokens[-1].end if tokens else 0)
            lemma = _lemma(word.text, lang)
            tokens.append(Token(word.text, max(start, 0), lemma=lemma))
        return self._apply_token_pattern(tokens)


def _lemma(word: str, lang: str) -> str:
    """Lower-case lemma (with diacritics, unlike the KB's folded form)."""
    store = analyzer()
    lower = word.lower()
    other = "nb" if lang == "sv" else "sv"
    return store.raw_lemma(lang, lower) or store.raw_lemma(other, lower) or lower


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False
)
class ReplyLanguageClassifier(GraphComponent):
    """Decide the reply language and catch messages in a language we do not speak.

    Runs last. Adds a ``reply_language`` entity whose role says why (``request``,
    ``metadata`` or ``detected``) when the message settles the language;
    ``action_decide_language`` combines it with the conversation (a request stays in
    force). With none of these the slot keeps the conversation's language. A clearly English or German message becomes the
    ``other_language`` intent, answered with which languages the assistant speaks.
    """

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ReplyLanguageClassifier:
        return cls()

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        metadata = message.get(METADATA) or {}
        page = metadata.get("language") if isinstance(metadata, dict) else None
        decision = decide_reply_language(text, page, None)
        message.set(LANGUAGE_PROPERTY, _describe(decision), add_to_output=True)
        if decision.source in ("request", "metadata", "detected"):
            entity = {
                "entity": REPLY_LANGUAGE_ENTITY,
                "role": decision.source,
                "value": decision.language,
                "start": 0,
                "end": len(text),
                "extractor": type(self).__name__,
            }
            message.set(
                ENTITIES, [*message.get(ENTITIES, []), entity], add_to_output=True
            )
        _question_after_thanks(message, text)
        _no_restart_unasked(message, text)
        foreign = decision.detection.foreign
        if foreign and decision.source != "request":
            intent = {"name": OTHER_LANGUAGE_INTENT, "confidence": 1.0}
            ranking = [
                intent,
                *[
                    r
                    for r in message.get(INTENT_RANKING_KEY, [])
                    if r["name"] != OTHER_LANGUAGE_INTENT
                ],
            ]
            message.set(INTENT, intent, add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking, add_to_output=True)


def _question_after_thanks(message: Message, text: str) -> None:
    """Thanks or goodbye that also asks ("tack, och hur mycket kan vi få?",
    "takk! må vi ha en svensk partner?") is a question: the best-ranked question
    intent (else ``ask_faq``, which answers from the text) instead of a farewell."""
    intent = message.get(INTENT) or {}
    if intent.get("name") not in COURTESY_INTENTS or not holds_question(text):
        return
    _to_the_question(message, NOT_A_QUESTION)


def _no_restart_unasked(message: Message, text: str) -> None:
    """A message read as "new conversation" that asks no such thing ("kan man söka
    från Leader samtidigt?") would wipe what the user told: the next-ranked intent
    (else ``ask_faq``) answers it instead."""
    intent = message.get(INTENT) or {}
    if (
        intent.get("name") != RESTART_INTENT
        or text.startswith("/")  # a button's payload
        or asks_to_restart(text)
    ):
        return
    _to_the_question(message, NOT_A_QUESTION | {RESTART_INTENT})


def _to_the_question(message: Message, not_asked: FrozenSet[str]) -> None:
    """Make the best-ranked intent outside ``not_asked`` the message's intent (else
    ``ask_faq``, which answers from the text), first in the ranking."""
    intent = message.get(INTENT) or {}
    ranking = message.get(INTENT_RANKING_KEY) or []
    asked = next(
        (r for r in ranking if r.get("name") not in not_asked),
        {"name": QUESTION_FALLBACK_INTENT, "confidence": intent.get("confidence")},
    )
    chosen = {"name": asked["name"], "confidence": asked.get("confidence")}
    rest = [r for r in ranking if r.get("name") != chosen["name"]]
    message.set(INTENT, chosen, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [chosen, *rest], add_to_output=True)


def _describe(decision: ReplyLanguage) -> Dict[str, Optional[object]]:
    return {
        "reply": decision.language,
        "source": decision.source,
        "detected": decision.detection.language,
        "confidence": round(decision.detection.confidence, 3),
        "nynorsk": decision.detection.nynorsk,
        "foreign": decision.detection.foreign,
    }
