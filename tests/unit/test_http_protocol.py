"""The HTTP protocol `mps serve` runs (mps.web.http_protocol): the request head is bounded, refusals are French.

A real uvicorn server on a free port, spoken to over a socket: what a client sends is what the parser reads.
"""
from __future__ import annotations

import asyncio

import pytest
import uvicorn

from mps import server
from mps.web import http_protocol
from mps.web.http_protocol import MAX_HEAD_BYTES, MALFORMED, TOO_LARGE, TOO_SLOW

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


async def _app(scope, receive, send):
    if scope["type"] != "http":
        return
    size = 0
    while True:
        event = await receive()
        size += len(event.get("body", b""))
        if not event.get("more_body"):
            break
    body = b"body %d" % size
    await send({"type": "http.response.start", "status": 200,
                "headers": [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))]})
    await send({"type": "http.response.body", "body": body})


async def _exchange(chunks: list[bytes | float], wait_close: bool = True) -> bytes:
    """Start the server, send the chunks on one connection, read what comes back until closed (or a pause)."""
    config = uvicorn.Config(_app, host="127.0.0.1", port=0, http=server.HTTP_PROTOCOL, log_config=None,
                            lifespan="off", ws="none")
    srv = uvicorn.Server(config)
    task = asyncio.create_task(srv.serve())
    while not srv.started:
        await asyncio.sleep(0.01)
    port = srv.servers[0].sockets[0].getsockname()[1]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for chunk in chunks:
            if isinstance(chunk, float):  # a pause, in seconds
                await asyncio.sleep(chunk)
                continue
            writer.write(chunk)
            await writer.drain()
            await asyncio.sleep(0.05)  # each its own read: a server closing with bytes unread would reset
        answer = b""
        while True:
            try:
                part = await asyncio.wait_for(reader.read(65536), 2 if wait_close else 0.5)
            except asyncio.TimeoutError:
                break
            if not part:
                break
            answer += part
        return answer
    except (ConnectionResetError, BrokenPipeError):
        return await reader.read()
    finally:
        writer.close()
        srv.should_exit = True
        await task


def run(chunks: list[bytes | float], wait_close: bool = True) -> bytes:
    return asyncio.run(_exchange(chunks, wait_close))


def _get(extra: bytes = b"") -> bytes:
    return b"GET / HTTP/1.1\r\nHost: a\r\n" + extra + b"\r\n"


def test_the_protocol_is_the_one_serve_gives_uvicorn():
    config = uvicorn.Config(_app, http=server.HTTP_PROTOCOL)
    config.load()
    assert config.http_protocol_class.__module__ == "mps.web.http_protocol"


def test_a_head_beyond_the_bound_sent_in_one_write_gets_431_in_french():
    answer = run([_get(b"Cookie: " + b"a" * (MAX_HEAD_BYTES + 10) + b"\r\n")])
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert answer.endswith(TOO_LARGE.encode())
    assert b"body" not in answer  # the app never ran


def test_a_head_that_never_ends_is_cut_once_past_the_bound():
    start = b"GET / HTTP/1.1\r\nHost: a\r\nX-Big: "
    answer = run([start] + [b"b" * (MAX_HEAD_BYTES // 2)] * 3)  # the head is still unfinished
    assert answer.startswith(b"HTTP/1.1 431 ")
    assert TOO_LARGE.encode() in answer


def test_a_head_under_the_bound_is_served():
    answer = run([_get(b"Cookie: " + b"a" * (MAX_HEAD_BYTES - 200) + b"\r\nConnection: close\r\n")])
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"body 0")


def test_body_bytes_arriving_with_the_head_are_not_counted():
    body = b"x" * (4 * MAX_HEAD_BYTES)
    request = (b"POST / HTTP/1.1\r\nHost: a\r\nConnection: close\r\nContent-Length: %d\r\n\r\n" % len(body)) + body
    answer = run([request])
    assert answer.startswith(b"HTTP/1.1 200 ") and answer.endswith(b"body %d" % len(body))


def test_each_request_of_a_kept_alive_connection_has_its_own_bound():
    head = _get(b"Cookie: " + b"a" * (MAX_HEAD_BYTES * 2 // 3) + b"\r\n")
    answer = run([head, head, head], wait_close=False)
    assert answer.count(b"HTTP/1.1 200 ") == 3


@pytest.mark.parametrize("request_bytes", [
    b"GET / HTTP/1.1\r\nHost: a\r\nContent-Length: 1\r\nContent-Length: 1\r\n\r\nx",
    b"GET / HTTP/1.1\r\nHost : a\r\n\r\n",
    b"\x00\x01 garbage\r\n\r\n",
])
def test_a_malformed_request_gets_a_french_400(request_bytes):
    answer = run([request_bytes])
    assert answer.startswith(b"HTTP/1.1 400 ")
    assert answer.endswith(MALFORMED.encode())
    assert b"charset=utf-8" in answer and b"Invalid" not in answer


@pytest.fixture()
def short_deadline(monkeypatch):
    monkeypatch.setattr(http_protocol, "MAX_REQUEST_SECONDS", 0.3)


@pytest.mark.parametrize("begun", [b"GET / HTTP/1.1\r\nHost: a\r\nX-a: ",
                                   b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 100\r\n\r\nabc"],
                         ids=["head", "body"])
def test_a_request_left_unfinished_gets_408_in_french_and_is_closed(short_deadline, begun):
    """uvicorn waited for the rest without end: a connection held for ever for a few bytes (slowloris)."""
    answer = run([begun, b"d"])
    assert answer.startswith(b"HTTP/1.1 408 ") and TOO_SLOW.encode() in answer and b"connection: close" in answer


def test_a_request_sent_slowly_but_whole_in_time_and_an_idle_kept_alive_connection_pass(short_deadline):
    post = b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: 6\r\n\r\n"
    answer = run([post[:20], post[20:], b"abc", b"def", 0.5, _get()], wait_close=False)
    assert answer.count(b"HTTP/1.1 200 ") == 2 and b"body 6" in answer and b"408" not in answer
