"""Accounts, sessions and the sign-in brake.

Passwords are hashed with Argon2id (argon2-cffi's defaults, RFC 9106 low-memory
profile); a session is a random token the browser keeps in a Secure, HttpOnly,
SameSite=Strict cookie, stored here only as its SHA-256, with its own CSRF token.
After ``MAX_FAILURES`` failed attempts for one account or from one address within
``FAILURE_WINDOW_S`` further attempts are refused until the window has passed,
and every failure is answered only after a growing delay; each one is logged.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
import time
from dataclasses import dataclass
from typing import Optional

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from bot.secretariat.workspace.store import Store

logger = logging.getLogger(__name__)

MIN_PASSWORD = 12
MAX_PASSWORD = 1024
NAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{1,39}$"
MAX_FAILURES = 5
FAILURE_WINDOW_S = 15 * 60
IDLE_S = 60 * 60
"""A session unused this long is over (the editor keeps the text, see app)."""
LIFETIME_S = 12 * 60 * 60
_HASHER = PasswordHasher()
_DUMMY = _HASHER.hash("no such account, same time spent")


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("utf-8"), b.encode("utf-8"))


@dataclass(frozen=True)
class Session:
    token_hash: str
    user: str
    csrf: str
    lang: str
    expired: bool


class Accounts:
    def __init__(self, store: Store, fail_delay_s: float = 1.0) -> None:
        self.store = store
        self.fail_delay_s = fail_delay_s

    def add(self, name: str, password: str) -> None:
        if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
            raise ValueError(
                f"password must be {MIN_PASSWORD}–{MAX_PASSWORD} characters"
            )
        self.store.put_user(name, hash_password(password))

    def blocked(self, name: str, address: str) -> bool:
        since = time.time() - FAILURE_WINDOW_S
        return self.store.failures_since(name, address, since) >= MAX_FAILURES

    def failure_delay(self, name: str, address: str) -> float:
        """Seconds to wait before answering a failure: doubles with each one."""
        since = time.time() - FAILURE_WINDOW_S
        failures = self.store.failures_since(name, address, since)
        return float(
            min(self.fail_delay_s * 2 ** max(failures - 1, 0), 30 * self.fail_delay_s)
        )

    def verify(self, name: str, password: str, address: str) -> bool:
        """Check the password (same work for unknown accounts); record the attempt."""
        stored = self.store.user_hash(name)
        ok = False
        try:
            ok = _HASHER.verify(stored or _DUMMY, password[:MAX_PASSWORD]) and bool(
                stored
            )
        except (VerificationError, InvalidHashError):
            ok = False
        self.store.add_attempt(name, address, ok)
        if ok and stored and _HASHER.check_needs_rehash(stored):
            self.store.put_user(name, hash_password(password))
        if not ok:
            logger.warning("Workspace sign-in failed for %r from %s", name, address)
        return ok

    def open_session(self, user: str, lang: str) -> str:
        token = secrets.token_urlsafe(32)
        self.store.add_session(token_hash(token), user, secrets.token_urlsafe(32), lang)
        return token

    def session(self, token: Optional[str]) -> Optional[Session]:
        if not token or len(token) > 100:
            return None
        hashed = token_hash(token)
        row = self.store.session(hashed)
        if row is None:
            return None
        now = time.time()
        expired = now - row["seen"] > IDLE_S or now - row["created"] > LIFETIME_S
        return Session(hashed, row["user"], row["csrf"], row["lang"], expired)
