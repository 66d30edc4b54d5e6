"""Accounts and classes figures: cost of a signed-in request (its session read from the database) against
an anonymous one, and of a teacher's class dashboard (35 students, 5 favourites each), on the full shipped
catalogue.

    .venv/bin/python bench/accounts_bench.py
Prints median and p95 in milliseconds (in-process TestClient, SQLite scratch database under /tmp).
"""
from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.integration.accounts.fixtures import Browser, Mailbox, _free_port, make_site, site_settings  # noqa: E402


def timed(fn, n: int) -> tuple[float, float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main() -> None:
    from aiosmtpd.controller import Controller

    from mps.db.engine import make_engine
    from mps.db.migrate import upgrade
    from mps.etl.runner import ImportFiles, run_import

    tmp = Path(tempfile.mkdtemp(prefix="mps_bench_"))
    url = f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}"
    upgrade(url)
    from mps.admin.migrate import ensure_admin_schema
    ensure_admin_schema(url)  # back-office tables (announcements are read by every page)

    async def load():
        engine = make_engine(url)
        await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), tmp, log=lambda *_: None)
        await engine.dispose()
    asyncio.run(load())
    box = Mailbox()
    smtp = Controller(box, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    settings = site_settings(url, tmp, smtp.port)
    with make_site(settings) as site:
        site.smtp = box
        me = Browser(site)
        me.sign_in(f"bench.{uuid.uuid4().hex[:6]}@exemple.fr")
        signed_med, p95 = timed(lambda: me.get("/api/v1/me"), 300)
        print(f"signed-in GET /api/v1/me (session row read + account row): median {signed_med:.2f} ms, p95 {p95:.2f} ms")
        anon = Browser(site)
        med, p95 = timed(lambda: anon.get("/api/v1/me"), 300)
        print(f"anonymous GET /api/v1/me (no session): median {med:.2f} ms, p95 {p95:.2f} ms")
        print(f"signed-in / anonymous median: {signed_med / med:.2f}")

        prof = Browser(site)
        prof.sign_in(f"prof.{uuid.uuid4().hex[:6]}@ac-lille.fr", role="enseignant")
        lycee = site.get("/api/v1/lycees?q=lille").json()[0]["uai"]
        made = prof.api("POST", "/api/v1/classes", json={"lycee_uai": lycee, "label": "T3"}).json()
        cat = site.app.state.catalogue.current
        formations = [f for f in cat.formations.values() if f.places][:200]
        for i in range(35):
            pupil = Browser(site)
            pupil.sign_in(f"eleve{i}.{uuid.uuid4().hex[:6]}@exemple.fr")
            pupil.api("POST", "/api/v1/classes/join", json={"code": made["join_code"], "consent": True})
            for f in formations[i * 5:(i + 1) * 5]:
                pupil.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"places": [f.places[0].cod_aff_form]})
        med, p95 = timed(lambda: prof.get(f"/api/v1/classes/{made['id']}"), 30)
        print(f"class dashboard, 35 students x 5 favourites (API): median {med:.1f} ms, p95 {p95:.1f} ms")
        med, p95 = timed(lambda: prof.get(f"/classes/{made['id']}"), 30)
        print(f"class dashboard page: median {med:.1f} ms, p95 {p95:.1f} ms")
    smtp.stop()


if __name__ == "__main__":
    main()
