"""A device's short lane (mps.domain.sync.web): on PostgreSQL it answers what the full path answers, the person (a
session's, an anonymous device's) found by the sync's read; anything else goes the full way, answered as before."""
from __future__ import annotations

import gzip
import hashlib
from datetime import datetime, timedelta, timezone

from types import SimpleNamespace

import pytest
from sqlalchemy import delete, event, update

from mps.db.lent import kept_for
from mps.db.models import SignInSession
from mps.domain.sync import service, web as lane

from mps.domain.identity.web import anonymous_id_in

from tests.integration.accounts.fixtures import Browser, db_url, new_email, plant_anonymous
from tests.integration.accounts.test_sessions import _rows
from tests.integration.favourites.helpers import formation_with_places
from tests.integration.profile.test_mass_writes import strict_site  # noqa: F401 - a fixture
from tests.integration.sync.test_sync_api import T0, op, sync

_PER_PERSON = {"updated_at", "note_heads"}  # each student's own time and op ids


def _lane_calls(monkeypatch) -> list[str]:
    """Whom the short lane synced (a session's token hash, an anonymous person's id; None: found no one)."""
    calls, real = [], service.sync_found

    async def counted(driver, catalogue, whose, body):
        out = await real(driver, catalogue, whose, body)
        calls.append(whose.key if out is not None else None)
        return out
    monkeypatch.setattr(lane, "sync_found", counted)
    return calls


def _edits(site, student: Browser) -> list:
    f, places = formation_with_places(site)
    out = []
    first = sync(student, [op("add_favourite", f.id, ts=T0), op("add_place", f.id, places[0].cod_aff_form, ts=T0 + 1)])
    for since in (0, first["cursor"]):
        r = student.api("POST", "/api/v1/sync", json={"since": since, "ops": [
            op("set_ambition", f.id, "realiste", ts=T0 + 2), op("set_note", f.id, "Portes ouvertes", ts=T0 + 3)]})
        out.append(r)
    return out


def _same(a, b) -> None:
    assert a.status_code == b.status_code == 200
    assert sorted(k for k, _ in a.headers.multi_items()) == sorted(k for k, _ in b.headers.multi_items())
    assert a.headers["content-type"] == b.headers["content-type"] == "application/json"
    assert a.headers.get("cache-control") == b.headers.get("cache-control")  # private, no-store when signed in
    strip = lambda doc: {**doc, "results": [{**r, "op_id": ""} for r in doc["results"]],  # noqa: E731
                         "marks": [{k: v for k, v in m.items() if k not in _PER_PERSON} for m in doc["marks"]]}
    assert strip(a.json()) == strip(b.json())


def test_the_lane_answers_what_the_full_path_answers(site, monkeypatch):
    calls = _lane_calls(monkeypatch)
    fast, slow = Browser(site), Browser(site)
    fast.sign_in(new_email())
    slow.sign_in(new_email())
    by_lane = _edits(site, fast)
    taken = len(calls)
    monkeypatch.setattr(lane, "PATH", "/nowhere")  # the full path only
    by_handler = _edits(site, slow)
    assert len(calls) == taken
    for a, b in zip(by_lane, by_handler):
        _same(a, b)
    on_pg = site.app.state.engine.dialect.name == "postgresql"
    assert taken == (3 if on_pg else 0)  # SQLite: always the full path


def test_a_gzip_answer_is_the_same_document(site, monkeypatch):
    calls = _lane_calls(monkeypatch)
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    sync(student, [op("add_favourite", f.id, ts=T0), op("set_note", f.id, "x" * 1500, ts=T0 + 1)])
    r = student.api("POST", "/api/v1/sync", json={"since": 0, "ops": []}, headers={"accept-encoding": "gzip"})
    assert r.status_code == 200 and r.headers["content-encoding"] == "gzip"
    assert r.json()["marks"][0]["note"] == "x" * 1500  # httpx decoded it
    assert len(calls) == (2 if site.app.state.engine.dialect.name == "postgresql" else 0)


@pytest.mark.parametrize("how", ["expired", "ended"])
def test_a_session_no_longer_valid_is_not_used_and_its_cookie_is_dropped(site, monkeypatch, how):
    calls = _lane_calls(monkeypatch)
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    token_hash = hashlib.sha256(student.jar.get("mps_session").encode()).hexdigest()
    mine = sync(student, [op("add_favourite", f.id, ts=T0)])
    assert [m["formation_id"] for m in mine["marks"]] == [f.id]
    where = SignInSession.token_hash == token_hash
    _rows(db_url(site), update(SignInSession).where(where).values(
        expires_at=datetime.now(timezone.utc) - timedelta(seconds=1)) if how == "expired" else delete(SignInSession).where(where))
    r = student.api("POST", "/api/v1/sync", json={"since": 0, "ops": []})
    assert r.status_code == 200 and r.json()["marks"] == []  # an anonymous device: not the account's marks
    assert "max-age=0" in next(h for h in r.headers.get_list("set-cookie") if h.startswith("mps_session=")).lower()
    assert calls[-1] is None if site.app.state.engine.dialect.name == "postgresql" else calls == []


def test_a_csrf_mismatch_is_refused_and_nothing_is_applied(site):
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    one = op("add_favourite", f.id, ts=T0)
    forged = student.csrf()[:-2] + ("00" if not student.csrf().endswith("00") else "11")
    for headers in ({"x-csrftoken": forged}, {"x-csrftoken": ""}):
        student.client.cookies = student.jar
        r = student.client.post("/api/v1/sync", json={"since": 0, "ops": [one]}, headers=headers)
        student.client.cookies = type(student.jar)()
        assert r.status_code == 403
    assert [x["status"] for x in sync(student, [one])["results"]] == ["applied"]  # not applied before


def test_a_bad_batch_gets_the_full_paths_400_naming_the_field(site):
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    r = student.api("POST", "/api/v1/sync", json={"since": 0, "ops": [{**op("add_favourite", f.id), "kind": "x"}]})
    assert r.status_code == 400 and "kind" in r.text
    r = student.api("POST", "/api/v1/sync", content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400


def test_an_anonymous_device_that_saved_before_takes_the_lane(site, monkeypatch):
    calls = _lane_calls(monkeypatch)
    fast, slow = Browser(site), Browser(site)
    by_lane = _edits(site, fast)  # its first sync has no person yet: the full path makes one
    taken = len(calls)
    monkeypatch.setattr(lane, "PATH", "/nowhere")
    by_handler = _edits(site, slow)
    for a, b in zip(by_lane, by_handler):
        _same(a, b)
    assert taken == (2 if site.app.state.engine.dialect.name == "postgresql" else 0)


def test_an_anonymous_person_gone_takes_the_full_path_which_makes_a_new_one(site, monkeypatch):
    calls = _lane_calls(monkeypatch)
    device = Browser(site)
    plant_anonymous(device, "0" * 32)  # signed with the app's secret, but no such person
    f, _ = formation_with_places(site)
    out = sync(device, [op("add_favourite", f.id, ts=T0)])
    assert [r["status"] for r in out["results"]] == ["applied"]
    assert anonymous_id_in(site.app.state.settings.secret_key, device.jar.get("mps_anon")) not in (None, "0" * 32)
    assert calls == ([None] if site.app.state.engine.dialect.name == "postgresql" else [])


def test_anonymous_syncs_are_counted_once_each_on_the_lane_too(strict_site):
    """anon_write=(5, 600): the first sync makes the person (full path), the next ones take the lane."""
    device = Browser(strict_site)
    f, _ = formation_with_places(strict_site)
    codes = [device.api("POST", "/api/v1/sync", json={"since": 0, "ops": [op("set_ambition", f.id, "realiste",
                                                                              ts=T0 + i)]}).status_code
             for i in range(7)]
    assert codes == [200] * 5 + [429] * 2


def test_the_lane_keeps_its_connection_between_requests(site):
    """PostgreSQL: after its first request the lane takes no connection from the pool (mps.db.lent); the kept one
    carries the two statements. A kept connection the server closed is dropped, and the next sync still answers."""
    lent = site.app.state.get(lane.CONNECTIONS)
    if site.app.state.engine.dialect.name != "postgresql":
        assert lent is None  # SQLite: no lane
        return
    student = Browser(site)
    student.sign_in(new_email())
    f, _ = formation_with_places(site)
    first = sync(student, [op("add_favourite", f.id, ts=T0)])
    first = sync(student, [op("set_ambition", f.id, "ambitieux", ts=T0 + 1)], since=first["cursor"])  # prepared
    assert 1 <= len(lent.idle) <= lent.keep
    kept = lent.idle[-1].driver_connection
    sent = kept._protocol.queries_count
    taken: list = []
    engine = site.app.state.engine.sync_engine
    listen = lambda *a: taken.append(a)  # noqa: E731
    event.listen(engine, "checkout", listen)
    try:
        second = sync(student, [op("set_ambition", f.id, "realiste", ts=T0 + 2)], since=first["cursor"])
    finally:
        event.remove(engine, "checkout", listen)
    assert [m["ambition"] for m in second["marks"]] == ["realiste"]
    assert taken == [] and kept._protocol.queries_count - sent == 2
    with site.portal() as portal:  # as a restarted server would
        portal.call(kept.close)
    third = sync(student, [op("set_ambition", f.id, "plan_b", ts=T0 + 3)], since=second["cursor"])
    assert [m["ambition"] for m in third["marks"]] == ["plan_b"]
    assert kept.is_closed() and all(not c.driver_connection.is_closed() for c in lent.idle)


@pytest.mark.parametrize(("pool", "overflow", "active", "kept"), [(10, 10, 4, 4), (10, 10, 0, 4), (2, 2, 8, 1),
                                                                   (3, 0, 4, 0), (40, 0, 16, 10)])
def test_the_lane_keeps_no_more_than_a_quarter_of_the_pool(pool, overflow, active, kept):
    settings = SimpleNamespace(database=SimpleNamespace(pool_size=pool, max_overflow=overflow), active_requests=active)
    assert kept_for(settings) == kept
