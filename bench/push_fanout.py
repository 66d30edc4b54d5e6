"""Reminder fan-out to a local push sink: notifications per second, against the encryption-only limit
measured in the same run (issue 12 target: ≥ 2,000 notifications/s on this 2-core machine).

    .venv/bin/python bench/push_fanout.py [--devices 4000] [--db sqlite|postgresql] [--loop uvloop|asyncio]
                                          [--workers N]

Baselines, measured in the same run:
- encryption only: `PushSender.build()` (aes128gcm with a fresh ECDH key per message, headers, cached VAPID
  JWT) in a loop on one core, no I/O: what one core encrypts (the issue's "about 7,600/s per core");
- sink alone: the sink answering pre-built requests from a bare asyncio client (64 keep-alive connections,
  requests pipelined): the sink's own ceiling, to show it is not what limits the figures below.
Measured:
- sender fan-out: `encrypt_many()` (the process pool, `--workers` processes, default one per core) then
  `deliver()` of each body as its slice is done (64 in flight) through the sender's aiohttp session
  (`push_session()`: keep-alive pool per push service origin) to the sink;
- full pass: `Scheduler.run_pass()` for one reminder per device: claims written before sending, encryption in
  the pool, sends, outcomes recorded (the uncached path a real pass takes; the sink answers 201 at once).
The event loop is uvloop by default, as in the server (uvicorn[standard] runs on it; `mps push worker` does not yet).
The sink is a separate process (a minimal HTTP/1.1 server answering 201), so it shares the cores.
"""
from __future__ import annotations

import argparse
import asyncio
import base64
import os
import secrets
import socket
import sys
import tempfile
import time
import uuid
from datetime import datetime, timezone
from multiprocessing import Process
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def sink(sock: socket.socket) -> None:
    """A push service that accepts everything: parse the request, answer 201, keep the connection."""
    async def handle(reader, writer):
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                length = 0
                for line in head.split(b"\r\n"):
                    if line[:15].lower() == b"content-length:":
                        length = int(line[15:])
                await reader.readexactly(length)
                writer.write(b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\n\r\n")
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    async def serve():
        server = await asyncio.start_server(handle, sock=sock)
        await server.serve_forever()

    run_loop(serve(), "uvloop")


def run_loop(main, loop: str):
    if loop == "uvloop":
        import uvloop
        return uvloop.run(main)
    return asyncio.run(main)


def b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def new_device(port: int):
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    from mps.domain.reminders.sender import Target
    point = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(Encoding.X962,
                                                                              PublicFormat.UncompressedPoint)
    return Target(f"http://127.0.0.1:{port}/push/{uuid.uuid4().hex}", b64(point), b64(os.urandom(16)))


PAYLOAD = ('{"title":"Tes vœux Parcoursup","body":"Dans 7 jours (jeudi 11 mars) : dernier jour pour « Formuler '
           'ses vœux », jusqu\'à 23 h 59.","url":"/etapes#etape-2026-2027-parcoursup-voeux","tag":"'
           + "a" * 32 + '","kind":"parcoursup","action":"Voir"}').encode()


async def encryption_only(sender, devices, options) -> tuple[float, float]:
    """Pushes per second of wall time, and CPU seconds per push."""
    start, cpu = time.perf_counter(), time.process_time()
    for device in devices:
        sender.build(device, PAYLOAD, options)
    return len(devices) / (time.perf_counter() - start), (time.process_time() - cpu) / len(devices)


def cpu_seconds(pid: int) -> float:
    """utime + stime of one process (Linux /proc): CPU time is what a shared machine does not blur."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


class Cpu:
    """CPU time of this process, the encryption workers and the sink over a timed section."""
    def __init__(self, sink_pid: int):
        self.sink_pid = sink_pid

    def sample(self) -> tuple[float, float, float]:
        from mps.domain.reminders.encryption import _pools
        workers = [pid for pool in _pools.values() for pid in (pool._processes or {})]
        return (cpu_seconds(os.getpid()), sum(cpu_seconds(pid) for pid in workers), cpu_seconds(self.sink_pid))

    async def measure(self, work) -> tuple[float, tuple[float, float, float]]:
        before = self.sample()
        rate = await work
        return rate, tuple(after - b for after, b in zip(self.sample(), before))


def per_push(cpu: tuple[float, float, float], count: int) -> str:
    own, workers, sink = (c / count * 1e6 for c in cpu)
    return (f"CPU per push: sender {own:4.0f} µs, encryption workers {workers:4.0f} µs, sink {sink:3.0f} µs; "
            f"bounds: sender process {1e6 / own:6.0f} /s, two cores {2e6 / (own + workers + sink):6.0f} /s")


RESPONSE = b"HTTP/1.1 201 Created\r\ncontent-length: 0\r\n\r\n"


async def sink_alone(port: int, requests: int, sample: bytes) -> float:
    """Pre-built POSTs (the size of a real push) pipelined 32 at a time on 64 connections: the sink's limit."""
    request = (f"POST /push/x HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nTTL: 259200\r\nContent-Encoding: aes128gcm\r\n"
               f"Content-Length: {len(sample)}\r\n\r\n").encode() + sample
    connections, window = 64, 32

    async def connection(count: int):
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        while count:
            n = min(window, count)
            writer.write(request * n)
            await reader.readexactly(len(RESPONSE) * n)
            count -= n
        writer.close()

    start = time.perf_counter()
    await asyncio.gather(*(connection(requests // connections) for _ in range(connections)))
    return requests // connections * connections / (time.perf_counter() - start)


async def sender_fanout(sender, devices, options) -> float:
    from mps.domain.reminders.sender import deliver
    gate = asyncio.Semaphore(64)

    async def one(device, body):
        async with gate:
            return await deliver(sender, device, PAYLOAD, options, body=body)

    start = time.perf_counter()
    tasks = []
    async for done in sender.encrypt_many([(d, PAYLOAD) for d in devices]):
        tasks += [asyncio.ensure_future(one(devices[i], body)) for i, body in done]
    results = await asyncio.gather(*tasks)
    elapsed = time.perf_counter() - start
    assert all(r.last.outcome == "sent" for r in results), {r.last.outcome for r in results}
    return len(devices) / elapsed


async def full_pass(url: str, keys, client, devices, workers: int) -> tuple[float, dict]:
    from sqlalchemy import insert

    from mps.db.engine import make_engine, make_sessionmaker
    from mps.db.models import Person, PushSubscription
    from mps.domain.reminders.scheduler import Scheduler
    from mps.domain.reminders.sender import PushSender

    @dataclass_like
    class Due:
        pass

    engine = make_engine(url)
    sessions = make_sessionmaker(engine)
    now = datetime(2027, 3, 4, 16, 30, tzinfo=timezone.utc)
    people = [secrets.token_hex(16) for _ in devices]
    async with sessions() as db:
        await db.execute(insert(Person), [{"id": p, "created_at": now, "role": "lyceen"} for p in people])
        await db.execute(insert(PushSubscription), [
            {"person_id": p, "endpoint": d.endpoint, "p256dh": d.p256dh, "auth": d.auth, "label": "bench",
             "created_at": now} for p, d in zip(people, devices)])
        await db.commit()
    reminders = [Due(person_id=p, key="2026-2027/parcoursup-voeux", occurrence="2027-03-04", kind="parcoursup",
                     title="Tes vœux Parcoursup", body="Dans 7 jours : dernier jour pour formuler tes vœux.",
                     url="/etapes", due_at=now) for p in people]

    async def source(db, at):
        return reminders

    scheduler = Scheduler(sessions, source, PushSender(keys, "mailto:rappels@monprojetsup.fr", client,
                                                       workers=workers))
    start = time.perf_counter()
    report = await scheduler.run_pass(now)
    elapsed = time.perf_counter() - start
    await engine.dispose()
    assert report.outcomes == {"sent": len(devices)}, report.outcomes
    return len(devices) / elapsed, dict(report.outcomes)


def dataclass_like(cls):
    from dataclasses import make_dataclass
    return make_dataclass("Due", ["person_id", "key", "occurrence", "kind", "title", "body", "url", "due_at"],
                          frozen=True)


def database(kind: str, tmp: Path) -> tuple[str, callable]:
    from mps.db.migrate import upgrade
    if kind == "sqlite":
        url = f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}"
        upgrade(url)
        return url, lambda: None
    import asyncpg
    name = f"mps_bench_{uuid.uuid4().hex[:8]}"

    async def admin(sql):
        conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/test")
        await conn.execute(sql)
        await conn.close()
    asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    url = f"postgresql+asyncpg://postgres@127.0.0.1:5432/{name}"
    upgrade(url)
    return url, lambda: asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def run(args, url: str, port: int, sink_pid: int) -> None:
    from mps.domain.reminders.encryption import close_pools
    from mps.domain.reminders.keys import generate_private_pem, keys_from_private_pem
    from mps.domain.reminders.sender import PushOptions, PushSender, push_session

    keys = keys_from_private_pem(generate_private_pem())
    devices = [new_device(port) for _ in range(args.devices)]
    options = PushOptions(ttl=259200, urgency="high", topic="a" * 32)
    load = os.getloadavg()[0]
    async with push_session() as client:
        sender = PushSender(keys, "mailto:rappels@monprojetsup.fr", client, workers=args.workers)
        async for _ in sender.encrypt_many([(d, PAYLOAD) for d in devices[:sender.pool_from]]):
            pass  # start the pool's workers before timing (a server keeps them from pass to pass)
        limit, limit_cpu = await encryption_only(sender, devices, options)
        sink_limit = await sink_alone(port, args.devices, sender.build(devices[0], PAYLOAD, options)[0])
        cpu = Cpu(sink_pid)
        fanout, fanout_cpu = await cpu.measure(sender_fanout(sender, devices, options))
        (whole, _), whole_cpu = await cpu.measure(full_pass(url, keys, client, devices, args.workers))
    close_pools()
    print(f"devices: {args.devices}, database: {args.db}, loop: {args.loop}, encryption workers: {args.workers}, "
          f"load average {load:.1f} → {os.getloadavg()[0]:.1f} ({os.cpu_count()} cores, shared)")
    print(f"encryption only (one core, no I/O):        {limit:8.0f} /s  (baseline; {limit_cpu * 1e6:.0f} µs of CPU "
          f"per push: {1 / limit_cpu:.0f} /s per core of CPU)")
    print(f"sink alone (bare pipelined client):        {sink_limit:8.0f} /s  ratio {sink_limit / limit:.2f}")
    print(f"sender fan-out to the sink (pool+aiohttp): {fanout:8.0f} /s  ratio {fanout / limit:.2f}"
          f"  ({fanout / sink_limit:.2f} of the sink alone)")
    print(f"    {per_push(fanout_cpu, args.devices)}")
    print(f"full pass (claim, send, record) to sink:   {whole:8.0f} /s  ratio {whole / limit:.2f}"
          f"  ({whole / sink_limit:.2f} of the sink alone)  target ≥ 2,000 /s")
    print(f"    {per_push(whole_cpu, args.devices)}")
    two_cores = 2 * args.devices / sum(whole_cpu)
    print(f"    full pass in CPU terms: two-core bound {two_cores:.0f} /s = {two_cores * limit_cpu / 2:.2f} of "
          f"encrypting on both cores; sender-process bound {args.devices / whole_cpu[0]:.0f} /s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--devices", type=int, default=4000)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--loop", choices=["uvloop", "asyncio"], default="uvloop")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="encryption processes (0: none)")
    args = parser.parse_args()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    sock.listen(1024)
    port = sock.getsockname()[1]
    server = Process(target=sink, args=(sock,), daemon=True)
    server.start()
    with tempfile.TemporaryDirectory() as tmp:
        url, drop = database(args.db, Path(tmp))
        try:
            run_loop(run(args, url, port, server.pid), args.loop)
        finally:
            drop()
            server.terminate()


if __name__ == "__main__":
    main()
