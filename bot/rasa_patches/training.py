"""DIET's training made cheaper without changing the model it learns.

A profile of ``rasa train`` showed that more than half of DIET's first epoch
(~70 s) goes to tracing the training step, most of it into gradient functions
for the entity CRF's while-loops that are never used, because Rasa records the
step on a *persistent* gradient tape: TensorFlow then wraps every loop so that
higher-order gradients could be taken, and keeps the loops' intermediates in
every later step. Two changes, both leaving the arithmetic alone:

1. The CRF's Viterbi decode, run in each step only for the F1 shown in the progress
   bar, yields tag indices (integers, no gradient); it runs with recording paused.
2. Rasa's ``train_step`` takes two gradients from one persistent tape: of the
   prediction loss and of the weight regularisation. Here each comes from its own
   ordinary tape; the regularisation terms depend on the weights alone (Rasa adds
   no loss inside its layers' calls), so both gradients are the same numbers.

The serving process needs the second change as much: ``RasaModel.load`` runs ``fit`` on
one batch to build the optimiser before it restores the weights, so ``rasa run`` traces
the training step once too; on Rasa's persistent tape that trace holds about 280 MB for
the process's whole life (measured with ``bench/rest_latency.py``: Rasa 1400 → 1120 MB).

Random ops (dropout, negative sampling) are created in the same order as before,
so their seeds are too: the trained model is byte-for-byte Rasa's
(``tests/bot/test_training_speedups.py`` trains both ways and compares weights).

Replaces ``rasa.utils.tensorflow.layers.CRF.call`` and ``RasaModel.train_step``
(Rasa 3.6.21).
"""

from __future__ import annotations

from typing import Dict, List, Tuple, Union

import numpy as np
import tensorflow as tf
from rasa.utils.tensorflow.layers import CRF
from rasa.utils.tensorflow.models import RasaModel
from tensorflow.python.eager import tape as tape_lib

_RASAS_CRF_CALL = CRF.call
_RASAS_TRAIN_STEP = RasaModel.train_step


def _decode_without_gradient(
    self: CRF, logits: tf.Tensor, sequence_lengths: tf.Tensor
) -> Tuple[tf.Tensor, tf.Tensor]:
    """Rasa's ``CRF.call`` (Viterbi decode) with gradient recording paused."""
    with tape_lib.stop_recording():
        return _RASAS_CRF_CALL(self, logits, sequence_lengths)


def _train_step(
    self: RasaModel, batch_in: Union[Tuple[tf.Tensor, ...], Tuple[np.ndarray, ...]]
) -> Dict[str, float]:
    """Rasa's ``RasaModel.train_step`` with two plain tapes instead of a persistent one."""
    self._training = True

    with tf.GradientTape() as tape:
        prediction_loss = self.batch_loss(batch_in)
    prediction_gradients = tape.gradient(prediction_loss, self.trainable_variables)

    with tf.GradientTape() as tape:
        regularization_loss = tf.math.add_n(self.losses)
    regularization_gradients = tape.gradient(
        regularization_loss, self.trainable_variables
    )
    self.total_loss.update_state(prediction_loss + regularization_loss)

    gradients: List[tf.Tensor] = []
    for pred_grad, reg_grad in zip(
        prediction_gradients, regularization_gradients, strict=True
    ):
        if pred_grad is not None and reg_grad is not None:
            # as Rasa: no regularisation for weights without a prediction gradient
            gradients.append(
                pred_grad + tf.where(pred_grad > 0, reg_grad, tf.zeros_like(reg_grad))
            )
        else:
            gradients.append(pred_grad)

    self.optimizer.apply_gradients(
        zip(gradients, self.trainable_variables, strict=True)
    )
    self._training = None
    return self._get_metric_results()


def install() -> None:
    """DIET trains with the two changes above from now on (idempotent)."""
    CRF.call = _decode_without_gradient  # type: ignore[method-assign]
    RasaModel.train_step = _train_step  # type: ignore[method-assign]


def uninstall() -> None:
    CRF.call = _RASAS_CRF_CALL  # type: ignore[method-assign]
    RasaModel.train_step = _RASAS_TRAIN_STEP  # type: ignore[method-assign]
