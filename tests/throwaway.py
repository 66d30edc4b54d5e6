"""Servers of our own to break on purpose: a redis-server on a port of ours (never the shared 6379).

    with ThrowawayRedis(9410) as r:   # redis://127.0.0.1:9410/0
        r.stop(); r.start(); r.freeze(); r.thaw()
"""
from __future__ import annotations

import os
import signal
import socket
import subprocess
import time


def port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.2)
        return s.connect_ex(("127.0.0.1", port)) == 0


class ThrowawayRedis:
    def __init__(self, port: int):
        self.port, self.proc = port, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        assert not port_open(self.port), f"port {self.port} is taken"
        self.proc = subprocess.Popen(["redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
                                      "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(100):
            if port_open(self.port):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        """Gone, and with it every key (no persistence): what a restart without persistence does."""
        if self.proc is not None:
            self.thaw()
            self.proc.terminate()
            self.proc.wait(10)
            self.proc = None

    def freeze(self) -> None:
        """Still accepting connections, answering nothing (SIGSTOP): the worst case for callers."""
        os.kill(self.proc.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        if self.proc is not None:
            os.kill(self.proc.pid, signal.SIGCONT)

    def __enter__(self) -> "ThrowawayRedis":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()
