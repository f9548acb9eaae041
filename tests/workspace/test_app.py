"""The workspace over HTTP: sign-in gate, cookies, CSRF, the editor's refusals, inbox."""

from __future__ import annotations

import asyncio
import dataclasses
import json
import re
import sqlite3
from typing import Any, Dict, Tuple

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.secretariat.workspace import yamledit
from bot.secretariat.workspace.app import WORKSPACE, create_app
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.texts import TEXTS
from programme_kb.kb import load
from tests.workspace.conftest import (
    OTHER,
    OTHER_PASSWORD,
    PASSWORD,
    USER,
    Officer,
    errors,
    files,
    form,
    hidden,
    new_entry,
)

PAGES = [
    "/",
    "/inbox",
    "/entries",
    "/entries?q=rapport",
    "/review",
    "/edit",
    "/edit?id=reporting_periods",
    "/fact?id=official_name",
    "/history",
    "/report",
]


def test_every_text_is_in_swedish_and_norwegian() -> None:
    for key, (sv, nb) in TEXTS.items():
        assert sv.strip() and nb.strip(), key


@pytest.mark.parametrize("path", PAGES + ["/history/1", "/report/view", "/report/csv"])
async def test_nothing_is_reachable_without_signing_in(
    client: TestClient, path: str
) -> None:
    answer = await client.get(path, allow_redirects=False)
    assert answer.status == 303
    assert answer.headers["Location"].startswith("/login")


@pytest.mark.parametrize(
    "path", ["/edit", "/inbox/dismiss", "/history/1/undo", "/language", "/logout"]
)
async def test_no_form_is_accepted_without_signing_in(
    client: TestClient, path: str, settings: Settings
) -> None:
    before = files(settings)
    answer = await client.post(
        path, data={"csrf": "x", **new_entry()}, allow_redirects=False
    )
    assert answer.status == 303 and answer.headers["Location"].startswith("/login")
    assert files(settings) == before


async def test_the_session_cookie_is_secure_http_only_and_strict(
    settings: Settings,
) -> None:
    secure = dataclasses.replace(settings, secure_cookie=True)
    async with TestClient(TestServer(create_app(secure))) as client:
        page = await client.get("/login")
        nonce = hidden(await page.text(), "login_csrf")
        assert "Secure" in page.headers["Set-Cookie"]
        answer = await client.post(
            "/login",
            data={"login_csrf": nonce, "name": USER, "password": PASSWORD},
            headers={"Cookie": f"ws_login={nonce}"},
            allow_redirects=False,
        )
    assert answer.status == 303
    cookie = next(
        c for c in answer.headers.getall("Set-Cookie") if c.startswith("ws_session=")
    )
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag in cookie


@pytest.mark.parametrize("lang", ["sv", "nb"])
@pytest.mark.parametrize("path", PAGES[1:])
async def test_every_page_renders_in_both_languages_with_strict_headers(
    officer: Officer, path: str, lang: str
) -> None:
    answer = await officer.client.get(f"{path}{'&' if '?' in path else '?'}lang={lang}")
    page = await answer.text()
    assert answer.status == 200
    assert f'<html lang="{lang}">' in page
    assert "<script" not in page and " style=" not in page and "<style" not in page
    csp = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


async def test_language_choice_is_kept_for_the_session(officer: Officer) -> None:
    answer = await officer.post("/language", {"to": "nb", "next": "/history"})
    assert answer.status == 303 and answer.headers["Location"] == "/history"
    _, page = await officer.page("/history")
    assert "Historikk" in page and '<html lang="nb">' in page


@pytest.mark.parametrize("token", ["", "wrong", "x" * 5000])
async def test_a_form_without_the_sessions_csrf_token_is_refused(
    officer: Officer, settings: Settings, token: str
) -> None:
    before = files(settings)
    officer.csrf = token
    status, _, _ = await officer.submit(new_entry())
    assert status == 403
    assert files(settings) == before


async def test_sign_in_needs_its_own_form_token(client: TestClient) -> None:
    answer = await client.post(
        "/login", data={"name": USER, "password": PASSWORD}, allow_redirects=False
    )
    assert answer.status == 403


async def test_ten_wrong_passwords_are_refused_then_braked_and_logged(
    client: TestClient, caplog: pytest.LogCaptureFixture
) -> None:
    officer = Officer(client)
    statuses = [(await officer.sign_in(password=f"fel {n}")).status for n in range(10)]
    assert statuses[:5] == [401] * 5 and statuses[5:] == [429] * 5
    assert (await officer.sign_in()).status == 429  # the right password waits too
    assert any("refused" in r.getMessage() for r in caplog.records)


async def test_an_open_redirect_after_sign_in_is_not_possible(
    client: TestClient,
) -> None:
    page = await (await client.get("/login?next=//evil.example/")).text()
    assert hidden(page, "next") == "/inbox"


async def test_publish_a_new_answer_in_both_languages_then_undo(
    officer: Officer, settings: Settings
) -> None:
    original = (settings.data_dir / "faq.yml").read_bytes()
    await officer.open_editor()
    status, _, location = await officer.submit(new_entry())
    assert status == 303 and location and location.startswith("/history/")
    text = (settings.data_dir / "faq.yml").read_text(encoding="utf-8")
    entry = yamledit.find(text, "faq.yml", "dog_race")
    assert entry and entry["answer"]["nb"].startswith("Programmet støtter")
    _, page = await officer.page(location)
    assert "Frågan kom tre gånger" in page and USER in page
    answer = await officer.post(
        location.split("?")[0] + "/undo", {"reason": "provade bara"}
    )
    assert answer.status == 303
    assert (settings.data_dir / "faq.yml").read_bytes() == original


PROBLEMS = [
    ({"answer_sv": "", "answer_nb": ""}, {"answer_sv", "answer_nb"}),
    ({"answer_nb": ""}, {"answer_nb"}),
    ({"questions_nb": ""}, {"questions_nb"}),
    ({"questions_sv": " \n "}, {"questions_sv"}),
    ({"answer_sv": "Nej, det går inte."}, {"answer_sv"}),
    ({"as_of": "2999-01-01"}, {"as_of"}),
    ({"as_of": "igår"}, {"as_of"}),
    ({"id": "Hund Race!"}, {"id"}),
    ({"id": "start_before_decision"}, {"id"}),
    ({"answer_sv": "x" * 50_000}, {"answer_sv"}),
    ({"questions_nb": "y" * 50_000}, {"questions_nb"}),
    ({"reason": "z" * 50_000}, {"reason"}),
    ({"reason": ""}, {"reason"}),
    ({"answer_nb": "Tekst\x00med null"}, {"answer_nb"}),
    (
        {
            "new_source_title_sv": "Sida",
            "new_source_title_nb": "Side",
            "new_source_url": "http://example.com/",
        },
        {"new_source_url"},
    ),
    (
        {
            "new_source_title_sv": "Sida",
            "new_source_title_nb": "Side",
            "new_source_url": "javascript:alert(1)",
        },
        {"new_source_url"},
    ),
    ({"new_source_url": "https://example.com/"}, {"new_source_url"}),
]


@pytest.mark.parametrize("fields, bad", PROBLEMS)
async def test_bad_input_is_refused_next_to_its_field_and_nothing_is_written(
    officer: Officer, settings: Settings, fields: dict, bad: set
) -> None:
    before = files(settings)
    status, page, _ = await officer.submit(new_entry(**fields))
    assert status == 400
    assert set(errors(page)) == bad
    for name in bad:
        assert f'id="{name}"' in page and 'aria-invalid="true"' in page
    assert files(settings) == before


async def test_no_source_at_all_is_refused(
    officer: Officer, settings: Settings
) -> None:
    before = files(settings)
    status, page, _ = await officer.submit(new_entry(), sources=())
    assert status == 400 and set(errors(page)) == {"sources"}
    assert files(settings) == before


async def test_a_new_public_source_is_added_to_sources_yml(
    officer: Officer, settings: Settings
) -> None:
    fields = new_entry(
        new_source_title_sv="Tillväxtverket: Interreg",
        new_source_title_nb="Tillväxtverket: Interreg (svensk side)",
        new_source_url="https://tillvaxtverket.se/interreg",
    )
    status, _, _ = await officer.submit(fields, sources=())
    assert status == 303
    sources = yamledit.entries(
        (settings.data_dir / "sources.yml").read_text(encoding="utf-8"), "sources.yml"
    )
    added = next(
        s for s in sources if s["url"]["sv"] == "https://tillvaxtverket.se/interreg"
    )
    entry = yamledit.find(
        (settings.data_dir / "faq.yml").read_text(encoding="utf-8"),
        "faq.yml",
        "dog_race",
    )
    assert entry and entry["sources"] == [added["id"]]


MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'


async def test_markup_is_stored_as_text_and_shown_inert(
    officer: Officer, settings: Settings
) -> None:
    fields = new_entry(
        answer_sv=f"Programmet svarar {MARKUP} här.", questions_sv=f"Vad är {MARKUP}?"
    )
    status, _, _ = await officer.submit(fields)
    assert status == 303
    entry = yamledit.find(
        (settings.data_dir / "faq.yml").read_text(encoding="utf-8"),
        "faq.yml",
        "dog_race",
    )
    assert entry and MARKUP in entry["answer"]["sv"]
    for path in ("/entries?q=programmet+svarar", "/edit?id=dog_race", "/history/1"):
        _, page = await officer.page(path)
        assert "<script>" not in page and "<img" not in page
        assert "&lt;script&gt;" in page


async def test_preview_shows_what_the_assistant_would_answer_without_publishing(
    officer: Officer, settings: Settings
) -> None:
    before = files(settings)
    status, page, _ = await officer.submit(new_entry(action="preview", reason=""))
    assert status == 200
    rows = re.findall(r"<tr><td lang=\"(sv|nb)\">(.*?)</tr>", page, re.S)
    assert {lang for lang, _ in rows} == {"sv", "nb"}
    for _, row in rows:
        cells = row.split("<td>")
        assert "dog_race" not in cells[1]  # now: not this answer
        assert "dog_race" in cells[2] and "Programmet st" in cells[2]  # with the edit
    assert files(settings) == before


async def test_two_officers_the_second_save_is_refused_with_the_first_ones_change(
    client: TestClient, settings: Settings
) -> None:
    anna = Officer(client)
    await anna.sign_in()
    async with TestClient(client.server) as other_client:  # a second browser
        ola = Officer(other_client)
        await ola.sign_in(OTHER, OTHER_PASSWORD)
        opened_a = await anna.open_editor("reporting_periods")
        opened_o = await ola.open_editor("reporting_periods")
        entry = json.loads(opened_a["base"])
        fields = {
            "id": "reporting_periods",
            "questions_sv": "\n".join(entry["questions"]["sv"]),
            "questions_nb": "\n".join(entry["questions"]["nb"]),
            "answer_sv": entry["answer"]["sv"],
            "as_of": entry["as_of"],
            "action": "publish",
        }
        status, _, _ = await anna.submit(
            {
                **fields,
                "base": opened_a["base"],
                "answer_nb": "Annas nye svar om rapportering.",
                "reason": "a",
            },
            sources=entry["sources"],
        )
        assert status == 303
        written = files(settings)
        status, page, _ = await ola.submit(
            {
                **fields,
                "base": opened_o["base"],
                "answer_nb": "Olas svar.",
                "reason": "o",
            },
            sources=entry["sources"],
        )
        assert status == 409
        assert "Annas nye svar om rapportering." in page and USER in page
        assert "Olas svar." in page  # the text typed is not lost
        assert files(settings) == written


async def test_an_expired_session_keeps_the_text_typed(
    officer: Officer, settings: Settings
) -> None:
    with sqlite3.connect(settings.database) as db:
        db.execute("UPDATE sessions SET seen = 0")
    before = files(settings)
    status, _, location = await officer.submit(
        new_entry(answer_sv="Mitt långa svar som inte får försvinna.")
    )
    assert status == 303 and location and "resume=" in location
    assert files(settings) == before
    page = await (await officer.client.get(location)).text()
    assert "texten du skrev är sparad" in page
    resume = hidden(page, "resume")
    answer = await officer.client.post(
        "/login",
        data={
            "login_csrf": hidden(page, "login_csrf"),
            "name": USER,
            "password": PASSWORD,
            "resume": resume,
        },
        allow_redirects=False,
    )
    assert answer.status == 303
    editor_page = await (await officer.client.get(answer.headers["Location"])).text()
    assert "Mitt långa svar som inte får försvinna." in editor_page


async def test_inbox_groups_link_and_dismiss(
    officer: Officer, settings: Settings
) -> None:
    _, page = await officer.page("/inbox")
    keys = re.findall(r'name="group" value="([0-9a-f]+)"', page)
    groups = list(dict.fromkeys(keys))
    assert (
        len(groups) == 3
    )  # the dog race asked twice in Swedish, once in Norwegian; the moon
    assert "Hvem eier månen?" in page
    dog, _, moon = groups  # the largest first, then the newest
    answer = await officer.post("/inbox/dismiss", {"group": moon, "reason": ""})
    assert answer.status == 400
    answer = await officer.post(
        "/inbox/dismiss", {"group": moon, "reason": "utanför programmet"}
    )
    assert answer.status == 303
    answer = await officer.post(
        "/inbox/link", {"group": dog, "entry_id": "reporting_periods", "reason": "test"}
    )
    assert answer.status == 303
    entry = yamledit.find(
        (settings.data_dir / "faq.yml").read_text(encoding="utf-8"),
        "faq.yml",
        "reporting_periods",
    )
    assert (
        entry
        and "kan vi söka pengar för en hundkapplöpning" in entry["questions"]["sv"]
    )
    assert "Kan vi söka pengar till en hundkapplöpning?" in entry["questions"]["sv"]
    _, page = await officer.page("/inbox")
    assert re.findall(r'name="group" value="([0-9a-f]+)"', page)[::3] == [groups[1]]
    assert "utanför programmet" in page  # recorded, not lost
    answer = await officer.post("/inbox/dismiss", {"group": moon, "reason": "igen"})
    assert answer.status == 409


async def test_answering_an_inbox_group_prefills_its_wordings_and_closes_it(
    officer: Officer, settings: Settings
) -> None:
    _, page = await officer.page("/inbox")
    dog = re.findall(r'name="group" value="([0-9a-f]+)"', page)[0]
    _, editor = await officer.page(f"/edit?group={dog}")
    assert "kan vi söka pengar för en hundkapplöpning" in editor
    assert hidden(editor, "group") == dog
    status, _, _ = await officer.submit(new_entry(group=dog))
    assert status == 303
    _, page = await officer.page("/inbox")
    assert re.findall(r'name="group" value="([0-9a-f]+)"', page).count(dog) == 0


async def test_search_finds_faq_and_facts_in_both_languages(officer: Officer) -> None:
    _, page = await officer.page("/entries?q=rapporteringsperiode")
    assert "reporting_periods" in page
    _, page = await officer.page("/entries?q=zzzz-nothing")
    assert "Inga träffar." in page


async def test_review_lists_entries_older_than_the_age(officer: Officer) -> None:
    _, page = await officer.page("/review?days=0")
    assert "start_before_decision" in page
    _, page = await officer.page("/review?days=36500")
    assert "start_before_decision" not in page


async def test_report_view_and_csv(officer: Officer) -> None:
    answer = await officer.client.get("/report/view?from=2025-01-01&to=2025-01-31")
    assert answer.status == 200
    assert "script-src" not in answer.headers["Content-Security-Policy"]
    assert "default-src 'none'" in answer.headers["Content-Security-Policy"]
    answer = await officer.client.get("/report/csv?from=2025-01-01&to=2025-01-31")
    assert answer.status == 200 and answer.headers["Content-Type"].startswith(
        "text/csv"
    )
    answer = await officer.client.get("/report/view?from=not-a-date")
    assert answer.status == 400


async def test_the_app_serves_the_same_files_it_was_given(settings: Settings) -> None:
    app = create_app(settings)
    assert app[WORKSPACE].settings.data_dir == settings.data_dir


async def test_thumbs_down_and_requests_for_a_person_are_in_the_inbox(
    officer: Officer, settings: Settings
) -> None:
    from tests.secretariat.seed import EXPECTED, seed

    await asyncio.to_thread(seed, settings.database.parent.parent / "conversations.db")
    _, page = await officer.page("/inbox")
    items = re.findall(r'name="item" value="([a-z0-9]+)"', page)
    assert len(items) == EXPECTED["thumbs_down"] + EXPECTED["handovers"]
    assert "Tummen ner" in page and "Bad om en person" in page
    link = re.search(r'href="(/edit\?question=[^"]+)"', page)
    assert link
    _, editor_page = await officer.page(link.group(1).replace("&amp;", "&"))
    assert hidden(editor_page, "group").startswith("item:")
    answer = await officer.post("/inbox/feedback", {"item": items[0], "reason": ""})
    assert answer.status == 400
    answer = await officer.post(
        "/inbox/feedback", {"item": items[0], "reason": "svaret stämmer"}
    )
    assert answer.status == 303
    _, page = await officer.page("/inbox")
    assert items[0] not in page and "svaret stämmer" in page


@pytest.mark.parametrize(
    "entry_id", ["start_before_decision", "reporting_periods", "joint_status_report"]
)
async def test_saving_an_entry_unchanged_writes_nothing(
    officer: Officer, settings: Settings, entry_id: str
) -> None:
    opened = await officer.open_editor(entry_id)
    entry = json.loads(opened["base"])
    before = files(settings)
    status, page, _ = await officer.submit(
        {
            "base": opened["base"],
            "id": entry_id,
            "questions_sv": "\r\n".join(
                entry["questions"]["sv"]
            ),  # as a browser sends a textarea
            "questions_nb": "\r\n".join(entry["questions"]["nb"]),
            "answer_sv": entry["answer"]["sv"],
            "answer_nb": entry["answer"]["nb"],
            "as_of": entry["as_of"],
            "reason": "inget",
            "action": "publish",
        },
        sources=sorted(
            entry["sources"], reverse=True
        ),  # the list box's order, not the entry's
    )
    assert status == 200 and "Inget ändrades." in page
    assert files(settings) == before


async def _fact_form(officer: Officer, fact_id: str) -> Dict[str, Any]:
    status, page = await officer.page(f"/fact?id={fact_id}")
    assert status == 200
    fact = json.loads(hidden(page, "base"))
    return {
        "base": hidden(page, "base"),
        "id": fact_id,
        "text_sv": fact["text"]["sv"],
        "text_nb": fact["text"]["nb"],
        "as_of": fact["as_of"],
        "reason": "ny uppgift",
        "action": "publish",
        "_sources": fact["sources"],
    }


async def _submit_fact(officer: Officer, fields: Dict[str, Any]) -> Tuple[int, str]:
    sources = fields.pop("_sources")
    answer = await officer.client.post(
        "/fact",
        data=form({"csrf": officer.csrf, **fields}, sources),
        allow_redirects=False,
    )
    return answer.status, await answer.text()


async def test_a_fact_is_edited_in_both_languages_and_served(
    officer: Officer, settings: Settings
) -> None:
    fields = await _fact_form(officer, "official_name")
    fields["text_nb"] = (
        "Programmets offisielle navn er Interreg VI-A Sweden-Norway (CCI 2021TC16RFCB015)."
    )
    status, _ = await _submit_fact(officer, fields)
    assert status == 303
    assert (
        load(settings.data_dir)
        .facts["official_name"]
        .text.nb.endswith("(CCI 2021TC16RFCB015).")
    )
    text = (settings.data_dir / "facts.yml").read_text(encoding="utf-8")
    assert "      nb: >-\n        Programmets offisielle navn er" in text


@pytest.mark.parametrize(
    "change, field",
    [
        ({"text_nb": ""}, "text_nb"),
        ({"text_sv": "Ja, det är så."}, "text_sv"),
        ({"as_of": "2999-12-31"}, "as_of"),
    ],
)
async def test_a_fact_edit_that_breaks_validation_is_refused(
    officer: Officer, settings: Settings, change: Dict[str, str], field: str
) -> None:
    before = files(settings)
    fields = {**await _fact_form(officer, "official_name"), **change}
    status, page = await _submit_fact(officer, fields)
    assert status == 400 and field in errors(page)
    assert files(settings) == before


async def test_facts_cannot_be_created_in_the_workspace(
    officer: Officer, settings: Settings
) -> None:
    before = files(settings)
    fields = {
        **await _fact_form(officer, "official_name"),
        "base": "",
        "id": "brand_new",
    }
    status, _ = await _submit_fact(officer, fields)
    assert status == 404
    assert files(settings) == before


async def test_wordings_with_characters_yaml_cannot_hold_are_cleaned_when_linked(
    officer: Officer, settings: Settings
) -> None:
    odd = "Får vi\x85 söka\ufffe för\u2028 <b>hundar</b>?"
    with settings.unanswered_log.open("a", encoding="utf-8") as log:
        log.write(
            json.dumps(
                {
                    "time": "2026-12-04T10:00:00+00:00",
                    "sender_id": "x",
                    "language": "sv",
                    "text": odd,
                }
            )
            + "\n"
        )
    _, page = await officer.page("/inbox")
    assert "&lt;b&gt;hundar&lt;/b&gt;" in page
    group = re.search(r'<h3 id="g-([0-9a-f]+)">Får vi', page)
    assert group
    _, editor_page = await officer.page(f"/edit?group={group.group(1)}")
    assert "Får vi söka för &lt;b&gt;hundar&lt;/b&gt;?" in editor_page
    answer = await officer.post(
        "/inbox/link", {"group": group.group(1), "entry_id": "reporting_periods"}
    )
    assert answer.status == 303
    entry = yamledit.find(
        (settings.data_dir / "faq.yml").read_text(encoding="utf-8"),
        "faq.yml",
        "reporting_periods",
    )
    assert entry and "Får vi söka för <b>hundar</b>?" in entry["questions"]["sv"]


@pytest.mark.parametrize(
    "file, breakage",
    [
        (
            "facts.yml",
            lambda t: t.replace(
                "  - id: official_name", "  - id: official_name\n    nonsense: 1", 1
            ),
        ),
        ("faq.yml", lambda t: t + "\n  - id: [broken\n"),
    ],
)
async def test_data_broken_by_hand_neither_stops_the_workspace_nor_is_overwritten(
    settings: Settings, file: str, breakage: Any
) -> None:
    path = settings.data_dir / file
    path.write_text(breakage(path.read_text(encoding="utf-8")), encoding="utf-8")
    broken = files(settings)
    async with TestClient(TestServer(create_app(settings))) as client:
        officer = Officer(client)
        assert (await officer.sign_in()).status == 303
        for page in ("/inbox", "/entries?q=rapport", "/review", "/history"):
            status, _ = await officer.page(page)
            assert status == 200, page
        status, page, _ = await officer.submit(new_entry(action="preview", reason=""))
        assert status in (400, 409)
        assert "make kb-check" in page or "kb-check" in page
        status, _, _ = await officer.submit(new_entry())
        assert status in (400, 409)
    assert files(settings) == broken
