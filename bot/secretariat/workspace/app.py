"""The workspace's web server (aiohttp, installed with Rasa): pages, forms, sign-in.

Every page is rendered by Jinja2 with autoescaping, so whatever an applicant or an
officer typed is shown as text. No page runs a script (CSP ``default-src 'self'``
and nothing else to run); every form carries the session's CSRF token, checked
before any handler runs; every page but sign-in needs a live session.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import secrets
import tempfile
from pathlib import Path
from typing import Any, Awaitable, Callable, Dict, List, Optional, Tuple
from urllib.parse import quote

from aiohttp import web
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from ruamel.yaml.error import YAMLError

from bot.secretariat.workspace import editor, inbox, preview, yamledit
from bot.secretariat.workspace.auth import Accounts, Session, same, token_hash
from bot.secretariat.workspace.publish import (
    ChangedOnDiskError,
    ConflictError,
    EntryEdit,
    InvalidError,
    Publisher,
    apply,
    check,
    diff,
    read_texts,
)
from bot.secretariat.workspace.settings import Settings
from bot.secretariat.workspace.store import Store
from bot.secretariat.workspace.texts import LANGS, text
from programme_kb.faq import FaqIndex
from programme_kb.loader import KnowledgeBaseError
from programme_kb.service import Service

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
COOKIE = "ws_session"
LOGIN_COOKIE = "ws_login"
LANG_COOKIE = "ws_lang"
MAX_BODY = 1024 * 1024
PUBLIC = ("/login", "/health", "/static/workspace.css", "/favicon.ico")
CSP = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
REPORT_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'"
)
"""The report page (bot.secretariat.report) is one file with its own <style>; it runs no script."""
FEEDBACK_PREFIX = "item:"
"""An editor opened from a thumb down or a request for a person carries the item's id."""
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class Workspace:
    """Everything the handlers share."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.store = Store(settings.database)
        self.accounts = Accounts(self.store, settings.fail_delay_s)
        self.publisher = Publisher(settings.data_dir, self.store, settings.lock_file)
        self._service: Optional[Service] = None
        self.jinja = Environment(
            loader=FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=StrictUndefined,
        )

    # --- helpers ----------------------------------------------------------------------

    def render(
        self, request: web.Request, template: str, status: int = 200, **values: Any
    ) -> web.Response:
        lang = request.get("lang", "sv")
        session: Optional[Session] = request.get("session")
        page = self.jinja.get_template(template).render(
            t=lambda key, **v: text(key, lang, **v),
            lang=lang,
            other=("nb" if lang == "sv" else "sv"),
            session=session,
            csrf=session.csrf if session else "",
            path=request.path,
            **values,
        )
        return web.Response(
            text=page, status=status, content_type="text/html", charset="utf-8"
        )

    def not_found(self, request: web.Request) -> web.Response:
        """The 404 page in the officer's language."""
        message = text("not_found", request.get("lang", "sv"))
        return self.render(request, "message.html", status=404, message=message)

    def current_faq(self) -> Optional[FaqIndex]:
        """The FAQ retrieval on the data as served; None while the data is broken
        (a hand edit gone wrong must not stop the workspace, nor ``make serve``)."""
        if self._service is None:
            try:
                self._service = Service(self.settings.data_dir)
            except KnowledgeBaseError:
                return None
        return self._service.refresh_if_changed().faq

    def plain_entries(self, file: str) -> List[Dict[str, Any]]:
        """A file's entries as plain data; none when the file cannot be parsed."""
        try:
            return yamledit.entries(self.faq_texts()[file], file)
        except (YAMLError, OSError, KeyError, TypeError) as err:
            logger.warning("Workspace: %s cannot be read: %s", file, err)
            return []

    def faq_texts(self) -> Dict[str, str]:
        return read_texts(
            self.settings.data_dir, ["faq.yml", "facts.yml", "sources.yml"]
        )

    def sources(self) -> List[Dict[str, Any]]:
        return self.plain_entries("sources.yml")

    def inbox_groups(self) -> List[inbox.InboxGroup]:
        return inbox.groups(self.settings.unanswered_log, self.store.decided_records())


WORKSPACE = web.AppKey("workspace", Workspace)


def language_of(request: web.Request, session: Optional[Session]) -> str:
    asked = request.query.get("lang")
    if asked in LANGS:
        return asked
    if session and not session.expired:
        return session.lang
    cookie = request.cookies.get(LANG_COOKIE)
    return cookie if cookie in LANGS else "sv"


def _set_cookie(
    ws: Workspace,
    response: web.StreamResponse,
    name: str,
    value: str,
    age: Optional[int],
) -> None:
    response.set_cookie(
        name,
        value,
        max_age=age,
        path="/",
        secure=ws.settings.secure_cookie,
        httponly=True,
        samesite="Strict",
    )


def _local_path(target: str, default: str = "/inbox") -> str:
    """Only a path on this server (no ``//host`` or scheme) is a place to go back to."""
    if target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return default


# --- middlewares ----------------------------------------------------------------------


@web.middleware
async def headers(request: web.Request, handler: Handler) -> web.StreamResponse:
    try:
        response = await handler(request)
    except web.HTTPException as err:
        response = err
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    if isinstance(response, web.HTTPException) and response.status >= 300:
        raise response
    return response


def gatekeeper(
    ws: Workspace,
) -> Callable[[web.Request, Handler], Awaitable[web.StreamResponse]]:
    @web.middleware
    async def check(request: web.Request, handler: Handler) -> web.StreamResponse:
        session = ws.accounts.session(request.cookies.get(COOKIE))
        request["lang"] = language_of(request, session)
        if request.path in PUBLIC:
            request["session"] = session if session and not session.expired else None
            return await handler(request)
        if session is None or session.expired:
            return await _signed_out(ws, request, session)
        request["session"] = session
        if request.method == "POST":
            form = await request.post()
            if not same(str(form.get("csrf", "")), session.csrf):
                logger.warning(
                    "Workspace: CSRF token missing or wrong for %s", request.path
                )
                return ws.render(
                    request,
                    "message.html",
                    status=403,
                    message=text("forbidden", request["lang"]),
                )
        ws.store.touch_session(session.token_hash)
        try:
            return await handler(request)
        except (
            YAMLError
        ) as err:  # a hand edit broke a file's syntax: say so, change nothing
            logger.warning("Workspace: a knowledge-base file cannot be read: %s", err)
            message = f"{text('broken_file', request['lang'])} {err}"
            return ws.render(request, "message.html", status=409, message=message)

    return check


async def _signed_out(
    ws: Workspace, request: web.Request, session: Optional[Session]
) -> web.StreamResponse:
    """To sign-in; an editor form sent after the session expired is kept for afterwards."""
    if (
        request.method == "POST"
        and session is not None
        and request.path in ("/edit", "/fact")
    ):
        form = await request.post()
        if same(str(form.get("csrf", "")), session.csrf):
            draft = editor.Draft.from_form(
                form,
                [s["id"] for s in ws.sources()],
            )
            draft.kind = "facts" if request.path == "/fact" else "faq"
            token = secrets.token_urlsafe(24)
            ws.store.put_draft(token_hash(token), session.user, draft.as_form())
            raise web.HTTPSeeOther(f"/login?expired=1&resume={token}")
    if request.method == "GET":
        raise web.HTTPSeeOther("/login?next=" + quote(request.path_qs, safe=""))
    raise web.HTTPSeeOther("/login?expired=1")


# --- sign-in --------------------------------------------------------------------------


def _login_page(
    ws: Workspace, request: web.Request, status: int = 200, error: str = ""
) -> web.Response:
    nonce = secrets.token_urlsafe(24)
    response = ws.render(
        request,
        "login.html",
        status=status,
        error=error,
        login_csrf=nonce,
        next=_local_path(request.query.get("next", "")),
        resume=request.query.get("resume", "")[:64],
        expired=bool(request.query.get("expired")),
    )
    _set_cookie(ws, response, LOGIN_COOKIE, nonce, 3600)
    if request.query.get("lang") in LANGS:
        _set_cookie(ws, response, LANG_COOKIE, request["lang"], 365 * 86400)
    return response


async def login_form(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    if request.get("session"):
        raise web.HTTPSeeOther("/inbox")
    return _login_page(ws, request)


async def login(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    form = await request.post()
    lang = request["lang"]
    if not same(
        str(form.get("login_csrf", "")), request.cookies.get(LOGIN_COOKIE, "")
    ) or not form.get("login_csrf"):
        return ws.render(
            request, "message.html", status=403, message=text("forbidden", lang)
        )
    name = str(form.get("name", ""))[:80].strip().lower()
    password = str(form.get("password", ""))
    address = request.remote or "?"
    if ws.accounts.blocked(name, address):
        logger.warning(
            "Workspace sign-in refused (too many failures) for %r from %s",
            name,
            address,
        )
        return _login_page(ws, request, 429, text("blocked", lang))
    loop = asyncio.get_running_loop()
    ok = await loop.run_in_executor(None, ws.accounts.verify, name, password, address)
    if not ok:
        await asyncio.sleep(ws.accounts.failure_delay(name, address))
        return _login_page(ws, request, 401, text("bad_login", lang))
    token = ws.accounts.open_session(name, lang)
    resume = str(form.get("resume", ""))
    target = (
        f"/edit?resume={quote(resume)}"
        if resume
        else _local_path(str(form.get("next", "")))
    )
    response = web.HTTPSeeOther(target)
    _set_cookie(ws, response, COOKIE, token, None)
    response.del_cookie(LOGIN_COOKIE, path="/")
    raise response


async def logout(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    ws.store.drop_session(request["session"].token_hash)
    response = web.HTTPSeeOther("/login")
    response.del_cookie(COOKIE, path="/")
    raise response


async def set_language(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    form = await request.post()
    lang = str(form.get("to", ""))
    if lang in LANGS:
        ws.store.touch_session(request["session"].token_hash, lang)
    response = web.HTTPSeeOther(_local_path(str(form.get("next", ""))))
    if lang in LANGS:
        _set_cookie(ws, response, LANG_COOKIE, lang, 365 * 86400)
    raise response


async def health(request: web.Request) -> web.StreamResponse:
    return web.Response(text="ok")


async def no_icon(request: web.Request) -> web.StreamResponse:
    return web.Response(status=204)


async def stylesheet(request: web.Request) -> web.StreamResponse:
    return web.FileResponse(
        HERE / "static" / "workspace.css", headers={"Cache-Control": "max-age=3600"}
    )


# --- inbox ----------------------------------------------------------------------------


async def home(request: web.Request) -> web.StreamResponse:
    raise web.HTTPSeeOther("/inbox")


async def inbox_page(
    request: web.Request, notice: str = "", status: int = 200
) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    entries = ws.plain_entries("faq.yml")
    loop = asyncio.get_running_loop()
    items = await loop.run_in_executor(
        None, inbox.feedback, ws.settings.tracker_db_url, ws.store.decided_records()
    )
    return ws.render(
        request,
        "inbox.html",
        status=status,
        groups=ws.inbox_groups(),
        feedback=items,
        entries=entries,
        decisions=ws.store.decisions(20),
        notice=notice,
        when=_when,
    )


async def inbox_view(request: web.Request) -> web.StreamResponse:
    return await inbox_page(request)


async def feedback_dismiss(request: web.Request) -> web.StreamResponse:
    """A thumb down or a request for a person, handled: recorded with its reason."""
    ws = request.app[WORKSPACE]
    lang = request["lang"]
    form = await request.post()
    item = str(form.get("item", ""))[:20]
    reason = " ".join(str(form.get("reason", "")).split())[: editor.LIMITS["reason"]]
    if not reason:
        return await inbox_page(
            request, text("v_required", lang) + " " + text("reason", lang), 400
        )
    loop = asyncio.get_running_loop()
    open_items = await loop.run_in_executor(
        None, inbox.feedback, ws.settings.tracker_db_url, ws.store.decided_records()
    )
    if item not in {i.id for i in open_items}:
        return await inbox_page(request, text("inbox_changed", lang), 409)
    ws.store.add_decision(request["session"].user, "dismissed", reason, [item])
    raise web.HTTPSeeOther("/inbox")


async def inbox_action(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    lang = request["lang"]
    form = await request.post()
    group = inbox.find_group(
        ws.settings.unanswered_log,
        ws.store.decided_records(),
        str(form.get("group", ""))[:64],
    )
    if group is None:
        return await inbox_page(request, text("inbox_changed", lang), 409)
    reason = " ".join(str(form.get("reason", "")).split())[: editor.LIMITS["reason"]]
    user = request["session"].user
    ids = [q.id for q in group.members]
    if request.match_info["action"] == "dismiss":
        if not reason:
            return await inbox_page(
                request, text("v_required", lang) + " " + text("reason", lang), 400
            )
        ws.store.add_decision(user, "dismissed", reason, ids)
        raise web.HTTPSeeOther("/inbox")
    entry_id = str(form.get("entry_id", ""))
    texts = ws.faq_texts()
    entry = yamledit.find(texts["faq.yml"], "faq.yml", entry_id)
    if entry is None:
        return await inbox_page(request, text("not_found", lang), 404)
    after = json.loads(json.dumps(entry))
    for q in group.members:
        wording = " ".join(editor.printable(q.text).split())[: editor.MAX_QUESTION]
        if wording and wording not in after["questions"][q.language]:
            after["questions"][q.language].append(wording)
    try:
        change_id = ws.publisher.publish(
            [EntryEdit("faq.yml", entry_id, entry, after)],
            user,
            reason or f"inbox → {entry_id}",
            f"{entry_id}: + {len(group.members)}",
        )
    except (ConflictError, ChangedOnDiskError):
        return await inbox_page(request, text("changed_on_disk", lang), 409)
    except InvalidError as err:
        return await inbox_page(request, "; ".join(map(str, err.problems)), 400)
    ws.store.add_decision(user, "linked", reason, ids, entry_id, change_id)
    raise web.HTTPSeeOther("/inbox")


# --- entries, search, review ----------------------------------------------------------


def _matches(query: str, *values: Any) -> bool:
    haystack = json.dumps(values, ensure_ascii=False).casefold()
    return all(word in haystack for word in query.casefold().split())


async def entries_view(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    query = request.query.get("q", "")[:200]
    faq = [e for e in ws.plain_entries("faq.yml") if _matches(query, e)]
    facts = (
        [f for f in ws.plain_entries("facts.yml") if _matches(query, f)]
        if query
        else []
    )
    return ws.render(request, "entries.html", query=query, faq=faq, facts=facts)


async def review_view(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    try:
        days = max(
            0, min(int(request.query.get("days", ws.settings.review_days)), 36500)
        )
    except ValueError:
        days = ws.settings.review_days
    limit = (dt.date.today() - dt.timedelta(days=days)).isoformat()
    faq = [e for e in ws.plain_entries("faq.yml") if str(e.get("as_of")) < limit]
    facts = [f for f in ws.plain_entries("facts.yml") if str(f.get("as_of")) < limit]
    return ws.render(
        request,
        "review.html",
        days=days,
        faq=sorted(faq, key=lambda e: str(e["as_of"])),
        facts=facts,
    )


# --- the answer editor ----------------------------------------------------------------


def _group_questions(group: Optional[inbox.InboxGroup]) -> Dict[str, str]:
    if group is None:
        return {}
    return {
        f"questions_{lang}": "\n".join(
            " ".join(editor.printable(w).split()) for w in group.wordings(lang)
        )
        for lang in LANGS
    }


async def edit_view(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    texts = ws.faq_texts()
    resume = request.query.get("resume", "")
    if resume:
        saved = ws.store.take_draft(token_hash(resume[:64]), request["session"].user)
        if saved is not None:
            return _editor(ws, request, editor.Draft.from_saved(saved))
    entry_id = request.query.get("id")
    if entry_id:
        entry = yamledit.find(texts["faq.yml"], "faq.yml", entry_id)
        if entry is None:
            return ws.not_found(request)
        return _editor(ws, request, editor.Draft.from_entry(entry))
    draft = editor.Draft.from_entry(None)
    asked = request.query.get("question", "")[: editor.MAX_QUESTION]
    asked_lang = request.query.get("in", "sv")
    if (
        asked.strip() and asked_lang in LANGS
    ):  # from a thumb down or a request for a person
        draft.values[f"questions_{asked_lang}"] = " ".join(asked.split())
        item = request.query.get("item", "")
        draft.group = f"{FEEDBACK_PREFIX}{item[:20]}" if item.isalnum() else ""
    key = request.query.get("group", "")[:64]
    if key:
        group = inbox.find_group(
            ws.settings.unanswered_log, ws.store.decided_records(), key
        )
        draft.values.update(_group_questions(group))
        draft.group = key if group else ""
    return _editor(ws, request, draft)


def _editor(
    ws: Workspace,
    request: web.Request,
    draft: editor.Draft,
    status: int = 200,
    rows: Optional[List[preview.Row]] = None,
    conflict: Optional[Tuple[str, str]] = None,
    notice: str = "",
) -> web.Response:
    history = ws.store.changes(draft.base["id"], limit=10) if draft.base else []
    return ws.render(
        request,
        "fact.html" if draft.kind == "facts" else "edit.html",
        status=status,
        draft=draft,
        base_json=json.dumps(draft.base, ensure_ascii=False) if draft.base else "",
        sources=ws.sources(),
        rows=rows,
        conflict=conflict,
        notice=notice,
        history=history,
        limits=editor.LIMITS,
    )


async def fact_view(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    fact = yamledit.find(
        ws.faq_texts()["facts.yml"], "facts.yml", request.query.get("id", "")
    )
    if fact is None:
        return ws.not_found(request)
    return _editor(ws, request, editor.Draft.from_fact(fact))


async def edit_submit(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    lang = request["lang"]
    form = await request.post()
    texts = ws.faq_texts()
    source_ids = [
        s["id"] for s in yamledit.entries(texts["sources.yml"], "sources.yml")
    ]
    draft = editor.Draft.from_form(
        form,
        source_ids,
    )
    if request.path == "/fact":
        draft.kind = "facts"
        if draft.base is None:  # facts are looked up by the code: only existing ones
            return ws.not_found(request)
    publish = form.get("action") == "publish" or draft.kind == "facts"
    editor.precheck(draft, lang)
    if publish and not draft.values["reason"].strip():
        draft.error("reason", text("v_required", lang))
    if draft.errors:
        return _editor(ws, request, draft, 400)
    if (
        draft.kind == "faq"
        and draft.base is None
        and yamledit.find(texts["faq.yml"], "faq.yml", draft.values["id"].strip())
    ):
        draft.error("id", text("v_duplicate", lang))
        return _editor(ws, request, draft, 400)
    today = dt.date.today()
    edits, new_source = editor.edits(draft, source_ids, today)
    try:
        edited = apply(texts, edits)
    except ConflictError as err:
        return _conflict(ws, request, draft, err)
    except ValueError as err:  # text YAML cannot hold as written: refused, not a 500
        draft.general.append(f"{text('v_other', lang)} {err}")
        return _editor(ws, request, draft, 400)
    kb, problems = check(ws.settings.data_dir, edited)
    ids_in_file = [e["id"] for e in yamledit.entries(edited[draft.file], draft.file)]
    entry_id = edits[0].entry_id
    faq_index = (
        len(ids_in_file) - 1 - ids_in_file[::-1].index(entry_id)
        if entry_id in ids_in_file
        else None
    )
    source_index = None
    if new_source:
        ids = [s["id"] for s in yamledit.entries(edited["sources.yml"], "sources.yml")]
        source_index = ids.index(new_source) if new_source in ids else None
    editor.place_problems(draft, problems, faq_index, source_index, lang)
    if not draft.ok or kb is None:
        return _editor(ws, request, draft, 400)
    if not publish:
        asked = (
            [(q, lg) for lg in LANGS for q in edits[0].after["questions"][lg]]
            if edits[0].after
            else []
        )
        group = (
            inbox.find_group(
                ws.settings.unanswered_log, ws.store.decided_records(), draft.group
            )
            if draft.group
            else None
        )
        if group:
            asked = [(q.text, q.language) for q in group.members] + asked
        current = ws.current_faq()
        rows = preview.compare(current, kb, list(dict.fromkeys(asked)))
        return _editor(ws, request, draft, rows=rows)
    reason = " ".join(draft.values["reason"].split())
    try:
        change_id = ws.publisher.publish(
            edits, request["session"].user, reason, entry_id
        )
    except ConflictError as err:
        return _conflict(ws, request, draft, err)
    except ChangedOnDiskError:
        draft.general.append(text("changed_on_disk", lang))
        return _editor(ws, request, draft, 409)
    except InvalidError as err:
        editor.place_problems(draft, err.problems, faq_index, source_index, lang)
        return _editor(ws, request, draft, 400)
    if change_id is None:
        return _editor(ws, request, draft, notice=text("nothing_changed", lang))
    if draft.group.startswith(FEEDBACK_PREFIX):
        ws.store.add_decision(
            request["session"].user,
            "answered",
            reason,
            [draft.group.removeprefix(FEEDBACK_PREFIX)],
            entry_id,
            change_id,
        )
    elif draft.group:
        group = inbox.find_group(
            ws.settings.unanswered_log, ws.store.decided_records(), draft.group
        )
        if group:
            ws.store.add_decision(
                request["session"].user,
                "answered",
                reason,
                [q.id for q in group.members],
                entry_id,
                change_id,
            )
    raise web.HTTPSeeOther(f"/history/{change_id}?published=1")


def _conflict(
    ws: Workspace, request: web.Request, draft: editor.Draft, err: ConflictError
) -> web.Response:
    mine = json.dumps(err.edit.before, ensure_ascii=False, indent=2, sort_keys=True)
    theirs = json.dumps(err.current, ensure_ascii=False, indent=2, sort_keys=True)
    last = next(iter(ws.store.changes(err.edit.entry_id, limit=1)), None)
    by = f"{last.user}, {_when(last.time)}: {last.reason}" if last else ""
    return _editor(
        ws, request, draft, 409, conflict=(diff(err.edit.entry_id, mine, theirs), by)
    )


def _when(stamp: float) -> str:
    return dt.datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


# --- history --------------------------------------------------------------------------


async def history_view(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    return ws.render(request, "history.html", changes=ws.store.changes(), when=_when)


async def change_view(
    request: web.Request, notice: str = "", status: int = 200
) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    try:
        change = ws.store.change(int(request.match_info["id"]))
    except ValueError:
        change = None
    if change is None:
        return ws.not_found(request)
    published = request.query.get("published") == "1"
    return ws.render(
        request,
        "change.html",
        status=status,
        change=change,
        when=_when,
        notice=notice,
        published=published,
    )


async def undo(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    lang = request["lang"]
    form = await request.post()
    try:
        change = ws.store.change(int(request.match_info["id"]))
    except ValueError:
        change = None
    if change is None:
        return ws.not_found(request)
    reason = " ".join(str(form.get("reason", "")).split())[: editor.LIMITS["reason"]]
    if not reason:
        return await change_view(
            request, text("v_required", lang) + " " + text("reason", lang), 400
        )
    try:
        new_id = ws.publisher.undo(change, request["session"].user, reason)
    except (ConflictError, ChangedOnDiskError):
        return await change_view(request, text("undo_conflict", lang), 409)
    except InvalidError as err:
        return await change_view(request, "; ".join(map(str, err.problems)), 400)
    raise web.HTTPSeeOther(f"/history/{new_id}" if new_id else f"/history/{change.id}")


# --- report ---------------------------------------------------------------------------


def _period(request: web.Request) -> Tuple[Optional[dt.date], Optional[dt.date]]:
    values = []
    for name in ("from", "to"):
        raw = request.query.get(name, "").strip()
        values.append(dt.date.fromisoformat(raw) if raw else None)
    return values[0], values[1]


def _report(ws: Workspace, start: Optional[dt.date], end: Optional[dt.date]) -> Any:
    from bot.secretariat import report
    from bot.secretariat.conversations import engine_for

    engine = engine_for(ws.settings.tracker_db_url)
    try:
        return report.build(report.load_turns(engine, start, end), start, end)
    finally:
        engine.dispose()


async def report_page(request: web.Request) -> web.StreamResponse:
    ws = request.app[WORKSPACE]
    return ws.render(
        request,
        "report.html",
        start=request.query.get("from", "")[:10],
        end=request.query.get("to", "")[:10],
        error="",
    )


async def report_file(request: web.Request) -> web.StreamResponse:
    from bot.secretariat import report

    ws = request.app[WORKSPACE]
    try:
        start, end = _period(request)
    except ValueError:
        return ws.render(
            request,
            "report.html",
            status=400,
            start="",
            end="",
            error=text("bad_period", request["lang"]),
        )
    loop = asyncio.get_running_loop()
    built = await loop.run_in_executor(None, _report, ws, start, end)
    if request.match_info["kind"] == "csv":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "report.csv"
            report.write_csv(built, path)
            body = path.read_bytes()
        return web.Response(
            body=body,
            content_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="report.csv"'},
        )
    response = web.Response(
        text=report.render_html(built), content_type="text/html", charset="utf-8"
    )
    response.headers["Content-Security-Policy"] = REPORT_CSP
    return response


# --- the application ------------------------------------------------------------------


def create_app(settings: Optional[Settings] = None) -> web.Application:
    ws = Workspace(settings or Settings.from_env())
    app = web.Application(
        middlewares=[headers, gatekeeper(ws)], client_max_size=MAX_BODY
    )
    app[WORKSPACE] = ws
    app.router.add_get("/health", health)
    app.router.add_get("/static/workspace.css", stylesheet)
    app.router.add_get("/favicon.ico", no_icon)
    app.router.add_get("/login", login_form)
    app.router.add_post("/login", login)
    app.router.add_post("/logout", logout)
    app.router.add_post("/language", set_language)
    app.router.add_get("/", home)
    app.router.add_get("/inbox", inbox_view)
    app.router.add_post("/inbox/{action:link|dismiss}", inbox_action)
    app.router.add_post("/inbox/feedback", feedback_dismiss)
    app.router.add_get("/entries", entries_view)
    app.router.add_get("/review", review_view)
    app.router.add_get("/edit", edit_view)
    app.router.add_post("/edit", edit_submit)
    app.router.add_get("/fact", fact_view)
    app.router.add_post("/fact", edit_submit)
    app.router.add_get("/history", history_view)
    app.router.add_get("/history/{id:\\d+}", change_view)
    app.router.add_post("/history/{id:\\d+}/undo", undo)
    app.router.add_get("/report", report_page)
    app.router.add_get("/report/{kind:view|csv}", report_file)
    return app
