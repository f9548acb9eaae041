"""The Redis lock store's own logic, against an in-memory stand-in for Redis (fast)."""

from __future__ import annotations

import asyncio
import time
from typing import Dict, Optional

import pytest
from rasa.core.lock_store import LockError, RedisLockStore
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.lock_store import UrlRedisLockStore, redis_settings


class FakeRedis:
    def __init__(self) -> None:
        self.data: Dict[str, bytes] = {}
        self.down = False

    def _check(self) -> None:
        if self.down:
            raise RedisConnectionError("Error 111 connecting. Connection refused.")

    def get(self, key: str) -> Optional[bytes]:
        self._check()
        return self.data.get(key)

    def set(self, key: str, value: str) -> None:
        self._check()
        self.data[key] = value.encode()

    def delete(self, key: str) -> int:
        self._check()
        return 1 if self.data.pop(key, None) is not None else 0


@pytest.fixture
def store(monkeypatch: pytest.MonkeyPatch) -> UrlRedisLockStore:
    monkeypatch.setattr("bot.lock_store.LOCK_LIFETIME", 1.0)
    lock_store = UrlRedisLockStore(url="redis://:secret@127.0.0.1:6390/2")
    lock_store.red = FakeRedis()
    return lock_store


def test_settings_come_from_the_url() -> None:
    assert redis_settings("rediss://user:pw@redis.example:6390/3?socket_timeout=5") == {
        "host": "redis.example",
        "port": 6390,
        "db": 3,
        "username": "user",
        "password": "pw",
        "use_ssl": True,
        "socket_timeout": 5.0,
    }
    assert redis_settings("redis://127.0.0.1:6379/1")["socket_timeout"] == 2.0


async def test_a_retried_message_gets_the_lock_of_a_dead_instance(
    store: UrlRedisLockStore,
) -> None:
    """The dead instance's ticket expires; the waiting one must not expire with it."""
    store.issue_ticket("c1", lock_lifetime=1.0)  # held by an instance that died
    await asyncio.sleep(0.5)
    started = time.monotonic()

    async def acquire() -> float:
        async with store.lock("c1", lock_lifetime=1.0, wait_time_in_seconds=1.0):
            return time.monotonic() - started

    waited = await asyncio.wait_for(acquire(), timeout=30)
    assert waited < 3
    assert store.red.get("lock:c1") is None, "released and removed"


async def test_rasa_alone_would_wait_forever_there() -> None:
    """Why bot.lock_store renews: the same situation with Rasa's own store."""
    rasa_store = RedisLockStore.__new__(RedisLockStore)
    rasa_store.red, rasa_store.key_prefix = FakeRedis(), "lock:"
    rasa_store.issue_ticket("c1", lock_lifetime=1.0)
    await asyncio.sleep(0.5)

    async def acquire() -> None:
        async with rasa_store.lock("c1", lock_lifetime=1.0, wait_time_in_seconds=1.0):
            pass

    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(acquire(), timeout=4)


async def test_redis_down_is_a_lock_error_and_logged(
    store: UrlRedisLockStore, caplog: pytest.LogCaptureFixture
) -> None:
    store.red.down = True
    with pytest.raises(LockError):
        async with store.lock("c2"):
            pass
    assert "Lock store unreachable (Redis at 127.0.0.1:6390/2" in caplog.text
    assert "secret" not in caplog.text
    store.red.down = False
    async with store.lock("c2"):
        pass
    assert "Lock store reachable again" in caplog.text
