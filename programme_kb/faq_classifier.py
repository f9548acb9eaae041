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

from typing import Sequence

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

    def margin(self, text: str, entry_id: str, alongside: Sequence[str] = ()) -> float:
        """How far this model prefers ``entry_id`` over its best other entry
        (negative: another entry is its first choice; an unknown entry: -inf).
        Entries ``alongside`` count as the same entry (a rule and its reason)."""
        scores = np.atleast_1d(
            self._model.decision_function(self._vectorizer.transform([text]))[0]
        )
        classes = [str(c) for c in self._model.classes_]
        if len(classes) == 2:
            scores = np.array([-scores[0], scores[0]])
        if entry_id not in classes:
            return float("-inf")
        same = [i for i, c in enumerate(classes) if c == entry_id or c in alongside]
        others = np.delete(scores, same)
        best_own = scores[same].max()
        return float(best_own - (others.max() if len(others) else 0.0))
