"""Messages of one conversation reach Rasa one after another, the next one at once.

Rasa's ticket lock looks again only a second after it found a conversation busy,
so a message sent while the one before it is handled waited a whole second
(issue 16: the adversarial bench's replies over 1 s). ``bot.plugins.channels.Turns`` queues
them in the channel first. Checked with Rasa's own in-memory lock store: whether
Rasa finds the conversation busy when a message reaches it (the work it would wait
for), not by timing.
"""

from __future__ import annotations

import asyncio
from typing import List, cast

import pytest
from rasa.core.lock_store import InMemoryLockStore

from bot.plugins.channels import Turns


async def _rasa(store: InMemoryLockStore, sender: str, busy: List[bool]) -> None:
    """What Rasa's agent does with a message: take the conversation's lock, work."""
    busy.append(store.is_someone_waiting(sender))
    async with store.lock(sender):
        await asyncio.sleep(0.02)


async def test_without_the_queue_rasa_finds_the_conversation_busy() -> None:
    """The situation the queue is for (Rasa then sleeps a second before looking again)."""
    store, busy = InMemoryLockStore(), cast(List[bool], [])
    await asyncio.gather(*(_rasa(store, "user-1", busy) for _ in range(2)))
    assert busy.count(True) == 1


@pytest.mark.parametrize("messages", [2, 5])
async def test_queued_messages_find_their_conversation_free(messages: int) -> None:
    store, busy, turns = InMemoryLockStore(), cast(List[bool], []), Turns()

    async def send(sender: str) -> None:
        async with turns.turn(sender):
            await _rasa(store, sender, busy)

    await asyncio.gather(*(send("user-1") for _ in range(messages)), send("user-2"))
    assert busy == [False] * (messages + 1)
    assert turns.waiting("user-1") == turns.waiting("user-2") == 0


async def test_other_conversations_do_not_wait() -> None:
    turns = Turns()
    entered = asyncio.Event()
    release = asyncio.Event()

    async def slow() -> None:
        async with turns.turn("user-1"):
            entered.set()
            await release.wait()

    task = asyncio.create_task(slow())
    await entered.wait()
    async with turns.turn("user-2"):  # would hang here if it waited for user-1
        assert turns.waiting("user-1") == 1
    release.set()
    await task


async def test_a_failed_message_lets_the_next_one_in() -> None:
    turns = Turns()
    with pytest.raises(RuntimeError):
        async with turns.turn("user-1"):
            raise RuntimeError("the action server is down")
    assert turns.waiting("user-1") == 0
    async with turns.turn("user-1"):
        assert turns.waiting("user-1") == 1
