"""Funded projects: their data, and their use as precedents and as matcher evidence."""

from __future__ import annotations

from pathlib import Path

import pytest

from programme_kb.kb import KnowledgeBase, load
from programme_kb.loader import KnowledgeBaseError
from programme_kb.service import Snapshot

UNPLACEABLE = [
    ("sv", "vi åt middag hos mormor igår"),
    ("nb", "vi spiste middag hos bestemor i går"),
    ("sv", "hej hur mår du idag"),
    ("nb", "hva koster en bil"),
    # the programme's name and nationalities are in every project, not a topic
    ("sv", "vilka områden omfattas av Interreg Sverige och Norge"),
    ("sv", "vilka omraden omfattas av interreg sverige norge"),
    ("nb", "hvilke områder dekker programmet i Norge og Sverige"),
    ("nb", "hvilke områder er med i interreg norge sverige"),
]


def test_every_project_is_sourced_and_placed(kb: KnowledgeBase) -> None:
    assert len(kb.projects) >= 8
    assert len({p.id for p in kb.projects}) == len(kb.projects)
    for project in kb.projects:
        assert project.url.startswith("https://")
        assert project.focus_area in kb.areas
        assert project.language in ("sv", "nb")
    assert kb.projects_heading is not None
    for lang in ("sv", "nb"):
        assert "{code}" in kb.projects_heading[lang]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("focus_area", "9Z", "no focus area"),
        ("url", "http://example.org/", "string does not match"),
        ("sub_area", "inre_skandinavien", "unexpected value"),
    ],
)
def test_kb_check_refuses_a_broken_project(
    data_copy: Path, field: str, value: str, message: str
) -> None:
    path = data_copy / "projects.yml"
    text = path.read_text(encoding="utf-8")
    first = text.index("  - id: ")
    line_start = text.index(f"    {field}: ", first)
    line_end = text.index("\n", line_start)
    path.write_text(
        text[:line_start] + f'    {field}: "{value}"' + text[line_end:],
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError) as err:
        load(data_copy)
    assert message in str(err.value)
    assert "projects.yml" in str(err.value)


def test_a_data_directory_without_projects_still_loads(data_copy: Path) -> None:
    (data_copy / "projects.yml").unlink()
    assert load(data_copy).projects == []


@pytest.mark.parametrize(
    ("lang", "text", "code"),
    [
        (
            "nb",
            "Prosjektet skal gjøre museene og kulturarrangementene mer digitalt tilgjengelige",
            "3C",
        ),
        ("sv", "sågspån från skogsindustrin ska bli protein genom fermentering", "2B"),
        ("nb", "sagflis skal bli protein og fett ved fermentering", "2B"),
        ("sv", "museerna och kulturarrangemangen ska bli digitalt tillgängliga", "3C"),
    ],
)
def test_words_the_vocabulary_lacks_still_get_a_ranking(
    snapshot: Snapshot, lang: str, text: str, code: str
) -> None:
    result = snapshot.focus.rank(text, lang)
    assert result.reason is None
    assert result.items[0].code == code
    assert result.items[0].why, "the shared words are the reason shown"


@pytest.mark.parametrize(("lang", "text"), UNPLACEABLE)
def test_no_programme_content_is_not_placed(
    snapshot: Snapshot, lang: str, text: str
) -> None:
    result = snapshot.focus.rank(text, lang)
    assert result.items == [] and result.reason == "no_terms"


@pytest.mark.parametrize("lang", ["sv", "nb"])
def test_the_nearest_funded_project_comes_first_under_its_area(
    snapshot: Snapshot, lang: str
) -> None:
    text = {
        "sv": "vi vill utveckla cykelturism och cykelleder över gränsen",
        "nb": "vi vil utvikle sykkelturisme og sykkelturister over grensen med cykelleder",
    }[lang]
    result = snapshot.focus.rank(text, lang)
    top = result.items[0]
    assert top.code == "3C"
    assert top.projects[0].id == "cross_border_biking"
    card = result.payload(projects=True)
    shown = card["items"][0]["projects"][0]  # type: ignore[index]
    assert shown == {
        "name": "Cross Border Biking – CBB",
        "url": top.projects[0].url,
        "sub_area": "centrala_skandinavien",
        "language": "sv",
    }


def test_projects_under_an_area_all_belong_to_it(snapshot: Snapshot) -> None:
    result = snapshot.focus.rank(
        "vi vill arbeta med cirkulär ekonomi och återbruk", "sv"
    )
    for item in result.items:
        assert all(p.focus_area == item.code for p in item.projects)
        assert len(item.projects) <= 2


def test_a_project_left_out_is_not_its_own_evidence(snapshot: Snapshot) -> None:
    text = "sågspån från skogsindustrin ska bli protein genom fermentering"
    result = snapshot.focus.rank(text, "sv", exclude=frozenset({"cirk_ferm"}))
    for item in result.items:
        assert all(p.id != "cirk_ferm" for p in item.projects)
