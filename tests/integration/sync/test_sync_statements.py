"""What one POST /api/v1/sync of one operation asks the database: the number of statements is pinned, so a
read-before-write or a re-read of the person, the counter or the mark coming back fails here (issue 16: sync
was the slowest part of the opening-day load, at 13 statements per request)."""
from __future__ import annotations

import asyncio
import re
from contextlib import contextmanager

from sqlalchemy import event
from sqlalchemy.engine.interfaces import CacheStats

from mps.db.models import CatalogueImport
from mps.domain.sync.web import CONNECTIONS

from tests.integration.accounts.fixtures import Browser, new_email
from tests.integration.favourites.helpers import formation_with_places
from tests.integration.sync.test_sync_api import T0, op, sync

# Every statement sent to the database. SQLite: the session (one read, by the middleware; anonymous: the person's
# row), the counter upsert, the op ids' insert, the marks to look at, then the mark, its sync item and the counter
# written. PostgreSQL (mps.domain.sync.store, sent by asyncpg itself; mps.domain.sync.web): one read (the session or
# the anonymous person, the counter, op ids, marks) and one write (counter, op ids, mark, item), in autocommit.
ONE_EDIT = {("sqlite", True): 7, ("sqlite", False): 7, ("postgresql", True): 2, ("postgresql", False): 2}
ONE_REPLAY = {("sqlite", True): 4, ("sqlite", False): 4,  # a replayed op: as an edit, without the writes
              ("postgresql", True): 1, ("postgresql", False): 1}
WRITES = re.compile(r"UPDATE formation_marks|INSERT INTO (formation_marks|sync_items)|UPDATE sync_people", re.I)


def one_edit(site, signed_in: bool = True) -> int:
    return ONE_EDIT[site.app.state.engine.dialect.name, signed_in]


def one_replay(site, signed_in: bool) -> int:
    return ONE_REPLAY[site.app.state.engine.dialect.name, signed_in]


class Seen(list):
    uncacheable: list[str]  # statements SQLAlchemy compiles again on every request (no cache key)


@contextmanager
def lane_takes_from_the_pool(site):
    """Meanwhile the sync lane keeps no connection between requests (mps.db.lent): each request takes its own from
    the pool and gives it back, where the pool's events show it (test_sync_lane checks the kept connection)."""
    lent = site.app.state.get(CONNECTIONS)
    if lent is None:  # SQLite: no lane
        yield
        return
    keep, lent.keep = lent.keep, 0
    with site.portal() as portal:
        portal.call(lent.close)
    try:
        yield
    finally:
        lent.keep = keep


@contextmanager
def statements(site):
    """The statements sent meanwhile: those SQLAlchemy sends (as prepared statements on asyncpg), and on PostgreSQL
    those the app sends by the driver itself and BEGIN and COMMIT (asyncpg's query logger, which sees only these),
    on each connection taken from the pool."""
    seen = Seen()
    seen.uncacheable = []

    def keep(statement: str) -> None:
        if CatalogueImport.__tablename__ not in statement:  # the catalogue store's poll, every 15 s: not sync's
            seen.append(statement)

    def count(conn, cursor, statement, parameters, context, executemany):
        keep(statement)
        if context.compiled is not None and context.cache_hit not in (CacheStats.CACHE_HIT, CacheStats.CACHE_MISS):
            seen.uncacheable.append(statement)

    def logged(query) -> None:
        keep(query.query)

    def out(dbapi_conn, record, proxy):
        if hasattr(record.driver_connection, "add_query_logger"):
            record.driver_connection.add_query_logger(logged)

    def back(dbapi_conn, record):
        if hasattr(record.driver_connection, "remove_query_logger"):
            record.driver_connection.remove_query_logger(logged)

    engine = site.app.state.engine.sync_engine
    listeners = [("before_cursor_execute", count), ("checkout", out), ("checkin", back)]
    for name, fn in listeners:
        event.listen(engine, name, fn)
    try:
        with lane_takes_from_the_pool(site):
            yield seen
        with site.portal() as portal:  # asyncpg calls its query loggers soon after (call_soon): let them run
            portal.call(asyncio.sleep, 0)
    finally:
        for name, fn in listeners:
            event.remove(engine, name, fn)


@contextmanager
def checkouts(site):
    """Connections the request takes from the pool, each with what was sent to the server on it (PostgreSQL:
    one per statement, BEGIN and COMMIT included; SQLite: None, nothing crosses a socket)."""
    taken: list[list] = []

    def out(dbapi_conn, record, proxy):
        driver = record.driver_connection
        taken.append([driver, getattr(getattr(driver, "_protocol", None), "queries_count", None)])

    def back(dbapi_conn, record):
        for one in taken:
            if one[0] is record.driver_connection and one[1] is not None and len(one) == 2:
                one.append(one[0]._protocol.queries_count - one[1])

    engine = site.app.state.engine.sync_engine
    event.listen(engine, "checkout", out)
    event.listen(engine, "checkin", back)
    try:
        with lane_takes_from_the_pool(site):
            yield taken
    finally:
        event.remove(engine, "checkout", out)
        event.remove(engine, "checkin", back)


def test_a_signed_in_edit_takes_one_connection_and_pings_nothing(site):
    """The session lookup and the handler share the connection; no ping before the first statement: on
    PostgreSQL the lookup and the edit's read and write are all that is sent (no BEGIN, no COMMIT)."""
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    with lane_takes_from_the_pool(site):  # the warm-up too: on the connection the pool lends next
        first = sync(student, [op("add_favourite", f.id, ts=T0)])
        # The same edit once before: a connection prepares each statement the first time it runs it (a round trip).
        first = sync(student, [op("set_ambition", f.id, "ambitieux", ts=T0 + 1)], since=first["cursor"])
        with checkouts(site) as taken:
            sync(student, [op("set_ambition", f.id, "realiste", ts=T0 + 2)], since=first["cursor"])
    taken = [t for t in taken if len(t) != 3 or t[2] != 1]  # the catalogue store's poll, every 15 s: not sync's
    assert len(taken) == 1, taken
    if taken[0][1] is not None:
        assert taken[0][2] <= one_edit(site), taken


def _edits(site, device: Browser, signed_in: bool) -> None:
    f, places = formation_with_places(site)
    first = sync(device, [op("add_favourite", f.id, ts=T0)])
    with statements(site) as seen:
        out = sync(device, [op("set_ambition", f.id, "realiste", ts=T0 + 1)], since=first["cursor"])
    assert [r["status"] for r in out["results"]] == ["applied"]
    assert [m["ambition"] for m in out["marks"]] == ["realiste"]  # only the changed mark comes back
    assert len(seen) == one_edit(site, signed_in), "\n".join(seen)
    assert seen.uncacheable == []  # a statement built per request is compiled per request: CPU, not round trips

    replay = op("set_ambition", f.id, "ambitieux", ts=T0 + 2)
    done = sync(device, [replay], since=out["cursor"])
    with statements(site) as seen:  # a lost answer, sent again: nothing is written (SQLite: but the op ids' insert)
        again = sync(device, [replay], since=done["cursor"])
    assert [r["status"] for r in again["results"]] == ["duplicate"] and again["marks"] == []
    assert not any(WRITES.search(s) for s in seen), "\n".join(seen)
    assert len(seen) == one_replay(site, signed_in), "\n".join(seen)


def test_an_edit_loads_and_flushes_no_orm_row_yet_follows_the_favourites_rules(site, monkeypatch):
    """Sync reads and writes marks as plain rows (mps.domain.sync.store): loading ORM rows and flushing them cost
    a one-operation sync more CPU than its statements (issue 16). Their new values still come from
    favourites.service's rules, once per edit (the mark is made a favourite, then its fields changed)."""
    from sqlalchemy.orm import Session

    from mps.db.models import FormationMark
    from mps.domain.favourites import service as marks

    calls, loaded, flushes = [], [], []
    for name in ("mark_as", "change_fields"):
        rule = getattr(marks, name)
        monkeypatch.setattr(marks, name, lambda *a, _rule=rule, _name=name, **k: calls.append(_name) or _rule(*a, **k))
    device = Browser(site)
    f, _ = formation_with_places(site)
    first = sync(device, [op("add_favourite", f.id, ts=T0)])
    calls.clear()
    on_load, on_flush = (lambda target, context: loaded.append(target)), (lambda *a: flushes.append(a))
    event.listen(FormationMark, "load", on_load)
    event.listen(Session, "before_flush", on_flush)
    try:
        out = sync(device, [op("set_ambition", f.id, "realiste", ts=T0 + 1)], since=first["cursor"])
    finally:
        event.remove(FormationMark, "load", on_load)
        event.remove(Session, "before_flush", on_flush)
    assert [m["ambition"] for m in out["marks"]] == ["realiste"]
    assert calls == ["mark_as", "change_fields"]
    assert (loaded, flushes) == ([], [])


def test_one_edit_of_a_signed_in_student_costs_a_fixed_number_of_statements(site):
    student = Browser(site)
    student.sign_in(new_email())
    _edits(site, student, True)


def test_one_edit_of_an_anonymous_device_costs_a_fixed_number_of_statements(site):
    _edits(site, Browser(site), False)


def test_sync_takes_no_injected_database_session(site):
    """The hottest write opens its own database session (mps.web.db.request_session): Litestar resolves two
    or more dependencies in a task group, with a generator's clean-up after the response, about 8 % of a
    one-operation sync's instructions (bench/sync_cost.py --callgrind)."""
    route = next(r for r in site.app.routes if r.path == "/api/v1/sync")
    handler = next(h for h in route.route_handlers if "POST" in h.http_methods)
    assert set(handler.parsed_fn_signature.parameters) <= {"request", "catalogue", "data"}
