"""``make shell`` prints every card as readable text in the reply's language.

The messages are the real ones: each card kind is produced by its action with a real
rasa_sdk Tracker and CollectingDispatcher (the language card by its domain response),
then passed through Rasa's own output channel (CollectingOutputChannel, what the
console receives over REST: paragraphs split, the card as a message of its own).
"""

from __future__ import annotations

import asyncio
import re
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, Iterator, List, Mapping, Tuple, cast

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.compose import ActionCompose, ActionNewConversation, ActionSummary
from actions.eligibility import ActionAnswerEligibility
from actions.fallback import ActionAnswerFaq, ActionFallback
from actions.focus import ActionSuggestFocusAreas
from actions.programme import ActionCalls, ActionContact, ActionProgrammeArea
from bot.runtime.console_cards import LABELS, card_lines, message_lines
from bot.runtime.shell_console import ConsolePrinter

ROOT = Path(__file__).resolve().parents[2]
LANGS = ["sv", "nb"]
OTHER = {"sv": "nb", "nb": "sv"}

IDEA = {
    "sv": "hållbar turism och vandringsleder i fjällen",
    "nb": "bærekraftig reiseliv og turløyper i fjellet",
}
COMPOUND = {
    "sv": "Vi är en ideell förening i Jämtland och vill ordna kulturevenemang och "
    "turism tillsammans med en norsk förening. Får vi söka och vilket insatsområde passar?",
    "nb": "Vi er en frivillig organisasjon i Trøndelag og vil lage kulturarrangementer "
    "og reiseliv sammen med en svensk forening. Kan vi søke, og hvilket innsatsområde passer?",
}
FAQ = {
    "sv": "får vi börja jobba i projektet innan vi har fått beslut?",
    "nb": "kan vi starte prosjektet før vi har fått vedtak?",
}

Build = Callable[..., Awaitable[List[Dict[str, Any]]]]


async def _run(
    action: Any, tracker: Any, domain: Dict[str, Any]
) -> List[Dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, tracker, domain)
    return dispatcher.messages


async def focus(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    slots = {"project_description": IDEA[lang]}
    tracker = make_tracker(IDEA[lang], "describe_project", lang, slots=slots)
    return await _run(ActionSuggestFocusAreas(), tracker, domain)


async def eligible(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    slots = {"organisation_type": "company"}
    tracker = make_tracker("x", "inform_organisation", lang, slots=slots)
    return await _run(ActionAnswerEligibility(), tracker, domain)


async def not_eligible(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    slots = {"organisation_type": "private_person"}
    tracker = make_tracker("x", "inform_organisation", lang, slots=slots)
    return await _run(ActionAnswerEligibility(), tracker, domain)


async def contact(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    return await _run(ActionContact(), make_tracker("kontakt", "contact", lang), domain)


async def answer(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    tracker = make_tracker("när är nästa utlysning", "ask_calls", lang)
    return await _run(ActionCalls(), tracker, domain)


async def place(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    tracker = make_tracker(
        "ingår Trysil?", "ask_programme_area", lang, slots={"place": "Trysil"}
    )
    return await _run(ActionProgrammeArea(), tracker, domain)


async def faq(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    return await _run(
        ActionAnswerFaq(), make_tracker(FAQ[lang], "ask_faq", lang), domain
    )


async def not_known(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    """The second not-understood message in a row: the honest "I do not know"."""
    history = [
        {"event": "user", "text": "qwerty"},
        {"event": "action", "name": "action_fallback"},
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": "blorp plopp"},
    ]
    tracker = make_tracker(
        "blorp plopp", "nlu_fallback", lang, slots={"fallback_stage": 1}, events=history
    )
    return await _run(ActionFallback(), tracker, domain)


async def compound(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    tracker = make_tracker(COMPOUND[lang], "describe_project", lang)
    return await _run(ActionCompose(), tracker, domain)


async def summary(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    slots = {
        "known_organisation_type": "non_profit_association",
        "known_side": "se" if lang == "sv" else "no",
        "known_place": "Åre" if lang == "sv" else "Trysil",
        "known_project_idea": IDEA[lang],
    }
    tracker = make_tracker("sammanfatta", "ask_summary", lang, slots=slots)
    return await _run(ActionSummary(), tracker, domain)


async def new_conversation(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    tracker = make_tracker("Nytt samtal", "new_conversation", lang)
    return await _run(ActionNewConversation(), tracker, domain)


async def language(
    make_tracker: Any, domain: Dict[str, Any], lang: str
) -> List[Dict[str, Any]]:
    """utter_language_changed as the domain defines it for this language."""
    for variant in domain["responses"]["utter_language_changed"]:
        said = [c.get("value") for c in variant.get("condition") or []]
        if said == [lang] or (not said and lang == "sv"):
            return [{"text": variant["text"], "custom": variant["custom"]}]
    raise AssertionError("no utter_language_changed for " + lang)


KINDS: Dict[str, Tuple[Build, str]] = {
    "focus_areas": (focus, "focus_areas"),
    "eligibility": (eligible, "eligibility"),
    "eligibility_no": (not_eligible, "eligibility"),
    "contact": (contact, "contact"),
    "answer": (answer, "answer"),
    "place": (place, "place"),
    "faq": (faq, "faq"),
    "not_known": (not_known, "not_known"),
    "compound": (compound, "compound"),
    "summary": (summary, "summary"),
    "new_conversation": (new_conversation, "new_conversation"),
    "language": (language, "language"),
}
CASES = [(kind, lang) for kind in KINDS for lang in LANGS]


@pytest.fixture(autouse=True)
def _private_logs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fallback and FAQ actions log unanswered questions: not into var/."""
    monkeypatch.setenv("UNANSWERED_LOG", str(tmp_path / "unanswered.jsonl"))


async def card_message(
    make_tracker: Any, domain: Dict[str, Any], kind: str, lang: str
) -> Dict[str, Any]:
    """The action's message that carries the card, as the action sent it."""
    build, card_type = KINDS[kind]
    messages = await build(make_tracker, domain, lang)
    carrying = [m for m in messages if m.get("custom")]
    assert len(carrying) == 1, messages
    message = {k: v for k, v in carrying[0].items() if v not in (None, [], "")}
    assert message["custom"]["type"] == card_type
    assert message["custom"].get("language", lang) == lang
    return message


async def over_rest(message: Dict[str, Any]) -> List[Dict[str, Any]]:
    """What ``rasa shell`` receives for it: Rasa's own output channel."""
    from rasa.core.channels.channel import CollectingOutputChannel

    channel = CollectingOutputChannel()
    await channel.send_response("tester", dict(message))
    return channel.messages


def _joined(lines: List[str]) -> str:
    return "\n".join(lines)


@pytest.mark.parametrize(("kind", "lang"), CASES)
async def test_every_card_reads_as_text_in_its_language(
    make_tracker, domain, kind, lang
) -> None:
    """Text, card, sources and choices; no JSON; the other language's labels absent."""
    message = await card_message(make_tracker, domain, kind, lang)
    card, x, other = message["custom"], LABELS[lang], LABELS[OTHER[lang]]
    lines = message_lines(message, default_language=OTHER[lang])
    shown = _joined(lines)
    assert '{"' not in shown and '"type"' not in shown and "Custom json" not in shown
    text = message.get("text", "")
    line = card.get("source_line")
    if line and text.endswith(line):
        body = text[: -len(line)]
        assert line not in shown, "the source line becomes a list"
        heading = x.sources if len(card["sources"]) > 1 else x.source
        as_of = re.search(r"\d{4}-\d{2}-\d{2}", line)
        assert as_of, line
        headings = [
            h for h in lines if h.startswith(f"{heading} (") and h.endswith(":")
        ]
        assert len(headings) == 1 and as_of.group(0) in headings[0]
        for source in card["sources"]:
            assert f"  • {source['title']} — {source['url']}" in lines
    else:
        body = text
    for paragraph in filter(None, (p.strip() for p in body.split("\n\n"))):
        assert paragraph in shown
    if message.get("buttons"):
        at = lines.index(f"{x.choices}:")
        for number, button in enumerate(message["buttons"], 1):
            assert lines[at + number] == f"  {number}. {button['title']}"
    for label in (
        f"{other.sources} (",
        f"{other.source} (",
        f"{other.choices}:",
        other.areas_title,
        other.why,
    ):
        assert label not in shown


@pytest.mark.parametrize("lang", LANGS)
async def test_focus_card_is_a_numbered_list_with_the_reasons(
    make_tracker, domain, lang
) -> None:
    message = await card_message(make_tracker, domain, "focus_areas", lang)
    x = LABELS[lang]
    items = message["custom"]["items"]
    lines = card_lines(message["custom"], lang)
    assert lines[0] == x.areas_title
    for number, item in enumerate(items, 1):
        head = f"  {number}. {item['code']} {item['title']} — {x.strength[item['strength']]}"
        assert head in lines
        why = lines[lines.index(head) + 1]
        assert why == f"     {x.why} {', '.join(item['why'])}"
    assert len([line for line in lines if re.match(r"  \d\. ", line)]) == len(items)


@pytest.mark.parametrize(
    ("kind", "verdict"), [("eligibility", "true"), ("eligibility_no", "false")]
)
@pytest.mark.parametrize("lang", LANGS)
async def test_eligibility_card_says_the_verdict(
    make_tracker, domain, kind, verdict, lang
) -> None:
    card = (await card_message(make_tracker, domain, kind, lang))["custom"]
    x = LABELS[lang]
    lines = card_lines(card, lang)
    assert lines[0] == {"true": "✓ ", "false": "✕ "}[verdict] + x.eligible[verdict]
    assert f"{x.reasons}:" in lines
    for reason in card["reasons"]:
        assert f"  • {reason}" in lines


@pytest.mark.parametrize("lang", LANGS)
def test_an_unknown_organisation_is_an_open_verdict(lang: str) -> None:
    """eligible null (design.md): the bot asks; the card says it is unclear."""
    card: Dict[str, Any] = {"type": "eligibility", "language": lang, "eligible": None,
            "organisation_type": "unknown", "reasons": [], "requirements": []}  # fmt: skip
    assert card_lines(card, lang) == ["? " + LABELS[lang].eligible["null"]]


def test_control_characters_never_reach_the_terminal() -> None:
    message = {"text": "Hej\x1b[2J där", "custom": {"type": "eligibility", "language": "sv",
               "eligible": True, "reasons": ["a\x07b"], "requirements": []}}  # fmt: skip
    shown = _joined(message_lines(message))
    assert "\x1b" not in shown and "\x07" not in shown and "Hej[2J där" in shown


def test_labels_are_the_widgets() -> None:
    """The console says what the widget says (TEXTS in widget.js), in both languages."""
    widget = (ROOT / "bot" / "web" / "widget.js").read_text(encoding="utf-8")
    shared = {
        "areasTitle": lambda x: x.areas_title, "why": lambda x: x.why,
        "reasons": lambda x: x.reasons, "requirements": lambda x: x.requirements,
        "choices": lambda x: x.choices,
        "strong": lambda x: x.strength["strong"], "clear": lambda x: x.strength["clear"],
        "weak": lambda x: x.strength["weak"], "true": lambda x: x.eligible["true"],
        "false": lambda x: x.eligible["false"], "null": lambda x: x.eligible["null"],
        "source": lambda x: x.source, "sources": lambda x: x.sources,
    }  # fmt: skip
    for key, label in shared.items():
        sv = widget.find(f'{key}: "{label(LABELS["sv"])}"')
        nb = widget.find(f'{key}: "{label(LABELS["nb"])}"')
        assert 0 <= sv < nb, key


SUMMARY_LABELS = ("summaryTitle", "summaryWho", "summaryPartner", "summaryFocus",
                  "summaryType", "summaryNext", "summaryAdviser", "summaryMissing")  # fmt: skip


@pytest.mark.parametrize("lang", LANGS)
async def test_the_widgets_summary_labels_are_the_consoles(
    make_tracker, domain, lang
) -> None:
    """The widget's summary card says what the console prints for it (the summary's
    text, whose lines start with these labels): once told everything, once told only
    the place (what is missing)."""
    widget = (ROOT / "bot" / "web" / "widget.js").read_text(encoding="utf-8")
    told = await card_message(make_tracker, domain, "summary", lang)
    place = {"known_place": "Åre" if lang == "sv" else "Trysil"}
    tracker = make_tracker("sammanfatta", "ask_summary", lang, slots=place)
    partly = [m for m in await _run(ActionSummary(), tracker, domain) if m.get("text")]
    lines = message_lines(told, default_language=OTHER[lang])
    lines += message_lines(partly[0], default_language=OTHER[lang])
    for key in SUMMARY_LABELS:
        labels = re.findall(rf'{key}: "([^"]+)"', widget)
        assert len(labels) == 2, key  # sv, then nb
        label = labels[LANGS.index(lang)]
        assert any(line.startswith(label) for line in lines), (key, label)


# --- the printer in Rasa's console ---------------------------------------------------


def _printer(out: List[str], detect: Any = None) -> ConsolePrinter:
    def fallback(message: Dict[str, Any], latest: bool, color: str) -> None:
        out.append(f"RASA:{sorted(message)}")

    return ConsolePrinter(
        fallback, detect=detect, print_line=lambda line, color: out.append(line)
    )


def _console(printer: ConsolePrinter, messages: List[Dict[str, Any]]) -> Any:
    """As rasa.core.channels.console.record_messages calls the printer for one reply."""
    for message in messages[:-1]:
        printer(message)
    return printer(messages[-1], is_latest_message=True)


@pytest.mark.parametrize(("kind", "lang"), CASES)
async def test_the_printer_reassembles_what_rasa_splits(
    make_tracker, domain, monkeypatch, kind, lang
) -> None:
    """Paragraphs and card arrive as separate messages; printed, they read as the
    whole message does — the buttons, last, as the interactive numbered choice."""
    asked: List[Any] = []

    def choice_question(buttons: Any, lang: str) -> str:
        asked.append((buttons, lang))
        return "Q"

    monkeypatch.setattr("bot.runtime.shell_console.choice_question", choice_question)
    message = await card_message(make_tracker, domain, kind, lang)
    received = await over_rest(message)
    assert len(received) > 1 or "custom" in received[0]
    out: List[str] = []
    printer = _printer(out)
    printer.language = OTHER[lang]
    question = _console(printer, received)
    has_buttons = bool(message.get("buttons"))
    assert out == message_lines(message, buttons=not has_buttons)
    assert (question == "Q") is has_buttons
    if has_buttons:
        assert asked == [(message["buttons"], lang)]
    assert printer.language == lang


def test_a_question_with_buttons_and_no_card_gets_labels_in_its_language() -> None:
    out: List[str] = []
    printer = _printer(out, detect=lambda text: "nb")
    buttons = [{"title": "Kommune eller fylkeskommune", "payload": "/inform"}]
    printer(
        {"recipient_id": "t", "text": "Hvilken type organisasjon?", "buttons": buttons}
    )
    printer({"recipient_id": "t", "text": "Takk."}, is_latest_message=True)
    assert out == [
        "Hvilken type organisasjon?",
        "",
        "Svaralternativer:",
        "  1. Kommune eller fylkeskommune",
        "",
        "Takk.",
    ]


def test_what_the_printer_cannot_read_is_left_to_rasa() -> None:
    out: List[str] = []
    printer = _printer(out)
    printer({"recipient_id": "t", "text": "Se bilden."})
    printer(
        {"recipient_id": "t", "image": "https://example.org/a.png"},
        is_latest_message=True,
    )
    assert out == ["Se bilden.", "RASA:['image', 'recipient_id']"]


@pytest.mark.parametrize("lang", LANGS)
def test_choices_give_rasa_the_payload(lang: str) -> None:
    """Rasa's console reads the payload from the chosen value; the last choice is
    its free-text marker, labelled in the reply's language."""
    from rasa.cli.utils import FREE_TEXT_INPUT_PROMPT, payload_from_button_question

    from bot.runtime.shell_console import choices

    buttons: List[Mapping[str, Any]] = [
        {"title": "Mer om 3C (kultur)", "payload": '/ask_focus_area{"focus_area":"3C"}'}
    ]
    listed = choices(buttons, lang)
    assert [title for title, _ in listed] == [
        "Mer om 3C (kultur)",
        LABELS[lang].free_text,
    ]

    class Chosen:
        def __init__(self, value: str) -> None:
            self.value = value

        async def ask_async(self) -> str:
            return self.value

    picked = [
        asyncio.run(payload_from_button_question(cast(Any, Chosen(v))))
        for _, v in listed
    ]
    assert picked == ['/ask_focus_area{"focus_area":"3C"}', FREE_TEXT_INPUT_PROMPT]


# --- installed in Rasa's console -----------------------------------------------------


@pytest.fixture
def console(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Rasa's console module; whatever a test installs is undone afterwards."""
    from rasa.core.channels import console as module

    monkeypatch.setattr(module, "_print_bot_output", module._print_bot_output)
    yield module


def test_install_replaces_rasas_printer_on_the_version_it_was_written_for(
    console,
) -> None:
    from bot.runtime import shell_console

    original = console._print_bot_output
    assert shell_console.install() is True
    assert isinstance(console._print_bot_output, ConsolePrinter)
    assert console._print_bot_output.fallback is original


def test_another_rasa_keeps_its_own_output_and_says_so(
    console, monkeypatch, caplog
) -> None:
    import rasa

    from bot.runtime import shell_console

    original = console._print_bot_output
    monkeypatch.setattr(rasa, "__version__", "3.7.0")
    with caplog.at_level("WARNING", logger="bot.runtime.shell_console"):
        assert shell_console.install() is False
    assert console._print_bot_output is original
    assert "3.7.0" in caplog.text


@pytest.mark.parametrize("lang", LANGS)
async def test_rasas_console_prints_a_card_as_text(
    make_tracker, domain, console, monkeypatch, capsys, lang
) -> None:
    """Rasa's own record_messages loop, the printer installed: one question, the
    eligibility reply as Rasa's REST channel delivers it, then /stop."""
    from bot.runtime import shell_console

    message = await card_message(make_tracker, domain, "eligibility", lang)
    reply = await over_rest(message)
    typed = iter(["får ett aktiebolag söka?", "/stop"])

    class Typed:
        async def ask_async(self) -> str:
            return next(typed)

    async def stream(*args: Any, **kwargs: Any) -> Any:
        for part in reply:
            yield part

    async def no_wait(_: float) -> None:
        return None

    monkeypatch.setattr(console.questionary, "text", lambda *a, **k: Typed())
    monkeypatch.setattr(console, "_send_message_receive_stream", stream)
    monkeypatch.setattr(console.asyncio, "sleep", no_wait)
    assert shell_console.install() is True
    assert await console.record_messages("tester", server_url="http://127.0.0.1:9") == 1
    shown = re.sub(r"\x1b\[[0-9;]*m", "", capsys.readouterr().out)
    x = LABELS[lang]
    assert "Custom json" not in shown and '"type"' not in shown
    assert f"✓ {x.eligible['true']}" in shown and f"{x.requirements}:" in shown
    assert message["custom"]["source_line"] not in shown
    for source in message["custom"]["sources"]:
        assert f"{source['title']} — {source['url']}" in shown
