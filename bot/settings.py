"""Every environment variable the assistant's own processes read: name, default, meaning.

One home, so that ``make serve``, ``make purge``, ``make report`` and the workspace
read the same database and the same log whatever folder they are started from: every
default path is absolute, under the repository's ``var/``. A value given in the
environment is used as it is (a relative path there is the operator's choice).

Each accessor takes an optional mapping so tests and the launcher can hand over the
environment they build; without one it reads ``os.environ`` at call time. The scaled
set-up's own variables (nginx, Redis, PostgreSQL) are checked by ``deploy``; the
knowledge base's (``PROGRAMME_KB_*``) are read by ``programme_kb`` itself, which imports
nothing from ``bot``, and are listed here so the table is complete.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Mapping, Optional, Tuple

ROOT = Path(__file__).resolve().parent.parent
"""The repository (or the installed tree): models/, var/, domain.yml live here."""
VAR = ROOT / "var"
DOMAIN_FILE = ROOT / "domain.yml"


@dataclass(frozen=True)
class Variable:
    name: str
    default: str
    meaning: str


VARIABLES: Tuple[Variable, ...] = (
    Variable("HOST", "127.0.0.1", "where Rasa and the web page listen"),
    Variable(
        "ACTIONS_HOST",
        "127.0.0.1",
        "where the action server listens (Rasa alone calls it)",
    ),
    Variable("ACTIONS_PORT", "5055", "the action server's port"),
    Variable("RASA_PORT", "5005", "Rasa's port (REST channel, HTTP API)"),
    Variable("WEB_PORT", "8080", "the web page with the widget"),
    Variable(
        "RASA_URL", "", "Rasa as the widget reaches it (default: loopback, RASA_PORT)"
    ),
    Variable("MODEL", f"{ROOT / 'models'}", "the trained model (a file or a folder)"),
    Variable(
        "WIDGET_ORIGINS",
        "",
        "comma-separated sites that embed the widget (CORS, framing)",
    ),
    Variable(
        "WEB_ACCESS_LOG",
        "",
        "any value: the web page logs each request (off by default)",
    ),
    Variable(
        "ACTION_ENDPOINT_URL",
        "",
        "where Rasa calls the actions (endpoints.yml; default: loopback, ACTIONS_PORT)",
    ),
    Variable("RASA_AUTH_TOKEN", "", "the token of Rasa's HTTP API; empty: API off"),
    Variable(
        "TRACKER_DB_URL",
        f"sqlite:///{VAR / 'conversations.db'}",
        "the conversation database (any SQLAlchemy URL); texts in it are masked",
    ),
    Variable(
        "LOCK_STORE_URL", "", "redis:// or rediss:// URL of the shared lock store"
    ),
    Variable(
        "UNANSWERED_LOG",
        f"{VAR / 'unanswered.jsonl'}",
        "questions the assistant could not answer (masked JSON lines)",
    ),
    Variable(
        "RETENTION_DAYS",
        "180",
        "days a conversation is kept by `make purge`; the privacy notice states it only when set",
    ),
    Variable("REPORT_DIR", f"{VAR / 'report'}", "where `make report` writes"),
    Variable("REST_MAX_BODY_BYTES", "32768", "largest REST request body (larger: 413)"),
    Variable(
        "REST_MAX_MESSAGE_CHARS",
        "4000",
        "longest message handled (longer: a request to shorten it)",
    ),
    Variable("WORKSPACE_HOST", "127.0.0.1", "the secretariat's workspace (not HOST)"),
    Variable("WORKSPACE_PORT", "8090", "the workspace's port"),
    Variable(
        "WORKSPACE_DIR", f"{VAR / 'workspace'}", "the workspace's accounts and drafts"
    ),
    Variable(
        "WORKSPACE_REVIEW_DAYS", "365", "an entry older than this is listed 'to review'"
    ),
    Variable(
        "WORKSPACE_INSECURE_COOKIE",
        "",
        "1: session cookie without Secure (plain-HTTP test set-ups only)",
    ),
    Variable(
        "PROGRAMME_KB_DATA",
        f"{ROOT / 'programme_kb' / 'data'}",
        "the knowledge base's YAML (read by programme_kb)",
    ),
    Variable(
        "PROGRAMME_KB_LAST_GOOD",
        f"{VAR / 'kb-last-good'}",
        "the last copy of the knowledge base that loaded (read by programme_kb)",
    ),
    Variable(
        "PROGRAMME_KB_CACHE",
        "",
        "spaCy lookup cache folder (read by programme_kb; default in the user's cache)",
    ),
)
BY_NAME: Dict[str, Variable] = {v.name: v for v in VARIABLES}


def value(name: str, env: Optional[Mapping[str, str]] = None) -> str:
    """The variable's value, or its default when unset or blank (never a KeyError)."""
    source = os.environ if env is None else env
    given = (source.get(name) or "").strip()
    return given or BY_NAME[name].default


def given(name: str, env: Optional[Mapping[str, str]] = None) -> str:
    """The value as set, blank when unset: for variables whose absence means "off"."""
    source = os.environ if env is None else env
    _ = BY_NAME[name]  # an unknown name is a programming error, found here
    return (source.get(name) or "").strip()


def tracker_db_url(env: Optional[Mapping[str, str]] = None) -> str:
    return value("TRACKER_DB_URL", env)


def unanswered_log(env: Optional[Mapping[str, str]] = None) -> Path:
    return Path(value("UNANSWERED_LOG", env))


def retention_days(env: Optional[Mapping[str, str]] = None) -> int:
    """The purge's limit: RETENTION_DAYS, else 180."""
    return int(value("RETENTION_DAYS", env))


def report_dir(env: Optional[Mapping[str, str]] = None) -> Path:
    return Path(value("REPORT_DIR", env))


def rasa_url(env: Optional[Mapping[str, str]] = None) -> str:
    return given("RASA_URL", env) or f"http://127.0.0.1:{value('RASA_PORT', env)}"


def origins(name: str, env: Optional[Mapping[str, str]] = None) -> Tuple[str, ...]:
    """A comma-separated list of origins, blanks dropped."""
    return tuple(o.strip() for o in given(name, env).split(",") if o.strip())
