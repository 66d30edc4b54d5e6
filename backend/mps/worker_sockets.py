"""`mps serve --workers N` on Linux: each worker listens on its own socket of the port (SO_REUSEPORT), and the
kernel spreads new connections over them by a hash of their addresses, instead of every worker waiting on one
shared socket, where whichever is awake first takes the connection.

Why: keep-alive clients stay on the worker that accepted them. With one shared socket, 100 connections opened
at once split 25/75 to 43/57 between two workers (measured with `ss`, bench/stages_search.py), and the worker
holding 75 answers each of them about three times slower than the other: it sets the p99. A reverse proxy
keeping a pool of upstream connections meets the same skew. The hash gives each worker about its share
(two workers, 100 connections: 50 ± 5).

uvicorn's supervisor builds each worker from `self.sockets`: here a socket bound for that worker, handed to
it at start (multiprocessing duplicates it for the child) and closed in the supervisor right after, so a
worker that dies takes its socket out of the port's group (its replacement brings a new one) and no
connection waits on a socket nobody accepts from. A port already served by another program fails here as it
did before (a probe bind without SO_REUSEPORT), rather than sharing the port with it.
"""
from __future__ import annotations

import socket

from uvicorn.config import Config
from uvicorn.supervisors import Multiprocess
from uvicorn.supervisors.multiprocess import SIGNALS  # noqa: F401  (the signals its supervisor takes)

SUPPORTED = hasattr(socket, "SO_REUSEPORT")


def bound(host: str, port: int, backlog: int, reuse_port: bool = True) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if reuse_port:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(backlog)
    sock.set_inheritable(True)
    return sock


class PerWorkerSockets(Multiprocess):
    def __init__(self, config: Config):
        bound(config.host, config.port, config.backlog, reuse_port=False).close()  # (in use: fails here)
        self._handed: list[socket.socket] = []
        super().__init__(config, sockets=[])

    @property
    def sockets(self) -> list[socket.socket]:
        """A new socket for each worker the supervisor starts (init, restart, replacement, SIGTTIN)."""
        sock = bound(self.config.host, self.config.port, self.config.backlog)
        self._handed.append(sock)
        return [sock]

    @sockets.setter
    def sockets(self, _value) -> None:
        pass

    def _close_handed(self) -> None:
        while self._handed:
            self._handed.pop().close()

    # Every place the supervisor starts workers: once they are started, the supervisor's copies go.
    def init_processes(self) -> None:
        super().init_processes()
        self._close_handed()

    def keep_subprocess_alive(self) -> None:
        super().keep_subprocess_alive()
        self._close_handed()

    def handle_signals(self) -> None:
        super().handle_signals()
        self._close_handed()


def run(config: Config) -> None:
    """uvicorn.run's multi-worker path, with a socket per worker."""
    try:
        PerWorkerSockets(config).run()
    except KeyboardInterrupt:
        pass
