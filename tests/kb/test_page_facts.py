"""Every fact of the 2021 programme page is in the KB, in Swedish AND Norwegian Bokmål.

The programme page (``/work/shared/programme/programme-page-2021.txt``) is the base
layer; ``later-facts.md`` adds a dated second layer whose facts supersede some page
facts. Checks are case-insensitive substring checks on a few distinctive words per
fact and language, so rewording is free but dropping a fact (or a language) fails.
"""

from __future__ import annotations

import datetime as dt
from typing import Dict, Iterator, List, Sequence, Tuple

import pytest

from programme_kb import listing
from programme_kb.kb import KnowledgeBase
from programme_kb.models import AREA_CODES, Text

PAGE_DATE = dt.date(2021, 6, 18)
PAGE_SOURCE = "region_varmland_2021"
"""The public page that carried the 2021 programme text (sources.yml)."""


def _contains_all(text: str, terms: Sequence[str]) -> List[str]:
    """The terms missing from text (case-insensitive)."""
    low = text.casefold()
    return [t for t in terms if t.casefold() not in low]


def _assert_bilingual(
    text: Text, sv_terms: Sequence[str], nb_terms: Sequence[str], what: str
) -> None:
    assert text.sv.strip(), f"{what}: empty sv text"
    assert text.nb.strip(), f"{what}: empty nb text"
    assert text.sv.strip() != text.nb.strip(), f"{what}: sv and nb are identical"
    missing_sv = _contains_all(text.sv, sv_terms)
    missing_nb = _contains_all(text.nb, nb_terms)
    assert not missing_sv, f"{what} (sv) lacks {missing_sv}: {text.sv!r}"
    assert not missing_nb, f"{what} (nb) lacks {missing_nb}: {text.nb!r}"


# --------------------------------------------------------------------- page facts

PAGE_FACTS: Dict[str, Tuple[List[str], List[str]]] = {
    # Region Värmland coordinated the work on the programme
    "coordination_2021": (
        ["Region Värmland", "samordna", "2021–2027"],
        ["Region Värmland", "koordiner", "2021–2027"],
    ),
    # the programme area of the proposal: five Swedish regions, three Norwegian fylker
    "area_2021": (
        [
            "Dalarna",
            "Jämtland-Härjedalen",
            "Värmland",
            "Västernorrland",
            "Västra Götaland",
            "Innlandet",
            "Trøndelag",
            "Viken",
            "fylkeskommun",
        ],
        [
            "Dalarna",
            "Jämtland-Härjedalen",
            "Värmland",
            "Västernorrland",
            "Västra Götaland",
            "Innlandet",
            "Trøndelag",
            "Viken",
            "fylkeskommune",
        ],
    ),
    # built on common challenges with cross-border added value
    "proposal_basis": (
        ["gemensamma utmaningar", "mervärde"],
        ["felles utfordringer", "merverdi"],
    ),
    # goals built on EU policy for territorial cooperation and national policy
    "programme_basis": (
        ["territoriellt samarbete", "nationella mål"],
        ["territorielt samarbeid", "nasjonale mål"],
    ),
    # sent to Näringsdepartementet on 18 June 2021
    "proposal_sent": (
        ["18 juni 2021", "Näringsdepartementet"],
        ["18. juni 2021", "Näringsdepartementet"],
    ),
    # then to the EU Commission for processing and decision
    "proposal_to_commission": (
        ["EU-kommissionen", "beslut"],
        ["EU-kommisjonen", "vedtak"],
    ),
    # first call planned spring or summer 2022, not yet open in 2021
    "first_call_plan_2021": (
        ["våren", "sommaren", "2022", "utlysning"],
        ["våren", "sommeren", "2022", "utlysning"],
    ),
    # the proposal was published early; full description in the programme draft (PDF)
    "proposal_published": (["insatsområde", "PDF"], ["innsatsområde", "PDF"]),
    # why must it be solved across the border?
    "why_cross_border": (
        ["Interreg-projekt", "över gränsen"],
        ["Interreg-prosjekt", "på tvers av grensen"],
    ),
    # why Interreg Sverige–Norge and not other support?
    "why_interreg": (
        ["Interreg Sverige–Norge", "andra stödformer"],
        ["Interreg Sverige–Norge", "andre støtteordninger"],
    ),
    # the three added-value tests
    "added_value": (
        [
            "gemensamma utmaningar",
            "möjligheter och resurser",
            "gränshinder",
            "lagar och regler",
        ],
        [
            "felles utfordringer",
            "muligheter og ressurser",
            "grensehindre",
            "lover og regler",
        ],
    ),
    # two applicants, one Swedish and one Norwegian
    "two_applicants": (
        ["två sökande", "Sverige", "Norge"],
        ["to søkende", "Sverige", "Norge"],
    ),
    # joint implementation, each with its own budget and financing
    "joint_implementation": (
        ["tillsammans", "eget ansvar", "budget", "finansiering"],
        ["i fellesskap", "eget ansvar", "budsjett", "finansiering"],
    ),
    # the secretariat helps to find Swedish partners
    "partner_help": (
        ["Sekretariatet", "svenska projektpartner"],
        ["Sekretariatet", "svenske prosjektpartnere"],
    ),
    # all kinds of organisations, public and private
    "who_may_apply": (
        ["Alla typer av organisationer", "offentliga", "privata"],
        ["Alle typer organisasjoner", "offentlige", "private"],
    ),
    # the "Hvem kan søke?" bullets
    "applicant_categories": (
        [
            "universitet",
            "högskolor",
            "forskningsinstitut",
            "folkhögskolor",
            "gymnasieskolor",
            "grundskolor",
            "närings- och branschorganisationer",
            "myndigheter",
            "nationell",
            "regional",
            "lokal",
            "kulturinstitutioner",
            "stiftelser",
            "ekonomiska",
            "ideella",
        ],
        [
            "universitet",
            "høgskoler",
            "forskningsinstitusjoner",
            "folkehøgskoler",
            "videregående skoler",
            "grunnskoler",
            "nærings- og bransjeorganisasjoner",
            "myndigheter",
            "nasjonalt",
            "regionalt",
            "lokalt",
            "kulturinstitusjoner",
            "stiftelser",
            "økonomiske",
            "ideelle",
        ],
    ),
    # private persons and sole proprietorships cannot apply
    "not_eligible": (
        ["Privatpersoner", "enskild", "inte"],
        ["Privatpersoner", "enkeltpersonforetak", "ikke"],
    ),
    # three project types
    "three_types": (
        ["tre", "förstudie", "huvudprojekt", "småskaligt projekt"],
        ["tre", "forprosjekt", "hovedprosjekt", "småskalaprosjekt"],
    ),
    # forprosjekt: smaller, up to 12 months, leading to a larger application later
    "forprosjekt_2021": (
        ["förprojekt", "tolv månader", "omfattande ansökan"],
        ["forprosjekt", "tolv måneder", "omfattende søknad"],
    ),
    # more information on project types to be published when calls open in 2022
    "project_type_info_2022": (["projekttyper", "2022"], ["prosjekttypene", "2022"]),
}


@pytest.mark.parametrize("fact_id", sorted(PAGE_FACTS))
def test_page_fact_is_present_in_both_languages(
    kb: KnowledgeBase, fact_id: str
) -> None:
    assert fact_id in kb.facts, f"page fact {fact_id!r} is missing from facts.yml"
    fact = kb.facts[fact_id]
    sv_terms, nb_terms = PAGE_FACTS[fact_id]
    _assert_bilingual(fact.text, sv_terms, nb_terms, fact_id)


@pytest.mark.parametrize("fact_id", sorted(PAGE_FACTS))
def test_page_fact_cites_the_page(kb: KnowledgeBase, fact_id: str) -> None:
    fact = kb.facts[fact_id]
    assert PAGE_SOURCE in fact.sources, (
        f"{fact_id} does not name the programme page: {fact.sources!r}"
    )
    assert fact.as_of >= PAGE_DATE


def test_page_only_facts_are_dated_to_the_page(kb: KnowledgeBase) -> None:
    """Facts that rest only on the page carry the page's date, not a later one."""
    page_only = [f for f in kb.facts.values() if f.sources == [PAGE_SOURCE]]
    assert len(page_only) >= 10
    wrong = {f.id: f.as_of for f in page_only if f.as_of != PAGE_DATE}
    assert not wrong, f"page-only facts with a date other than {PAGE_DATE}: {wrong}"


# ------------------------------------------------------------------ goals and areas

GOALS: Dict[int, Tuple[List[str], List[str]]] = {
    1: (["smartare", "gränsregion"], ["smartere", "grenseregion"]),
    2: (["grönare", "gränsregion"], ["grønnere", "grenseregion"]),
    3: (["social", "gränsregion"], ["sosial", "grenseregion"]),
    4: (["starkare", "gränsregion"], ["sterkere", "grenseregion"]),
}
GOAL_DESCRIPTIONS: Dict[int, Tuple[List[str], List[str]]] = {
    1: (
        ["innovation", "små och medelstora företag"],
        ["innovasjon", "små og mellomstore bedrifter"],
    ),
    2: (["klimat", "cirkulär ekonomi"], ["klima", "sirkulær økonomi"]),
    3: (
        ["arbetsmarknad", "livslångt lärande", "covid-19"],
        ["arbeidsmarked", "livslang læring", "covid-19"],
    ),
    4: (
        ["lokal samhällsutveckling", "kommuner"],
        ["lokal samfunnsutvikling", "kommuner"],
    ),
}


def test_four_goals(kb: KnowledgeBase) -> None:
    assert [g.id for g in kb.goals] == [1, 2, 3, 4]


@pytest.mark.parametrize("goal_id", sorted(GOALS))
def test_goal_in_both_languages(kb: KnowledgeBase, goal_id: int) -> None:
    goal = kb.goal(goal_id)
    _assert_bilingual(goal.title, *GOALS[goal_id], what=f"goal {goal_id} title")
    _assert_bilingual(
        goal.description,
        *GOAL_DESCRIPTIONS[goal_id],
        what=f"goal {goal_id} description",
    )
    _assert_bilingual(
        goal.official_title, *GOALS[goal_id], what=f"goal {goal_id} official title"
    )


AREA_GOAL = {"1A": 1, "1B": 1, "2A": 2, "2B": 2, "3A": 3, "3B": 3, "3C": 3, "4A": 4}
AREA_TITLES: Dict[str, Tuple[List[str], List[str]]] = {
    "1A": (
        ["innovation", "forskning", "utveckling"],
        ["innovasjon", "forskning", "utvikling"],
    ),
    "1B": (
        ["hållbar tillväxt", "konkurrenskraft", "små och medelstora företag"],
        ["bærekraftig vekst", "konkurransekraft", "små og mellomstore bedrifter"],
    ),
    "2A": (["klimat", "miljö"], ["klima", "miljø"]),
    "2B": (["cirkulär ekonomi"], ["sirkulær økonomi"]),
    "3A": (["arbetsmarknad"], ["arbeidsmarked"]),
    "3B": (["utbildning", "livslångt lärande"], ["utdanning", "livslang læring"]),
    "3C": (["kultur", "besöksnäring"], ["kultur", "reiselivsnæring"]),
    "4A": (["lokal samhällsutveckling"], ["lokal samfunnsutvikling"]),
}
AREA_AIMS: Dict[str, Tuple[List[str], List[str]]] = {
    "1A": (
        ["tillämpad forskning", "avancerad teknik"],
        ["anvendt forskning", "avansert teknikk"],
    ),
    "1B": (["kluster", "nätverk"], ["klynger", "nettverk"]),
    "2A": (
        ["klimatförändringarna", "gränsöverskridande planer"],
        ["klimaendringene", "grenseoverskridende planer"],
    ),
    "2B": (["kretslopp"], ["kretsløpsøkonomi"]),
    "3A": (["jämställd", "öppen arbetsmarknad"], ["likestilt", "åpent arbeidsmarked"]),
    "3B": (
        ["livslångt lärande", "digital infrastruktur"],
        ["livslang læring", "digital infrastruktur"],
    ),
    "3C": (["covid-19", "nätverk", "ideella"], ["covid-19", "nettverk", "ideelle"]),
    "4A": (
        ["kommuner", "ideella", "territoriella agenda", "folk-till-folk"],
        ["kommuner", "ideelle", "territorielle agenda", "folk-til-folk"],
    ),
}
# One (sv, nb) keyword pair per example project on the page, in page order.
AREA_EXAMPLES: Dict[str, List[Tuple[str, str]]] = {
    "1A": [
        ("kunskapsöverföring", "kunnskapsoverføring"),
        ("nya idéer", "nye ideer"),
        ("kommersialisera", "kommersialisere"),
        ("sjukvård", "helsevesenet"),
        ("förnybar energi", "fornybar energi"),
        ("tätorter", "tettsteder"),
    ],
    "1B": [
        ("kluster", "klynge"),
        ("smart specialisering", "smart spesialisering"),
        ("produktionsprocesser", "produksjonsprosesser"),
        ("entreprenörskap", "entreprenørskap"),
        ("värdekedjor", "verdikjeder"),
        ("kartlägger branscher", "kartlegger bransjer"),
    ],
    "2A": [
        ("krishantering", "krisehåndtering"),
        ("skogsbrand", "skogbrann"),
        ("översvämningar", "oversvømmelser"),
        ("erosion", "erosjon"),
        ("grön infrastruktur", "grønn infrastruktur"),
    ],
    "2B": [
        ("miljöcertifieringar", "miljøsertifiseringer"),
        ("utbildningsprogram", "utdanningsprogrammer"),
        ("inköp", "innkjøp"),
        ("cirkulära modeller", "sirkulære modeller"),
    ],
    "3A": [
        ("sysselsättning", "sysselsettingstiltak"),
        ("arbetskraft", "arbeidskraft"),
        ("certifieringssystem", "sertifiseringssystemer"),
        ("arbetslösa", "arbeidsledige"),
        ("jämställd", "likestilt"),
    ],
    "3B": [
        ("gymnasienivå", "videregående nivå"),
        ("modersmålsundervisning", "morsmålsundervisning"),
        ("masterprogram", "masterprogram"),
        ("distansundervisning", "fjernundervisning"),
        ("utbildningsplattform", "utdanningsplattform"),
    ],
    "3C": [
        ("destination", "reiselivsdestinasjoner"),
        ("evenemang", "arrangementer"),
        ("kompetensutveckling", "kompetanseutvikling"),
        ("lokal mat", "lokal mat"),
        ("tillgänglighet", "tilgjengelighet"),
        ("slitage", "slitasje"),
    ],
    "4A": [
        (
            "juridiska och administrativa hinder",
            "juridiske og administrative hindringer",
        ),
        ("samlade kompetens", "samlede kompetanse"),
        ("platsutveckling", "stedsutvikling"),
        ("territoriella agenda", "territorielle agenda"),
        ("folk-till-folk", "folk-til-folk"),
        ("offentlig service", "offentlig service"),
        ("energisystem", "energisystemer"),
    ],
}
PAGE_EXAMPLE_COUNTS = {
    "1A": 6,
    "1B": 6,
    "2A": 5,
    "2B": 4,
    "3A": 5,
    "3B": 5,
    "3C": 6,
    "4A": 7,
}


def test_eight_focus_areas_with_fixed_codes(kb: KnowledgeBase) -> None:
    assert (
        list(kb.areas)
        == list(AREA_CODES)
        == ["1A", "1B", "2A", "2B", "3A", "3B", "3C", "4A"]
    )


@pytest.mark.parametrize("code", AREA_CODES)
def test_focus_area_title_aim_and_goal(kb: KnowledgeBase, code: str) -> None:
    area = kb.areas[code]
    assert area.goal == AREA_GOAL[code]
    _assert_bilingual(area.title, *AREA_TITLES[code], what=f"{code} title")
    _assert_bilingual(area.aim, *AREA_AIMS[code], what=f"{code} aim")
    assert area.short_label.sv.strip() and area.short_label.nb.strip()


@pytest.mark.parametrize("code", AREA_CODES)
def test_focus_area_has_exactly_the_page_examples(kb: KnowledgeBase, code: str) -> None:
    examples = kb.areas[code].examples
    assert len(examples) == PAGE_EXAMPLE_COUNTS[code] == len(AREA_EXAMPLES[code])
    for i, example in enumerate(examples):
        _assert_bilingual(example, [], [], what=f"{code} example {i}")
    for sv_kw, nb_kw in AREA_EXAMPLES[code]:
        hits = [
            e
            for e in examples
            if sv_kw.casefold() in e.sv.casefold()
            and nb_kw.casefold() in e.nb.casefold()
        ]
        assert hits, (
            f"{code}: no example with {sv_kw!r} (sv) and {nb_kw!r} (nb) in the same item"
        )


@pytest.mark.parametrize("code", AREA_CODES)
def test_focus_area_vocabulary_in_both_languages(kb: KnowledgeBase, code: str) -> None:
    vocabulary = kb.areas[code].vocabulary
    assert len(vocabulary.sv) >= 10 and len(vocabulary.nb) >= 10
    assert all(term.strip() for term in vocabulary.all())


def test_goals_listing_groups_areas(kb: KnowledgeBase) -> None:
    for lang in ("sv", "nb"):
        grouped = {g.id: [a.code for a in g.areas] for g in listing.goals(kb, lang)}
        assert grouped == {
            1: ["1A", "1B"],
            2: ["2A", "2B"],
            3: ["3A", "3B", "3C"],
            4: ["4A"],
        }


# -------------------------------------------------------- who may apply, project types

PAGE_CATEGORY_TYPES = [
    # Forsknings- og utdanningsinstitusjoner
    "university",
    "research_institute",
    "folk_high_school",
    "upper_secondary_school",
    "primary_school",
    # Næringslivsorganisasjoner og bransjeorganisasjoner
    "business_organisation",
    # Offentlige myndigheter på nasjonalt, regionalt og lokalt nivå
    "national_authority",
    "region_county",
    "municipality",
    # Kulturinstitusjoner, stiftelser og ideelle organisasjoner / økonomiske og ideelle foreninger
    "cultural_institution",
    "foundation",
    "non_profit_association",
    "economic_association",
]


@pytest.mark.parametrize("type_id", PAGE_CATEGORY_TYPES)
def test_every_page_category_is_an_eligible_organisation_type(
    kb: KnowledgeBase, type_id: str
) -> None:
    org = kb.organisation_types[type_id]
    assert org.eligible is True
    assert org.names.sv and org.names.nb, f"{type_id} needs names in both languages"
    _assert_bilingual(org.reason, [], [], what=f"{type_id} reason")
    assert org.category.sv.strip() and org.category.nb.strip()


@pytest.mark.parametrize(
    ("type_id", "sv_name", "nb_name"),
    [
        ("private_person", "privatperson", "privatperson"),
        ("sole_proprietorship", "enskild firma", "enkeltpersonforetak"),
    ],
)
def test_private_persons_and_sole_proprietorships_cannot_apply(
    kb: KnowledgeBase, type_id: str, sv_name: str, nb_name: str
) -> None:
    org = kb.organisation_types[type_id]
    assert org.eligible is False
    assert sv_name in org.names.sv and nb_name in org.names.nb
    _assert_bilingual(org.reason, ["inte"], ["ikke"], what=f"{type_id} reason")


def test_authority_category_names_all_three_levels(kb: KnowledgeBase) -> None:
    category = kb.organisation_types["municipality"].category
    _assert_bilingual(
        category,
        ["nationell", "regional", "lokal"],
        ["nasjonalt", "regionalt", "lokalt"],
        "authorities",
    )


def test_eligibility_listing_keeps_page_categories(kb: KnowledgeBase) -> None:
    for lang, words in (
        ("sv", ["Forsknings", "bransch", "myndigheter", "Kultur", "Stiftelser"]),
        ("nb", ["Forsknings", "bransje", "myndigheter", "Kultur", "Stiftelser"]),
    ):
        rules = listing.eligibility_rules(kb, lang)
        joined = " | ".join(rules.categories)
        assert not _contains_all(joined, words), joined
        assert len(rules.not_eligible) == 2


PROJECT_TYPES: Dict[str, Tuple[List[str], List[str]]] = {
    "forprosjekt": (["förstudie"], ["forprosjekt"]),
    "hovedprosjekt": (["huvudprojekt"], ["hovedprosjekt"]),
    "smaskalaprosjekt": (["småskaligt projekt"], ["småskalaprosjekt"]),
}


def test_three_project_types(kb: KnowledgeBase) -> None:
    assert set(kb.project_types) == set(PROJECT_TYPES)


@pytest.mark.parametrize("type_id", sorted(PROJECT_TYPES))
def test_project_type_in_both_languages(kb: KnowledgeBase, type_id: str) -> None:
    ptype = kb.project_types[type_id]
    _assert_bilingual(ptype.name, *PROJECT_TYPES[type_id], what=f"{type_id} name")
    for field in ("description", "duration", "when_to_apply", "suits_when"):
        _assert_bilingual(getattr(ptype, field), [], [], what=f"{type_id}.{field}")


def test_forprosjekt_up_to_twelve_months_leading_to_larger_application(
    kb: KnowledgeBase,
) -> None:
    ptype = kb.project_types["forprosjekt"]
    _assert_bilingual(
        ptype.duration, ["tolv månader"], ["tolv måneder"], "forprosjekt duration"
    )
    _assert_bilingual(
        ptype.description,
        ["mer omfattande ansökan"],
        ["mer omfattende søknad"],
        "forprosjekt description",
    )


# ------------------------------------------------------------------ source and as_of


def _sourced_items(kb: KnowledgeBase) -> Iterator[Tuple[str, List[str], dt.date]]:
    for f in kb.facts.values():
        yield f"fact {f.id}", f.sources, f.as_of
    for g in kb.goals:
        yield f"goal {g.id}", g.sources, g.as_of
    for a in kb.areas.values():
        yield f"area {a.code}", a.sources, a.as_of
    for p in kb.project_types.values():
        yield f"project type {p.id}", p.sources, p.as_of
    for o in kb.eligibility.organisation_types:
        yield f"organisation type {o.id}", o.sources, o.as_of
    for r in kb.places.regions:
        yield f"region {r.id}", r.sources, r.as_of
    for e in kb.faq:
        yield f"faq {e.id}", e.sources, e.as_of
    for t in kb.calls.timeline:
        yield f"timeline {t.id}", t.sources, t.as_of
    yield "calls", kb.calls.sources, kb.calls.as_of
    yield "contact", kb.contact.sources, kb.contact.as_of
    yield (
        "eligibility general",
        kb.eligibility.general_sources,
        kb.eligibility.general_as_of,
    )


def test_everything_has_a_source_and_an_as_of_date(kb: KnowledgeBase) -> None:
    items = list(_sourced_items(kb))
    assert len(items) > 150
    bad = [
        (what, source, as_of)
        for what, source, as_of in items
        if not source
        or any(s not in kb.sources for s in source)
        or not isinstance(as_of, dt.date)
        or not (PAGE_DATE <= as_of <= dt.date.today())
    ]
    assert not bad, f"items without a usable source/as_of: {bad}"


def test_counts_of_sourced_things(kb: KnowledgeBase) -> None:
    assert len(kb.facts) >= 40
    assert len(kb.faq) >= 30
    assert len(kb.places.regions) >= 30
    assert {o.id for o in kb.eligibility.organisation_types} >= {
        *PAGE_CATEGORY_TYPES,
        "company",
        "private_person",
        "sole_proprietorship",
    }


# -------------------------------------------------------------------- later layer

LATER_FACTS: Dict[str, Tuple[List[str], List[str]]] = {
    "managing_authority": (
        ["Länsstyrelsen i Jämtlands län", "Östersund", "Region Värmland"],
        ["Länsstyrelsen i Jämtlands län", "Östersund", "Region Värmland"],
    ),
    "first_deadlines": (
        ["15 juni 2022", "15 november 2022"],
        ["15. juni 2022", "15. november 2022"],
    ),
    "area_now": (
        [
            "Akershus",
            "Innlandet",
            "Trøndelag",
            "Østfold",
            "Buskerud",
            "Västra Götaland",
        ],
        [
            "Akershus",
            "Innlandet",
            "Trøndelag",
            "Østfold",
            "Buskerud",
            "Västra Götaland",
        ],
    ),
    "viken_split": (
        ["Viken", "1 januari 2024", "Akershus", "Buskerud", "Østfold"],
        ["Viken", "1. januar 2024", "Akershus", "Buskerud", "Østfold"],
    ),
}
SUPERSEDES = {
    "managing_authority": "coordination_2021",
    "first_deadlines": "first_call_plan_2021",
    "area_now": "area_2021",
}


@pytest.mark.parametrize("fact_id", sorted(LATER_FACTS))
def test_later_fact_present(kb: KnowledgeBase, fact_id: str) -> None:
    fact = kb.facts[fact_id]
    _assert_bilingual(fact.text, *LATER_FACTS[fact_id], what=fact_id)
    assert fact.as_of > PAGE_DATE
    assert fact.sources != [PAGE_SOURCE]


@pytest.mark.parametrize(("later", "earlier"), sorted(SUPERSEDES.items()))
def test_later_fact_supersedes_page_fact(
    kb: KnowledgeBase, later: str, earlier: str
) -> None:
    new, old = kb.facts[later], kb.facts[earlier]
    assert new.supersedes == earlier
    assert new.topic == old.topic
    assert new.as_of > old.as_of
    for lang in ("sv", "nb"):
        current = [s.text for s in listing.current_facts(kb, new.topic, lang)]
        assert new.text[lang] in current
        assert old.text[lang] not in current, (
            f"{earlier} is superseded but still current ({lang})"
        )
        # the proposal's wording stays available for "what did the proposal say?"
        assert listing.fact(kb, earlier, lang).text == old.text[lang]


def test_every_supersedes_points_to_an_existing_older_fact(kb: KnowledgeBase) -> None:
    for fact in kb.facts.values():
        if fact.supersedes:
            assert fact.supersedes in kb.facts, fact.id
            assert kb.facts[fact.supersedes].as_of <= fact.as_of, fact.id


def test_viken_is_a_former_county_split_in_three(kb: KnowledgeBase) -> None:
    viken = kb.regions["viken"]
    assert viken.status == "former"
    assert set(viken.successors) == {"akershus", "buskerud", "ostfold"}
    assert kb.regions["buskerud"].status == "out"
    assert {kb.regions[r].status for r in ("akershus", "ostfold")} == {"partly"}
    assert {kb.regions[r].status for r in ("innlandet", "trondelag")} == {"in"}


def test_programme_area_regions_match_the_page(kb: KnowledgeBase) -> None:
    in_area = {r.id for r in kb.places.regions if r.status in ("in", "partly")}
    assert in_area == {
        "dalarna",
        "jamtland_harjedalen",
        "varmland",
        "vasternorrland",
        "vastra_gotaland",
        "innlandet",
        "trondelag",
        "ostfold",
        "akershus",
    }


# --------------------------------------------------- both languages, everywhere


def _bilingual_texts(kb: KnowledgeBase) -> Iterator[Tuple[str, Text]]:
    for f in kb.facts.values():
        yield f"fact {f.id}", f.text
    for g in kb.goals:
        yield f"goal {g.id} title", g.title
        yield f"goal {g.id} description", g.description
    for a in kb.areas.values():
        yield f"area {a.code} title", a.title
        yield f"area {a.code} aim", a.aim
        for i, e in enumerate(a.examples):
            yield f"area {a.code} example {i}", e
    for p in kb.project_types.values():
        for field in ("name", "description", "duration", "when_to_apply", "suits_when"):
            yield f"project type {p.id}.{field}", getattr(p, field)
    for o in kb.eligibility.organisation_types:
        yield f"organisation type {o.id} reason", o.reason
    for i, requirement in enumerate(kb.eligibility.general_requirements):
        yield f"general requirement {i}", requirement
    for region in kb.places.regions:
        yield f"region {region.id} note", region.note
    for entry in kb.faq:
        yield f"faq {entry.id} answer", entry.answer
    for t in kb.calls.timeline:
        yield f"timeline {t.id}", t.text
    for key, message in kb.messages.items():
        yield f"message {key}", message


def test_every_text_exists_in_both_languages_and_differs(kb: KnowledgeBase) -> None:
    texts = list(_bilingual_texts(kb))
    assert len(texts) > 200
    same = [
        what for what, t in texts if t.sv.strip().casefold() == t.nb.strip().casefold()
    ]
    empty = [what for what, t in texts if not t.sv.strip() or not t.nb.strip()]
    assert not empty, empty
    assert not same, f"sv and nb identical (one language missing?): {same}"


def test_faq_entries_have_questions_in_both_languages(kb: KnowledgeBase) -> None:
    for entry in kb.faq:
        assert entry.questions.sv and entry.questions.nb, entry.id
        _assert_bilingual(entry.answer, [], [], what=f"faq {entry.id}")
