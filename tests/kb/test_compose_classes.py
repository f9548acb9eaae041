"""Classes of wrong parts in composed replies (issue 13, point 2: "no part answered
wrongly"), found on bench/data/compound_dev2.yml and fixed in general.

Each test holds one class over several phrasings in Swedish and Norwegian (Bokmål,
some Nynorsk), none of them copied from a bench set.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import pytest

from programme_kb.compose import compose
from programme_kb.service import Snapshot


def _entries(snapshot: Snapshot, text: str, lang: str) -> List[Optional[object]]:
    return [
        p.data.get("entry")
        for p in compose(snapshot, text, lang).parts
        if p.kind in ("answer", "partner", "not_known")
    ]


def _kinds(snapshot: Snapshot, text: str, lang: str) -> List[Tuple[str, object]]:
    return [
        (p.kind, p.data.get("entry"))
        for p in compose(snapshot, text, lang).parts
        if p.kind in ("answer", "not_known")
    ]


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "vi är en kommun i Torsby. hur mycket pengar finns kvar i programmet?", "remaining_funds"),
        ("nb", "vi er en kommune på Røros. hvor mye penger er det igjen i programmet?", "remaining_funds"),
        ("sv", "vi är en förening i Mora. kan ett projekt omfatta båda delområdena?", "cross_sub_area"),
        ("nb", "vi er en forening i Elverum. kan et prosjekt gå over begge delområdene?", "cross_sub_area"),
        ("sv", "vi är ett AB i Arvika. kan en partner utanför programområdet vara med?", "outside_area_partner"),
        ("nb", "vi er et AS i Tynset. kan en partner utenfor programområdet være med?", "outside_area_partner"),
    ],
)  # fmt: skip
def test_a_question_holding_area_words_is_answered_when_it_asks_something_else(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """ "i programmet", "programområdet", "delområdena" in a question that asks about
    money left, partners outside or a project over both sub-areas: the place part
    does not answer it, so it is not skipped as "is our place in the area"."""
    assert entry in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är en förening i Sundsvall, ingår vi i programområdet?"),
        ("nb", "vi er et idrettslag i Levanger, er vi med i programområdet?"),
        ("sv", "vi är en förening i Gävle, vi ligger väl inte i området?"),
        ("nb", "vi er en forening i Drammen, vi er vel ikke innenfor området?"),
        ("nb", "vi er eit idrettslag på Oppdal, er vi med i programområdet?"),
    ],
)
def test_a_place_question_is_answered_by_the_place_part_alone(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "ingår vi i programområdet?" is answered by the place part; no FAQ list of
    regions and no "I cannot say" beside it."""
    parts = compose(snapshot, text, lang).parts
    assert [p.kind for p in parts if p.kind == "place"] == ["place"]
    assert _kinds(snapshot, text, lang) == []


def _organisation(snapshot: Snapshot, text: str, lang: str) -> Optional[object]:
    found = [p for p in compose(snapshot, text, lang).parts if p.kind == "eligibility"]
    return found[0].data.get("organisation_type") if found else None


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Vi är inte en kommun, vi är ett kommunalt bolag i Ludvika. kan vi söka?", "municipal_company"),
        ("sv", "vi är ett gäng i Dals-Ed, ingen förening än, bara privatpersoner. kan vi söka?", "private_person"),
        ("sv", "vi är inte längre en förening utan ett aktiebolag i Torsby, får vi söka?", "company"),
        ("nb", "vi er ikke kommunen, vi er en forening på Kongsvinger. kan vi søke?", "non_profit_association"),
        ("nb", "vi er en bedrift i Trondheim, ikke AS men et ansvarlig selskap. kan vi søke?", "company"),
        ("nb", "vi er ikke noe enkeltpersonforetak men et aksjeselskap på Hamar, kan vi søke?", "company"),
        ("nb", "vi er ikkje ein kommune, vi er eit idrettslag på Oppdal. kan vi søkje?", "non_profit_association"),
    ],
)  # fmt: skip
def test_a_denied_organisation_leaves_the_one_the_user_is(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "vi är inte en kommun, vi är ett kommunalt bolag": the denied type is not
    the user's and does not hide (or make ambiguous) the type they name next."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är ingen myndighet, kan vi söka?"),
        ("nb", "vi er ikke en kommune, kan vi søke?"),
    ],
)
def test_only_a_denied_organisation_is_no_organisation(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Denying the only type named leaves the type unknown: the reply asks for it."""
    assert _organisation(snapshot, text, lang) in (None, "unknown")


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("sv", "jag jobbar på Falu kommun och vi vill göra något med Hamar kommune", "dalarna"),
        ("sv", "hej, vi på Falu kommun funderar på ett projekt om turism", "dalarna"),
        ("sv", "jag är lärare på Trollhättans stad och vill ha ett utbyte med Halden", "vastra_gotaland"),
        ("sv", "vi jobbar på Sundsvalls sjukhus och vill samarbeta med Levanger", "vasternorrland"),
        ("nb", "jeg jobber på Hamar sykehus og vil samarbeide med Torsby", "innlandet"),
        ("nb", "eg jobbar ved Levanger sjukehus og vil samarbeide med Östersund", "trondelag"),
    ],
)  # fmt: skip
def test_the_place_in_an_organisations_name_is_the_users_place(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """ "Falu kommun", "Trollhättans stad", "Sundsvalls sjukhus": the place in the
    user's own organisation's name (genitive, or Falun's own form) is where they
    are; without it only the partner's place was found and read as theirs."""
    regions = [
        p.data.get("region")
        for p in compose(snapshot, text, lang).parts
        if p.kind == "place"
    ]
    assert regions[:1] == [region]


def _regions(snapshot: Snapshot, text: str, lang: str) -> List[object]:
    return [
        p.data.get("region")
        for p in compose(snapshot, text, lang).parts
        if p.kind == "place"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("sv", "hej, Erik Lund här från ett aktiebolag i Karlstad, kan vi söka?", "varmland"),
        ("sv", "Hej! Mitt namn är Anna Gävle och jag jobbar på en förening i Torsby", "varmland"),
        ("sv", "hej jag heter johan malmö och driver ett AB i Arvika", "varmland"),
        ("nb", "hei, Kari Nes her fra et idrettslag i Trysil, kan vi søke?", "innlandet"),
        ("nb", "Hei, jeg heter Per Bergen og jobber i en forening på Røros", "trondelag"),
        ("nb", "hei, eg heiter Ola Moss og jobbar i eit idrettslag på Tynset", "innlandet"),
    ],
)  # fmt: skip
def test_a_surname_that_is_a_place_is_not_the_users_place(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """ "Erik Lund här", "jeg heter Per Bergen": the writer's name is no place; only
    where their organisation is gets a place part."""
    assert _regions(snapshot, text, lang) == [region]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hei, dette er Lise Moss fra en stiftelse på Kongsberg, kan vi søke?"),
        ("sv", "hej, jag heter Eva Torsby och jobbar på en stiftelse i Gävle, får vi söka?"),
    ],
)  # fmt: skip
def test_a_surname_in_the_area_does_not_put_an_outside_organisation_inside(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A surname that is a place in the area (Moss, Torsby) made a foundation in
    Kongsberg or Gävle "may apply"; outside the area the verdict goes to an adviser."""
    found = [p for p in compose(snapshot, text, lang).parts if p.kind == "eligibility"]
    assert found[0].data["organisation_type"] == "foundation"
    assert found[0].data["eligible"] is None


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("sv", "Hej! Karlstads universitet här, vi vill forska om skog", "varmland"),
        ("sv", "Länsstyrelsen Värmland här, vi vill jobba med vatten", "varmland"),
        ("sv", "Hej, Region Dalarna här, får vi söka?", "dalarna"),
        ("nb", "Hei, Innlandet Fylkeskommune her, kan vi søke?", "innlandet"),
        ("nb", "hei, dette er Trysil Turlag i Trysil, kan vi søke?", "innlandet"),
    ],
)  # fmt: skip
def test_an_organisations_name_presented_like_a_person_keeps_its_place(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """Two capitalised words before "här/her" are a person only when neither is an
    organisation word or a place: "Karlstads universitet här" stays in Värmland."""
    assert _regions(snapshot, text, lang)[:1] == [region]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "vi är ett litet bolag i Eda och jobbar mycket med kommunen, får vi söka?", None),
        ("sv", "vi är ett företag i Arvika som säljer till kommuner och regioner, får vi söka?", None),
        ("sv", "vi är en ideell förening i Mora som hjälper företag att anställa, får vi söka?", "non_profit_association"),
        ("nb", "vi er en bedrift i Elverum som leverer til kommunen, kan vi søke?", None),
        ("nb", "vi er eit firma på Tynset som jobbar mykje for kommunane, kan vi søkje?", None),
        ("nb", "vi er en stiftelse på Hamar som hjelper skoler og bedrifter, kan vi søke?", "foundation"),
    ],
)  # fmt: skip
def test_an_organisation_the_user_works_for_is_not_theirs(
    snapshot: Snapshot, lang: str, text: str, expected: Optional[str]
) -> None:
    """ "vi är ett företag som säljer till kommunen": the municipality is the
    customer; the user is a business without a legal form (the reply asks which:
    no verdict, the card says business_unspecified), not a municipality that "may
    apply"."""
    found = [p for p in compose(snapshot, text, lang).parts if p.kind == "eligibility"]
    assert found[0].data["organisation_type"] == (expected or "business_unspecified")
    if expected is None:
        assert found[0].data["eligible"] is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "Vi är ett konsultföretag, aktiebolag, i Sundsvall som hjälper kommuner",
        ),
        ("sv", "vi är ett litet bolag i Karlstad (AB) och säljer till regionen"),
        ("nb", "vi er ei bedrift (AS) i Elverum som leverer til kommunene"),
        (
            "nb",
            "vi er en bedrift i Levanger, et ansvarlig selskap, som jobber for kommunen",
        ),
    ],
)
def test_a_business_whose_legal_form_follows_keeps_it(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "ett företag (AB)": the legal form named after the business word is the type."""
    assert _organisation(snapshot, text, lang) == "company"


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "vi är ett AB-bolag i Mora och vill samarbeta med Trysil, får vi söka?", "company"),
        ("nb", "vi er et AS-selskap på Hamar og vil samarbeide med Arvika, kan vi søke?", "company"),
        ("nb", "vi er et selskap med begrenset ansvar på Røros, kan vi søke?", "company"),
        ("sv", "vi är ett AB som ägs av kommunen här i Torsby, får vi söka?", "municipal_company"),
        ("sv", "vi är ett helägt dotterbolag till Region Värmland, får vi söka?", "municipal_company"),
        ("nb", "vi er et selskap eid av Innlandet fylkeskommune, kan vi søke?", "municipal_company"),
        ("nb", "vi er eit AS eigd av kommunen på Tynset, kan vi søkje?", "municipal_company"),
    ],
)  # fmt: skip
def test_a_legal_form_or_public_owner_written_into_the_phrase_is_read(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "ett AB-bolag", "et selskap med begrenset ansvar": a company with its legal
    form (was a business asked for its form); "et selskap eid av Innlandet
    fylkeskommune": a publicly owned company (was the county council itself)."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är ett AB som ägs av Gävle kommun, får vi söka?"),
        ("nb", "vi er et AS eid av Oslo kommune, kan vi søke?"),
    ],
)
def test_a_company_owned_by_an_outside_municipality_is_outside(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """The owner's place stays in what is read: outside the area, no "may apply"."""
    found = [p for p in compose(snapshot, text, lang).parts if p.kind == "eligibility"]
    assert found[0].data["organisation_type"] == "municipal_company"
    assert found[0].data["eligible"] is None


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nb", "vi er en liten bedrift, fjellmat as, på Røros. kan vi søke?", "company"),
        ("nb", "bedriften vår heter tynset bakeri as og vil samarbeide med Idre", "company"),
        ("sv", "vi är ett litet företag, fjällturer ab, i Åre. får vi söka?", "company"),
        ("sv", "vi driver företaget sälens cykel ab i Sälen och vill samarbeta med Trysil", "company"),
        ("sv", "jag har ett enskilt företag i Mora, får jag söka?", "sole_proprietorship"),
        ("sv", "vi är ett enmansföretag i Arvika, får vi söka?", "sole_proprietorship"),
        ("nb", "jeg har et enkelpersonforetak på Hamar, kan jeg søke?", "sole_proprietorship"),
        ("nb", "jeg har et enkeltmansforetak i Trysil, kan jeg søke?", "sole_proprietorship"),
    ],
)  # fmt: skip
def test_a_business_whose_name_or_word_gives_its_form_gets_that_type(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "…, fjellmat as, …": the legal form in a lower-case name; "ett enskilt
    företag", "enkelpersonforetak": a sole proprietorship as applicants write it.
    Each was a business asked for its legal form (or no organisation at all)."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi er en bedrift som selger så mye as vi kan på Hamar, kan vi søke?"),
        ("sv", "vi är ett litet företag i Mora, får vi söka?"),
    ],
)
def test_a_business_without_a_form_is_still_asked(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """No legal form said: no verdict (the reply asks which form); the card names
    what was recognised, a business whose form is not known."""
    assert _organisation(snapshot, text, lang) == "business_unspecified"


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "vi är en förening i Storlien. kan vi ändå få stöd och betalas pengarna ut i förväg?", "advance_payment"),
        ("sv", "jag jobbar på Kramfors kommun och undrar om vi kan söka för ett projekt med Stjørdal, blir det utlysningar efter 2027?", "calls_after_2027"),
        ("nb", "vi er en forening på Røros, kan vi søke og får vi pengene på forskudd?", "advance_payment"),
        ("nb", "vi er ei stifting på Røros, kan vi søkje, blir det utlysingar etter 2027?", "calls_after_2027"),
    ],
)  # fmt: skip
def test_a_question_after_may_we_apply_in_the_same_clause_is_answered(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """ "kan vi få stöd och betalas pengarna ut i förväg?": the verdict answers the
    first clause, and the second (a verb and its subject: "betalas pengarna", "blir
    det") was lost with it."""
    assert entry in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi er et idrettslag i Trysil, kan vi søke, er det mulig?"),
        (
            "nb",
            "vi er eit idrettslag på Tynset og vil samarbeide med Idre, er det mogleg?",
        ),
        ("sv", "vi är en förening i Mora, får vi söka, det vore kul"),
        ("sv", "vi är ett AB i Arvika och vill sälja i Norge, är det möjligt?"),
    ],
)
def test_a_question_that_only_weighs_the_message_gets_no_faq_entry(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "er det mulig?" asks about what the message said (the verdict answers it);
    the FAQ read it as the advance-payment question, whose variant has "mulig"."""
    assert _kinds(snapshot, text, lang) == []


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi är en kommun i Årjäng. måste det finnas en partner på norska sidan eller kan vi söka själva?"),
        ("nb", "vi er et idrettslag på Røros, trenger vi en svensk samarbeidspart eller holder det med oss?"),
    ],
)  # fmt: skip
def test_the_partner_rule_given_for_a_partner_question_says_which_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A partner question the FAQ leaves open is answered by the partner rule for the
    user's side; the part names the rule's entry like the FAQ-answered one does."""
    partners = [p for p in compose(snapshot, text, lang).parts if p.kind == "partner"]
    assert [p.data.get("entry") for p in partners] == ["partner_other_country"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Jag är student och vill söka pengar till min uppsats om pendling. Går det?", "private_person"),
        ("nb", "Jeg er student og vil skrive oppgave om pendling. Kan jeg søke penger?", "private_person"),
        ("nb", "Eg er student i Levanger, kan eg søkje?", "private_person"),
        ("nb", "Jeg er bonde i Innlandet. Kan gården min søke støtte?", "business_unspecified"),
        ("sv", "Jag är lantbrukare i Dalarna, kan min gård få stöd?", "business_unspecified"),
        ("sv", "vi driver ett litet hotell i Sälen och vill locka norska gäster, får vi söka?", "business_unspecified"),
        ("nb", "vi er et lite sagbruk på Tynset, kan vi søke?", "business_unspecified"),
        ("sv", "vi är ett bryggeri i Östersund, får vi vara med?", "business_unspecified"),
        ("nb", "vi er et reisebyrå i Trysil og vil selge turer til Sverige, kan vi søke?", "business_unspecified"),
    ],
)  # fmt: skip
def test_everyday_words_for_who_the_user_is_are_read(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """A student applies as a private person (no verdict of "may apply"); a farm, a
    hotel, a sawmill or a brewery is a business whose legal form decides (the reply
    asks which), not "tell me what kind of organisation you are" (answers_dev18,
    compound_dev5)."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nb", "Vi vil redusere matsvinn i hoteller og restauranter. Hvilket innsatsområde?", None),
        ("sv", "Vi vill minska matsvinnet på företag och restauranger, vilket insatsområde?", None),
        ("sv", "vi vill sprida kunskap om vattenvård bland föreningar och skolor, passar det?", None),
        ("nb", "vi vil lage kurs i digital markedsføring blant bedrifter i grenseregionen", None),
        ("sv", "vi på Mittuniversitetet vill forska om turism, får vi söka?", "university"),
        ("nb", "jeg er ansatt i kommunen og vi vil lage en sykkelrute, kan vi søke?", "municipality"),
        ("sv", "Jag jobbar på kommunen i Eda och vi har en idé, hur går vi vidare?", "municipality"),
    ],
)  # fmt: skip
def test_organisations_where_the_idea_works_are_not_the_users(
    snapshot: Snapshot, lang: str, text: str, expected: Optional[str]
) -> None:
    """ "matsvinn i hoteller", "bland föreningar": where the idea works, not who the
    user is, so no verdict for a business; "vi på …", "ansatt i …" is the user's
    own."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("nb", "Fra Hamar her, jeg representerer et idrettslag. Kan vi søke?", "innlandet"),
        ("sv", "Från Stockholm här, jag jobbar på en stiftelse. Kan vi söka?", "stockholm"),
        ("sv", "Från Karlstad här! Vi är en förening och undrar om vi kan söka.", "varmland"),
        ("nb", "Frå Levanger her. Vi er eit idrettslag, kan vi søkje?", "trondelag"),
    ],
)  # fmt: skip
def test_from_a_place_here_is_the_users_place(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """ "Fra Hamar her" opens like "Kari Nes her" but names where the writer is."""
    assert _regions(snapshot, text, lang) == [region]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("nb", "Vi er eit bygdekvinnelag i Meråker og vil lage ein matfestival. Korleis søkjer ein?", "non_profit_association"),
        ("nb", "vi er et lokalhistorielag i Trysil, kan vi søke?", "non_profit_association"),
        ("sv", "vi är en bygdeförening i Storlien, kan vi söka?", "non_profit_association"),
        ("nb", "Eg er dagleg leiar i eit reiselivslag på Røros. Kan vi søkje?", "business_organisation"),
    ],
)  # fmt: skip
def test_local_associations_by_their_own_names_are_read(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Me er eit bygdekvinnelag i Meråker og vil lage ein matfestival. Kor finn vi ein partnar?"),
        ("nb", "Vi er et idrettslag på Røros. Hvor finner vi en partner i Sverige?"),
        ("sv", "Vi är en förening i Mora och vill ordna en musikfestival. Var hittar vi en partner?"),
        ("sv", "vi är en kommun i Torsby, hur hittar vi en norsk partner?"),
    ],
)  # fmt: skip
def test_how_to_find_a_partner_is_answered_beside_who_and_where(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Asked with who and where the user is, "where do we find a partner?" gets the
    partner-search answer, even when FAQ entries are too close to call alone ("Kor
    finn vi …" is also "Kvar finn eg malane?")."""
    assert "find_partners" in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "Vi vil teste varmepumper for hytter sammen med et svensk forskningsinstitutt."),
        ("nb", "Vi ønsker å lage et kurs for lærlinger sammen med en svensk kommune."),
        ("sv", "Vi vill utveckla vandringsleder tillsammans med en norsk kommun."),
        ("sv", "Vi planerar ett utbyte för elever ihop med ett norskt universitet."),
    ],
)  # fmt: skip
def test_a_partner_named_at_the_end_of_a_sentence_is_not_the_user(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "… sammen med et svensk forskningsinstitutt." names the partner, full stop
    and all: no verdict for the partner's type as if it were the user's."""
    assert not [
        p for p in compose(snapshot, text, lang).parts if p.kind == "eligibility"
    ]


@pytest.mark.parametrize(
    ("lang", "text", "area"),
    [
        ("nb", "Vi har lyst å lage en felles kulturfestival i grensebygda. Hvilket område passer?", "3C"),
        ("nb", "Vi har lyst til å starte et kurs for lærlinger i begge land. Hvilket område er det?", "3B"),
        ("sv", "Vi har tänkt göra en gemensam kulturfestival i gränsbygden. Vilket område passar?", "3C"),
        ("sv", "Vi önskar starta en gemensam yrkesutbildning för undersköterskor. Vilket område?", "3B"),
        ("nb", "Me ønskjer å lage ein felles kulturfestival i grensebygda. Kva område passar?", "3C"),
    ],
)  # fmt: skip
def test_an_idea_told_as_a_wish_gets_the_focus_area_asked_for(
    snapshot: Snapshot, lang: str, text: str, area: str
) -> None:
    """ "Vi har lyst å …", "vi önskar …", "vi har tänkt …" tell the idea as much as
    "vi vill …": "hvilket område" then asks for the focus area, not the programme
    area."""
    parts = compose(snapshot, text, lang).parts
    focus = [p for p in parts if p.kind == "focus"]
    items = focus[0].data.get("items") if focus else None
    assert isinstance(items, list) and items and items[0]["code"] == area
    assert not [p for p in parts if p.data.get("entry") == "programme_area"]


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Går det inte att få driftsstöd till vår förening?", "operating_support"),
        ("nb", "Vi er en forening. Går det an å få driftsstøtte?", "operating_support"),
    ],
)  # fmt: skip
def test_goes_it_to_get_something_asks_for_that_thing(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """ "Går det (inte) att få driftsstöd?" asks about operating support, not
    whether the association may apply: the FAQ answers it beside the verdict."""
    assert entry in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("sv", "Vi är Sundsvalls Hamn AB och vill minska bullret vid kajen", "vasternorrland"),
        ("sv", "Här skriver Östersunds Tidning AB, kan vi söka?", "jamtland_harjedalen"),
        ("sv", "vi på Karlstads Energi funderar på ett projekt", "varmland"),
        ("nb", "Vi er Hamars Bryggeri og vil samarbeide med et svensk bryggeri", "innlandet"),
        ("nb", "Dette er Levangers Avis AS, kan vi søke?", "trondelag"),
    ],
)  # fmt: skip
def test_a_place_in_the_genitive_before_a_name_is_the_users_place(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """ "Sundsvalls Hamn AB": the town in the genitive starts the company's name
    ("Sundsvalls" is Sundsvall's), as "Karlstads universitet" does."""
    places = [p for p in compose(snapshot, text, lang).parts if p.kind == "place"]
    assert places and places[0].data["region"] == region


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Vi är Sundsvalls Hamn AB, ett kommunalt bolag, kan vi söka?", "municipal_company"),
        ("sv", "Vi är Mora Energi AB, ett kommunägt bolag. Får vi söka?", "municipal_company"),
        ("nb", "Vi er Trondheim Havn AS, et kommunalt foretak, kan vi søke?", "municipal_company"),
        ("nb", "Vi er Hamar Energi AS, et kommunalt eid selskap. Kan vi søke?", "municipal_company"),
    ],
)  # fmt: skip
def test_a_company_named_with_its_public_owner_is_a_public_company(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """The name's "AB"/"AS" is the legal form; "ett kommunalt bolag" said beside it
    tells who owns it: the verdict is the municipal company's."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi är en förening i Mora. Hur många svenska partner får vara med i samma projekt?"),
        ("sv", "Vi är ett AB i Karlstad. Hur många norska partner kan vi ha?"),
        ("nb", "Vi er en kommune i Trysil. Hvor mange svenske partnere kan være med?"),
        ("nb", "Vi er eit lag i Meråker. Kor mange partnarar kan vere med?"),
    ],
)  # fmt: skip
def test_a_count_of_partners_is_not_answered_with_the_partner_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """How many partners may take part is a count the partner rule does not give:
    the FAQ answers it, or the reply says it cannot; never the rule as the answer."""
    assert "partner_other_country" not in _entries(snapshot, text, lang)


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Hej från Karlstads universitet. Hur ofta ska vi rapportera?", "university"),
        ("sv", "Vi frågar från en sameförening i Idre: behöver vi vänta på en utlysning?", "non_profit_association"),
        ("nb", "Hei fra Hamar kommune! Når er fristen?", "municipality"),
        ("nb", "Vi spør fra et idrettslag i Trysil: når er fristen?", "non_profit_association"),
    ],
)  # fmt: skip
def test_greeting_or_asking_from_an_organisation_is_the_users_own(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "Hej från …", "vi frågar från …" say where the writer is, like "jag ringer
    från …"; not where money or an answer comes from."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Hur länge måste den norska partnern vara med?"),
        ("sv", "Får partnern vara med från start?"),
        ("nb", "Hvor lenge må partneren vare med?"),
    ],
)
def test_the_verb_vara_after_the_partner_is_no_place(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "partnern vara med" is the verb, not Vara in Västra Götaland."""
    assert not [p for p in compose(snapshot, text, lang).parts if p.kind == "place"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Vi är en bygdeförening, eller egentligen en stiftelse, i Malung. Kan vi söka?", "foundation"),
        ("sv", "Jag jobbar på kommunen i Torsby, eller rättare sagt på det kommunala bolaget. Får vi söka?", "municipal_company"),
        ("sv", "Vi är en förening i Sälen, nej förresten ett aktiebolag. När är nästa utlysning?", "company"),
        ("nb", "Vi er et museum på Røros, eller egentlig en stiftelse som driver museet. Kan vi søke?", "foundation"),
        ("nb", "Me er eit sogelag på Tynset, eller rettare sagt ei stifting. Kan me søkje?", "foundation"),
        ("nb", "Vi er en bondeforening i Tolga, eller egentlig et samvirkeforetak. Når er fristen?", "economic_association"),
    ],
)  # fmt: skip
def test_the_organisation_after_a_correction_is_the_users_own(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """ "…, eller egentligen en stiftelse": the user corrected themselves; the
    organisation named first is not theirs."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("sv", "Hej! Vi vill ordna en kulturfestival med ett teater i Levanger. När öppnar nästa utlysning? Vänliga hälsningar, Eva Berg, kulturchef, Sollefteå kommun", "municipality"),
        ("sv", "Vi funderar på ett projekt om cykelturism med Trysil. Hur mycket måste vi finansiera själva? Mvh Per, vd på Fjällcykel i Sälen AB", "company"),
        ("nb", "Vi vil samarbeide med Årjängs kommun om vannkvalitet. Når er fristen? Vennlig hilsen Kari Lie, rådgiver i Aremark kommune", "municipality"),
        ("nb", "Me vil lære av svenske fäbodbrukarar. Treng me ein svensk partnar? Helsing Ola, leiar i eit sogelag på Tynset", "non_profit_association"),
    ],
)  # fmt: skip
def test_the_organisation_in_the_signature_is_the_writers(
    snapshot: Snapshot, lang: str, text: str, expected: str
) -> None:
    """A message signed "Vänliga hälsningar, …, Sollefteå kommun" is written by
    the municipality, though the body names only the partner and the idea."""
    assert _organisation(snapshot, text, lang) == expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi vill utveckla ett språkcafé ihop med Levanger, så att fler kommer i jobb. Får vi börja före beslutet?"),
        ("sv", "Kommer pengarna i Trysil, så länge projektet pågår?"),
    ],
)  # fmt: skip
def test_sa_written_with_a_ring_is_no_samvirkeforetak(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "så" folds to "sa", the abbreviation of a samvirkeforetak (SA); no legal
    form is written with å."""
    assert _organisation(snapshot, text, lang) != "economic_association"


@pytest.mark.parametrize(
    ("lang", "text", "entry"),
    [
        ("sv", "Vi är en skidklubb i Vemdalen och vill söka ett småskaligt projekt. Hur mycket pengar kan man få max?", "smaskaligt_budget"),
        ("nb", "Vi er et idrettslag på Røros og vil søke et småprosjekt. Hvor mye penger kan man få maks?", "smaskaligt_budget"),
        ("sv", "Vi är en kommun i Torsby och funderar på en förstudie. Hur mycket kan man få max?", "forstudie_budget"),
    ],
)  # fmt: skip
def test_an_amount_is_answered_for_the_project_type_told(
    snapshot: Snapshot, lang: str, text: str, entry: str
) -> None:
    """ "… ett småskaligt projekt. Hur mycket kan man få max?": the förstudie's
    maximum is no answer for a small-scale project."""
    entries = _entries(snapshot, text, lang)
    assert entry in entries
    assert not {"forstudie_budget", "smaskaligt_budget"} - {entry} & set(entries)
