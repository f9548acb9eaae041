"""Long messages are read with bounded work; normal ones exactly as before (issue 16).

A reply to any message the REST channel accepts (up to 4 000 characters) must come in
under a second. The bounds are checked here by the work done — words read, look-ups
made, questions answered — never by time (bench/long_messages.py measures the time):
the real knowledge base and real rasa_sdk trackers, with the recognisers wrapped to
record what they are asked; both languages.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any, Dict, Iterator, List, cast

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rasa_sdk.executor import CollectingDispatcher

import programme_kb
from actions.compose import read_text
from actions.fallback import ActionAnswerFaq, ActionFallback
from actions.programme import ActionProgrammeArea
from bot.plugins.channels import NLU_PREFIX_CHARS, nlu_prefix
from programme_kb import compose as kb_compose
from programme_kb.compose import bounds, compose, head, reading, told
from programme_kb.compose.bounds import (
    HEAD_WORDS,
    LONG_MESSAGE_CHARS,
    MAX_PLACE_LOOKUPS,
    MAX_QUESTION_WORDS,
    MAX_QUESTIONS,
    READING_WORDS,
)

LANGS = ["sv", "nb"]
WORD = re.compile(r"[^\W_]+")

DESCRIPTION = {
    "sv": (
        "Hej! Vi är en ideell förening i Årjäng i Värmland som arbetar med friluftsliv "
        "och naturturism. Nu vill vi tillsammans med en norsk förening i Marker kommun "
        "utveckla ett gemensamt nätverk för hållbar naturturism längs Stora Le, med "
        "leder, en digital karta och en gemensam bokningstjänst för små företag. "
    )
    + "Vi har pratat med kommunerna på båda sidor och de är positiva till idén. " * 12
    + "Får en ideell förening vara projektägare? Vilket insatsområde passar bäst?",
    "nb": (
        "Hei! Vi er et lite aksjeselskap i Tydal i Trøndelag som driver med lokal "
        "matproduksjon. Nå ønsker vi å utvikle et felles nettverk for lokalmat sammen "
        "med produsenter i Jämtland og Härjedalen, med felles distribusjon over grensen "
        "og en felles merkevare for mat fra fjellregionen. "
    )
    + "Vi har hatt møter med kommunen og næringsforeningen om ideen vår. " * 12
    + "Kan et aksjeselskap søke om midler? Hvilket innsatsområde passer best?",
}
"""Realistic long messages (1 300–1 500 characters): who, where, the idea, questions."""

HOSTILE = {
    "many capitalised words": " ".join(f"Ord{i}" for i in range(800))[:4000],
    "many distinct words": " ".join(f"ord{i}x" for i in range(800))[:4000],
    "hundreds of questions": ("när? " * 800)[:4000],
    "'a.a.a…'": ("a." * 2000)[:4000],
    "'kan söka' repeated": ("kan søke " * 500)[:4000],
    "digits and spaces": ("1 " * 2000)[:4000],
    "one long sentence of places": ("i Karlstad och i Trysil " * 200)[:4000],
}


def words(text: str) -> int:
    return len(WORD.findall(text))


class Recorder:
    """A recogniser whose calls are recorded: how many, and the words of each text."""

    def __init__(self, inner: Any, method: str) -> None:
        self._inner, self._method = inner, method
        self.texts: List[str] = []

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._inner, name)
        if name != self._method:
            return value

        def recorded(*args: Any, **kwargs: Any) -> Any:
            self.texts.append(str(args[0] or ""))
            return value(*args, **kwargs)

        return recorded


@dataclasses.dataclass
class Recorded:
    snap: Any
    places: Recorder
    faq: Recorder
    eligibility: Recorder


@pytest.fixture
def recorded(monkeypatch: pytest.MonkeyPatch) -> Iterator[Recorded]:
    """The real snapshot with its place finder, FAQ and eligibility checker recorded,
    handed to the actions as theirs; the per-turn memo emptied before and after."""
    real = programme_kb.shared_service().snapshot
    places = Recorder(real.places, "find")
    faq = Recorder(real.faq, "answer")
    eligibility = Recorder(real.eligibility, "check")
    snap = dataclasses.replace(
        real,
        places=cast(Any, places),
        faq=cast(Any, faq),
        eligibility=cast(Any, eligibility),
    )
    monkeypatch.setattr("actions.base.snapshot", lambda: snap)  # each reply's one
    kb_compose._RECENT.clear()
    yield Recorded(snap, places, faq, eligibility)
    kb_compose._RECENT.clear()


# --- normal messages: unchanged ---------------------------------------------------

short_text = st.text(
    alphabet=st.characters(blacklist_categories=["Cs"]), max_size=LONG_MESSAGE_CHARS
)


@settings(max_examples=200, deadline=None)
@given(short_text)
def test_a_message_up_to_the_limit_is_read_whole(text: str) -> None:
    assert head(text) == text
    assert reading(text) == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=NLU_PREFIX_CHARS))
def test_nlu_reads_a_message_up_to_its_limit_whole(text: str) -> None:
    assert nlu_prefix(text) == text


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "text",
    [
        "Vi är en ideell förening i Jämtland och vill ordna kulturevenemang tillsammans "
        "med en norsk förening. Får vi söka och vilket insatsområde passar?",
        "Vi er en kommune i Trøndelag. Må vi ha en svensk partner? Hvor lenge kan et "
        "forprosjekt vare, og når er neste søknadsfrist? Hva er egenandelen?",
        "Vi är ett aktiebolag i Karlstad. Vi vill utveckla laddinfrastruktur för elbilar "
        "längs E18 tillsammans med Kongsvinger. Får vi söka? När är nästa utlysning? "
        "Hur mycket kan vi få? Måste vi ha en norsk partner? Hur länge kan en förstudie "
        "pågå? Vem beslutar? Finns det pengar kvar?",
    ],
)
def test_compose_is_unchanged_for_a_normal_message(
    text: str, lang: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same parts with the bounds as with no bounds at all (seven questions too)."""
    assert len(text) <= LONG_MESSAGE_CHARS
    snap = programme_kb.shared_service().snapshot
    kb_compose._RECENT.clear()
    bounded = compose(snap, text, lang)
    monkeypatch.setattr(bounds, "LONG_MESSAGE_CHARS", 10**9)
    kb_compose._RECENT.clear()
    unbounded = compose(snap, text, lang)
    assert [(p.kind, p.text) for p in bounded.parts] == [
        (p.kind, p.text) for p in unbounded.parts
    ]
    assert bounded.told == unbounded.told


# --- long messages: bounded ---------------------------------------------------------

long_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
    min_size=LONG_MESSAGE_CHARS + 1,
    max_size=4000,
)


@settings(max_examples=150, deadline=None)
@given(long_text)
def test_a_long_message_is_read_in_bounded_parts(text: str) -> None:
    assert text.startswith(head(text)) and words(head(text)) <= HEAD_WORDS
    assert words(reading(text)) <= READING_WORDS
    prefix = nlu_prefix(text)
    assert text.startswith(prefix) and len(prefix) <= NLU_PREFIX_CHARS


def test_nlu_cuts_after_a_whole_word() -> None:
    text = "ord " * 1000
    assert nlu_prefix(text).endswith("ord")
    assert len(nlu_prefix(text)) > NLU_PREFIX_CHARS - 100


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("lang", LANGS)
def test_a_hostile_message_gets_bounded_work_in_compose(
    name: str, lang: str, recorded: Recorded
) -> None:
    """What action_remember and a question action do: told, then compose."""
    text = HOSTILE[name]
    told(recorded.snap, text, lang)
    composition = compose(recorded.snap, text, lang)
    # one search of the whole message, then a few per question answered
    per_question = 4 * MAX_QUESTION_WORDS
    assert len(recorded.places.texts) <= MAX_PLACE_LOOKUPS + MAX_QUESTIONS * (
        per_question
    )
    assert len(recorded.faq.texts) <= 2 * MAX_QUESTIONS
    assert all(words(t) <= MAX_QUESTION_WORDS for t in recorded.faq.texts)
    assert recorded.eligibility.texts, "who the user is was looked for"
    assert all(words(t) <= HEAD_WORDS for t in recorded.eligibility.texts)
    answered = [p for p in composition.parts if p.data.get("question")]
    assert len(answered) <= MAX_QUESTIONS


@pytest.mark.parametrize("lang", LANGS)
def test_more_questions_than_one_reply_answers_get_a_note(
    lang: str, recorded: Recorded
) -> None:
    asked = {
        "sv": [
            "Får en kommun söka?",
            "När är nästa utlysning?",
            "Hur länge kan en förstudie pågå?",
            "Måste vi ha en norsk partner?",
            "Hur mycket kan vi söka?",
            "Vem beslutar om projekten?",
            "Finns det pengar kvar?",
            "Kan ett företag vara med?",
        ],
        "nb": [
            "Kan en kommune søke?",
            "Når er neste søknadsfrist?",
            "Hvor lenge kan et forprosjekt vare?",
            "Må vi ha en svensk partner?",
            "Hvor mye kan vi søke om?",
            "Hvem bestemmer over prosjektene?",
            "Er det penger igjen?",
            "Kan en bedrift være med?",
        ],
    }[lang]
    text = " ".join(asked * 3)
    assert len(text) > LONG_MESSAGE_CHARS
    composition = compose(recorded.snap, text, lang)
    notes = [p for p in composition.parts if p.kind == "note"]
    assert len(notes) == 1
    left = len(asked) * 3 - MAX_QUESTIONS
    assert notes[0].data == {"left": left}
    expected = programme_kb.shared_service().snapshot.kb.message(
        "compose_more_questions", lang, answered=MAX_QUESTIONS, left=left
    )
    assert notes[0].text == expected
    assert len(recorded.faq.texts) <= MAX_QUESTIONS


@pytest.mark.parametrize("lang", LANGS)
def test_a_real_long_description_still_gets_its_whole_answer(
    lang: str, recorded: Recorded
) -> None:
    """Who, where, the idea and the questions survive the bounds."""
    text = DESCRIPTION[lang]
    assert len(text) > LONG_MESSAGE_CHARS
    composition = compose(recorded.snap, text, lang)
    kinds = {p.kind for p in composition.parts}
    assert {"eligibility", "place", "focus"} <= kinds
    assert composition.told.organisation_type and composition.told.place
    assert composition.told.project_idea
    assert not any(p.kind == "note" for p in composition.parts)


@pytest.mark.parametrize("name", sorted(HOSTILE))
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    ("action", "intent"),
    [
        (ActionFallback(), "nlu_fallback"),
        (ActionAnswerFaq(), "ask_faq"),
        (ActionProgrammeArea(), "ask_programme_area"),
    ],
)
async def test_the_actions_look_ups_over_a_hostile_message_are_bounded(
    name: str,
    lang: str,
    action: Any,
    intent: str,
    recorded: Recorded,
    make_tracker: Any,
    domain: Dict[str, Any],
) -> None:
    """The FAQ and the place finder of a question action read a bounded part."""
    text = HOSTILE[name]
    tracker = make_tracker(text, intent=intent, lang=lang)
    assert words(read_text(tracker)) <= READING_WORDS
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, domain)
    assert dispatcher.messages, "the user got an answer"
    longest = max(MAX_QUESTION_WORDS, READING_WORDS)
    assert all(words(t) <= longest for t in recorded.faq.texts)
    assert all(words(t) <= longest for t in recorded.places.texts)
    assert all(words(t) <= HEAD_WORDS for t in recorded.eligibility.texts)


@pytest.mark.parametrize("lang", LANGS)
def test_the_actions_read_a_normal_message_whole(lang: str, make_tracker: Any) -> None:
    text = {
        "sv": "Vi är en kommun i Dalarna. Måste vi ha en norsk partner?",
        "nb": "Vi er en kommune i Trøndelag. Må vi ha en svensk partner?",
    }[lang]
    assert read_text(make_tracker(text, lang=lang)) == text


def test_the_per_turn_memo_gives_what_the_work_gives() -> None:
    """told, compose and the actions share one search per message: the same answer."""
    snap = programme_kb.shared_service().snapshot
    text = DESCRIPTION["sv"]
    kb_compose._RECENT.clear()
    first = kb_compose.find_places(snap, text, "sv")
    again = kb_compose.find_places(snap, text, "sv")
    assert first == again and first is not again  # a copy: callers may change it
    kb_compose._RECENT.clear()
    assert kb_compose.find_places(snap, text, "sv") == first


# --- the channel: NLU reads the start, Rasa keeps the whole text --------------------


@dataclasses.dataclass
class _Request:
    """What the channel reads of a Sanic request: ``app.ctx.agent``."""

    app: Any


@pytest.fixture(scope="module")
def agent() -> Any:
    from pathlib import Path

    from rasa.core.agent import Agent

    model = Path(__file__).resolve().parents[2] / "models" / "assistant.tar.gz"
    if not model.exists():
        pytest.skip("no trained model (make train)")
    return Agent.load(str(model))


@pytest.mark.rasa
@pytest.mark.parametrize("lang", LANGS)
async def test_nlu_parses_the_start_of_a_long_message_and_keeps_the_whole(
    lang: str, agent: Any
) -> None:
    from types import SimpleNamespace

    from bot.plugins.channels import Turn, _parsed_from_prefix

    text = (DESCRIPTION[lang] + " ") * 3
    assert NLU_PREFIX_CHARS < len(text) <= 4000
    request = _Request(SimpleNamespace(ctx=SimpleNamespace(agent=agent)))
    parsed = await _parsed_from_prefix(request, Turn("s", text, lang), "rest")  # type: ignore[arg-type]
    assert parsed is not None and parsed["text"] == text
    language = [e for e in parsed["entities"] if e["entity"] == "reply_language"]
    # the language component marks the text it read: the prefix, not the whole
    assert language and language[0]["end"] == len(nlu_prefix(text))
    assert language[0]["value"] == lang
    assert parsed["intent"]["name"]


@pytest.mark.rasa
async def test_nlu_parses_a_normal_message_as_rasa_does(agent: Any) -> None:
    from types import SimpleNamespace

    from bot.plugins.channels import Turn, _parsed_from_prefix

    request = _Request(SimpleNamespace(ctx=SimpleNamespace(agent=agent)))
    turn = Turn("s", DESCRIPTION["sv"][:NLU_PREFIX_CHARS], "sv")
    assert await _parsed_from_prefix(request, turn, "rest") is None  # type: ignore[arg-type]
