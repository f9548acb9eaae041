"""The Redis lock store's own logic, against in-memory Redis (fakeredis runs its
Lua scripts; fast, no server), and its two central promises against a real Redis
(``make test-deploy``)."""

from __future__ import annotations

import asyncio
import threading
import time
from typing import Callable, Dict, Iterator, List, Optional

import fakeredis
import pytest
from rasa.core.lock_store import LockError, RedisLockStore
from redis.exceptions import ConnectionError as RedisConnectionError

from bot.plugins.lock_store import UrlRedisLockStore, redis_settings
from deploy.services import Redis


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


def _instance(server: fakeredis.FakeServer) -> UrlRedisLockStore:
    """One Rasa instance's lock store, on the shared (fake) Redis."""
    lock_store = UrlRedisLockStore(url="redis://:secret@127.0.0.1:6390/2")
    lock_store.red = fakeredis.FakeRedis(server=server)
    lock_store._register_scripts()
    return lock_store


@pytest.fixture
def redis_server() -> fakeredis.FakeServer:
    return fakeredis.FakeServer()


@pytest.fixture
def store(
    monkeypatch: pytest.MonkeyPatch, redis_server: fakeredis.FakeServer
) -> UrlRedisLockStore:
    monkeypatch.setattr("bot.plugins.lock_store.LOCK_LIFETIME", 1.0)
    return _instance(redis_server)


@pytest.fixture(scope="module")
def real_redis() -> Iterator[Redis]:
    """A real Redis server (Debian's), so the Lua scripts run where production runs them."""
    with Redis() as server:
        yield server


@pytest.fixture(params=["fakeredis", pytest.param("redis", marks=pytest.mark.deploy)])
def instances(
    request: pytest.FixtureRequest, redis_server: fakeredis.FakeServer
) -> Callable[[], UrlRedisLockStore]:
    """Makes the lock stores of several Rasa instances sharing one Redis: in memory,
    or (``make test-deploy``) a real server."""
    if request.param == "fakeredis":
        return lambda: _instance(redis_server)
    server = request.getfixturevalue("real_redis")
    return lambda: UrlRedisLockStore(url=server.url)


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
    assert store.red.keys() == []


async def test_rasa_alone_would_wait_forever_there() -> None:
    """Why bot.plugins.lock_store renews: the same situation with Rasa's own store."""
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
    store: UrlRedisLockStore,
    redis_server: fakeredis.FakeServer,
    caplog: pytest.LogCaptureFixture,
) -> None:
    redis_server.connected = False
    with pytest.raises(LockError):
        async with store.lock("c2"):
            pass
    assert "Lock store unreachable (Redis at 127.0.0.1:6390/2" in caplog.text
    assert "secret" not in caplog.text
    redis_server.connected = True
    async with store.lock("c2"):
        pass
    assert "Lock store reachable again" in caplog.text


async def test_a_slow_message_keeps_its_lock_on_two_instances(
    instances: Callable[[], UrlRedisLockStore],
) -> None:
    """A message slower than the lock lifetime (a slow action) still holds the lock:
    the second instance's message of the same conversation waits for it to finish."""
    first, second = instances(), instances()
    lifetime = 0.6
    inside: List[str] = []
    overlaps: List[str] = []

    async def handle(store: UrlRedisLockStore, name: str, seconds: float) -> float:
        async with store.lock("slow", lock_lifetime=lifetime, wait_time_in_seconds=0.1):
            if inside:
                overlaps.append(name)
            inside.append(name)
            await asyncio.sleep(seconds)
            inside.remove(name)
            return time.monotonic()

    started = time.monotonic()
    slow = asyncio.create_task(handle(first, "slow action", 4 * lifetime))
    await asyncio.sleep(0.1)
    quick_done = await asyncio.wait_for(handle(second, "next message", 0.0), 30)
    slow_done = await slow
    assert overlaps == [], "two instances handled one conversation at once"
    assert quick_done >= slow_done and quick_done - started >= 4 * lifetime
    assert first.red.get("lock:slow") is None


def test_renewal_checks_the_owner_and_never_revives_a_ticket(
    store: UrlRedisLockStore,
) -> None:
    mine = store.issue_ticket("c3", lock_lifetime=5.0)
    assert store.renew("c3", mine, 5.0)
    assert not store.renew("c3", mine + 1, 5.0), "not a ticket of this lock"
    assert not store.renew("other", mine, 5.0), "no lock at all"
    assert store.red.get("lock:other") is None, "renewal created nothing"
    store.cleanup("c3", mine)
    assert not store.renew("c3", mine, 5.0), "a finished ticket stays finished"
    expired = store.issue_ticket("c4", lock_lifetime=0.05)
    ahead = store.issue_ticket("c4", lock_lifetime=5.0)
    time.sleep(0.1)
    assert not store.renew("c4", expired, 5.0)
    lock = store.get_lock("c4")
    assert lock is not None and lock.now_serving == ahead


def test_tickets_are_issued_atomically(
    instances: Callable[[], UrlRedisLockStore],
) -> None:
    """Many instances asking at once never get the same number (Rasa's read, add
    and write could hand one number to two)."""
    stores = [instances() for _ in range(8)]
    numbers: List[int] = []
    guard = threading.Lock()

    def ask(store: UrlRedisLockStore) -> None:
        for _ in range(25):
            number = store.issue_ticket("busy", lock_lifetime=30.0)
            with guard:
                numbers.append(number)

    threads = [threading.Thread(target=ask, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(numbers) == list(range(200))


def test_the_lock_key_expires_with_its_last_ticket(store: UrlRedisLockStore) -> None:
    store.issue_ticket("c5", lock_lifetime=2.0)
    assert 0 < store.red.pttl("lock:c5") <= 3000
