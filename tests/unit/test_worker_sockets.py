"""`mps serve --workers N` gives each worker its own listening socket of the port (SO_REUSEPORT, mps.worker_sockets):
the kernel spreads new connections over them (one shared socket let the first worker awake take them: keep-alive
loads split 25/75); the supervisor's copies close once handed; a port another program listens on still fails."""
from __future__ import annotations

import select
import signal
import socket

import pytest
import uvicorn

from mps import worker_sockets
from mps.worker_sockets import PerWorkerSockets, bound

pytestmark = pytest.mark.skipif(not worker_sockets.SUPPORTED, reason="SO_REUSEPORT: Linux")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def supervisor():
    handlers = {sig: signal.getsignal(sig) for sig in worker_sockets.SIGNALS}  # (uvicorn's supervisor takes them)
    config = uvicorn.Config("mps.asgi:create_app", factory=True, host="127.0.0.1", port=_free_port(), workers=2)
    try:
        yield PerWorkerSockets(config)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)


def _accept_all(listeners: list[socket.socket], expected: int) -> dict[int, int]:
    counts = {s.fileno(): 0 for s in listeners}
    accepted = []
    while sum(counts.values()) < expected:
        ready, _, _ = select.select(listeners, [], [], 5)
        assert ready, counts
        for s in ready:
            accepted.append(s.accept()[0])
            counts[s.fileno()] += 1
    for c in accepted:
        c.close()
    return counts


def test_each_worker_listens_on_its_own_socket_and_connections_spread(supervisor):
    first, second = supervisor.sockets[0], supervisor.sockets[0]
    assert first.fileno() != second.fileno() and first.getsockname() == second.getsockname()
    assert first.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
    clients = [socket.create_connection(first.getsockname()) for _ in range(100)]
    try:
        counts = _accept_all([first, second], 100)
    finally:
        for c in clients:
            c.close()
    assert min(counts.values()) >= 25, counts  # (a hash of the addresses: 50 ± 5; one socket would hold all)
    supervisor._close_handed()  # as after the workers started: the supervisor keeps no copy
    assert first.fileno() == -1 and second.fileno() == -1


def test_a_port_another_program_listens_on_is_refused():
    other = bound("127.0.0.1", _free_port(), 8, reuse_port=False)
    try:
        config = uvicorn.Config("mps.asgi:create_app", host="127.0.0.1", port=other.getsockname()[1], workers=2)
        with pytest.raises(OSError):
            PerWorkerSockets(config)
    finally:
        other.close()
