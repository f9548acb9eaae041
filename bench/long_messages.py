"""Where the time of a reply to a long message goes: NLU per component, the actions, REST.

    python bench/long_messages.py [--repeat 3] [--skip nlu,actions,rest]

Issue 16 asks for no reply slower than 1 s to any message the REST channel accepts
(up to REST_MAX_MESSAGE_CHARS). For realistic long messages (project descriptions
in sv and nb, 1 700–4 000 characters) and hostile ones of about 4 000 characters
(one word repeated, one long token, many distinct words, many capitalised words,
hundreds of questions, "a.a.a…", digits) it measures:

1. ``nlu``: the trained model (models/assistant.tar.gz, loaded with Rasa's own
   ``Agent.load``; no retraining), ``agent.parse_message`` timed per pipeline node;
2. ``actions``: the pure-Python work the action server does for the message,
   called directly — ``told`` (action_remember), ``compose`` (every question action
   first), and the look-ups a question action falls back to (FAQ, place finder,
   eligibility check, focus matcher) on what they read of the message; with the work
   done (place look-ups, questions answered, words read);
3. ``rest``: the whole reply over the REST channel of the real stack (tests.support.local_stack).

Each figure is the median of ``--repeat`` runs (caches cleared between runs).
Timing lives here, not in the tests (tests/bot/test_long_messages.py checks the
bounds by the work done).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Dict, List, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import programme_kb  # noqa: E402
from bot.plugins.channels import NLU_PREFIX_CHARS, nlu_prefix  # noqa: E402
from programme_kb import compose as kb_compose  # noqa: E402

SV_DESC = (
    "Hej! Vi är en ideell förening i Årjäng i Värmland som sedan 2015 arbetar med "
    "friluftsliv, naturturism och bygdeutveckling i gränstrakterna mot Norge. Vi har "
    "ungefär 140 medlemmar, två deltidsanställda och ett stort nätverk av små "
    "turistföretag, markägare och ideella krafter på båda sidor av gränsen. "
    "Nu vill vi tillsammans med en norsk förening i Marker kommun och med stöd av "
    "Aremark kommun utveckla ett gemensamt nätverk för hållbar naturturism längs "
    "Stora Le och Haldenvassdraget. Tanken är att besökare ska kunna paddla, vandra och "
    "cykla över gränsen utan att behöva tänka på var den går, och att de små företagen "
    "ska kunna sälja gemensamma paket i stället för att konkurrera med varandra. "
    "Projektet ska bland annat kartlägga befintliga leder och rastplatser, ta fram en "
    "gemensam digital karta på svenska, norska och engelska, utbilda guider och "
    "värdar i hållbar besöksnäring och pröva en gemensam bokningstjänst under två "
    "säsonger. Vi vill också arbeta med skyltning, säkerhet på sjön och med att "
    "minska slitaget på känsliga naturområden, till exempel genom att styra besökare "
    "till platser som tål mer trafik. Vi har pratat med länsstyrelsen och med "
    "kommunerna på båda sidor, och de är positiva till idén. Många av företagen är "
    "väldigt små, ofta enmansföretag, och har svårt att själva hinna med marknadsföring "
    "och utveckling, så vi ser ett stort behov av samverkan över gränsen. "
    "Vi räknar med att projektet behöver ungefär tre år och att vi kan bidra med en del "
    "ideell tid och egna medel, men vi har ingen erfarenhet av EU-projekt sedan tidigare. "
    "Jag har några frågor innan vi börjar skriva ansökan. Får en ideell förening vara "
    "projektägare, eller måste det vara kommunen? Vilket insatsområde passar bäst för "
    "den här typen av projekt? Och hur mycket kan vi söka från programmet?"
)
SV_MORE = (
    " Lite mer bakgrund: Gränsområdet mellan Dalsland, Värmland och Østfold har under lång "
    "tid haft ett gemensamt kulturarv med flottning, gränshandel och släktband över "
    "gränsen, men i dag är det förvånansvärt lite samarbete mellan föreningar och "
    "företag. De flesta besökare kommer från Oslo och Göteborg, men de stannar sällan mer "
    "än en dag eftersom det är svårt att hitta boende, mat och aktiviteter i samma "
    "område. Under pandemin såg vi att intresset för friluftsliv ökade kraftigt, men "
    "också att slitaget på leder och rastplatser blev stort och att skräp och "
    "parkeringsproblem skapade konflikter med markägare. Vi har därför gjort en enkel "
    "förstudie på egen hand med intervjuer med tjugo företag och tio markägare, och "
    "resultatet visar att nästan alla vill samarbeta om de får hjälp med samordning. "
    "Skolorna i området har också visat intresse för att använda lederna i undervisningen "
    "och vi skulle gärna ta med ungdomar som sommarvärdar. Vi vet att det finns en "
    "utlysning till hösten men vi vet inte om vi hinner, och vi undrar om det är bättre "
    "att börja med ett mindre projekt. Kan vi söka pengar för en förstudie först, och "
    "hur länge kan en sådan pågå? När är nästa utlysning?"
    " Om organisationen och ekonomin: föreningen har en styrelse på sju personer, en "
    "omsättning på ungefär 1,2 miljoner kronor per år och egna lokaler vid sjön där vi "
    "hyr ut kanoter. Vi har tidigare drivit projekt "
    "med stöd från Leader och från regionen, bland annat ett ledprojekt och en "
    "utbildning för guider, så vi har viss vana vid redovisning och uppföljning, men "
    "inte i den här skalan. Den norska föreningen är ungefär lika stor som vi och har "
    "goda kontakter med kommunen och med reiselivsbedrifterna på sin sida. Vi tänker oss "
    "att en projektledare anställs på heltid hos oss och att den norska parten har en "
    "koordinator på halvtid, och att vi köper in tjänster för den digitala kartan och "
    "bokningstjänsten. Vi vill gärna att resultaten lever kvar efter projektet, till "
    "exempel genom att företagen själva tar över bokningstjänsten och betalar en "
    "mindre avgift. Vi funderar också på om universitetet i Karlstad kan vara med och "
    "följa projektet med forskning om hållbar turism. Behöver vi ha med en högskola?"
)
NB_DESC = (
    "Hei! Vi er et lite aksjeselskap i Tydal i Trøndelag som driver med lokal matproduksjon "
    "og foredling av råvarer fra fjellbygdene, blant annet spekemat, ost og bær. Vi har "
    "seks ansatte og samarbeider allerede med flere gårder i Holtålen og Røros. Nå ønsker "
    "vi å utvikle et felles nettverk for lokalmat sammen med produsenter i Jämtland og "
    "Härjedalen, fordi vi ser at både vi og de svenske bedriftene sliter med de samme "
    "tingene: små volumer, lange avstander til markedet og lite tid til produktutvikling. "
    "Prosjektet skal kartlegge hvilke produsenter som finnes på begge sider av grensen, "
    "etablere en felles distribusjonsløsning med kjølebil som går over grensen to ganger "
    "i uka, og utvikle en felles merkevare for mat fra fjellregionen. Vi vil også "
    "arrangere kurs i produktutvikling, mattrygghet og eksport for de minste "
    "produsentene, og prøve ut felles salg til hoteller, restauranter og butikker i "
    "reiselivsdestinasjonene på begge sider. Et viktig mål er å redusere klimautslippene "
    "fra transport ved å samordne leveransene, og å gjøre det lettere for unge å starte "
    "egen virksomhet i distriktet. Vi har hatt møter med kommunen og med "
    "næringsforeningen, og flere svenske bedrifter i Funäsdalen og Åre har sagt at de vil "
    "være med. Vi har ikke søkt Interreg-midler før og vet lite om hvordan en søknad "
    "bygges opp, men vi har erfaring med andre tilskudd fra Innovasjon Norge. "
    "Vi tenker at prosjektet bør vare i omtrent to og et halvt år. Jeg har noen spørsmål. "
    "Kan et aksjeselskap søke om midler, eller må en offentlig aktør stå som søker? "
    "Hvilket innsatsområde passer best for et slikt prosjekt? Og må vi ha en svensk "
    "partner som søker i Sverige samtidig?"
)
NB_MORE = (
    " Litt mer bakgrunn: Fjellregionen på begge sider av grensen har en lang tradisjon for "
    "setring, utmarksbeite og handel over riksgrensen, og mange av familiene her har "
    "slekt på den andre siden. Likevel er det i dag lite samarbeid mellom produsentene, "
    "og regelverket for mat som krysser grensen oppleves som vanskelig. De fleste "
    "besøkende kommer fra Trondheim, Østersund og Stockholm, og etterspørselen etter "
    "lokal mat har økt mye de siste årene, særlig i vinter- og sommersesongen. Vi har "
    "gjennomført en enkel spørreundersøkelse blant tretti produsenter og femten "
    "serveringssteder, og nesten alle svarte at de ønsker et felles tilbud hvis noen tar "
    "ansvar for koordineringen. Videregående skole har også vist interesse for å bruke "
    "prosjektet i undervisningen innen restaurant- og matfag, og vi vil gjerne ha med "
    "lærlinger i produksjonen. Vi vet at det kommer en utlysning til høsten, men vi er "
    "usikre på om vi rekker den, og lurer på om det er lurt å starte med et forprosjekt. "
    "Hvor lenge kan et forprosjekt vare, og når er neste søknadsfrist?"
    " Om bedriften og økonomien: vi omsetter for om lag åtte millioner kroner i året og "
    "har egne lokaler med produksjonskjøkken og kjølelager som kan brukes av flere "
    "produsenter. Vi har tidligere fått støtte fra Innovasjon Norge og fra "
    "fylkeskommunen til produktutvikling, så vi kjenner til rapportering og regnskap, "
    "men ikke på dette nivået. Den svenske parten vi har snakket mest med er en "
    "økonomisk forening av matprodusenter i Härjedalen som har omtrent førti "
    "medlemmer. Vi ser for oss at en prosjektleder ansettes i full stilling hos oss, at "
    "den svenske parten har en koordinator i halv stilling, og at vi kjøper tjenester "
    "til merkevarebygging og til en felles nettbutikk. Vi vil gjerne at løsningene "
    "lever videre etter prosjektperioden, for eksempel ved at produsentene selv eier "
    "distribusjonsløsningen gjennom et samvirke. Vi vurderer også å spørre Nord "
    "universitet om de vil følge prosjektet med forskning på lokale verdikjeder. "
    "Hva skjer hvis en av partnerne trekker seg underveis?"
)
CAP = 4000
"""REST_MAX_MESSAGE_CHARS's default: the longest message the channel handles."""
MESSAGES: List[Tuple[str, str, str]] = [
    ("sv description", "sv", SV_DESC),
    ("nb description", "nb", NB_DESC),
    ("sv description, long", "sv", (SV_DESC + SV_MORE)[:CAP]),
    ("nb description, long", "nb", (NB_DESC + NB_MORE)[:CAP]),
    ("one word repeated", "sv", ("turism " * 600)[:CAP]),
    ("one long token", "sv", "a" * CAP),
    ("many distinct words", "sv", " ".join(f"ord{i}x" for i in range(800))[:CAP]),
    ("many capitalised words", "sv", " ".join(f"Ord{i}" for i in range(800))[:CAP]),
    ("hundreds of questions", "sv", ("när? " * 800)[:CAP]),
    ("'a.a.a…'", "sv", ("a." * 2000)[:CAP]),
    ("'kan söka' repeated", "sv", ("kan söka " * 500)[:CAP]),
    ("digits and spaces", "sv", ("1 " * 2000)[:CAP]),
    ("many @", "sv", "@" * CAP),
]
NLU_SHORT = {
    "ScandinavianTokenizer": "tokens",
    "RegexFeaturizer": "regex",
    "LexicalSyntacticFeaturizer": "lexical",
    "CountVectorsFeaturizer3": "words",
    "CountVectorsFeaturizer4": "char n-grams",
    "DIETClassifier": "DIET",
    "ReplyLanguageClassifier": "language",
}


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f}"


def _median(runs: List[float]) -> float:
    return statistics.median(runs) if runs else 0.0


def _clear_caches() -> None:
    """A fresh message each run: the per-turn memo and the language cache emptied."""
    kb_compose._RECENT.clear()
    from bot.plugins import components

    components._detect.cache_clear()


def measure_nlu(repeat: int, prefix: bool) -> Dict[str, Tuple[float, Dict[str, float]]]:
    """Per message: (total, per pipeline node) seconds of ``agent.parse_message`` on
    the whole text, or (``prefix``) on what the REST channel lets NLU read of it."""
    from rasa.core.agent import Agent
    from rasa.engine import graph

    per_node: Dict[str, float] = defaultdict(float)
    original = graph.GraphNode.__call__

    def timed(node: Any, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(node, *args, **kwargs)
        finally:
            per_node[node._node_name] += time.perf_counter() - start

    graph.GraphNode.__call__ = timed  # type: ignore[method-assign,assignment]
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)  # else every parse (the whole text) is logged
    agent = Agent.load(str(ROOT / "models" / "assistant.tar.gz"))
    asyncio.run(agent.parse_message("hej"))  # warm up
    results: Dict[str, Tuple[float, Dict[str, float]]] = {}
    for name, _, whole in MESSAGES:
        text = nlu_prefix(whole) if prefix else whole
        totals: List[float] = []
        nodes: Dict[str, List[float]] = defaultdict(list)
        for _ in range(repeat):
            _clear_caches()
            per_node.clear()
            start = time.perf_counter()
            asyncio.run(agent.parse_message(text))
            totals.append(time.perf_counter() - start)
            for node, seconds in per_node.items():
                nodes[_node_label(node)].append(seconds)
        results[name] = (_median(totals), {k: _median(v) for k, v in nodes.items()})
    graph.GraphNode.__call__ = original  # type: ignore[method-assign]
    return results


def _node_label(node: str) -> str:
    for key, label in NLU_SHORT.items():
        if key in node:
            return label
    return "other"


class _Counting:
    """A recogniser wrapped to count its calls (the work a bound limits)."""

    def __init__(self, inner: Any, counts: Dict[str, int], name: str) -> None:
        self._inner, self._counts, self._name = inner, counts, name

    def __getattr__(self, attribute: str) -> Any:
        value = getattr(self._inner, attribute)
        if attribute not in ("find", "check", "answer", "rank"):
            return value

        def counted(*args: Any, **kwargs: Any) -> Any:
            self._counts[self._name] += 1
            return value(*args, **kwargs)

        return counted


def measure_actions(
    repeat: int,
) -> Dict[str, Tuple[Dict[str, float], Dict[str, int]]]:
    """Per message: seconds per step of the action server's work, and calls made."""
    import dataclasses

    real = programme_kb.shared_service().refresh_if_changed()
    steps: Dict[str, Callable[[Any, str, str], Any]] = {
        "remember": lambda snap, text, lang: kb_compose.told(snap, text, lang),
        "compose": lambda snap, text, lang: kb_compose.compose(snap, text, lang),
        "FAQ": lambda snap, text, lang: snap.faq.answer(kb_compose.reading(text), lang),
        "places": lambda snap, text, lang: snap.places.find(
            kb_compose.reading(text), lang
        ),
        "eligibility": lambda snap, text, lang: snap.eligibility.check(
            kb_compose.head(text), None, lang
        ),
        "focus": lambda snap, text, lang: snap.focus.rank(text, lang, 3),
    }
    kb_compose.compose(real, "hej, vi är en kommun i Dalarna", "sv")  # warm up
    results: Dict[str, Tuple[Dict[str, float], Dict[str, int]]] = {}
    for name, lang, text in MESSAGES:
        times: Dict[str, List[float]] = defaultdict(list)
        counts: Dict[str, int] = defaultdict(int)
        for run in range(repeat):
            _clear_caches()
            counted: Dict[str, int] = defaultdict(int)
            wrapped: Dict[str, Any] = {
                "places": _Counting(real.places, counted, "place look-ups"),
                "faq": _Counting(real.faq, counted, "FAQ queries"),
                "eligibility": _Counting(
                    real.eligibility, counted, "eligibility checks"
                ),
            }
            snap = dataclasses.replace(real, **wrapped)
            for step, work in steps.items():
                start = time.perf_counter()
                result = work(snap, text, lang)
                times[step].append(time.perf_counter() - start)
                if step == "compose" and run == 0:
                    counts["parts"] = len(result.parts)
            if run == 0:
                counts.update(counted)
        results[name] = ({k: _median(v) for k, v in times.items()}, dict(counts))
    return results


def measure_rest(repeat: int) -> Dict[str, float]:
    """Per message: the median reply time over the REST channel (new conversations)."""
    from tests.support.local_stack import Stack

    results: Dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        stack = Stack(Path(tmp))
        stack.start()
        try:
            stack.send("warm", "hej", "sv")
            for i, (name, lang, text) in enumerate(MESSAGES):
                runs = []
                for run in range(repeat):
                    # a leading space per run: not the same text, so nothing is cached
                    variant = (" " * run + text)[:CAP]
                    start = time.perf_counter()
                    replies = stack.send(f"long-{i}-{run}", variant, lang)
                    runs.append(time.perf_counter() - start)
                    assert replies, f"no reply to {name}"
                results[name] = _median(runs)
        finally:
            stack.stop()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--skip", default="", help="comma-separated: nlu, actions, rest"
    )
    args = parser.parse_args()
    skip = {s.strip() for s in args.skip.split(",") if s.strip()}
    whole = measure_nlu(args.repeat, prefix=False) if "nlu" not in skip else {}
    nlu = measure_nlu(args.repeat, prefix=True) if "nlu" not in skip else {}
    actions = measure_actions(args.repeat) if "actions" not in skip else {}
    rest = measure_rest(args.repeat) if "rest" not in skip else {}
    print(
        f"Medians of {args.repeat} runs, ms. NLU reads the first {NLU_PREFIX_CHARS} "
        f"characters (bot.plugins.channels); the actions' bounds apply over "
        f"{kb_compose.LONG_MESSAGE_CHARS} (programme_kb.compose)."
    )
    print()
    print(
        "| message | chars | NLU of the whole | NLU as read | slowest NLU steps | "
        "remember | compose | FAQ | "
        "places | eligibility | focus | work done | REST reply |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name, _, text in MESSAGES:
        total, nodes = nlu.get(name, (0.0, {}))
        slowest = ", ".join(
            f"{k} {_ms(v)}" for k, v in sorted(nodes.items(), key=lambda kv: -kv[1])[:2]
        )
        steps, counts = actions.get(name, ({}, {}))
        work = ", ".join(f"{k} {v}" for k, v in counts.items())
        cells = [_ms(steps[s]) if s in steps else "–" for s in (
            "remember", "compose", "FAQ", "places", "eligibility", "focus"
        )]  # fmt: skip
        print(
            f"| {name} | {len(text)} | {_ms(whole[name][0]) if whole else '–'} | "
            f"{_ms(total) if nlu else '–'} | {slowest or '–'} | "
            + " | ".join(cells)
            + f" | {work or '–'} | {_ms(rest[name]) if name in rest else '–'} |"
        )


if __name__ == "__main__":
    main()
