"""« Mes vœux » figures: the plan of a student with 10 favourites (BTS, licences, an IFSI, an engineering
network; 25 places), against reading the same favourites (GET /api/v1/favourites, measured in the same run),
on the full shipped catalogue.

    .venv/bin/python bench/plan_bench.py
Prints median and p95 in milliseconds (in-process TestClient, SQLite scratch database under /tmp) and the
ratio of each to the favourites' median.
"""
from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.accounts_bench import timed  # noqa: E402
from tests.integration.accounts.fixtures import Browser, Mailbox, _free_port, make_site, site_settings  # noqa: E402


def favourites_to_add(cat) -> list[tuple[str, list[int]]]:
    """10 formations of the kinds a terminale keeps, with places, picked by family (no ids)."""
    wanted = [("BTS", 4), ("BTS", 3), ("BUT", 3), ("Licence", 2), ("Licence", 1), ("Licence", 1), ("CPGE", 3),
              ("IFSI", 3), ("Ecole d'Ingénieur", 3), ("PASS", 2)]
    used, out = set(), []
    for family, n in wanted:
        f = next(f for f in cat.formations.values() if f.family == family and f.id not in used and len(f.places) >= n)
        used.add(f.id)
        out.append((f.id, [p.cod_aff_form for p in f.places[:n]]))
    return out


def main() -> None:
    from aiosmtpd.controller import Controller

    from mps.admin.migrate import ensure_admin_schema
    from mps.db.engine import make_engine
    from mps.db.migrate import upgrade
    from mps.etl.runner import ImportFiles, run_import

    tmp = Path(tempfile.mkdtemp(prefix="mps_bench_plan_"))
    url = f"sqlite+aiosqlite:///{tmp / 'bench.sqlite'}"
    upgrade(url)
    ensure_admin_schema(url)

    async def load():
        engine = make_engine(url)
        await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), tmp, log=lambda *_: None)
        await engine.dispose()
    asyncio.run(load())
    box = Mailbox()
    smtp = Controller(box, hostname="127.0.0.1", port=_free_port())
    smtp.start()
    with make_site(site_settings(url, tmp, smtp.port)) as site:
        me = Browser(site)
        for fid, places in favourites_to_add(site.app.state.catalogue.current):
            assert me.api("PUT", f"/api/v1/favourites/formations/{fid}", json={"places": places}).status_code == 200
        plan = me.get("/api/v1/plan").json()
        print(f"plan: {len(plan['wishes'])} wishes, {plan['counts']['sub_wishes']} sub-wishes counted, "
              f"{plan['counts']['uncounted_sub_wishes']} not counted")
        base, base95 = timed(lambda: me.get("/api/v1/favourites"), 100)
        print(f"GET /api/v1/favourites (baseline): median {base:.1f} ms, p95 {base95:.1f} ms")
        for label, path, n in (("GET /api/v1/plan", "/api/v1/plan", 100), ("GET /api/v1/plan.csv", "/api/v1/plan.csv", 100),
                               ("GET /mes-voeux (page)", "/mes-voeux", 50), ("GET /mes-voeux.pdf (WeasyPrint)", "/mes-voeux.pdf", 10)):
            med, p95 = timed(lambda: me.get(path), n)
            print(f"{label}: median {med:.1f} ms, p95 {p95:.1f} ms, {med / base:.1f}x the favourites")
    smtp.stop()


if __name__ == "__main__":
    main()
