"""The reply to "is this place in the programme area?", whichever action reads it."""

from __future__ import annotations

from actions.base import Reply
from actions.cards import COVERED_BY_CARD
from actions.common import send_sourced
from programme_kb.compose.profile import shown_name
from programme_kb.listing import Sourced
from programme_kb.places import PlaceMatch, PlaceResult
from programme_kb.text import fold


def say_place(reply: Reply, result: PlaceResult) -> None:
    """Each place found, in the area or not, with its region's note and sources."""
    lines = [_place_sentence(reply, m) for m in result.matches]
    if result.ambiguous:
        lines.insert(
            0,
            reply.render("utter_place_ambiguous", name=_written(result.matches[0])),
        )
    region = reply.kb.regions[result.matches[0].region_id]
    body = "\n\n".join(lines)
    items = [Sourced(body, tuple(region.sources), region.as_of)]
    send_sourced(reply, body, items, result.payload())


def _place_sentence(reply: Reply, match: PlaceMatch) -> str:
    if match.in_programme is True:
        key = "utter_place_in"
    elif match.in_programme == "partly":
        key = "utter_place_partly"
    else:
        key = "utter_place_out"
    name = _written(match)
    where = name if match.kind == "region" else f"{name} ({match.region_name})"
    return reply.render(key, place=where) + " " + match.note


def said_only_a_place(reply: Reply) -> bool:
    """A short message that names a place and asks nothing else ("Sveg?",
    "Holtålen?", "mora, inom området?") gets its place reply, whatever intent it
    was read as; not while a form waits for its answer."""
    if reply.tracker.active_loop.get("name"):
        return False
    found = reply.snap.places.only_a_place(reply.text, reply.lang)
    if found is None or _an_entry_about_it(reply):
        return False
    say_place(reply, found)
    return True


def _an_entry_about_it(reply: Reply) -> bool:
    """Does an FAQ entry of its own answer it ("Är inte Viken med längre?": what
    happened to Viken)? Then that entry, as the place action gives it, not the
    look-up alone."""
    faq = reply.snap.faq.answer(reply.text, reply.lang)
    return (
        faq.answered
        and faq.best is not None
        and faq.best.entry_id not in COVERED_BY_CARD["ask_programme_area"]
    )


def _written(match: PlaceMatch) -> str:
    """A place as written in a reply: aliases are stored in lower case ("sveg",
    "västra götaland"); one that begins its region's name takes that name's casing."""
    region = match.region_name
    if fold(region[: len(match.name)]) == fold(match.name):
        return region[: len(match.name)]
    return shown_name(match.name)
