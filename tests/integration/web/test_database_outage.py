"""The database stopped (our own PostgreSQL cluster, never the shared one): 503 with Retry-After and a French
message instead of 500, readiness fails while liveness holds, one log line for the outage, and everything
back (sessions included) when it restarts."""
from __future__ import annotations

import asyncio

import pytest

from mps.admin.migrate import ensure_admin_schema
from mps.db.engine import make_engine
from mps.db.migrate import upgrade
from mps.etl.runner import run_import
from tests.conftest import small_files
from tests.integration.accounts.fixtures import Browser, make_site, new_email, site_settings
from mps.web.outage import DATABASE
from tests.logs import captured
from tests.throwaway import ThrowawayPostgres


@pytest.fixture(scope="module")
def own_pg(tmp_path_factory):
    with ThrowawayPostgres(9421) as pg:
        upgrade(pg.url)
        ensure_admin_schema(pg.url)

        async def load():
            engine = make_engine(pg.url)
            await run_import(engine, small_files(), tmp_path_factory.mktemp("var"), log=lambda *_: None)
            await engine.dispose()
        asyncio.run(load())
        yield pg


def test_a_database_outage_answers_503_in_french_and_recovers(own_pg, smtp, tmp_path):
    DATABASE.last = None  # a fresh outage for this test
    with make_site(site_settings(own_pg.url, tmp_path, smtp.port)) as site:
        site.smtp = smtp
        student = Browser(site)
        email = new_email()
        student.sign_in(email)
        assert site.get("/readyz").status_code == 200
        own_pg.stop()
        try:
            with captured() as records:
                for _ in range(3):  # a burst of requests during the outage
                    me = student.get("/api/v1/me")
                    assert me.status_code == 503 and me.headers["retry-after"] == "10"
                    assert "momentanément indisponible" in me.json()["detail"]
                    page = student.get("/compte")
                    assert page.status_code == 503 and "momentanément indisponible" in page.text
                    assert page.headers["retry-after"] == "10"
                    saved = Browser(site).api("PUT", "/api/v1/profile", json={"classe": "terminale"})
                    assert saved.status_code == 503
                    ready = site.get("/readyz")
                    assert ready.status_code == 503 and ready.json()["database"] == "down"
                    assert site.get("/healthz").status_code == 200  # alive: do not restart the worker
                    assert site.get("/api/v1/formations?q=bts").status_code == 200  # catalogue in memory
            problems = records.records
            assert len(problems) == 1, [r.getMessage() for r in problems]
            assert "database unreachable" in problems[0].getMessage() and not problems[0].exc_info
        finally:
            own_pg.start()
        assert site.get("/readyz").status_code == 200
        me = student.get("/api/v1/me")
        assert me.status_code == 200 and me.json()["email"] == email  # signed in all along
