"""Several questions in one message (issue 13): which clauses are questions, and
where the project idea ends.

A question that ``questions()`` misses is never answered, and one that the idea
swallows becomes focus-area evidence ("hur mycket får man" is no project); so the
split is checked on everyday phrasings in Swedish, Bokmål and Nynorsk.
"""

from __future__ import annotations

from typing import List, Optional

import pytest
from hypothesis import given
from hypothesis import strategies as st

from programme_kb.compose import (
    Part,
    Profile,
    compose,
    find_places,
    questions,
    told,
)
from programme_kb.compose.message import (
    asks_about_focus,
    asks_for_information,
    asks_to_restart,
    idea_text,
    names_a_theme,
)
from programme_kb.service import Snapshot


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a tail after "?" that opens with a conjunction
        (
            "Får vi söka? och hur mycket kan man få för en förstudie",
            ["Får vi söka?", "hur mycket kan man få för en förstudie"],
        ),
        (
            "Kan vi søke? og hvor lang tid tar behandlingen",
            ["Kan vi søke?", "hvor lang tid tar behandlingen"],
        ),
        (
            "Kan vi søkje? og kor lang tid tek det",
            ["Kan vi søkje?", "kor lang tid tek det"],
        ),
        # "…, and if not, …": the alternative is a question of its own
        (
            "kan vi söka, och om inte kan vi vara med som målgrupp?",
            ["kan vi söka", "kan vi vara med som målgrupp?"],
        ),
        (
            "kan vi søke, og hvis ikke kan vi være med som målgruppe?",
            ["kan vi søke", "kan vi være med som målgruppe?"],
        ),
        # "… so what is the first step"
        (
            "vi har aldrig sökt förut så vad gör vi först",
            ["vad gör vi först"],
        ),
        (
            "vi har aldri søkt før så hva gjør vi først",
            ["hva gjør vi først"],
        ),
        # Nynorsk question words
        (
            "kva for innsatsområde passar og kor ofte må vi rapportera?",
            ["kva for innsatsområde passar", "kor ofte må vi rapportera?"],
        ),
        (
            "vi er ein kommune i Trøndelag, kven avgjer søknaden?",
            ["kven avgjer søknaden?"],
        ),
    ],
)
def test_every_clause_that_asks_is_a_question(text: str, expected: List[str]) -> None:
    assert questions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "vi vill bygga en cykelled, sen undrar jag hur lång tid det tar att få besked",
            "hur lång tid det tar att få besked",
        ),
        (
            "vi undrar också om vi kan ha två svenska partner",
            "vi kan ha två svenska partner",
        ),
        ("vi vill veta när nästa utlysning öppnar", "när nästa utlysning öppnar"),
        (
            "vi lurer også på om vi kan ha to norske partnere",
            "vi kan ha to norske partnere",
        ),
        ("jeg vil gjerne vite hvordan vi rapporterer", "hvordan vi rapporterer"),
        ("eg lurer på korleis vi skal rapportere", "korleis vi skal rapportere"),
    ],
)
def test_an_indirect_question_is_the_clause_after_its_cue(
    text: str, expected: str
) -> None:
    assert questions(text)[-1] == expected


@pytest.mark.parametrize(
    "text",
    [
        "vi är en kommun i Dalarna och vill göra så att fler kan pendla",
        "vi er en kommune i Innlandet og vil at flere skal pendle",
        "me er ein kommune og vil byggje ein sykkelveg over grensa",
    ],
)
def test_a_statement_asks_nothing(text: str) -> None:
    assert questions(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "vi vill ordna kulturutbyten i Halden, kan vi få stöd och hur gör vi",
            "ordna kulturutbyten i Halden",
        ),
        (
            "vi vil lage kulturutveksling i Halden, kan vi få støtte og hvordan gjør vi det",
            "lage kulturutveksling i Halden",
        ),
        (
            "vi vill utveckla sommarturism, sen undrar jag hur lång tid det tar",
            "utveckla sommarturism",
        ),
        (
            "me vil utvikle sommarturisme, og eg lurer på kor lang tid det tek",
            "utvikle sommarturisme",
        ),
    ],
)
def test_the_idea_ends_where_the_first_question_starts(
    text: str, expected: str
) -> None:
    assert idea_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "vi vill jobba med vätgas för tunga transporter",
            "vätgas för tunga transporter",
        ),
        (
            "vi planerar att arbeta med återbruk av byggmaterial",
            "återbruk av byggmaterial",
        ),
        ("vi vil jobbe med havmiljø og plast", "havmiljø og plast"),
        ("me vil arbeide med rein energi i fjellet", "rein energi i fjellet"),
    ],
)
def test_the_idea_leaves_out_its_cue(text: str, expected: str) -> None:
    """ "jobba med" is labour-market vocabulary: as idea evidence it says 3A."""
    assert idea_text(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "vi har en svenska partner och en norsk",
        "vi har ein norsk partnar og ein svenske",
    ],
)
def test_a_cue_inside_a_word_is_no_cue(text: str) -> None:
    """ "ska" in "svenska" starts no idea."""
    assert idea_text(text) is None


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "vi vill jobba med havsmiljö och plast i havet, vilket insatsområde passar?",
        ),
        (
            "nb",
            "vi vil jobbe med havmiljø og plast i havet, hvilket innsatsområde passer?",
        ),
        ("nb", "me vil jobba med havmiljø og plast i havet, kva for område passar?"),
    ],
)
def test_the_cue_is_no_focus_evidence(snapshot: Snapshot, lang: str, text: str) -> None:
    focus = [p for p in compose(snapshot, text, lang).parts if p.kind == "focus"]
    assert focus and focus[0].data["items"]
    assert focus[0].data["items"][0]["code"] != "3A"  # type: ignore[index]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "vi är en kommun i Dalarna och vill bygga en stor rutschkana av glass "
            "till påskafton",
        ),
        (
            "nb",
            "vi er en kommune i Innlandet og vil bygge en stor sklie av iskrem "
            "til påskeaften",
        ),
        (
            "nb",
            "me er ein kommune i Innlandet og vil byggje ei stor sklie av is "
            "til påskeaftan",
        ),
    ],
)
def test_an_idea_nothing_places_gets_an_honest_focus_part(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Silence would read as "no focus area fits"; the reply says it could not place
    the idea and how to go on."""
    focus = [p for p in compose(snapshot, text, lang).parts if p.kind == "focus"]
    assert len(focus) == 1
    assert focus[0].data["items"] == []
    assert focus[0].text == snapshot.kb.message("compose_focus_none", lang)


def _answers(parts: List[Part]) -> List[object]:
    return [p.data.get("entry") for p in parts if p.kind == "answer"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "kan vi söka ett småskaligt projekt, och hur länge pågår det?"),
        ("nb", "kan vi søke om et småskalaprosjekt, og hvor lenge varer det?"),
        ("nb", "kan me søkje om eit småskalaprosjekt, og kor lenge varer det?"),
    ],
)
def test_a_close_call_is_settled_by_the_project_type_named(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "hur länge pågår det" alone is as close to every type's duration entry."""
    assert "smaskaligt_duration" in _answers(compose(snapshot, text, lang).parts)


@pytest.mark.parametrize(
    ("lang", "text"), [("sv", "hur länge pågår det?"), ("nb", "hvor lenge varer det?")]
)
def test_a_close_call_is_settled_by_the_project_type_remembered(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    remembered = Profile(project_type="smaskalaprosjekt")
    assert _answers(compose(snapshot, text, lang, remembered).parts) == [
        "smaskaligt_duration"
    ]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "hur länge pågår det?"),
        ("nb", "hvor lenge varer det?"),
        ("sv", "hur gör vi för att söka?"),
        ("nb", "hvordan gjør vi for å søke?"),
    ],
)
def test_a_close_call_left_open_is_no_guess_but_choices(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Nothing in the message settles it: no entry is presented as the answer, and
    the close entries go with the honest part for the reply to offer."""
    parts = compose(snapshot, text, lang).parts
    assert _answers(parts) == []
    honest = [p for p in parts if p.kind == "not_known"]
    assert len(honest) == 1
    choices = honest[0].data["choices"]
    assert isinstance(choices, list) and len(choices) == 2
    entries = {e.id: e for e in snapshot.kb.faq}
    for choice in choices:
        assert choice["question"] in entries[choice["entry"]].questions[lang]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "vi vill tillsammans med högskolan i Karlstad forska om skogsbränder",
            "forska om skogsbränder",
        ),
        (
            "vi vill göra biobränsle av bark tillsammans med ett sågverk i Namsos",
            "göra biobränsle av bark",
        ),
        (
            "vi vil sammen med høgskolen i Innlandet forske på skogbrann",
            "forske på skogbrann",
        ),
        (
            "me vil gjera bark om til biobrensel saman med eit sagbruk i Namsos",
            "gjera bark om til biobrensel",
        ),
        # what the project is done with is no partner
        ("vi vill bygga hus med solceller", "bygga hus med solceller"),
        ("vi vil bygge hus med solceller", "bygge hus med solceller"),
    ],
)
def test_the_partner_and_its_place_are_no_part_of_the_idea(
    text: str, expected: str
) -> None:
    """The partner's kind ("högskola", "sågverk") says nothing about the project's
    focus area, wherever in the idea it is named."""
    assert idea_text(text) == expected


@pytest.mark.parametrize(
    ("lang", "text", "region"),
    [
        ("sv", "vi är region värmland och vill bygga ut kollektivtrafiken", "varmland"),
        ("sv", "vi är karlstads universitet och vill forska om matsvinn", "varmland"),
        (
            "nb",
            "Innlandet fylkeskommune her, vi ønsker et prosjekt om flom",
            "innlandet",
        ),
        (
            "nb",
            "me er trøndelag fylkeskommune og vil byggje ladestasjonar",
            "trondelag",
        ),
    ],
)
def test_the_place_in_the_organisations_name_is_the_users_own(
    snapshot: Snapshot, lang: str, text: str, region: str
) -> None:
    """ "region värmland", "Innlandet fylkeskommune": where the user is, although no
    "i/från" comes before it."""
    found = find_places(snapshot, text, lang)
    assert [(f.match.region_id, f.partner) for f in found] == [(region, False)]
    assert told(snapshot, text, lang).place


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "vi är en kommun i Dalarna och vill samarbeta med trøndelag fylkeskommune",
        ),
        ("nb", "vi er en kommune i Dalarna og vil samarbeide med region värmland"),
    ],
)
def test_the_partners_organisation_place_stays_the_partners(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    found = find_places(snapshot, text, lang)
    assert [f.partner for f in found] == [False, True]
    assert found[0].match.region_id == "dalarna"


@pytest.mark.parametrize(
    ("lang", "told_before", "text"),
    [
        (
            "sv",
            "vi är ett aktiebolag i Karlstad och vill utveckla drönare för skogen",
            "vad betyder det för oss att vi är ett företag?",
        ),
        (
            "nb",
            "vi er et AS i Hamar og vil utvikle droner for skogen",
            "hva betyr det for oss at vi er en bedrift?",
        ),
    ],
)
def test_a_close_call_is_settled_by_the_organisations_own_entry(
    snapshot: Snapshot, lang: str, told_before: str, text: str
) -> None:
    """ "What does it mean for us that we are a company?" is as close to several
    general entries; the one on companies is among them and is the answer."""
    assert snapshot.faq.answer(text, lang).reason == "ambiguous"
    known = told(snapshot, told_before, lang)
    assert _answers(compose(snapshot, text, lang, known).parts) == ["companies"]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "vi vill veta när nästa utlysning öppnar"),
        ("sv", "hur ska vi gå till väga för att söka pengar till vårt projekt?"),
        ("nb", "hvordan skal vi gå frem for å søke penger til prosjektet vårt?"),
        ("nb", "vi vil gjerne vite hvordan vi rapporterer kostnader"),
        ("nb", "korleis skal me gå fram for å søkje pengar til prosjektet vårt?"),
    ],
)
def test_a_question_with_vill_or_ska_is_no_idea_to_place(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "vill veta", "hur ska vi …": no "I could not place your idea" beside the
    answer to a plain question."""
    parts = compose(snapshot, text, lang).parts
    assert not [p for p in parts if p.kind == "focus" and not p.data["items"]]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "er det fortsatt region värmland som styrer programmet"),
        ("sv", "är det fortfarande region värmland som styr programmet"),
    ],
)
def test_a_question_about_the_programme_is_not_a_place_question(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """A place in the message (the organisation's name) does not turn a question
    about who manages the programme into "is the place in the area"."""
    entries = [
        p.data.get("entry")
        for p in compose(snapshot, text, lang).parts
        if p.kind == "answer"
    ]
    assert entries == ["managing_authority"]


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("nb", "Trøndelag, hvem bør vi samarbeide med i Sverige?", "Trøndelag"),
        ("sv", "Östersund: kan vi söka?", "Östersund"),
        ("sv", "Värmland här, vilka norska fylken passar?", "Värmland"),
        ("nb", "Hamar her. Hvem kan vi samarbeide med?", "Hamar"),
    ],
)
def test_a_place_heading_the_message_is_the_users(
    snapshot: Snapshot, lang: str, text: str, place: str
) -> None:
    """ "Trøndelag, hvem …": the writer's place, as "vi er i Trøndelag" would say."""
    assert told(snapshot, text, lang).place == place


@pytest.mark.parametrize(
    ("lang", "text"),
    [("sv", "Hej, vi undrar om förstudier"), ("nb", "Takk, det var alt")],
)
def test_a_word_heading_the_message_is_no_place_unless_it_is_one(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert told(snapshot, text, lang).place is None


@given(st.text(max_size=2000))
def test_asks_to_restart_is_bounded_and_total(text: str) -> None:
    asks_to_restart(text)


@pytest.mark.parametrize(
    ("lang", "text", "theme"),
    [
        ("nb", "reiseliv over grensa", True),
        ("nb", "grensehinder for pendlere", True),
        ("sv", "turism över gränsen", True),
        ("sv", "vård över gränsen", True),
        ("sv", "samarbete över gränsen", False),
        ("sv", "gränshinder", False),
        ("sv", "varför måste projektet vara gränsöverskridande?", False),
        ("nb", "hva er grenseoverskridende merverdi", False),
    ],
)
def test_a_theme_is_told_by_more_than_the_border(
    snapshot: Snapshot, lang: str, text: str, theme: bool
) -> None:
    ranked = snapshot.focus.rank(text, lang, 3)
    assert names_a_theme(text, [t for m in ranked.items for t in m.why]) is theme


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Vår idé: gemensam utbildning för undersköterskor. Passar det in nånstans?",
            "gemensam utbildning för undersköterskor",
        ),
        (
            "ide: sirkulær gjenbruk av byggematerialer, passer det?",
            "sirkulær gjenbruk av byggematerialer",
        ),
        ("Prosjektidé – felles beredskap mot skogbrann.", "felles beredskap mot skogbrann"),
        ("Idén i korthet: ett nätverk för lokala livsmedel", "ett nätverk för lokala livsmedel"),
    ],
)  # fmt: skip
def test_an_idea_given_a_label_is_the_idea(text: str, expected: str) -> None:
    assert idea_text(text) == expected


@pytest.mark.parametrize(
    ("text", "asked"),
    [
        ("Vår förening är liten. Får vi söka?", ["Får vi söka?"]),
        ("Vår idé: ett gemensamt museum.", []),
        ("Var ligger kontoret?", ["Var ligger kontoret?"]),
    ],
)
def test_our_is_no_where(text: str, asked: List[str]) -> None:
    """ "Vår" folds to "var" (where): it opens no question."""
    assert questions(text) == asked


@pytest.mark.parametrize(
    "text",
    [
        "vilket mål passar vår idé?",
        "hvilket mål hører prosjektet til?",
        "kva for prioritering passar best?",
        "vilken prioritering är rätt för oss?",
    ],
)
def test_which_goal_asks_for_a_focus_area(text: str) -> None:
    assert asks_about_focus(text)


@pytest.mark.parametrize(
    ("text", "focus"),
    [
        ("Vilket insatsområde passar?", True),
        ("hvilket innsatsområde passer prosjektet vårt?", True),
        ("passar det här för programmet?", True),
        ("Hvilken prosjekttype passer for oss?", False),
        ("vilken typ av projekt passar oss bäst?", False),
        ("passar en förstudie för oss?", False),
        ("vilket område passar en förstudie om turism?", True),
    ],
)
def test_a_project_type_question_is_no_focus_question(text: str, focus: bool) -> None:
    """ "Hvilken prosjekttype passer for oss?" asks which project type fits: the
    composer answers it, not the focus areas (answers_dev12)."""
    assert asks_about_focus(text) is focus


@pytest.mark.parametrize(
    ("text", "for_a_fact"),
    [
        ("Kan vi bruke konsulenter til å gjøre deler av jobben?", True),
        ("får vi anlita konsulter för att skriva ansökan?", True),
        ("kan vi leie bil i prosjektet?", True),
        ("Får vi köpa in datorer till projektet?", True),
        ("Kan vi använda pengarna till att bygga en bro över älven?", False),
        ("kan vi bruke midlene på et nytt turistanlegg?", False),
        ("kan vi få stöd för cykelleder över gränsen?", False),
    ],
)
def test_whether_a_means_may_be_used_is_a_question_for_a_fact(
    text: str, for_a_fact: bool
) -> None:
    """ "Kan vi bruke konsulenter …?" asks a rule, not for focus areas; what the grant
    itself is to be used for ("använda pengarna till en bro") tells an idea."""
    assert asks_for_information(text) is for_a_fact


@pytest.mark.parametrize(
    ("lang", "text", "verdict"),
    [
        ("nb", "Kan fylkeskommunen være med å medfinansiere?", False),
        ("sv", "Kan regionen vara med och finansiera ett projekt i Jämtland?", False),
        ("nb", "Kan ikke fylkeskommunen bare godkjenne prosjektet selv?", False),
        ("sv", "Vi är en kommun i Dalarna, kan vi söka?", True),
        ("nb", "Vi er en kommune, kan vi søke hvis vi betaler egenandelen selv?", True),
        # the noun, and an organisation told in a statement (compound_dev3)
        ("sv", "Malung-Sälens kommun här. vad är medfinansieringen?", True),
        ("sv", "Vi är en kommun i Dalarna. Vem betalar för den norska delen?", True),
        ("nb", "Engerdal kommune her. hvem betaler ut pengene?", True),
        # taking part in several projects is not whether it may apply (dev16)
        ("sv", "Får en kommun vara med i två projekt samtidigt?", False),
        ("nb", "Kan ein kommune vere med i fleire prosjekt?", False),
        ("sv", "Vi är en kommun och har flera projektidéer, kan vi söka?", True),
        # what a named party usually does is not whether it may apply
        ("nb", "Hvor mye pleier Engerdal kommune å gå inn med?", False),
        ("sv", "Vi är en förening i Torsby och brukar ordna läger. Kan vi söka?", True),
    ],
)
def test_an_organisation_asked_about_another_role_gets_no_verdict(
    snapshot: Snapshot, lang: str, text: str, verdict: bool
) -> None:
    """Paying for or deciding on a project is not applying: no eligibility verdict
    for the organisation named; applying beside paying still gets it."""
    parts = compose(snapshot, text, lang).parts
    assert any(p.kind == "eligibility" for p in parts) is verdict


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vår hembygdsförening vill ha stöd för en marknad som vi redan kör."),
        ("nb", "Vi vil søke om penger til et kurs som vi allerede holder på med."),
        ("nb", "Kan me søkje til ein festival som me alt køyrer?"),
        ("sv", "Kan vi få stöd till driften av en badplats som redan finns?"),
    ],
)
def test_money_for_what_the_user_already_runs_gets_the_rule_that_a_project_is_new(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """ "… som vi redan kör" is operating what exists: the rule that a project must
    be new is part of the answer, whatever the verb (dev16: a course already run)."""
    parts = compose(snapshot, text, lang).parts
    assert any(p.data.get("entry") == "project_must_be_new" for p in parts), parts


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("sv", "Vi har redan gjort en förstudie, kan vi söka huvudprojekt nu?"),
        (
            "nb",
            "Forprosjektet som vi allerede har hatt, kan det føre til et hovedprosjekt?",
        ),
    ],
)
def test_work_already_done_is_not_operating_what_exists(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    parts = compose(snapshot, text, lang).parts
    assert not any(p.data.get("entry") == "project_must_be_new" for p in parts), parts


@pytest.mark.parametrize(
    ("lang", "text", "organisation", "place"),
    [
        ("sv", "Hur mycket brukar Krokoms kommun gå in med i medfinansiering?", None, None),
        ("nb", "Kan fylkeskommunen i Innlandet være med å medfinansiere?", None, None),
        # an organisation told in a statement is the user's
        ("sv", "Vi är en kommun i Dalarna. Kan regionen vara med och finansiera?", "municipality", "Dalarna"),
        ("nb", "Vi er et idrettslag i Elverum og pleier å arrangere løp. Kan vi søke?", "non_profit_association", "Elverum"),
    ],
)  # fmt: skip
def test_an_organisation_asked_about_in_another_role_is_not_remembered_as_the_users(
    snapshot: Snapshot,
    lang: str,
    text: str,
    organisation: Optional[str],
    place: Optional[str],
) -> None:
    """ "Hur mycket brukar Krokoms kommun gå in med?" asks about a third party: the
    conversation does not remember the user as a municipality in Krokom."""
    profile = told(snapshot, text, lang)
    assert profile.organisation_type == organisation, profile
    assert profile.place == place, profile


@pytest.mark.parametrize(
    ("lang", "text", "organisation", "place", "side"),
    [
        (
            "sv",
            "Vår partner är en fylkeskommune i Trøndelag men vi själva är ett litet "
            "aktiebolag i Härnösand med fem anställda.",
            "company",
            "Härnösand",
            "se",
        ),
        (
            "sv",
            "Vi har en partner i Oslo, ett AS som jobbar med biogas, och själva är vi "
            "en kommun i Säffle.",
            "municipality",
            "Säffle",
            "se",
        ),
        (
            "nb",
            "Partneren vår er en kommun i Värmland, men selv er vi et aksjeselskap i "
            "Kongsvinger.",
            "company",
            "Kongsvinger",
            "no",
        ),
        (
            "nb",
            "Samarbeidspartneren vår er et AB i Östersund, og vi selv er en kommune i "
            "Steinkjer.",
            "municipality",
            "Steinkjer",
            "no",
        ),
    ],
)
def test_a_partner_named_first_leaves_the_user_their_own_organisation_and_place(
    snapshot: Snapshot,
    lang: str,
    text: str,
    organisation: str,
    place: str,
    side: str,
) -> None:
    """ "vår partner är en fylkeskommune i Trøndelag men vi själva är ett AB i
    Härnösand": the partner's type and place are not the user's, so the partner
    advice is for the user's side."""
    known = told(snapshot, text, lang)
    assert (known.organisation_type, known.place, known.side) == (
        organisation,
        place,
        side,
    )


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        (
            "sv",
            "Vi är en kommun i Arvika och vill samarbeta med en kommun i Eidskog. Vi "
            "vill också ha med ett företag från Uppsala, går det?",
        ),
        (
            "nb",
            "Vi er en kommune i Kongsvinger og vil samarbeide med en kommune i Eda. Vi "
            "vil også ha med et firma fra Bergen, går det?",
        ),
    ],
)
def test_a_third_place_outside_the_area_still_gets_the_outside_rule(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    """Two places inside the area come first; a partner outside it named third
    ("ett företag från Uppsala") still gets what an outside actor may do."""
    entries = [p.data.get("entry") for p in compose(snapshot, text, lang).parts]
    assert "outside_area_partner" in entries, entries
