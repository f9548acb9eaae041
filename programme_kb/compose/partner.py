"""Partner advice: whom to work with across the border, and how to find them.

Its own module because partner questions are read apart from the FAQ: the rule
depends on the user's side ("a Norwegian partner" for a Swedish applicant), a
question naming places in the area is answered by the pairing of sub-areas, and
looking for a partner ("vi hittar ingen partner") is answered with search help.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

from programme_kb.compose.message import questions
from programme_kb.compose.parts import Part, _entry_part, _label, sub_area_name
from programme_kb.compose.profile import SIDES, Profile, _other, find_places
from programme_kb.kb import KnowledgeBase
from programme_kb.models import Region
from programme_kb.service import Snapshot
from programme_kb.text import clean, fold, words

_PARTNER_ENTRIES = frozenset(
    {"partner_other_country", "partner_pairing", "find_partners"}
)


_PARTNER_Q = re.compile(
    r"(?<!vara )(?<!være )(?<!vere )(?<!bli )"
    r"\b\w{0,30}?(?:partner|partnar)(?:n|na|ne|en|er|ar|are|arna|erne|e|s)?\b|"
    r"\bsamarbe(?:ts|ids)part(?:en|er|ene|erna|s)?\b|"
    r"\bsamarbet(?:a|ar|at|ade|as|e|et|en|ena|s)?\b|"
    r"\bsamarbeid(?:e|er|et|a|as|s|ene)?\b|"
    r"(?<!vara )(?<!være )(?<!vere )(?<!bli )"
    r"(?:projektägare|prosjekteier|medsökande|medsøker)|andra sidan|andre siden",
    re.IGNORECASE,
)
"""A word whose head is "partner" ("partnern", "samarbetspartner", "samarbeidspart")
or cooperating itself; not a compound in which partner only qualifies the head
("partnermöte", "samarbetsavtal"): "vilket hotell passar för ett partnermöte?" is no
partner question; nor is "kan länsstyrelsen vara projektägare / partner?", which asks
whether the one named may apply."""


def _partners_in_area(snap: Snapshot, question: str, lang: str) -> bool:
    """The question names places, and all of them are in the programme area."""
    found = find_places(snap, question, lang)
    return bool(found) and all(f.match.in_programme is True for f in found)


_PARTNER_SEARCH = re.compile(
    r"\b(?:hitta\w*|hittar|hittat|finna|finner|finne|finn|funne\w*|fann|fant|"
    r"leta\w*|lete\w*|sok\w* (?:efter|etter)|(?:fa|far|fatt)(?: \w+)? (?:tag|tak)|skaffa|skaffe|"
    r"(?:komma|komme|fa) (?:i )?kontakt|knyta|knytte|kontakte?)\b"
)
_PARTNER_LACK = re.compile(
    r"\b(?:saknar|sakna|mangler|manglar|mangla|ingen|inga|inte|ikke|ikkje)\b"
)
_PARTNER_HOW = re.compile(
    r"\b(?:hur|hvordan|korleis|tips|rad|hjalp\w*|hjelp\w*|gor|gjor|gjer|brukar|"
    r"pleier|plar|forslag|ideer|nan|noen|nokon)\b"
)
_PARTNER_RULE = re.compile(
    r"\b(?:utan|uten|anda|likevel|alene|aleine|ensam\w*|"
    r"pa egen hand|pa eiga hand|pa egenhand)\b"
)
_PARTNER_NEED = re.compile(
    r"\b(?:behover|behovs|behov|trenger|trengs|treng|trengst|kravs|kraver|kreves|"
    r"krever|kravst|nodvandig\w*|nodvendig\w*|obligatorisk\w*)\b"
)
"""Needing a partner, folded: "trenger vi ikke svensk partner hvis …?" asks the rule
(whether one is needed), even with "ikke" before the partner word and "gjør" after."""
_PARTNER_WORD = re.compile(
    r"\b(?:\w*partner\w*|\w*partnar\w*|samarbet\w*|samarbeid\w*|projektagare\w*|"
    r"prosjekteie\w*|medsok\w*|part|parten)\b"
)
SEARCH_REACH = 5
"""Words between the search verb and the partner word ("hittar ingen partner",
"partner på norsk sida, hur hittar vi en")."""


def seeks_partner(text: str) -> bool:
    """The user looks for a partner and asks how: "vi hittar ingen partner i Norge,
    hur brukar man göra?", "vi mangler en svensk samarbeidspartner, har dere tips?".

    The question is how to find one (partner search help), not whether one is needed;
    "kan vi söka utan partner?" / "kan vi søke alene?" asks the rule and is not this.
    """
    folded = " ".join(words(fold(clean(text))))
    if not questions(text) and not _PARTNER_HOW.search(folded):
        return False
    if _PARTNER_RULE.search(folded):
        return False
    tokens = folded.split()
    partner_at = [i for i, t in enumerate(tokens) if _PARTNER_WORD.fullmatch(t)]
    if not partner_at or _needs_a_partner(tokens, partner_at):
        return False
    for verb in _PARTNER_SEARCH.finditer(folded):
        first = len(folded[: verb.start()].split())
        last = len(folded[: verb.end()].split()) - 1  # "får vi tag på": its last word
        if any(min(abs(first - i), abs(last - i)) <= SEARCH_REACH for i in partner_at):
            return True
    near_lack = any(
        _PARTNER_LACK.fullmatch(tokens[j])
        for i in partner_at
        for j in range(max(0, i - 3), i)
    )
    return near_lack and bool(_PARTNER_HOW.search(folded))


def _needs_a_partner(tokens: Sequence[str], partner_at: Sequence[int]) -> bool:
    """A need verb governs the partner word ("trenger vi ikke en svensk partner? vi
    har ikke funnet noen ennå"): the question is whether one is needed, what the
    search help does not say. "behöver vi hjälp att hitta en partner" has the search
    verb between: search help."""
    for i in partner_at:
        before = tokens[max(0, i - SEARCH_REACH) : i]
        for j, token in enumerate(before):
            if _PARTNER_NEED.fullmatch(token) and not any(
                _PARTNER_SEARCH.fullmatch(t) for t in before[j + 1 :]
            ):
                return True
    return False


def partner_help_part(kb: KnowledgeBase, text: str, lang: str) -> Optional[Part]:
    """The partner-search answer for a message that looks for a partner, or None."""
    if not seeks_partner(text):
        return None
    return _entry_part(kb, "find_partners", lang)


_FOREIGN = re.compile(
    r"\b(?:danmark|dansk\w*|finland|finsk\w*|tyskland|tysk\w*|island|islandsk\w*|"
    r"estland|estnisk\w*|polen|polsk\w*|nederland\w*|holland|skottland|england|"
    r"europa|europeisk\w*|utland\w*|utlandsk\w*|utenlandsk\w*|utanlandsk\w*|"
    r"utomlands|utenlands)\b"
)
"""Countries and words for abroad, folded: a partner from there is outside the
programme area (the places list holds Swedish and Norwegian places only)."""


_OUTSIDE_THE_AREA = re.compile(
    r"\b(?:utanfor|utenfor|utafor|utom)\s+(?:program)?(?:omradet|regionen|geografien)\b"
)
""""Utanför området", "utenfor programområdet", folded: outside the area, no place
named ("partner utenfor området?")."""


_TAKE_PART = re.compile(
    r"\b(?:bli med|vara med|vare med|bli medlem|delta\w*|medverka\w*|medvirke\w*|"
    r"ingå|inga i|ta del|taka del)\b"
)
"""Taking part, folded ("kan en finsk kommune bli med?"): with another country or a
place outside the area, the same rule as for a partner from there."""
_WITH_ABROAD = re.compile(
    r"\b(?:prosjekt|projekt|prosjekter|projekten|prosjektet|projektet)\s+"
    r"(?:sammen\s+|saman\s+|tillsammans\s+)?med\s+(?:\w+\s+){0,3}?"
    r"(?:danmark|finland|tyskland|island|estland|polen|nederland\w*|holland|"
    r"skottland|england|utlandet)\b"
)
"""A project with another country, folded ("kan vi søke om støtte til et prosjekt med
Finland?"): the same rule as for a partner from there."""


def outside_partner_part(snap: Snapshot, text: str, lang: str) -> Optional[Part]:
    """The rule for partners outside the programme area, for a partner question that
    names a place outside it or another country ("kan vi ha med en partner fra
    Danmark?", "… en partner utanför området? de sitter i Uppsala", "kan en finsk
    kommune bli med?"), or None."""
    folded = " ".join(words(fold(clean(text))))
    if not (
        questions(text)
        and (
            _PARTNER_WORD.search(folded)
            or _TAKE_PART.search(folded)
            or _WITH_ABROAD.search(folded)
        )
    ):
        return None  # "vara partner" too: whoever it is, outside the area
    outside = any(f.match.in_programme is False for f in find_places(snap, text, lang))
    if not (outside or _FOREIGN.search(folded) or _OUTSIDE_THE_AREA.search(folded)):
        return None
    return _entry_part(snap.kb, "outside_area_partner", lang)


def asks_about_partner(text: str) -> bool:
    """A question about whom to work with across the border."""
    return bool(_PARTNER_Q.search(text)) and bool(questions(text))


def partner_part(snap: Snapshot, known: Profile, lang: str) -> Optional[Part]:
    """Who the partner must be for *this* user: the other side, and where to look.

    None when the side is not known: then the general rule is the answer.
    """
    if known.side not in SIDES:
        return None
    kb = snap.kb
    side = str(known.side)
    label = _label(kb, known.organisation_type, lang)
    key = f"compose_partner_{side}"
    text = kb.message(key, lang, who=label or kb.message("compose_who", lang))
    facts = [kb.facts["two_applicants"], kb.facts["parallel_applications"]]
    region = _region_of(snap, known, lang)
    if region is not None and region.sub_area:
        other = [
            r.name
            for r in kb.places.regions
            if r.sub_area == region.sub_area
            and r.country != region.country
            and r.status in ("in", "partly")
        ]
        sub = sub_area_name(kb, region.sub_area, lang)
        if other and sub:
            text += " " + kb.message(
                "compose_partner_sub_area",
                lang,
                place=known.place or region.name,
                sub_area=sub,
                regions=_joined(other, lang),
            )
            facts.append(kb.facts["partner_pairing"])
    sources = tuple(dict.fromkeys(s for f in facts for s in f.sources))
    if region is not None:
        sources += tuple(s for s in region.sources if s not in sources)
    return Part(
        "partner",
        text,
        sources,
        max(f.as_of for f in facts),
        {
            "side": side,
            "partner_side": _other(side),
            "pairing": kb.facts["partner_pairing"] in facts,
        },
    )


def _region_of(snap: Snapshot, known: Profile, lang: str) -> Optional[Region]:
    """The region of the place told; a former county with one successor is that
    successor (Hedmark is in Innlandet today, and Innlandet has a sub-area)."""
    if not known.place:
        return None
    result = snap.places.find(known.place, lang)
    if not result.matches:
        return None
    region = snap.kb.regions[result.matches[0].region_id]
    if region.status == "former" and len(region.successors) == 1:
        return snap.kb.regions.get(region.successors[0], region)
    return region


def _joined(names: Sequence[str], lang: str) -> str:
    if len(names) == 1:
        return names[0]
    word = " och " if lang == "sv" else " og "
    return ", ".join(names[:-1]) + word + names[-1]
