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


PG_BIN = "/usr/lib/postgresql/" + (sorted(os.listdir("/usr/lib/postgresql")) or ["15"])[-1] + "/bin"


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own (initdb + pg_ctl, run as the postgres user), never the shared 5432.

    stop() and start() keep the data: what a database restart or a 10 s outage looks like to the app.
    """

    def __init__(self, port: int):
        import tempfile
        self.port = port
        self.root = tempfile.mkdtemp(prefix=f"mps_pg_{port}_")  # under /tmp: the postgres user must reach it
        self.data = os.path.join(self.root, "data")
        self.url = f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"

    def _as_postgres(self, *cmd: str) -> None:
        subprocess.run(["runuser", "-u", "postgres", "--", *cmd], check=True, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, timeout=120)

    def start(self) -> None:
        if not os.path.exists(self.data):
            os.makedirs(self.root, exist_ok=True)
            os.chmod(self.root, 0o777)
            self._as_postgres(f"{PG_BIN}/initdb", "-D", self.data, "-A", "trust", "-U", "postgres")
        assert not port_open(self.port), f"port {self.port} is taken"
        self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.data, "-w", "-l", os.path.join(self.data, "log"),
                          "-o", f"-p {self.port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self) -> None:
        self._as_postgres(f"{PG_BIN}/pg_ctl", "-D", self.data, "-w", "-m", "fast", "stop")

    def __enter__(self) -> "ThrowawayPostgres":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.stop()
        finally:
            subprocess.run(["rm", "-rf", self.root])
