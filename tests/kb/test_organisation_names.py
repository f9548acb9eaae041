"""Names of organisations are who, not what: "Innovasjon Norge" is no idea about
innovation, "vem är förvaltande myndighet?" does not make the user an authority."""

from __future__ import annotations

import pytest

from programme_kb.compose.profile import organisation_in
from programme_kb.scope import names_an_organisation, other_funder
from programme_kb.service import Snapshot

FUNDER_QUESTIONS = [
    ("nb", "kan vi kombinere tilskudd fra Innovasjon Norge med Interreg?"),
    ("nb", "kan vi søke innovasjon norge samtidig for samme ting"),
    ("nb", "har Innovasjon Norge noe med dette å gjøre?"),
    ("sv", "kan vi få pengar från Tillväxtverket också?"),
    ("sv", "ska vi prata med Folkhälsomyndigheten först?"),
    ("sv", "räknas pengar från Naturvårdsverket som medfinansiering?"),
    ("nb", "kan Miljødirektoratet være med som finansiør?"),
    ("sv", "vi har redan stöd från VINNOVA"),
]


@pytest.mark.parametrize(("lang", "text"), FUNDER_QUESTIONS)
def test_an_organisations_name_is_no_focus_evidence(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert names_an_organisation(snapshot.kb, text)
    assert snapshot.focus.rank(text, lang).items == []


@pytest.mark.parametrize(
    ("lang", "text", "area"),
    [
        (
            "nb",
            "vi vil samarbeide med Innovasjon Norge om innovasjon i reiselivet",
            "1A",
        ),
        ("sv", "vi vill minska arbetslösheten bland unga, Tillväxtverket är med", "3A"),
        ("nb", "et prosjekt om naturvern langs grensen med Miljødirektoratet", "2A"),
    ],
)
def test_the_idea_beside_the_name_still_counts(
    snapshot: Snapshot, lang: str, text: str, area: str
) -> None:
    assert area in [m.code for m in snapshot.focus.rank(text, lang).items]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "vi vil lage et innovasjonsprosjekt om turisme"),
        ("sv", "innovation inom skogsindustrin"),
        ("nb", "Norge og Sverige"),
    ],
)
def test_words_of_a_name_alone_are_no_name(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert not names_an_organisation(snapshot.kb, text)


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("nb", "hvem er forvaltende myndighet for programmet"),
        ("sv", "vem är förvaltande myndighet?"),
        ("sv", "vem är den ansvariga myndigheten för Interreg Sverige–Norge"),
        ("nb", "kven er ansvarleg styresmakt"),
    ],
)
def test_an_organisation_asked_about_is_not_the_user(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    assert organisation_in(snapshot, text, lang).label is None


@pytest.mark.parametrize(
    ("lang", "text", "label"),
    [
        ("sv", "vem kan söka, vi är en kommun", "municipality"),
        ("nb", "hvem kan hjelpe oss? vi er en kommune i Innlandet", "municipality"),
        ("sv", "vi är en förening, vem ska vi kontakta?", "non_profit_association"),
    ],
)
def test_who_asked_before_the_user_says_who_they_are(
    snapshot: Snapshot, lang: str, text: str, label: str
) -> None:
    assert organisation_in(snapshot, text, lang).organisation_type == label


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("kan vi også søke Innovasjon Norge om penger?", "Innovasjon Norge"),
        ("kan vi få stöd från Tillväxtverket också?", "Tillväxtverket"),
        ("vi har fått pengar från Vinnova, kan vi söka Interreg också?", "Vinnova"),
        ("søke midler hos Forskningsrådet samtidig?", "Forskningsrådet"),
    ],
)
def test_money_from_another_funder_is_theirs_to_answer(
    snapshot: Snapshot, text: str, name: str
) -> None:
    assert other_funder(snapshot.kb, text) == name


@pytest.mark.parametrize(
    "text",
    [
        "räknas pengar från Tillväxtverket som medfinansiering?",
        "kan Innovasjon Norge være partner?",
        "vi vill samarbeta med Naturvårdsverket om våtmarker",
        "kan vi søke om midler til et prosjekt om innovasjon i Norge?",
        "kan Sametinget søke?",
        "får Tillväxtverket söka stöd som partner?",
        "Innovasjon Norge, kan de søke om midler?",
        "skal Forskningsrådet søke sammen med oss?",
    ],
)
def test_co_financing_partners_and_ideas_are_ours(
    snapshot: Snapshot, text: str
) -> None:
    assert other_funder(snapshot.kb, text) is None
