"""How much of a long message is read: the bounds that keep a reply under a second.

Its own module because every reader of a message (the question splitter, the
profile, the actions' look-ups) asks the same question, "is this message long, and
what of it do I read?", and the answer must be one set of numbers.
"""

from __future__ import annotations

import re
from typing import List, Tuple

LONG_MESSAGE_CHARS = 600
"""A message up to this length is read whole, exactly as before. A longer one (a
pasted project description of 1 500–2 500 characters, or anything up to the REST
channel's cap) is read with bounded work, because every recogniser's time grows with
the words it reads and a reply must stay under a second (bench/long_messages.py):"""
HEAD_WORDS = 60
"""- who the user is: from the first 60 words (applicants introduce themselves first;
  the eligibility matcher and the place finder cost the most per word);"""
MAX_PLACE_LOOKUPS = 450
"""- places: at most 450 look-ups (a real 4 000-character description needs about 390);"""
MAX_QUESTIONS = 6
"""- at most six questions answered in one reply, with a note saying how many are left;"""
MAX_QUESTION_WORDS = 25
"""- each question read up to its 25th word;"""
MAX_IDEA_WORDS = 60
"""- the project idea up to its 60th word;"""
READING_WORDS = 40
"""- the actions' look-ups over the whole message read 40 words (``reading``)."""
_WORD_RE = re.compile(r"[^\W_]+")
"""A word as the analysers count them ("a.a.a" is three)."""


def is_long(text: str) -> bool:
    """Whether the message is read with bounded work (see LONG_MESSAGE_CHARS)."""
    return len(text) > LONG_MESSAGE_CHARS


def first_words(text: str, limit: int) -> str:
    """The text up to the end of its ``limit``-th word; the whole text if it has fewer."""
    for count, word in enumerate(_WORD_RE.finditer(text), 1):
        if count == limit:
            return text[: word.end()]
    return text


def head(text: str) -> str:
    """What is read of a message to find who the user is (HEAD_WORDS of a long one)."""
    return first_words(text, HEAD_WORDS) if is_long(text) else text


def bounded_questions(asked: List[str]) -> Tuple[List[str], int]:
    """The questions of a long message that are answered, and how many are left over."""
    kept = [first_words(q, MAX_QUESTION_WORDS) for q in asked[:MAX_QUESTIONS]]
    return kept, max(0, len(asked) - MAX_QUESTIONS)
