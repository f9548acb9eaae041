"""The report page from its Jinja2 templates: escaped, complete, and the same page as
the f-string renderer made before (``fixtures/report_before_*.html``)."""

from __future__ import annotations

import dataclasses
import re
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from typing import List, Optional, Tuple

import pytest
import tomli  # pytest's own TOML reader on Python 3.10
from jinja2 import StrictUndefined, meta
from jinja2.exceptions import UndefinedError

from bot.secretariat.report import figures, page
from bot.secretariat.report.labels import LABELS
from tests.secretariat.report_fixture import HOSTILE, MADE, REPORTS, before_file, full

ROOT = Path(__file__).resolve().parents[2]

# Elements whose whitespace-only text between children a browser does not show (the
# document, block and table containers, SVG); inside any other element it counts.
LAYOUT = {"", "html", "head", "body", "main", "section", "table", "thead", "tbody", "tr",
          "svg", "details"}  # fmt: skip
VOID = {"meta", "br", "line", "rect"}

Item = Tuple[str, ...]


class Page(HTMLParser):
    """A page as a browser builds it: elements with sorted attributes (escaping and
    attribute order undone), text, and the visible text alone."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.items: List[Item] = []
        self.text: List[str] = []
        self.open: List[Tuple[str, Optional[str]]] = []
        """The elements open around the parser: (tag, class)."""
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: List[Tuple[str, Optional[str]]]) -> None:
        self.items.append(("<", tag, *(f"{k}={v}" for k, v in sorted(attrs))))
        if tag not in VOID:
            self.open.append((tag, dict(attrs).get("class")))

    def handle_startendtag(
        self, tag: str, attrs: List[Tuple[str, Optional[str]]]
    ) -> None:
        self.items.append(("<", tag, *(f"{k}={v}" for k, v in sorted(attrs))))
        self.items.append((">", tag))

    def handle_endtag(self, tag: str) -> None:
        self.items.append((">", tag))
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        parent, css = self.open[-1] if self.open else ("", None)
        if not data.strip() and (parent in LAYOUT or css == "tiles"):
            return
        self.items.append(("text", data))
        if all(tag != "head" for tag, _ in self.open):
            self.text.append(data)

    def handle_decl(self, decl: str) -> None:
        self.items.append(("!", decl.lower()))

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text)).strip()


def rendered(name: str) -> str:
    return page.render_html(REPORTS[name](), MADE)


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_page_shows_the_same_text_as_before(name: str) -> None:
    before = Page(before_file(name).read_text(encoding="utf-8"))
    after = Page(rendered(name))
    assert len(before.visible) > 1000
    assert after.visible == before.visible


@pytest.mark.parametrize("name", sorted(REPORTS))
def test_the_page_has_the_same_elements_and_attributes_as_before(name: str) -> None:
    """Same tags, attributes (aria-label, role, data-key, lang) and text, in order."""
    before = Page(before_file(name).read_text(encoding="utf-8")).items
    after = Page(rendered(name)).items
    assert any(item[:2] == ("<", "svg") for item in before) == (name == "full")
    assert after == before


@pytest.mark.parametrize("language", ["sv", "nb"])
@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "\"citat\" och 'apostrof' & <b>fet</b>",
        "{{ 7*7 }} {% if true %}ja{% endif %} {{ label('title') }}",
        HOSTILE,
    ],
)
def test_a_hostile_question_is_shown_as_typed_not_run(
    language: str, hostile: str
) -> None:
    """User text in every field of the page, in a Swedish and a Norwegian conversation."""
    report = full(hostile)
    report.rated_down = [
        figures.Rated(MADE, language, hostile, hostile),
        *report.rated_down,
    ]
    report.handovers = [figures.Handover(MADE, hostile, language, hostile)]
    report.groups = [figures.Group(1, [hostile], {language: 1})]
    html = page.render_html(report, MADE)
    parsed = Page(html)
    assert "<script" not in html and "<b>fet" not in html
    assert ("<", "script") not in {item[:2] for item in parsed.items}
    assert ("<", "b") in {item[:2] for item in parsed.items}, "the tiles' <b> only"
    assert sum(item[:2] == ("<", "b") for item in parsed.items) == 6
    cells = [data for kind, *rest in parsed.items if kind == "text" for data in rest]
    assert cells.count(hostile) >= 5, "question and answer, handover, sender, topic..."
    assert f"”{hostile}”" in cells, "the unanswered group's example"
    assert not any("49" in text for text in cells), "{{ 7*7 }} is text, not code"
    assert parsed.visible.count(LABELS["title"][0]) == 1, "the h1's, not the question's"


def test_numbers_and_keys_are_escaped_too() -> None:
    """A data-key built from stored text (an intent, a code) cannot leave its attribute."""
    report = full()
    report.topics = [('x" onclick="alert(1)', "Ämne / Emne", 2)]
    report.languages = {'<i>"x"</i>': 3}
    html = page.render_html(report, MADE)
    parsed = Page(html)
    attributes = [a for item in parsed.items if item[0] == "<" for a in item[2:]]
    assert 'data-key=topic.x" onclick="alert(1)' in attributes
    assert not any(a.startswith("onclick") for a in attributes)
    assert 'data-key=language.<i>"x"</i>' in attributes
    assert sum(item[:2] == ("<", "i") for item in parsed.items) == 2, "the legend's"
    assert '<i>"x"</i>' in [i[1] for i in parsed.items if i[0] == "text"]


def test_templates_exist_and_are_packaged() -> None:
    names = sorted(p.name for p in page.TEMPLATES.iterdir())
    assert names == ["_charts.html", "_table.html", "report.html"]
    pyproject = tomli.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "bot.secretariat.report" in pyproject["tool"]["setuptools"]["packages"]
    patterns = pyproject["tool"]["setuptools"]["package-data"]["bot.secretariat.report"]
    for name in names:
        assert any(fnmatch(f"templates/{name}", p) for p in patterns), name


def test_every_template_variable_is_provided() -> None:
    """StrictUndefined: a name or attribute the view-model lacks fails the render."""
    env = page.ENVIRONMENT
    assert env.undefined is StrictUndefined and env.autoescape is True
    provided = {"page", "label"}
    assert env.loader is not None
    for name in env.list_templates():
        source = env.loader.get_source(env, name)[0]
        used = meta.find_undeclared_variables(env.parse(source))
        assert used <= provided, (name, used - provided)
    for make in REPORTS.values():
        env.get_template("report.html").render(
            page=page.view(make(), MADE), label=page.label
        )
    with pytest.raises(UndefinedError, match="page"):
        env.get_template("report.html").render(label=page.label)


@pytest.mark.parametrize("field", [f.name for f in dataclasses.fields(page.Page)])
def test_the_template_reads_every_field_of_the_view_model(field: str) -> None:
    """Each field of ``Page`` is shown: without it the full report does not render."""
    values = dataclasses.asdict(page.view(full(), MADE))
    del values[field]
    with pytest.raises(UndefinedError, match=field):
        page.ENVIRONMENT.get_template("report.html").render(
            page=values, label=page.label
        )
