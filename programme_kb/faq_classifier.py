"""A second reading of which FAQ entry a question asks.

The retrieval (``programme_kb.faq``) scores word overlap and spelling likeness with
each entry's questions. Near its threshold that reading was wrong about one time in
six on development questions; a model of another kind, trained on the same
questions, catches many of those: character n-grams (spelling variants, compounds,
inflections the lemma tables lack) and a linear classifier. The retrieval decides
when an answer needs this model's agreement. Trained in a fraction of a second
whenever the knowledge base is loaded, so an edited FAQ needs no training step.
"""

from __future__ import annotations

from typing import List, Sequence

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

NGRAMS = (3, 5)
"""Character n-grams within word boundaries: long enough for stems, short enough
for compounds and inflections the lemma tables lack."""
REGULARISATION = 1.0


class EntryClassifier:
    """Which entry a question asks, learnt from every entry's questions (texts
    normalised by the caller, the same way for training and asking)."""

    def __init__(self, texts: Sequence[str], entry_ids: Sequence[str]) -> None:
        self._vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True
        )
        self._model = LinearSVC(C=REGULARISATION, random_state=0)
        self._model.fit(self._vectorizer.fit_transform(texts), list(entry_ids))

    def ranked(self, text: str, k: int) -> List[str]:
        """The ``k`` entries this model finds likeliest, best first."""
        scores = np.atleast_1d(
            self._model.decision_function(self._vectorizer.transform([text]))[0]
        )
        if len(self._model.classes_) == 2:  # one margin: for the second class
            scores = np.array([-scores[0], scores[0]])
        return [str(self._model.classes_[i]) for i in np.argsort(-scores)[:k]]
