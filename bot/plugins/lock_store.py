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

The holder keeps its ticket alive too, for as long as the message takes: Rasa's
ticket lives TICKET_LOCK_LIFETIME from when it was issued, so a message slower
than that (a slow action; nginx waits up to 60 s) lost its lock while still being
handled, and a retried or next message of the same conversation ran beside it.
A heartbeat renews the held ticket every third of the lifetime, so the lock lasts
as long as the request, and a dead holder's ticket still expires within one
lifetime (the retried message is not kept waiting longer than that).

Every change to a lock is one Lua script run by Redis (issue, renew, finish), so
two instances cannot interleave a read and a write: Rasa's own read-modify-write
could hand one ticket number to both, and a renewal checks that the ticket is
still its owner's before it extends it (a ticket that expired is never revived).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from typing import Any, AsyncIterator, Dict, Optional

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.connection import SSLConnection, parse_url
from redis.exceptions import RedisError

from bot import rasa_patches, settings

logger = logging.getLogger(__name__)

LOCK_STORE_URL_ENV = "LOCK_STORE_URL"
SOCKET_TIMEOUT_S = 2.0
"""Rasa's default is 10 s; a user waiting for a hung Redis should not wait that long."""
HEARTBEATS_PER_LIFETIME = 3

_COMMON_LUA = """
local function load(raw, now)
  local lock = cjson.decode(raw)
  local alive = {}
  for _, text in ipairs(lock.tickets or {}) do
    local ticket = cjson.decode(text)
    if ticket.expires >= now then table.insert(alive, ticket) end
  end
  return lock, alive
end
local function save(key, lock, tickets, now)
  if #tickets == 0 then redis.call('DEL', key) return end
  local encoded, last = {}, now
  for i, ticket in ipairs(tickets) do
    encoded[i] = cjson.encode(ticket)
    if ticket.expires > last then last = ticket.expires end
  end
  lock.tickets = encoded
  -- the key itself expires with its last ticket, so no lock outlives its holders
  redis.call('SET', key, cjson.encode(lock), 'PX', math.ceil((last - now) * 1000) + 1000)
end
"""
ISSUE_LUA = (
    _COMMON_LUA
    + """
local now, lifetime = tonumber(ARGV[1]), tonumber(ARGV[2])
local raw = redis.call('GET', KEYS[1])
local lock, tickets = {conversation_id = ARGV[3]}, {}
if raw then lock, tickets = load(raw, now) end
local number = 0
if #tickets > 0 then number = tickets[#tickets].number + 1 end
table.insert(tickets, {number = number, expires = now + lifetime})
save(KEYS[1], lock, tickets, now)
return number
"""
)
"""A new ticket after the last one, in one step (Rasa reads, adds and writes)."""
RENEW_LUA = (
    _COMMON_LUA
    + """
local now, lifetime, mine = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local lock, tickets = load(raw, now)
local found = 0
for _, ticket in ipairs(tickets) do
  if ticket.number == mine then ticket.expires = now + lifetime found = 1 end
end
if found == 1 then save(KEYS[1], lock, tickets, now) end
return found
"""
)
"""Our ticket lives ``lifetime`` from now, if it is still ours; 0 when it is gone."""
FINISH_LUA = (
    _COMMON_LUA
    + """
local now, mine = tonumber(ARGV[1]), tonumber(ARGV[2])
local raw = redis.call('GET', KEYS[1])
if not raw then return 0 end
local lock, tickets = load(raw, now)
local kept = {}
for _, ticket in ipairs(tickets) do
  if ticket.number ~= mine then table.insert(kept, ticket) end
end
save(KEYS[1], lock, kept, now)
return #kept
"""
)
"""Our ticket goes; the lock goes with the last ticket."""


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
    """endpoints.yml: ``lock_store: {type: bot.plugins.lock_store.UrlRedisLockStore, url: ...}``."""

    def __init__(
        self,
        endpoint_config: Optional[EndpointConfig] = None,
        url: Optional[str] = None,
    ) -> None:
        # lock() and _acquire_lock() replace Rasa's own; written against one version
        rasa_patches.check_version("bot.plugins.lock_store (lock, _acquire_lock)")
        url = url or (endpoint_config.url if endpoint_config else None)
        url = url or settings.given(LOCK_STORE_URL_ENV)
        if not url:
            raise ValueError(f"{LOCK_STORE_URL_ENV} is not set (redis://host:port/db)")
        redis = redis_settings(url)
        extra = endpoint_config.kwargs if endpoint_config else {}
        super().__init__(**redis, key_prefix=extra.get("key_prefix"))
        self.address = f"{redis['host']}:{redis['port']}/{redis['db']}"
        self._unreachable = False
        self._register_scripts()

    def _register_scripts(self) -> None:
        """The Lua scripts, bound to ``self.red`` (again after a test swaps it)."""
        self._issue = self.red.register_script(ISSUE_LUA)
        self._renew_script = self.red.register_script(RENEW_LUA)
        self._finish = self.red.register_script(FINISH_LUA)

    def _key(self, conversation_id: str) -> str:
        return str(self.key_prefix) + conversation_id

    def issue_ticket(
        self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME
    ) -> int:
        """A ticket issued atomically, with one log line when Redis fails and one
        when it is back."""
        try:
            try:
                ticket = int(
                    self._issue(
                        keys=[self._key(conversation_id)],
                        args=[time.time(), lock_lifetime, conversation_id],
                    )
                )
            except Exception as error:
                raise LockError(
                    f"Error while acquiring lock. Error:\n{error}"
                ) from error
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

    @contextlib.asynccontextmanager
    async def lock(
        self,
        conversation_id: str,
        lock_lifetime: float = LOCK_LIFETIME,
        wait_time_in_seconds: float = 1,
    ) -> AsyncIterator[TicketLock]:
        """Rasa's lock, with the held ticket renewed until the message is done."""
        ticket = self.issue_ticket(conversation_id, lock_lifetime)
        heartbeat: Optional[asyncio.Task[None]] = None
        try:
            lock = await self._acquire_lock(
                conversation_id, ticket, wait_time_in_seconds, lock_lifetime
            )
            heartbeat = asyncio.create_task(
                self._heartbeat(conversation_id, ticket, lock_lifetime)
            )
            yield lock
        finally:
            if heartbeat is not None:
                heartbeat.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await heartbeat
            self.cleanup(conversation_id, ticket)

    async def _heartbeat(
        self, conversation_id: str, ticket: int, lifetime: float
    ) -> None:
        """Renew the held ticket every third of its lifetime; log once if it is lost."""
        while True:
            await asyncio.sleep(lifetime / HEARTBEATS_PER_LIFETIME)
            try:
                if not self.renew(conversation_id, ticket, lifetime):
                    logger.error(
                        "A conversation lock expired while its message was being "
                        "handled; another message of it may run at the same time."
                    )
                    return
            except RedisError as error:
                logger.warning("Could not renew a conversation lock: %s", error)

    def renew(self, conversation_id: str, ticket: int, lifetime: float) -> bool:
        """Extend our ticket to ``lifetime`` from now, only if it is still ours."""
        renewed = self._renew_script(
            keys=[self._key(conversation_id)], args=[time.time(), lifetime, ticket]
        )
        return bool(int(renewed))

    async def _acquire_lock(
        self,
        conversation_id: str,
        ticket: int,
        wait_time_in_seconds: float,
        lifetime: float = LOCK_LIFETIME,
    ) -> TicketLock:
        """Rasa's wait for our turn, renewing our ticket before every look."""
        while True:
            try:
                renewed = self.renew(conversation_id, ticket, lifetime)
                lock = self.get_lock(conversation_id)
            except RedisError as error:
                raise LockError(f"Error while acquiring lock: {error}") from error
            if not renewed or not lock:
                raise LockError(
                    f"Could not acquire lock for conversation_id '{conversation_id}'."
                )
            if not lock.is_locked(ticket):
                return lock
            # look (and renew) well within the lifetime, or the ticket lapses between
            await asyncio.sleep(
                min(wait_time_in_seconds, lifetime / HEARTBEATS_PER_LIFETIME)
            )

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Release the lock (atomically); if Redis went away meanwhile, the handled
        message stands."""
        try:
            self._finish(
                keys=[self._key(conversation_id)], args=[time.time(), ticket_number]
            )
        except RedisError as error:
            logger.error(
                "Could not release a conversation lock (Redis at %s: %s); the message "
                "was handled and stored, and the lock expires by itself.",
                self.address,
                error,
            )
