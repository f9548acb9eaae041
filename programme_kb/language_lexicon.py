"""Words only one of the two languages writes, harvested from the knowledge base.

Every user-facing text in the knowledge base exists in Swedish and in Bokmål, which
makes it a parallel corpus of exactly the vocabulary applicants use ("vedtak" /
"beslut", "forskudd" / "förskott", "idrettslag" / "idrottsförening"). A word seen
at least twice in one language's texts and never in the other's is a marker of that
language; short chat messages ("vedtak?", "prosjektrådgiver") are decided by them.

Hand-kept chat words (``CHAT_WORDS``: "takk", "tjena", "hva", "jag") and spaCy's
stop words of one language only (``stop_markers``: "hon", "nog" / "hun", "her")
join them, because a chat message is mostly words the knowledge base's prose never
uses;
``both`` lists the words both languages write, so that a word typed without
å/ä/ö/æ/ø is not taken for the other language's ("har" is not Swedish "här").
``stop_sv`` / ``stop_nb`` are spaCy's stop words, which the detector counts as
words its dictionaries know: the Swedish table lists few uninflected words
("inne", "lite" are Swedish too, not only Norwegian).
``names`` lists the words of the programme area's place names and of the countries
(folded): a name belongs to no language, so its spelling is no evidence
("trondheim" has the Norwegian "ei", and a Swede writes it so too).

The list is written to ``language_words.yml`` and committed, not rebuilt at run
time: the tokenizer lemmatises in the detected language, so a knowledge-base edit
must not change how messages are read by a model trained earlier. Regenerate with
``python -m programme_kb.language_lexicon`` (then retrain) when the vocabulary grew.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List

import yaml
from pydantic import BaseModel

from programme_kb.kb import KnowledgeBase, load
from programme_kb.models import Terms, Text
from programme_kb.text import fold, words

LEXICON = Path(__file__).with_name("language_words.yml")
MIN_COUNT = 2
MIN_LENGTH = 3
LOANWORDS = frozenset({"budget", "budgeten", "budgettak", "deadline"})
"""Written the same way in both languages in practice, even if our texts do not."""

SHARED_CHAT_WORDS = frozenset(
    """ja jo ok okay no bra super perfekt visst hade halla hallo japp morn mvh info
    då kvar medan utan tala liksom innanfor igår frist moms nån""".split()  # noqa: SIM905
)
"""Chat words both languages write ("hade" is Swedish "had" and Norwegian "bye";
"frist" is Swedish too, "moms" Norwegian too, though our texts write "sista dag"
and "mva"; Norwegian chat writes "nån" for "noen" as Swedish does for "någon";
"då", "kvar", "medan", "utan", "tala" are Swedish and Nynorsk, "innanfor" is
Nynorsk and Swedish "innanför" typed so, and Norwegians type "igår" for "i går"):
never a marker of either, nor taken for one typed without å/ä/ö/æ/ø."""

COUNTRIES = frozenset(
    ["sverige", "norge", "danmark", "finland", "island", "norden", "skandinavien"]
)
"""Names both languages write, joined to the place names (``names``)."""

CHAT_WORDS: Dict[str, str] = {
    # Frequent chat and function words the knowledge base's prose rarely holds, but
    # applicants type in one to three words: greetings, thanks, answers, question
    # words, pronouns, common verbs and nouns of the programme. Each is written only
    # by this language (the other writes "tack/takk", "inte/ikke", "jag/jeg").
    "sv": """
    hej hejsan hejhej tjena tjenare hallå tack tackar tacksam okej nej nä nää
    inte icke inga inget aldrig kanske också även jättebra toppen schysst
    grymt snällt snälla vänligen hälsningar ursäkta förlåt hur vad vadå vem vilken
    vilket vilka varför när där här sedan efter mellan från till och att jag
    mig dig sig ni är ska skall kunna fick göra gör vill måste behöver
    behövs krävs finns fanns gäller betyder menar undrar förstår fattar veta tycker
    söka söker sökt sökte ansöka ansökningar ansökningsdag sista stöd
    medel kronor många mycket några någon något nåt alla annan
    andra själv själva egna våra sina fråga frågor frågan svara hjälp hjälpa
    hjälpen kommun företag företaget förening föreningen föreningar länet
    landsting högskola högskolan näringsliv förstudie förstudien förprojekt
    huvudprojekt småprojekt beslut beslutet utbetalning utbetalningen förskott
    slutrapport lägesrapport samarbete gränsen gräns arbete turism hållbar
    hållbarhet omställning utveckling handläggare mejl mejla ringa hemsida länk
    mall nästa första senast datum vecka veckor månad månader imorgon färdig
    börja börjar sluta fortsätta tillbaka igen gammal dålig fel rätt morgon kväll
    berätta förklara visa skicka kontakta sammanfatta starta avsluta läs kolla
    titta hitta hurdå hurså nånting adress förstått jaså trevlig trevligt gott
    bättre bäst tyvärr självklart fortfarande förresten process hallåj morrn insats
    egeninsats mej dej sej asså iaf mkt ju jamen tjabba morsning gonatt massor
    egentligen numret usch kollar huvud
    """,
    "nb": """
    hei heisann heia morna takk takker takknemlig okei greit nei jepp
    absolutt ikke ikkje aldri kanskje også bare kjempebra supert flott herlig
    hvordan hva hvem hvilken hvilket hvilke hvorfor hvor hvis når etter mellom uten
    fra til og jeg meg deg seg dere deres våre skal kunne fikk gjøre gjør hadde
    trenger trengs kreves finnes fantes gjelder betyr mener lurer skjønner
    forstår vite synes søke søker søkt søkte søknad søknaden søknader søknadsfrist
    støtte tilskudd penger midler kroner mange mye litt noen noe alle
    annen annet andre selv egne sine spørsmål spørsmålet svare hjelp hjelpe
    hjelpen informasjon kommune bedrift bedriften bedrifter
    foreninger idrettslag fylket fylkeskommune fylkeskommunen
    statsforvalteren høgskole høyskole næringsliv forprosjekt hovedprosjekt
    småprosjekt vedtak vedtaket tilsagn utbetaling utbetalingen forskudd
    sluttrapport framdriftsrapport budsjett samarbeid samarbeide grensen grense
    arbeid reiseliv turisme bærekraft bærekraftig omstilling utvikling
    saksbehandler rådgiver nettside hjemmeside lenke skjema neste første senest
    dato uke uker måned måneder ferdig begynne starte slutte fortsette tilbake
    igjen gammel dårlig feil unnskyld beklager vennligst hilsen morgen kveld
    fortell forklar vis send oppsummer avslutt sjekk snakkes akkurat sikkert
    skikkelig veldig lenge frem gikk sånn slik dette denne disse altså adresse
    forstått javel kjekt hyggelig godt bedre dessverre selvfølgelig prosess
    varighet les halloen innsats egeninnsats regnskap regnskapet åssen kordan
    koffor kossen iallfall ift ka
    kva kven korleis kvifor eg noko nokon frå vere ein eit berre mykje meir
    difor skjønar midlar hjelpa nokre enno tilskot sjå kome kommunar ynskjer
    ønskjer dykk dykkar fekk gjekk kjem treng fleire framleis sjølv dine
    vel gøy kun sykt hadet oi uff
    """,
}
"""Hand-kept, merged into the harvest (``language_words.yml``); a word the other
language writes too, or writes so when typed without å/ä/ö/æ/ø, is dropped."""


STOP_WORDS_BOTH = frozenset("din ditt mitt ni sju kl kr nr bakom".split())  # noqa: SIM905
"""Words of one of spaCy's stop lists that the other language writes too, though
neither its stop list nor its dictionary holds them (pronouns, numerals,
abbreviations: Norwegian "din", "sju", "kl"; "ni" is Norwegian "nine")."""


def stop_words(lang: str) -> FrozenSet[str]:
    """spaCy's stop words of the language: the function words chat is made of."""
    if lang == "sv":
        from spacy.lang.sv.stop_words import STOP_WORDS
    else:
        from spacy.lang.nb.stop_words import STOP_WORDS
    return frozenset(w for w in STOP_WORDS if w.isalpha() and len(w) >= 2)


def stop_markers(lang: str, other_words: Iterable[str]) -> List[str]:
    """Stop words of this language only: in neither the other's stop list nor its
    full-form dictionary, also as typed without å/ä/ö/æ/ø, and no way the other
    language's words look so typed ("hon", "nog", "varit" / "hun", "her", "nok").
    A systematic source of the short function words a one-word reply is made of."""
    from programme_kb.language import _knows

    other = "nb" if lang == "sv" else "sv"
    theirs = {fold(w) for w in stop_words(other)} | {fold(w) for w in other_words}
    return sorted(
        w
        for w in stop_words(lang) - stop_words(other) - STOP_WORDS_BOTH
        if fold(w) not in theirs and not _knows(other, w)
    )


def _texts(value: object) -> Iterable[tuple[str, str]]:
    """(language, text) of every Text and Terms anywhere in a model."""
    if isinstance(value, Text):
        yield "sv", value.sv
        yield "nb", value.nb
    elif isinstance(value, Terms):
        for lang in ("sv", "nb"):
            for term in value[lang]:
                yield lang, term
    elif isinstance(value, BaseModel):
        for name in value.__fields__:
            yield from _texts(getattr(value, name))
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)


def _chat(lang: str) -> List[str]:
    return CHAT_WORDS[lang].split()


def place_names(kb: KnowledgeBase) -> List[str]:
    """Folded words of the regions' names, aliases and municipalities, and of the
    countries: words no language owns ("trondheim", "eidskog", "varmland")."""
    found = set(COUNTRIES)
    for name in kb.place_names():
        found |= {fold(w) for w in words(name) if len(w) >= MIN_LENGTH}
    return sorted(found)


def harvest(kb: KnowledgeBase) -> Dict[str, List[str]]:
    """Words of one language only: the knowledge base's, and the chat words; and
    under ``both`` the words both languages' texts hold (``MIN_COUNT`` times each)
    or write as the other types a word without å/ä/ö/æ/ø ("forening"), which such
    a typed word must not be taken for ("har" is not "här").

    A knowledge-base word is left out when the other language's texts hold it
    once. A chat word is left out when the other language writes it too: in its
    chat words, or at least ``MIN_COUNT`` times in its texts and not twenty times
    less often than this one (the Swedish vision quoted in Norwegian texts does
    not make "och" Norwegian). The same holds for how a word of the other
    language looks typed without å/ä/ö/æ/ø ("for" is Swedish "för")."""
    corpus: Dict[str, Counter[str]] = {"sv": Counter(), "nb": Counter()}
    parts = (kb.facts, kb.goals, kb.areas, kb.project_types, kb.eligibility)
    for lang, text in _texts(
        [*parts, kb.places, kb.calls, kb.faq, kb.contact, kb.messages]
    ):
        # lower-case words only: names of places and organisations belong to no language
        corpus[lang].update(
            w for w in words(text) if w.islower() and len(w) >= MIN_LENGTH
        )
    chat = {lang: set(_chat(lang)) for lang in ("sv", "nb")}

    def shared(lang: str, other: str, w: str) -> bool:
        """The other language writes ``w`` too, or types a word so without
        å/ä/ö/æ/ø. For a chat word the other's texts must hold it at least
        ``MIN_COUNT`` times and not twenty times less often than its own; for a
        knowledge-base word once is enough."""
        if w in chat[other] or w in SHARED_CHAT_WORDS:
            return True
        ascii_like = w == fold(w)
        if ascii_like and w in typed_chat[other]:
            return True
        n = corpus[other][w] + (typed[other][w] if ascii_like else 0)
        if w in chat[lang]:
            return n >= MIN_COUNT and n * 20 > corpus[lang][w]
        return n > 0

    typed: Dict[str, Counter[str]] = {"sv": Counter(), "nb": Counter()}
    for lang in ("sv", "nb"):
        for w, n in corpus[lang].items():
            if fold(w) != w:
                typed[lang][fold(w)] += n
    typed_chat = {lang: {fold(w) for w in chat[lang]} for lang in ("sv", "nb")}
    both = {
        w
        for w, n in corpus["sv"].items()
        if n >= MIN_COUNT and corpus["nb"][w] >= MIN_COUNT
    } | SHARED_CHAT_WORDS
    result: Dict[str, List[str]] = {}
    for lang, other in (("sv", "nb"), ("nb", "sv")):
        found = {w for w, n in corpus[lang].items() if n >= MIN_COUNT} | chat[lang]
        result[lang] = sorted(
            w for w in found if not shared(lang, other, w) and w not in LOANWORDS
        )
        # "forening" is Norwegian and Swedish "förening" typed without ö: both
        both |= {
            w
            for w in found
            if w == fold(w) and (w in typed_chat[other] or typed[other][w] >= MIN_COUNT)
        }
    stops = {
        lang: set(stop_markers(lang, result[other]))
        for lang, other in (("sv", "nb"), ("nb", "sv"))
    }
    for lang in ("sv", "nb"):
        result[lang] = sorted(set(result[lang]) | (stops[lang] - both))
    # a chat word one language writes twenty times as often is its own ("och")
    both -= {w for words_ in result.values() for w in words_}
    # a word the texts also write in lower case is a common noun ("kommune",
    # "fylkeskommune" in "Innlandet fylkeskommune"), not a name
    common = {fold(w) for lang in corpus for w in corpus[lang]} - COUNTRIES
    names = [w for w in place_names(kb) if w not in common]
    for lang in ("sv", "nb"):
        # "sverige" in a Norwegian URL is no Norwegian word; a chat word stays
        result[lang] = [w for w in result[lang] if w not in names or w in chat[lang]]
    stop_lists = {f"stop_{lang}": sorted(stop_words(lang)) for lang in ("sv", "nb")}
    return {"both": sorted(both), **result, "names": names, **stop_lists}


def main() -> int:
    header = (
        "# Generated by python -m programme_kb.language_lexicon; see its docstring.\n"
    )
    body = yaml.safe_dump(harvest(load()), allow_unicode=True, width=100)
    LEXICON.write_text(header + body, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
