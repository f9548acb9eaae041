"""Rasa's Redis lock store configured by one URL, and plain-spoken when Redis is away.

Several Rasa instances share the conversations; the lock makes sure the messages of
one conversation are handled one at a time, whichever instance receives them.
Rasa's ``RedisLockStore`` wants host, port, db and password separately; the
operations world hands out URLs: ``LOCK_STORE_URL`` (or the endpoint's ``url``) is
``redis://[:password@]host:port/db`` or ``rediss://`` for TLS.

When Redis cannot be reached, a message cannot be locked, so it is not handled at
all and its conversation is left as it was: Rasa raises ``LockError``, the REST
channel answers with its apology, and this store logs one line saying why. The
first message that gets its lock again is logged too, so the outage has an end.

A message waiting for its turn keeps its own ticket alive. Rasa lets every ticket
expire after TICKET_LOCK_LIFETIME, waiting ones included: when the ticket ahead
belongs to an instance that died (nginx has retried its message here), both
tickets expire within the same second, the poll finds an empty queue, and Rasa's
loop then waits forever. Only the tickets of dead holders should expire.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import deque
from typing import Any, Dict, Optional

from rasa.core.lock import Ticket, TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.connection import SSLConnection, parse_url
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

LOCK_STORE_URL_ENV = "LOCK_STORE_URL"
SOCKET_TIMEOUT_S = 2.0
"""Rasa's default is 10 s; a user waiting for a hung Redis should not wait that long."""


def redis_settings(url: str) -> Dict[str, Any]:
    """``RedisLockStore`` keyword arguments from a redis:// or rediss:// URL."""
    parsed = parse_url(url)
    return {
        "host": parsed.get("host", "localhost"),
        "port": int(parsed.get("port", 6379)),
        "db": int(parsed.get("db", 1)),
        "username": parsed.get("username"),
        "password": parsed.get("password"),
        "use_ssl": parsed.get("connection_class") is SSLConnection,
        "socket_timeout": float(parsed.get("socket_timeout", SOCKET_TIMEOUT_S)),
    }


class UrlRedisLockStore(RedisLockStore):
    """endpoints.yml: ``lock_store: {type: bot.lock_store.UrlRedisLockStore, url: ...}``."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
    ) -> None:
        url = url or (endpoint_config.url if endpoint_config else None)
        url = url or os.environ.get(LOCK_STORE_URL_ENV)
        if not url:
            raise ValueError(f"{LOCK_STORE_URL_ENV} is not set (redis://host:port/db)")
        settings = redis_settings(url)
        extra = endpoint_config.kwargs if endpoint_config else {}
        super().__init__(**settings, key_prefix=extra.get("key_prefix"))
        self.address = f"{settings['host']}:{settings['port']}/{settings['db']}"
        self._unreachable = False

    def issue_ticket(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME
    ) -> int:
        """Rasa's ticket, with one log line when Redis fails and one when it is back."""
        try:
            ticket = super().issue_ticket(conversation_id, lock_lifetime)
        except LockError as error:
            cause = error.__context__
            if isinstance(cause, RedisError):
                self._unreachable = True
                logger.error(
                    "Lock store unreachable (Redis at %s: %s: %s). The message was "
                    "not handled, its conversation is unchanged, and the user gets "
                    "the apology reply.",
                    self.address,
                    type(cause).__name__,
                    cause,
                )
            raise
        if self._unreachable:
            self._unreachable = False
            logger.warning(
                "Lock store reachable again (Redis at %s); messages are handled.",
                self.address,
            )
        return ticket

    async def _acquire_lock(
        self, conversation_id: str, ticket: int, wait_time_in_seconds: float
    ) -> TicketLock:
        """Rasa's wait for our turn, renewing our ticket before every look."""
        while True:
            lock = self.get_lock(conversation_id)
            if not lock:
                raise LockError(
                    f"Could not acquire lock for conversation_id '{conversation_id}'."
                )
            self._renew(lock, ticket)
            if not lock.is_locked(ticket):
                return lock
            await asyncio.sleep(wait_time_in_seconds)

    def _renew(self, lock: TicketLock, ticket: int) -> None:
        """Our ticket gets a fresh lifetime (from now: also the time we may hold
        the lock); expired tickets, those of dead holders, go."""
        alive = [t for t in lock.tickets if not t.has_expired() and t.number != ticket]
        mine = Ticket(ticket, time.time() + LOCK_LIFETIME)
        lock.tickets = deque(sorted([*alive, mine], key=lambda t: t.number))
        self.save_lock(lock)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Release the lock; if Redis went away meanwhile, the handled message stands."""
        try:
            super().cleanup(conversation_id, ticket_number)
        except RedisError as error:
            logger.error(
                "Could not release a conversation lock (Redis at %s: %s); the message "
                "was handled and stored, and the lock expires by itself.",
                self.address,
                error,
            )
