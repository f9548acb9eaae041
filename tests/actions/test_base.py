"""One knowledge-base snapshot per reply: only actions/base.py asks for one, and every
action that reads the knowledge base answers from the reply's (issue 14)."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any, List

import pytest
from rasa_sdk import Action
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

import actions.base
import programme_kb
from actions.base import KbAction, KbFormValidationAction, reply_for
from actions.eligibility import ValidateEligibilityForm
from actions.fallback import ActionAnswerFaq
from actions.focus import ActionExplainFocusArea
from programme_kb.service import Snapshot

ACTIONS = Path(__file__).resolve().parents[2] / "actions"
LANGS = ["sv", "nb"]


def _snapshot_calls(path: Path) -> List[int]:
    """Lines of ``path`` that call ``snapshot()`` or ``….snapshot()``, or that read
    ``shared_service()`` (the way around it)."""
    lines = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if name in ("snapshot", "shared_service", "refresh_if_changed"):
                lines.append(node.lineno)
    return lines


def test_the_scan_finds_a_call() -> None:
    """The scan below would see a call: it sees the base's own."""
    assert _snapshot_calls(ACTIONS / "base.py")


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in sorted(ACTIONS.glob("*.py"))
        if p.name not in ("base.py", "__init__.py")
    ],
    ids=lambda p: p.name,
)
def test_only_the_base_takes_a_snapshot(path: Path) -> None:
    """Any other call could give one reply two versions of the knowledge base."""
    assert _snapshot_calls(path) == [], f"{path.name} takes a snapshot itself"


class _Counted:
    """``actions.base.snapshot`` replaced: the real snapshot, each call counted."""

    def __init__(self) -> None:
        self.calls = 0
        self.snap = programme_kb.shared_service().snapshot

    def __call__(self) -> Snapshot:
        self.calls += 1
        return self.snap


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> _Counted:
    counter = _Counted()
    monkeypatch.setattr(actions.base, "snapshot", counter)
    return counter


def _all_actions() -> List[type]:
    """Every action class the action server registers from actions/."""
    import actions.compose
    import actions.eligibility
    import actions.fallback
    import actions.feedback
    import actions.focus
    import actions.greeting
    import actions.language
    import actions.out_of_scope
    import actions.programme
    import actions.yes_no

    found = []
    for module in (
        actions.compose,
        actions.eligibility,
        actions.fallback,
        actions.feedback,
        actions.focus,
        actions.greeting,
        actions.language,
        actions.out_of_scope,
        actions.programme,
        actions.yes_no,
    ):
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, Action)
                and value.__module__ == module.__name__
            ):
                found.append(value)
    return found


@pytest.mark.parametrize("cls", _all_actions(), ids=lambda c: c.__name__)
def test_an_action_that_reads_the_knowledge_base_uses_the_base(cls: type) -> None:
    """Only the feedback action, which never reads it, stays plain."""
    plain = {"ActionStoreFeedback"}
    kb_base = issubclass(cls, (KbAction, KbFormValidationAction))
    assert kb_base == (cls.__name__ not in plain)


@pytest.mark.parametrize("lang", LANGS)
async def test_a_reply_that_hands_over_to_another_action_takes_one_snapshot(
    counted: _Counted, make_tracker: Any, domain: DomainDict, lang: str
) -> None:
    """The FAQ action falls back, the area action lists the areas: one snapshot each
    (each used to take two to four)."""
    question = {"sv": "blablabla qwerty", "nb": "blablabla qwerty"}[lang]
    for action, tracker in (
        (ActionAnswerFaq(), make_tracker(question, "ask_faq", lang)),
        (ActionExplainFocusArea(), make_tracker("berätta", "ask_focus_area", lang)),
    ):
        before = counted.calls
        dispatcher = CollectingDispatcher()
        await action.run(dispatcher, tracker, domain)
        assert dispatcher.messages
        assert counted.calls - before == 1, type(action).__name__


@pytest.mark.parametrize("lang", LANGS)
async def test_a_form_validation_takes_one_snapshot_and_keeps_none(
    counted: _Counted, make_tracker: Any, domain: DomainDict, lang: str
) -> None:
    """The eligibility form extracts and validates in one run: one snapshot; the
    shared instance (rasa_sdk keeps one for every conversation) holds no reply."""
    text = {"sv": "vi är en kommun", "nb": "vi er en kommune"}[lang]
    form = ValidateEligibilityForm()
    tracker = make_tracker(text, "inform_organisation", lang)
    tracker.active_loop = {"name": "eligibility_form"}
    events = await form.run(CollectingDispatcher(), tracker, domain)
    assert counted.calls == 1
    assert {"event": "slot", "name": "organisation_type", "value": "municipality"} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]
    assert not hasattr(form, "reply")


def test_a_reply_carries_the_language_and_the_message(
    make_tracker: Any, domain: DomainDict
) -> None:
    for lang in LANGS:
        reply = reply_for(
            CollectingDispatcher(), make_tracker("Fortell om 3A", "x", lang), domain
        )
        assert (reply.lang, reply.text, reply.intent) == (lang, "Fortell om 3A", "x")
        assert reply.kb is reply.snap.kb


def test_the_action_server_registers_the_actions_and_not_the_bases() -> None:
    """rasa_sdk registers every concrete Action subclass it finds: the two bases must
    not be among them (a base without a name would stop the server)."""
    from rasa_sdk.executor import ActionExecutor

    executor = ActionExecutor()
    executor.register_package("actions")
    names = {cls().name() for cls in _all_actions()}
    assert names <= set(executor.actions)
    assert "action_ask_organisation_type" in executor.actions
