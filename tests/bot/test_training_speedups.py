"""DIET trained without the persistent tape: cheaper to train, the same model."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, Iterator, List, Tuple

import numpy as np
import pytest
import tensorflow as tf
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers.diet_classifier import DIETClassifier
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import (
    CountVectorsFeaturizer,
)
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
from rasa.shared.nlu.training_data.message import Message
from rasa.utils.tensorflow.layers import CRF
from rasa.utils.tensorflow.models import RasaModel

from bot.rasa_patches import training as training_speedups

ROOT = Path(__file__).resolve().parents[2]
NLU = """
version: "3.1"
nlu:
- intent: inform_organisation
  examples: |
    - vi är en [kommun](organisation_type)
    - jag jobbar på ett [universitet](organisation_type)
    - vi er en [kommune](organisation_type)
    - jeg er fra en [fylkeskommune](organisation_type)
    - vi representerar en [region](organisation_type)
    - vi är ett [företag](organisation_type)
    - vi er en [frivillig organisasjon](organisation_type)
    - ett [universitet](organisation_type) i [Umeå](place)
- intent: ask_programme_area
  examples: |
    - ingår [Jämtland](place) i programmet
    - er [Trøndelag](place) med i programområdet
    - hör [Umeå](place) till programområdet
    - är [Värmland](place) med
    - gjelder programmet for [Bodø](place)
    - kan vi söka från [Östersund](place)
    - er [Nordland](place) med
    - vilka län ingår
"""
QUESTIONS = ["vi är en kommun i Umeå", "er Bodø med", "universitet", "vilka län"]


@pytest.fixture
def rasas_training() -> Iterator[None]:
    """Rasa's own CRF call and train step for the test, whatever was installed."""
    installed = CRF.call, RasaModel.train_step
    CRF.call = training_speedups._RASAS_CRF_CALL  # type: ignore[method-assign]
    RasaModel.train_step = training_speedups._RASAS_TRAIN_STEP  # type: ignore[method-assign]
    yield
    CRF.call, RasaModel.train_step = installed  # type: ignore[method-assign]


def _our_diet_config() -> Dict[str, Any]:
    config = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    (diet,) = [c for c in config["pipeline"] if c["name"] == "DIETClassifier"]
    return {k: v for k, v in diet.items() if k != "name"}


def _train_and_predict(root: Path) -> Tuple[List[Dict[str, Any]], List[np.ndarray]]:
    """Train tokenizer, n-gram features and our DIET (3 epochs); predict QUESTIONS."""
    root.mkdir()
    storage = LocalModelStorage(root)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizer = CountVectorsFeaturizer.create(
        CountVectorsFeaturizer.get_default_config(),
        storage,
        Resource("features"),
        context,
    )
    diet = DIETClassifier.create(
        {**DIETClassifier.get_default_config(), **_our_diet_config(), "epochs": 3},
        storage,
        Resource("diet"),
        context,
    )
    data = RasaYAMLReader().reads(NLU)
    tokenizer.process_training_data(data)
    featurizer.train(data)
    featurizer.process_training_data(data)
    diet.train(data)

    messages = [Message.build(text) for text in QUESTIONS]
    tokenizer.process(messages)
    featurizer.process(messages)
    diet.process(messages)
    predictions = [
        {
            "intents": [(r["name"], r["confidence"]) for r in m.get("intent_ranking")],
            "entities": [
                (e["entity"], e["value"], e["confidence_entity"])
                for e in m.get("entities", [])
            ],
        }
        for m in messages
    ]
    assert diet.model is not None
    return predictions, diet.model.get_weights()


@pytest.mark.rasa
def test_the_model_learnt_is_exactly_rasas(
    tmp_path: Path, rasas_training: None
) -> None:
    rasas, rasas_weights = _train_and_predict(tmp_path / "rasa")
    training_speedups.install()
    ours, our_weights = _train_and_predict(tmp_path / "ours")

    assert CRF.call is training_speedups._decode_without_gradient
    assert RasaModel.train_step is training_speedups._train_step
    assert ours == rasas
    assert len(our_weights) == len(rasas_weights)
    for mine, theirs in zip(our_weights, rasas_weights, strict=True):
        np.testing.assert_array_equal(mine, theirs)
    assert any(p["entities"] for p in ours), "the CRF was exercised"


def test_the_decode_is_not_recorded_but_the_loss_is(rasas_training: None) -> None:
    training_speedups.install()
    crf = CRF(num_tags=3, reg_lambda=0.0, scale_loss=False)
    logits = tf.random.stateless_normal((2, 4, 3), seed=(1, 2))
    lengths = tf.constant([4, 2])
    tags = tf.constant([[1, 2, 0, 0], [2, 0, 0, 0]])
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(logits)
        _, confidences = crf(logits, lengths)
        loss = crf.loss(logits, tags, lengths)
    assert tape.gradient(confidences, logits) is None
    assert tape.gradient(loss, logits) is not None


def test_install_is_idempotent(rasas_training: None) -> None:
    training_speedups.install()
    training_speedups.install()
    assert CRF.call is training_speedups._decode_without_gradient
    assert RasaModel.train_step is training_speedups._train_step
