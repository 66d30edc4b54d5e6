"""A request's turn in its web process (mps.web.admission lets a few in at once): given back while the request
waits on another server (an SMTP relay that answers in 20 s must not stop the process's other requests).

Here in lib, not in web, because the code that waits (sending a mail) is domain code.
"""
from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from contextvars import ContextVar


class Turn:
    """One request's slot in the process's semaphore: held while it works, freed once (its answer started)."""

    __slots__ = ("slots", "held")

    def __init__(self, slots: asyncio.Semaphore):
        self.slots, self.held = slots, False

    def take_free(self) -> bool:
        """Take a free slot nobody waits for, without a coroutine, as acquire() does first: its locked() test made
        a generator on every call. False when the request must wait its turn: `await take()` then."""
        slots = self.slots
        if slots._value > 0 and not slots._waiters:  # (a waiter, even cancelled, leaves the choice to acquire())
            slots._value -= 1
            self.held = True
            return True
        return False

    async def take(self) -> None:
        await self.slots.acquire()
        self.held = True

    def free(self) -> None:
        if self.held:
            self.held = False
            self.slots.release()


current: ContextVar[Turn | None] = ContextVar("mps_turn", default=None)


@asynccontextmanager
async def waiting_elsewhere():
    """`async with waiting_elsewhere(): await <another server>`: the turn goes to the next request meanwhile,
    and this one waits its turn again after (in arrival order, like a new request)."""
    turn = current.get()
    if turn is None or not turn.held:
        yield
        return
    turn.free()
    try:
        yield
    finally:
        await turn.take()
