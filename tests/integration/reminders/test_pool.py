"""The sender's HTTP side against local sinks (no network): keep-alive connections pooled per push service
origin, bounded per origin, a VAPID token per origin reused, and outcomes of a whole pass recorded together."""
from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import pytest

from mps.domain.reminders.sender import PushOptions, PushSender, Target, push_session
from tests.integration.reminders.helpers import LocalServer, b64, subscription


@dataclass
class Sink(LocalServer):
    """A push service that counts connections and requests in flight, and answers `status` after `delay`, or,
    given a `gate`, only once the test opens it (a push service as slow as the test wants, no clock involved)."""
    delay: float = 0.01
    gate: asyncio.Event | None = None
    status: int = 201
    connections: int = 0
    in_flight: int = 0
    most_in_flight: int = 0
    authorizations: list[str] = field(default_factory=list)
    port: int = 0

    async def handle(self, reader, writer):
        self.connections += 1
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                self.in_flight += 1
                self.most_in_flight = max(self.most_in_flight, self.in_flight)
                lines = head.decode().split("\r\n")
                headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
                self.authorizations.append(headers["authorization"])
                await reader.readexactly(int(headers.get("content-length", 0)))
                await (self.gate.wait() if self.gate is not None else asyncio.sleep(self.delay))
                self.in_flight -= 1
                writer.write(f"HTTP/1.1 {self.status} X\r\ncontent-length: 0\r\n\r\n".encode())
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()


    def target(self, name: str) -> Target:
        doc = subscription()
        return Target(f"http://127.0.0.1:{self.port}/push/{name}", doc["keys"]["p256dh"], doc["keys"]["auth"])


async def test_pushes_share_few_keep_alive_connections_bounded_per_origin(vapid_keys):
    async with Sink() as a, Sink() as b, push_session(per_origin=4) as session:
        sender = PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", session)
        targets = [a.target(f"a{i}") for i in range(60)] + [b.target(f"b{i}") for i in range(60)]
        attempts = await asyncio.gather(*(sender.send(t, b'{"n":1}', PushOptions(ttl=60)) for t in targets))
        assert {x.outcome for x in attempts} == {"sent"}
        for sink in (a, b):
            assert len(sink.authorizations) == 60
            assert sink.most_in_flight == 4  # all 4 connections of the origin used, never a 5th request at once
            assert sink.connections == 4  # kept alive and reused: 60 pushes over 4 connections
        # one VAPID token per origin (its own `aud`), the same for every push to it
        assert len(set(a.authorizations)) == 1 and len(set(b.authorizations)) == 1
        assert set(a.authorizations) != set(b.authorizations)


HANG_GUARD_S = 60  # not a speed limit: a regression (fast pushes queued behind the gate) fails instead of hanging


async def _until(condition) -> None:
    """Let the loop run until `condition()` holds (each turn serves the sockets)."""
    while not condition():
        await asyncio.sleep(0)


async def test_an_origin_that_is_slow_does_not_hold_the_others(vapid_keys):
    """The slow origin answers nothing until the fast origin's 20 pushes are all answered: if the fast ones
    queued behind its busy connections, they could never finish."""
    async with Sink(gate=asyncio.Event()) as slow, Sink() as fast, push_session(per_origin=2) as session:
        sender = PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", session)
        slow_sends = [asyncio.create_task(sender.send(slow.target(f"s{i}"), b"{}", PushOptions(ttl=60)))
                      for i in range(6)]
        await asyncio.wait_for(_until(lambda: slow.in_flight == 2), HANG_GUARD_S)  # both its connections held
        fast_results = await asyncio.wait_for(asyncio.gather(*(
            sender.send(fast.target(f"f{i}"), b"{}", PushOptions(ttl=60)) for i in range(20))), HANG_GUARD_S)
        assert {x.outcome for x in fast_results} == {"sent"} and len(fast.authorizations) == 20
        assert not any(task.done() for task in slow_sends) and len(slow.authorizations) == 2
        slow.gate.set()
        assert {x.outcome for x in await asyncio.gather(*slow_sends)} == {"sent"}
        assert slow.most_in_flight == 2 and len(slow.authorizations) == 6


@pytest.mark.parametrize("status,outcome", [(410, "gone"), (503, "server_error")])
async def test_answers_without_body_leave_the_connection_reusable(vapid_keys, status, outcome):
    async with Sink(status=status) as sink, push_session(per_origin=1) as session:
        sender = PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", session)
        for i in range(5):
            assert (await sender.send(sink.target(f"x{i}"), b"{}", PushOptions(ttl=60))).outcome == outcome
        assert sink.connections == 1


async def test_a_refused_connection_is_a_network_attempt(vapid_keys):
    async with Sink() as sink:
        port = sink.port
    async with push_session() as session:
        attempt = await PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", session).send(
            Target(f"http://127.0.0.1:{port}/push/x", subscription()["keys"]["p256dh"], b64(b"0" * 16)), b"{}",
            PushOptions(ttl=60))
        assert attempt.outcome == "network" and attempt.retryable
