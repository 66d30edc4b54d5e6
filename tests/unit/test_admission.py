"""A web process works on MPS_ACTIVE_REQUESTS requests at once, the others in arrival order (mps.web.admission, in
the edge's pass): counted with a fake app whose requests finish when the test says so (no timings)."""
from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from mps.web.admission import Gate, admission_gate
from mps.web.edge import edge_middleware


def admitted(app, gate: Gate):
    return edge_middleware(app, gate=gate)


class Held:
    """An ASGI app whose requests wait until released, recording which entered, in which order."""

    def __init__(self):
        self.entered: list[str] = []
        self.release: dict[str, asyncio.Event] = {}

    async def __call__(self, scope, receive, send):
        name = scope["path"]
        self.entered.append(name)
        await self.release.setdefault(name, asyncio.Event()).wait()
        if scope.get("fail"):
            raise RuntimeError("handler failed")
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    def finish(self, name: str) -> None:
        self.release.setdefault(name, asyncio.Event()).set()


def _scope(path: str, **extra) -> dict:
    return {"type": "http", "path": path, "method": "GET", "headers": [], "query_string": b"", **extra}


async def _nothing():
    return {"type": "http.request", "body": b"", "more_body": False}


async def _settle():
    for _ in range(20):
        await asyncio.sleep(0)


async def _sink(message):
    pass


async def test_at_most_the_limit_inside_the_others_in_arrival_order():
    app = Held()
    gated = admitted(app, Gate(2))
    tasks = [asyncio.create_task(gated(_scope(f"/r{i}"), _nothing, _sink)) for i in range(5)]
    await _settle()
    assert app.entered == ["/r0", "/r1"]
    app.finish("/r1")
    await _settle()
    assert app.entered == ["/r0", "/r1", "/r2"]
    for name in ("/r0", "/r2", "/r3", "/r4"):
        app.finish(name)
        await _settle()
    assert app.entered == [f"/r{i}" for i in range(5)]
    await asyncio.gather(*tasks)


async def test_the_slot_is_freed_when_the_answer_starts_not_when_a_slow_client_has_read_it():
    app = Held()
    gated = admitted(app, Gate(1))
    reader_done = asyncio.Event()

    async def slow_reader(message):
        if message["type"] == "http.response.body":
            await reader_done.wait()  # a client that does not read its answer

    first = asyncio.create_task(gated(_scope("/slow"), _nothing, slow_reader))
    second = asyncio.create_task(gated(_scope("/next"), _nothing, _sink))
    await _settle()
    assert app.entered == ["/slow"]
    app.finish("/slow")
    await _settle()
    assert app.entered == ["/slow", "/next"] and not first.done()
    app.finish("/next")
    reader_done.set()
    await asyncio.gather(first, second)


async def test_a_failed_request_frees_its_slot():
    app = Held()
    gated = admitted(app, Gate(1))
    failing = asyncio.create_task(gated(_scope("/fail", fail=True), _nothing, _sink))
    after = asyncio.create_task(gated(_scope("/after"), _nothing, _sink))
    await _settle()
    app.finish("/fail")
    with pytest.raises(RuntimeError):
        await failing
    await _settle()
    assert app.entered == ["/fail", "/after"]
    app.finish("/after")
    await after


async def test_probes_and_metrics_never_wait():
    app = Held()
    gated = admitted(app, Gate(1))
    busy = asyncio.create_task(gated(_scope("/busy"), _nothing, _sink))
    probes = [asyncio.create_task(gated(_scope(p), _nothing, _sink)) for p in ("/healthz", "/readyz", "/metrics")]
    await _settle()
    assert app.entered == ["/busy", "/healthz", "/readyz", "/metrics"]
    for name in app.entered:
        app.finish(name)
    await asyncio.gather(busy, *probes)


def test_zero_means_no_limit_and_the_variable_is_checked(monkeypatch, tmp_path):
    from mps.settings import load_settings

    assert admission_gate(SimpleNamespace(active_requests=0)) is None
    assert admission_gate(SimpleNamespace(active_requests=4)).limit == 4
    monkeypatch.setenv("MPS_VAR_DIR", str(tmp_path))
    monkeypatch.delenv("MPS_ACTIVE_REQUESTS", raising=False)
    assert load_settings().active_requests == 4
    monkeypatch.setenv("MPS_ACTIVE_REQUESTS", "0")
    assert load_settings().active_requests == 0
    for bad in ("-1", "quatre", "1001"):
        monkeypatch.setenv("MPS_ACTIVE_REQUESTS", bad)
        with pytest.raises(ValueError, match="MPS_ACTIVE_REQUESTS"):
            load_settings()


def test_the_app_admits_in_the_edge_pass_after_the_hostile_input_and_cross_site_checks(monkeypatch, tmp_path):
    """The body of a JSON or form request is read by the edge pass (hostile-input check) before the gate, and a
    write another site sends is refused before it waits for a turn: all in the pass, outermost but the proxies."""
    import dataclasses

    from mps.asgi import create_app
    from mps.settings import load_settings

    monkeypatch.setenv("MPS_VAR_DIR", str(tmp_path))
    settings = dataclasses.replace(load_settings(), active_requests=3)
    for limit in (3, 0):
        first = create_app(dataclasses.replace(settings, active_requests=limit)).middleware[0]
        assert first.middleware is edge_middleware and first.kwargs["refuse_cross_site"] is not None
        assert (first.kwargs["gate"].limit if limit else first.kwargs["gate"]) == (limit or None)


async def test_a_write_from_another_site_is_refused_without_taking_a_turn():
    from litestar.exceptions import PermissionDeniedException

    from mps.web.cross_site import cross_site_refusal

    app, gate = Held(), Gate(1)
    gated = edge_middleware(app, cross_site_refusal(SimpleNamespace(base_url=None), [], "skip"), gate)
    busy = asyncio.create_task(gated(_scope("/busy"), _nothing, _sink))
    await _settle()
    foreign = _scope("/write", method="PURGE", headers=[(b"host", b"a.fr"), (b"sec-fetch-site", b"cross-site"),
                                                        (b"content-type", b"text/plain")])  # unsafe, no body
    with pytest.raises(PermissionDeniedException):  # at once, though the only turn is held
        await asyncio.wait_for(gated(foreign, _nothing, _sink), 5)
    assert app.entered == ["/busy"] and gate.get()._value == 0
    app.finish("/busy")
    await busy


async def test_a_request_waiting_on_another_server_lets_the_next_one_in_then_waits_its_turn_again():
    """Sending a mail (an SMTP relay may take 20 s) happens outside the turn: mps.lib.turns.waiting_elsewhere."""
    from mps.lib.turns import waiting_elsewhere

    relay = asyncio.Event()
    back: list[str] = []

    async def mailer(scope, receive, send):
        async with waiting_elsewhere():
            await relay.wait()  # the relay answers when the test says so
        back.append(scope["path"])
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})

    app = Held()

    async def route(scope, receive, send):
        await (mailer if scope["path"] == "/mail" else app)(scope, receive, send)

    gated = admitted(route, Gate(1))
    mail = asyncio.create_task(gated(_scope("/mail"), _nothing, _sink))
    await _settle()
    other = asyncio.create_task(gated(_scope("/other"), _nothing, _sink))
    await _settle()
    assert app.entered == ["/other"]  # the slot went to the next request while the relay was slow
    relay.set()
    await _settle()
    assert back == [] and not mail.done()  # the mail's request waits for its turn again
    app.finish("/other")
    await asyncio.gather(mail, other)
    assert back == ["/mail"]


async def test_outside_a_gated_request_waiting_elsewhere_changes_nothing():
    from mps.lib.turns import waiting_elsewhere

    async with waiting_elsewhere():  # a job, a command: no turn to give back
        pass


def test_a_free_slot_is_taken_at_once_and_a_busy_or_awaited_one_waits_its_turn_in_acquire():
    from mps.lib.turns import Turn

    async def go():
        slots = asyncio.Semaphore(2)
        first, second, third, fourth = (Turn(slots) for _ in range(4))
        assert first.take_free() and first.held and slots._value == 1
        assert second.take_free() and slots._value == 0 and slots.locked()
        assert not third.take_free() and not third.held  # none free: acquire() queues it
        waiting = asyncio.ensure_future(third.take())
        await asyncio.sleep(0)
        assert not waiting.done()
        first.free()  # its slot goes to the one waiting, not to a newcomer
        assert not fourth.take_free()
        await waiting
        assert third.held and slots._value == 0
        second.free(), third.free()
        assert slots._value == 2 and fourth.take_free()

    asyncio.run(go())
