"""The reply contract (programme_kb/contract.py) against its producers and consumers.

Producers: what the payload builders and the actions really send, in both languages,
has exactly the declared keys and value types (nested cards too). Consumers: every
card type and key that bot/web/widget.js reads, and every key the secretariat's report
reads back from stored cards, is declared. A card changed on one side only fails here.
"""

from __future__ import annotations

import ast
import re
import typing
from pathlib import Path
from typing import Any, Dict, Iterator, List, Mapping, Set, Tuple

import pytest
import yaml
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from programme_kb import contract
from programme_kb.compose import Profile, compose
from programme_kb.service import Snapshot
from programme_kb.summary import summarise

ROOT = Path(__file__).resolve().parents[2]
WIDGET = ROOT / "bot" / "web" / "widget.js"
REPORT = ROOT / "bot" / "secretariat" / "report"
LANGS = ["sv", "nb"]

# --- a validator for TypedDicts -------------------------------------------------------


def _is_typeddict(hint: Any) -> bool:
    return isinstance(hint, type) and hasattr(hint, "__required_keys__")


def problems(value: Any, hint: Any, where: str = "card") -> List[str]:
    """Where ``value`` departs from ``hint`` (a contract type); [] when it conforms."""
    origin = typing.get_origin(hint)
    if hint is Any or hint is object:
        return []
    if _is_typeddict(hint):
        if not isinstance(value, Mapping):
            return [f"{where}: {type(value).__name__}, not an object"]
        keys, hints = set(value), typing.get_type_hints(hint)
        found = [f"{where}: undeclared key {k!r}" for k in sorted(keys - set(hints))]
        found += [
            f"{where}: missing key {k!r}"
            for k in sorted(set(hint.__required_keys__) - keys)
        ]
        for key in sorted(keys & set(hints)):
            found += problems(value[key], hints[key], f"{where}.{key}")
        return found
    if origin is typing.Union:
        options = typing.get_args(hint)
        if any(not problems(value, option, where) for option in options):
            return []
        return [f"{where}: {value!r} fits none of {options}"]
    if origin is typing.Literal:
        args = typing.get_args(hint)
        return [] if value in args else [f"{where}: {value!r} not one of {args}"]
    if origin in (list, typing.get_origin(typing.Sequence[str])):
        if not isinstance(value, (list, tuple)):
            return [f"{where}: {type(value).__name__}, not a list"]
        (item,) = typing.get_args(hint)
        return [
            p for i, v in enumerate(value) for p in problems(v, item, f"{where}[{i}]")
        ]
    if origin is dict:
        return [] if isinstance(value, dict) else [f"{where}: not an object"]
    if hint is type(None):
        return [] if value is None else [f"{where}: {value!r} is not null"]
    if hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        return [] if ok else [f"{where}: {value!r} is not a number"]
    if isinstance(hint, type):
        ok = isinstance(value, hint) and (hint is bool or not isinstance(value, bool))
        return [] if ok else [f"{where}: {value!r} is not {hint.__name__}"]
    raise AssertionError(f"the validator does not know {hint!r}")


def _required(card: Any) -> Set[str]:
    return set(card.__required_keys__)


def card_problems(card: Mapping[str, Any]) -> List[str]:
    declared = contract.CARDS.get(str(card.get("type")))
    if declared is None:
        return [f"card type {card.get('type')!r} is not in the contract"]
    return problems(card, declared, str(card.get("type")))


def test_the_validator_finds_what_departs() -> None:
    """A missing key, an undeclared key and a wrong nested value are each found."""
    good: Dict[str, Any] = {"type": "eligibility", "language": "sv", "eligible": None}
    good |= {"organisation_type": "unknown", "reasons": [], "requirements": []}
    assert card_problems(good) == []
    assert card_problems({**good, "verdict": "yes"}) == [
        "eligibility: undeclared key 'verdict'"
    ]
    assert card_problems({k: v for k, v in good.items() if k != "reasons"}) == [
        "eligibility: missing key 'reasons'"
    ]
    assert card_problems({**good, "sources": [{"title": "T"}]}) == [
        "eligibility.sources[0]: missing key 'url'"
    ]
    assert card_problems({"type": "verdict", "language": "sv"})


def test_every_card_type_is_named_by_its_own_type() -> None:
    for name, card in contract.CARDS.items():
        (literal,) = typing.get_args(typing.get_type_hints(card)["type"])
        assert literal == name
        assert {"type", "language"} <= _required(card)
    assert set(typing.get_args(contract.Card)) == set(contract.CARDS.values())


# --- producers: the payload builders and the actions ------------------------------------

MESSAGES = {
    "sv": {
        "idea": "vi vill utveckla hållbar turism och cykelleder över gränsen",
        "org": "Torsby kommun",
        "nobody": "vi är några kompisar",
        "place": "Östersund",
        "faq": "kan vi starta projektet innan beslut?",
        "nonsense": "blablabla qwerty",
        "compound": "Vi är en ideell förening i Jämtland och vill ordna kulturevenemang "
        "och turism tillsammans med en norsk förening. Får vi söka och vilket "
        "insatsområde passar?",
    },
    "nb": {
        "idea": "vi vil utvikle bærekraftig reiseliv og sykkelturisme over grensen",
        "org": "Fjellmat AS",
        "nobody": "vi er noen venner",
        "place": "Kongsvinger",
        "faq": "kan vi starte prosjektet før vedtak?",
        "nonsense": "blablabla qwerty",
        "compound": "Vi er et aksjeselskap på Kongsvinger og vil utvikle bærekraftig "
        "reiseliv sammen med Sälen. Kan vi søke, og hvilket innsatsområde passer?",
    },
}


def _kb_cards(snap: Snapshot, lang: str) -> Iterator[Tuple[str, Dict[str, object]]]:
    said = MESSAGES[lang]
    ranked = snap.focus.rank(said["idea"], lang, 3)
    assert ranked.items
    yield "focus_areas", ranked.payload()
    yield "focus_areas+projects", ranked.payload(projects=True)
    yield "focus_areas empty", snap.focus.rank("", lang, 3).payload()
    yield "eligibility", snap.eligibility.check(said["org"], None, lang).payload()
    yield (
        "eligibility unknown",
        snap.eligibility.check(said["nobody"], None, lang).payload(),
    )
    yield "place", snap.places.find(said["place"], lang).payload()
    yield "place none", snap.places.find(said["nonsense"], lang).payload()
    yield "faq", snap.faq.answer(said["faq"], lang).payload()
    yield "faq none", snap.faq.answer(said["nonsense"], lang).payload()
    composition = compose(snap, said["compound"], lang)
    assert composition.compound
    yield "compound", composition.payload()
    profile = Profile(
        organisation_type="municipality",
        side="se" if lang == "sv" else "no",
        place=said["place"],
        project_idea=said["idea"],
    )
    yield "summary", summarise(snap, profile, lang).payload()
    yield "summary empty", summarise(snap, Profile(), lang).payload()


@pytest.mark.parametrize("lang", LANGS)
def test_what_the_knowledge_base_builds_is_in_the_contract(
    snapshot: Snapshot, lang: str
) -> None:
    for label, card in _kb_cards(snapshot, lang):
        assert card_problems(card) == [], label
        assert card["language"] == lang, label


def _cards(dispatcher: CollectingDispatcher) -> List[Dict[str, Any]]:
    return [m["custom"] for m in dispatcher.messages if m.get("custom")]


@pytest.mark.parametrize("lang", LANGS)
async def test_what_the_actions_send_is_in_the_contract(
    make_tracker: Any, domain: DomainDict, lang: str
) -> None:
    """Every card of real replies, sources and profile included."""
    from actions.compose import ActionCompose, ActionNewConversation, ActionSummary
    from actions.eligibility import ActionAnswerEligibility
    from actions.fallback import ActionFallback
    from actions.focus import ActionSuggestFocusAreas
    from actions.programme import ActionAnswerTopic, ActionCalls, ActionContact

    said = MESSAGES[lang]
    side = {"known_side": "se" if lang == "sv" else "no"}
    known = {**side, "known_organisation_type": "municipality"}
    runs = [
        (ActionContact(), make_tracker("kontakt", "ask_human", lang)),
        (ActionAnswerTopic(), make_tracker("budget", "ask_budget", lang)),
        (ActionCalls(), make_tracker("/ask_calls", "ask_calls", lang)),
        (ActionFallback(), make_tracker("/nlu_fallback", "nlu_fallback", lang)),
        (ActionFallback(), make_tracker(said["faq"], "nlu_fallback", lang)),
        (ActionNewConversation(), make_tracker("nytt", "new_conversation", lang)),
        (ActionCompose(), make_tracker(said["compound"], "describe_project", lang)),
        (
            ActionSuggestFocusAreas(),
            make_tracker("x", "describe_project", lang, {"project_description": said["idea"]}),
        ),
        (
            ActionAnswerEligibility(),
            make_tracker("/x", "inform_organisation", lang, {"organisation_type": "company"}),
        ),
        (
            ActionSummary(),
            make_tracker("sammanfatta", "ask_summary", lang, {**known, "known_project_idea": said["idea"]}),
        ),
    ]  # fmt: skip
    seen: Set[str] = set()
    for action, tracker in runs:
        dispatcher = CollectingDispatcher()
        await action.run(dispatcher, tracker, domain)
        cards = _cards(dispatcher)
        assert cards, action.name()
        for card in cards:
            assert card_problems(card) == [], action.name()
            seen.add(card["type"])
    expected = {"contact", "answer", "not_known", "new_conversation", "compound"}
    assert expected | {"faq", "focus_areas", "eligibility", "summary"} <= seen


def test_the_cards_domain_yml_sends_are_in_the_contract() -> None:
    """The language card of utter_language_changed and any other ``custom``."""
    domain = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
    customs = [
        variation["custom"]
        for variations in domain["responses"].values()
        for variation in variations
        if "custom" in variation
    ]
    assert {c["language"] for c in customs if c["type"] == "language"} == set(LANGS)
    for card in customs:
        assert card_problems(card) == []


# --- consumers: the widget ------------------------------------------------------------


def _keys(card: type) -> Set[str]:
    return set(typing.get_type_hints(card))


def _nested(card: type, key: str) -> type:
    """The TypedDict a card's key holds (through List and Optional)."""
    hint = typing.get_type_hints(card)[key]
    while not _is_typeddict(hint):
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        assert args, f"{card.__name__}.{key} holds no object"
        hint = args[0]
    return hint


def _block(text: str, start: int) -> str:
    """From ``start`` to the end of the ``{…}`` block that opens next."""
    opening = text.index("{", start)
    depth = 0
    for at in range(opening, len(text)):
        depth += {"{": 1, "}": -1}.get(text[at], 0)
        if depth == 0:
            return text[start : at + 1]
    raise AssertionError("unbalanced braces")


def widget_reads() -> Dict[str, Dict[str, Set[str]]]:
    """What widget.js reads of each card type it draws: {type: {"": card keys,
    key: keys of the objects under that key}}; "*" holds what it reads of any card."""
    js = WIDGET.read_text(encoding="utf-8")
    reads: Dict[str, Dict[str, Set[str]]] = {}
    scopes: List[Tuple[str, str]] = []
    for found in re.finditer(r'custom\.type (===|!==) "(\w+)"', js):
        line = js[js.rindex("\n", 0, found.start()) : found.start()]
        if found.group(1) == "===" and "if (" in line:  # if (custom.type === "x") {…}
            start = js.rindex("if (", 0, found.start())
        elif found.group(1) == "!==":  # function f(custom) { if (… !== "x") return …
            start = js.rindex("function ", 0, found.start())
        else:  # a test in an expression ("language"): what follows reads any card
            reads.setdefault(found.group(2), {"": set()})
            continue
        scopes.append((found.group(2), _block(js, start)))
    for kind, body in scopes:
        own = reads.setdefault(kind, {}).setdefault("", set())
        own.update(re.findall(r"\bcustom\.(\w+)", body))
        bound: List[Tuple[str, str, str, str]] = re.findall(  # name and card key
            r"for \(const (\w+) of custom\.(\w+)\)"  # for (const area of custom.items)
            r"|const (\w+) = custom\.(\w+)",  # const type = custom.project_type …
            body,
        )
        pairs = [(a or c, b or d) for a, b, c, d in bound]
        for arrow in re.finditer(r"\(\s*(\w+)\s*\)\s*=>", body):
            before = re.findall(r"\bcustom\.(\w+)", body[: arrow.start()])
            if before:  # (…custom.focus_areas…).filter((a) => …): a is an item
                pairs.append((arrow.group(1), before[-1]))
        for name, key in pairs:
            keys = set(re.findall(rf"\b{name}\.(\w+)", body))
            reads[kind].setdefault(key, set()).update(keys)
    reads["*"] = {"": set(re.findall(r"\bcustom\.(\w+)", js))}
    return reads


def test_the_widget_scan_finds_what_it_draws() -> None:
    """The scan below reads widget.js as it is: the three cards it draws, their keys,
    and the keys of a focus-area item."""
    reads = widget_reads()
    assert {"focus_areas", "eligibility", "summary", "language"} <= set(reads)
    assert {"code", "title", "strength", "why", "summary"} <= reads["focus_areas"][
        "items"
    ]
    assert {"eligible", "reasons", "requirements"} <= reads["eligibility"][""]
    assert {"next_step", "adviser", "disclaimer"} <= reads["summary"][""]


def test_every_card_and_key_the_widget_reads_is_in_the_contract() -> None:
    reads = widget_reads()
    every_key = set().union(*(_keys(card) for card in contract.CARDS.values()))
    assert reads["*"][""] <= every_key  # source_line, sources, language, type …
    for kind, fields in reads.items():
        if kind == "*":
            continue
        assert kind in contract.CARDS, f"widget.js draws {kind!r}, not in the contract"
        card = contract.CARDS[kind]
        assert fields[""] <= _keys(card), kind
        for key, read in fields.items():
            if key and read:
                assert read <= _keys(_nested(card, key)), f"{kind}.{key}"


# --- consumers: the secretariat's report --------------------------------------------


def _report_reads(tree: ast.AST) -> Iterator[Tuple[str, str, str]]:
    """(card type or "*", path, key) for each ``.get("key")`` the report makes of a
    stored card: a variable bound by looping over ``….cards``, names taken from it
    (``items = card.get("items")``) and their items. Inside a test
    ``card.get("type") == "x"`` the reads are of card type x."""
    cards: Set[str] = set()
    derived: Dict[str, str] = {}  # name -> the card key it came from
    for node in ast.walk(tree):
        if isinstance(node, (ast.For, ast.comprehension)):
            source = ast.unparse(node.iter)
            if source.endswith("cards") and isinstance(node.target, ast.Name):
                cards.add(node.target.id)
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            taken = [_get_of(call, cards) for call in ast.walk(node.value)]
            taken = [key for key in taken if key not in (None, "type")]
            if taken:  # items = card.get("items") if card.get("type") == … else None
                derived[node.targets[0].id] = taken[0]
    for node in ast.walk(tree):
        if (
            isinstance(node, (ast.For, ast.comprehension))
            and isinstance(node.iter, ast.Name)
            and node.iter.id in derived
            and isinstance(node.target, ast.Name)
        ):  # for item in items
            derived[node.target.id] = derived[node.iter.id]

    def kind_of(guard: ast.AST) -> str:
        for test in ast.walk(guard):
            if (
                isinstance(test, ast.Compare)
                and _get_of(test.left, cards) == "type"
                and isinstance(test.comparators[0], ast.Constant)
            ):
                return str(test.comparators[0].value)
        return "*"

    guarded: Dict[int, str] = {}
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.IfExp, ast.BoolOp)):
            kind = kind_of(node.test if not isinstance(node, ast.BoolOp) else node)
            if kind != "*":
                for inner in ast.walk(node):
                    guarded.setdefault(id(inner), kind)
    for node in ast.walk(tree):
        key = _get_of(node, cards)
        if key is not None:
            yield guarded.get(id(node), "*"), "", key
            continue
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
            receiver = node.func.value
            while isinstance(receiver, ast.Subscript):
                receiver = receiver.value
            if (
                node.func.attr == "get"
                and isinstance(receiver, ast.Name)
                and receiver.id in derived
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                yield "*", derived[receiver.id], str(node.args[0].value)


def _get_of(node: ast.AST, cards: Set[str]) -> Any:
    """The key of ``card.get("key")`` when ``card`` is a stored card, else None."""
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "get"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id in cards
        and node.args
        and isinstance(node.args[0], ast.Constant)
    ):
        return node.args[0].value
    return None


def report_reads() -> List[Tuple[str, str, str]]:
    found = []
    for path in sorted(REPORT.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found += list(_report_reads(tree))
    return found


def test_the_report_scan_finds_what_the_report_reads() -> None:
    reads = set(report_reads())
    assert ("focus_areas", "", "items") in reads
    assert ("*", "items", "code") in reads
    assert ("eligibility", "", "eligible") in reads
    assert ("faq", "", "answered") in reads


def test_the_report_reads_only_keys_the_contract_declares() -> None:
    every_key = set().union(*(_keys(card) for card in contract.CARDS.values()))
    for kind, path, key in report_reads():
        if path:  # a key of an object under a card's key: some card declares both
            holders = [c for c in contract.CARDS.values() if path in _keys(c)]
            assert any(key in _keys(_nested(c, path)) for c in holders), (path, key)
        elif kind == "*":
            assert key in every_key, key
        else:
            assert kind in contract.CARDS, kind
            assert key in _keys(contract.CARDS[kind]), (kind, key)
    types = {
        node.comparators[0].value
        for path in REPORT.glob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Compare)
        and 'get("type")' in ast.unparse(node.left).replace("'", '"')
        and isinstance(node.comparators[0], ast.Constant)
    }
    assert types and types <= set(contract.CARDS), types
