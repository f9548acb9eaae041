"""A workspace on a temporary copy of the knowledge base, with one account."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Tuple

import pytest
from aiohttp import FormData
from aiohttp.test_utils import TestClient, TestServer

from bot.secretariat.workspace.app import create_app
from bot.secretariat.workspace.auth import Accounts
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.store import Store

DATA = Path(__file__).resolve().parents[2] / "programme_kb" / "data"
USER, PASSWORD = "anna", "korrekt hast batteri häftklammer"
OTHER, OTHER_PASSWORD = "ola", "riktig hest batteri stift"
UNANSWERED = [
    ("2026-11-30T09:00:00+00:00", "sv", "Kan vi söka pengar till en hundkapplöpning?"),
    ("2026-12-01T09:00:00+00:00", "sv", "kan vi söka pengar för en hundkapplöpning"),
    ("2026-12-02T10:00:00+00:00", "nb", "Kan vi søke penger til et hundeløp?"),
    ("2026-12-03T11:00:00+00:00", "nb", "Hvem eier månen?"),
]


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    log = tmp_path / "unanswered.jsonl"
    log.write_text(
        "".join(
            json.dumps(
                {"time": t, "sender_id": f"s{i}", "language": lang, "text": text}
            )
            + "\n"
            for i, (t, lang, text) in enumerate(UNANSWERED)
        ),
        encoding="utf-8",
    )
    settings = Settings(
        data_dir=data,
        var_dir=tmp_path / "workspace",
        unanswered_log=log,
        tracker_db_url=f"sqlite:///{tmp_path / 'conversations.db'}",
        fail_delay_s=0.0,
        secure_cookie=False,  # aiohttp's test client keeps no Secure cookie over http
    )
    accounts = Accounts(Store(settings.database))
    accounts.add(USER, PASSWORD)
    accounts.add(OTHER, OTHER_PASSWORD)
    return settings


def hidden(page: str, name: str) -> str:
    match = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert match, f"no hidden field {name}"
    return html.unescape(match.group(1))


def form(fields: Dict[str, str], sources: Iterable[str] = ()) -> FormData:
    data = FormData()
    for key, value in fields.items():
        data.add_field(key, value)
    for source in sources:
        data.add_field("sources", source)
    return data


class Officer:
    """A signed-in browser-like client (cookies kept, redirects not followed)."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.csrf = ""

    async def sign_in(self, name: str = USER, password: str = PASSWORD) -> Any:
        page = await (await self.client.get("/login")).text()
        answer = await self.client.post(
            "/login",
            data={
                "login_csrf": hidden(page, "login_csrf"),
                "name": name,
                "password": password,
            },
            allow_redirects=False,
        )
        if answer.status == 303:
            inbox = await (await self.client.get("/inbox")).text()
            self.csrf = hidden(inbox, "csrf")
        return answer

    async def page(self, path: str) -> Tuple[int, str]:
        answer = await self.client.get(path, allow_redirects=False)
        return answer.status, await answer.text()

    async def open_editor(self, entry_id: Optional[str] = None) -> Dict[str, str]:
        _, page = await self.page(f"/edit?id={entry_id}" if entry_id else "/edit")
        return {"csrf": self.csrf, "base": hidden(page, "base")}

    async def submit(
        self,
        fields: Dict[str, str],
        sources: Iterable[str] = ("isn_faq",),
        **extra: str,
    ) -> Tuple[int, str, Optional[str]]:
        answer = await self.client.post(
            "/edit",
            data=form({"csrf": self.csrf, **fields, **extra}, sources),
            allow_redirects=False,
        )
        return answer.status, await answer.text(), answer.headers.get("Location")

    async def post(self, path: str, fields: Dict[str, str]) -> Any:
        return await self.client.post(
            path, data={"csrf": self.csrf, **fields}, allow_redirects=False
        )


@pytest.fixture
async def client(settings: Settings) -> Any:
    async with TestClient(TestServer(create_app(settings))) as test_client:
        yield test_client


@pytest.fixture
async def officer(client: TestClient) -> Officer:
    officer = Officer(client)
    answer = await officer.sign_in()
    assert answer.status == 303
    return officer


def new_entry(**overrides: str) -> Dict[str, str]:
    fields = {
        "id": "dog_race",
        "questions_sv": "Kan vi söka pengar till en hundkapplöpning?",
        "questions_nb": "Kan vi søke penger til et hundeløp?",
        "answer_sv": "Programmet stöder gränsöverskridande samarbete, inte enskilda tävlingar som en hundkapplöpning.",
        "answer_nb": "Programmet støtter grenseoverskridende samarbeid, ikke enkeltstående konkurranser som et hundeløp.",
        "as_of": "2026-12-01",
        "reason": "Frågan kom tre gånger i inkorgen",
        "action": "publish",
    }
    fields.update(overrides)
    return fields


def errors(page: str) -> Dict[str, str]:
    """Field name -> the problem shown next to it."""
    return {
        name: html.unescape(message).strip()
        for name, message in re.findall(
            r'class="error" id="([a-z_]+)-error">([^<]*)', page
        )
    }


def files(settings: Settings) -> List[bytes]:
    return [p.read_bytes() for p in sorted(settings.data_dir.glob("*.yml"))]
