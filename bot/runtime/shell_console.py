"""``make shell`` for people: cards as readable text, no dependency warnings first.

    python -m bot.runtime.shell_console shell --model models ...   # bot.runtime.launcher's shell mode
    python -m bot.runtime.shell_console run actions ...            # its action server

Both processes of the shell start here. Known DeprecationWarnings of third-party
modules (pkg_resources, sanic_cors, pyparsing through packaging and matplotlib,
TensorFlow's jax import, SQLAlchemy 2.0 notices from Rasa's tracker store) are
filtered by module, so what is still printed before the prompt means something; our
own modules' warnings are never filtered. In the shell process Rasa's console
printer (``rasa.core.channels.console._print_bot_output``) is replaced by one that
prints ``bot.runtime.console_cards.message_lines`` and offers buttons as numbered choices —
only on the Rasa version it was written against; on another, a warning is logged
and Rasa's own output stays.
"""

from __future__ import annotations

import logging
import re
import sys
import warnings
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple

from bot.runtime.console_cards import LABELS, LANGUAGES, language_of, message_lines

logger = logging.getLogger(__name__)

SUPPORTED_RASA = "3.6.21"
"""The console module we replace a function of; checked before the hook goes in."""

QUIET_MODULES = (
    "pkg_resources",
    "sanic_cors",
    "packaging",
    "matplotlib",
    "tensorflow",  # its `from jax import xla_computation`
    "rasa.shared.utils.validation",  # its `import pkg_resources`
    "rasa.core.tracker_store",  # SQLAlchemy 2.0 notices about Rasa's own calls
)
"""Modules whose DeprecationWarnings the shell does not show (a package or a module,
as a whole name): those seen before the first prompt with Rasa 3.6.21."""

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

READABLE_KEYS = frozenset({"recipient_id", "text", "buttons", "custom"})
"""What our actions send; a message with anything else keeps Rasa's printer."""


def quiet_warnings() -> None:
    """Ignore the known dependency DeprecationWarnings, ahead of every other filter.

    Called again after Sanic and Rasa add their own filters ("once" for every
    DeprecationWarning or UserWarning, put first), which would otherwise win.
    """
    for module in QUIET_MODULES:
        warnings.filterwarnings(
            "ignore", category=DeprecationWarning, module=rf"{re.escape(module)}(\.|$)"
        )


class ConsolePrinter:
    """Rasa's ``_print_bot_output`` with cards as text.

    Rasa's output channel sends a reply as several messages: each paragraph of a text
    without buttons, then the card; the console prints each when the next arrives,
    the last one with ``is_latest_message``. A text is therefore held until the next
    call: if that is its card, the two are printed as one message (the closing source
    line becomes the source list, the buttons come after the card). Paragraphs are
    separated by a blank line again. The reply language is remembered for messages
    without a card (a question with buttons) when detection cannot tell.
    """

    def __init__(
        self,
        fallback: Callable[..., Any],
        detect: Optional[Callable[[str], Optional[str]]] = None,
        print_line: Optional[Callable[..., None]] = None,
    ) -> None:
        self.fallback = fallback
        self.detect = detect
        self.print_line = print_line or _print_color
        self.language = "sv"
        self.pending: Optional[Tuple[Dict[str, Any], str]] = None
        self.in_reply = False
        """A message of this reply was printed: the next one starts after a blank line."""

    def __call__(
        self,
        message: Dict[str, Any],
        is_latest_message: bool = False,
        color: str = "\033[94m",
    ) -> Any:
        held, self.pending = self.pending, None
        if held is not None:
            if _card_only(message):
                message = {**held[0], "custom": message["custom"]}
            else:
                self._print(*held, latest=False)
        if not is_latest_message and _text_without_card(message):
            self.pending = (message, color)
            return None
        return self._print(message, color, latest=is_latest_message)

    def _print(self, message: Dict[str, Any], color: str, latest: bool) -> Any:
        started, self.in_reply = self.in_reply, not latest
        if not message.keys() <= READABLE_KEYS:
            return self.fallback(message, latest, color)
        self.language = self._language(message)
        buttons = [
            b
            for b in message.get("buttons") or []
            if isinstance(b, Mapping) and isinstance(b.get("title"), str)
        ]
        ask = latest and bool(buttons)
        lines = message_lines(message, self.language, buttons=not ask)
        for line in [""] + lines if started and lines else lines:
            self.print_line(line, color=color)
        return choice_question(buttons, self.language) if ask else None

    def _language(self, message: Mapping[str, Any]) -> str:
        card = message.get("custom")
        if isinstance(card, Mapping) and card.get("language") in LANGUAGES:
            return language_of(message)
        text = message.get("text")
        if message.get("buttons") and self.detect and isinstance(text, str):
            try:
                found = self.detect(text)
            except Exception:  # a printer must not stop the shell
                found = None
            if found in LANGUAGES:
                return str(found)
        return self.language


def _card_only(message: Mapping[str, Any]) -> bool:
    return isinstance(message.get("custom"), Mapping) and message.keys() <= {
        "recipient_id",
        "custom",
    }


def _text_without_card(message: Mapping[str, Any]) -> bool:
    return (
        isinstance(message.get("text"), str)
        and "custom" not in message
        and message.keys() <= READABLE_KEYS
    )


def choices(buttons: List[Mapping[str, Any]], lang: str) -> List[Tuple[str, str]]:
    """(title, value) per button, then "write something else": the value is what
    Rasa's console reads the payload from ("title (payload)") or its free-text marker."""
    from rasa.cli.utils import FREE_TEXT_INPUT_PROMPT

    listed = [
        (_one_line(b["title"]), f"{b['title']} ({b.get('payload') or b['title']})")
        for b in buttons
    ]
    return [*listed, (LABELS[lang].free_text, FREE_TEXT_INPUT_PROMPT)]


def choice_question(buttons: List[Mapping[str, Any]], lang: str) -> Any:
    """The buttons as a questionary select, numbered (press 1, 2, … or use arrows)."""
    import questionary
    from prompt_toolkit.styles import Style

    options = choices(buttons, lang)
    return questionary.select(
        f"{LABELS[lang].choices}:",
        [questionary.Choice(title=title, value=value) for title, value in options],
        use_shortcuts=len(options) <= 36,
        style=Style([("qmark", "#6d91d3"), ("", "#6d91d3"), ("answer", "#b373d6")]),
    )


def _one_line(text: str) -> str:
    return " ".join(_CONTROL.sub(" ", text).split())


def _print_color(line: str, color: str) -> None:
    from rasa.shared.utils.cli import print_color

    print_color(line, color=color)


def _detect_language(text: str) -> Optional[str]:
    from programme_kb.language import detect

    return detect(text).language


def install() -> bool:
    """Put the readable printer into Rasa's console; False (and a warning) when this
    Rasa is not the version the printer was written against."""
    import rasa
    from rasa.core.channels import console

    if rasa.__version__ != SUPPORTED_RASA or not hasattr(console, "_print_bot_output"):
        logger.warning(
            "Rasa %s, not %s: the shell prints cards as Rasa does (JSON).",
            rasa.__version__,
            SUPPORTED_RASA,
        )
        return False
    original = console._print_bot_output
    if isinstance(original, ConsolePrinter):
        return True
    console._print_bot_output = ConsolePrinter(original, detect=_detect_language)
    return True


def _keep_quiet_after_rasa_configures() -> None:
    """Rasa's CLI configures warnings after parsing its arguments: filter again then."""
    import rasa.__main__ as rasa_cli

    configure = rasa_cli.configure_logging_and_warnings

    def configure_then_quiet(*args: Any, **kwargs: Any) -> None:
        configure(*args, **kwargs)
        quiet_warnings()

    rasa_cli.configure_logging_and_warnings = configure_then_quiet


def main() -> None:
    args = sys.argv[1:]
    quiet_warnings()
    import sanic  # noqa: F401  (its import adds "once" for every DeprecationWarning)

    quiet_warnings()
    _keep_quiet_after_rasa_configures()
    if args[:2] == ["run", "actions"]:
        from rasa.__main__ import main as rasa_main

        sys.argv = ["rasa", *args]
        rasa_main()
        return
    if args[:1] == ["shell"]:
        install()
    from bot.runtime import rasa_main as ours

    ours.main()


if __name__ == "__main__":
    main()
