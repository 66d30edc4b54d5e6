"""A push endpoint is an address any account chooses: the server must never post to its own network through
it, whether the address is written as a host name that resolves there, or the push service redirects there."""
from __future__ import annotations

import asyncio

import aiohttp

from mps.domain.reminders.sender import PushOptions, PushSender, Target, push_session
from tests.integration.reminders.helpers import LocalServer, subscription


class Listener(LocalServer):
    """A local HTTP server that counts requests and answers each with `answer` (raw status line and headers)."""

    def __init__(self, answer: str = "HTTP/1.1 201 Created\r\ncontent-length: 0\r\n\r\n"):
        self.answer, self.requests = answer, 0

    async def handle(self, reader, writer):
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            await reader.readexactly(length)
            self.requests += 1
            writer.write(self.answer.encode())
            await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()


def target(url: str) -> Target:
    keys = subscription()["keys"]
    return Target(url, keys["p256dh"], keys["auth"])


async def _send(session, vapid_keys, url: str):
    sender = PushSender(vapid_keys, "mailto:rappels@monprojetsup.fr", session)
    return await sender.send(target(url), b'{"title": "x"}', PushOptions(ttl=60))


async def test_a_host_name_resolving_to_our_network_is_never_reached(vapid_keys):
    timeout = aiohttp.ClientTimeout(total=2.0)
    async with Listener() as internal:
        # "localhost" stands for any name an attacker points at 127.0.0.1, 10.x or 169.254.169.254
        async with push_session(timeout) as production:
            attempt = await _send(production, vapid_keys, f"http://localhost:{internal.port}/push/x")
        assert attempt.outcome == "network" and internal.requests == 0
        async with push_session(timeout, allow_local=True) as development:  # the same push, allowed locally
            assert (await _send(development, vapid_keys, f"http://localhost:{internal.port}/push/x")).outcome == "sent"
        assert internal.requests == 1


async def test_a_push_service_redirect_is_not_followed(vapid_keys):
    async with Listener() as internal:
        moved = (f"HTTP/1.1 307 Temporary Redirect\r\nlocation: http://127.0.0.1:{internal.port}/\r\n"
                 "content-length: 0\r\n\r\n")
        async with Listener(moved) as push_service, push_session(allow_local=True) as session:
            attempt = await _send(session, vapid_keys, f"http://127.0.0.1:{push_service.port}/push/x")
        assert push_service.requests == 1 and internal.requests == 0
        assert attempt.outcome == "refused" and attempt.http_status == 307
