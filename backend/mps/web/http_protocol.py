"""The HTTP/1.1 protocol `mps serve` gives uvicorn: its httptools protocol, with the request head bounded and the
requests it refuses answered in French.

uvicorn with httptools reads a request head of any size (a 20 MB header was read and answered), and answers a
request it cannot parse with an English plain-text line. Here the request line and headers together may hold
MAX_HEAD_BYTES: beyond, 431 and the connection is closed, counted on the bytes received while the head is not
complete, so a head sent without end is cut after one read (no body byte is counted). Browsers send a few KiB;
nginx's default (`large_client_header_buffers 4 8k`) refuses about the same. These answers are written before
any app runs: no request id, no access line.

uvicorn also waits without end for the rest of a request begun (a head or a body sent a byte now and then): each
such connection held a socket and its buffers for ever, and a few thousand exhaust the process's file descriptors.
A request must arrive whole within MAX_REQUEST_SECONDS of its first byte (nginx: 60 s per read of the head and
of the body): else 408 in French and the connection is closed. Idle keep-alive connections are uvicorn's
(`timeout_keep_alive`).
"""
from __future__ import annotations

from asyncio import TimerHandle
from http import HTTPStatus

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

MAX_HEAD_BYTES = 32 * 1024
TOO_LARGE = "Requête refusée : son adresse et ses en-têtes dépassent 32 Kio."
MALFORMED = "Requête HTTP invalide."
MAX_REQUEST_SECONDS = 60.0
TOO_SLOW = "Requête refusée : elle n'est pas arrivée en entier en 60 secondes."


class _HeadTooLarge(Exception):
    pass


class HttpProtocol(HttpToolsProtocol):
    _in_head = True  # between two requests, or reading one's head
    _head_bytes = 0  # bytes received while in the head (a read that began with the previous request's end is not counted)
    _too_large = False
    _deadline: TimerHandle | None = None  # armed while a request is begun and not complete

    def data_received(self, data: bytes) -> None:
        if self._in_head:
            self._head_bytes += len(data)
        super().data_received(data)  # a parse error (ours from on_headers_complete too) -> send_400_response
        if self._in_head and self._head_bytes > MAX_HEAD_BYTES and not self.transport.is_closing():
            self._refuse(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, TOO_LARGE)
        # Armed only when this read left a request unfinished: a request read whole in one read costs no timer.
        elif self._deadline is None and (self._head_bytes or not self._in_head) and not self.transport.is_closing():
            self._deadline = self.loop.call_later(MAX_REQUEST_SECONDS, self._too_slow)

    def _too_slow(self) -> None:
        self._deadline = None
        if self.transport.is_closing():
            return
        if not self._in_head and self.cycle is not None and self.cycle.response_started:
            if self.cycle.response_complete:  # answered without waiting for the body: the rest is not read
                self.transport.close()
            return
        self._refuse(HTTPStatus.REQUEST_TIMEOUT, TOO_SLOW)

    def _stop_deadline(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def connection_lost(self, exc: Exception | None) -> None:
        self._stop_deadline()
        super().connection_lost(exc)

    def on_headers_complete(self) -> None:
        self._in_head = False
        # The whole head arrived in this read: measured on what was parsed (the read may hold the body too).
        if len(self.url) + sum(len(name) + len(value) + 4 for name, value in self.headers) > MAX_HEAD_BYTES:
            self._too_large = True
            raise _HeadTooLarge  # httptools stops parsing and raises HttpParserCallbackError
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        super().on_message_complete()
        self._in_head, self._head_bytes = True, 0
        self._stop_deadline()

    def send_400_response(self, msg: str) -> None:
        if self._too_large:
            self._refuse(HTTPStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, TOO_LARGE)
        else:
            self._refuse(HTTPStatus.BAD_REQUEST, MALFORMED)

    def _refuse(self, status: HTTPStatus, text: str) -> None:
        body = text.encode()
        head = [f"HTTP/1.1 {status.value} {status.phrase}\r\n".encode()]
        head += [name + b": " + value + b"\r\n" for name, value in self.server_state.default_headers]
        head += [b"content-type: text/plain; charset=utf-8\r\n", b"x-content-type-options: nosniff\r\n",
                 b"content-length: %d\r\n" % len(body), b"connection: close\r\n\r\n"]
        self.transport.write(b"".join(head) + body)
        self.transport.close()
