"""Suggestions benchmark: latency over 500 varied profiles, model build time, server memory, quality.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite .venv/bin/python bench/suggestions.py [--no-server]

The database must hold the full shipped catalogue (`mps import`). Latency is measured server-side
(the work of one POST /api/v1/suggestions: decode and check the profile, rank, explain, encode the
JSON), in process, after a warm-up. Memory is the resident size of a real `mps serve` worker (port
8150) after it has loaded the catalogue and built the suggestion model. Quality uses the reference
profiles of tests/eval.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import msgspec

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mps.db.engine import make_engine  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.domain.profile.referential import load_referential  # noqa: E402
from mps.domain.profile.schemas import decode_profile  # noqa: E402
from mps.domain.suggestions.engine import suggest  # noqa: E402
from mps.domain.suggestions.model import build_model, read_tables  # noqa: E402
from mps.domain.suggestions.onisep import OnisepDomains  # noqa: E402
from mps.domain.suggestions.schemas import SuggestionsResponse  # noqa: E402
from mps.settings import load_settings  # noqa: E402
from tests.eval.reference_profiles import evaluate  # noqa: E402

PORT = 8150
CITIES = ["Lille", "Paris", "Lyon", "Marseille", "Rennes", "Bordeaux", "Toulouse", "Nantes", "Strasbourg", "Guéret",
          "Brest", "Ajaccio", "Limoges", "Dijon", "Saint-Denis (974)", "Fort-de-France", "Amiens", "Pau", "Metz",
          "Caen", "Tours", "Besançon", "Nice", "Montpellier", "Poitiers", "Rodez", "Aurillac", "Mende", "Cayenne"]


def random_profiles(cat, n: int, seed: int = 42) -> list[bytes]:
    rnd, ref = random.Random(seed), load_referential()
    towns = [t for t in (cat.geocoder.lookup(c) for c in CITIES) if t]
    metier_ids = sorted(_metier_ids)
    out = []
    for _ in range(n):
        bac = rnd.choice([None, "Générale", "Générale", "Générale", "STMG", "STI2D", "ST2S", "STAV", "STL", "P", "P"])
        spes = ref.specialite_names(bac) if bac else []
        p = {"classe": rnd.choice(["seconde", "premiere", "terminale"]), "bac": bac,
             "specialites": rnd.sample(spes, min(len(spes), rnd.choice([0, 2, 2, 3]))),
             "interets": rnd.sample(sorted(ref.interests), rnd.choice([0, 1, 2, 3, 5])),
             "domaines": rnd.sample(sorted(ref.domains), rnd.choice([0, 0, 1, 2, 4])),
             "metiers": rnd.sample(metier_ids, rnd.choice([0, 0, 0, 1, 2])),
             "duree": rnd.choice([None, "courte", "longue", "indifferent"]),
             "alternance": rnd.choice([None, "pas_interesse", "interesse", "tres_interesse"]),
             "villes": [{"nom": t.name, "lat": t.lat, "lon": t.lon} for t in rnd.sample(towns, rnd.choice([0, 1, 1, 2, 3]))],
             "moyenne": rnd.choice([None, None, round(rnd.uniform(8, 19), 1)]),
             "favoris": rnd.sample(sorted(cat.formations), rnd.choice([0, 0, 1, 3])),
             "corbeille": rnd.sample(sorted(cat.formations), rnd.choice([0, 0, 2]))}
        out.append(json.dumps(p).encode())
    return out


_metier_ids: set[str] = set()


def one_request(model, cat, ref, body: bytes) -> bytes:
    profile = decode_profile(body, ref, model.metiers)
    return msgspec.json.encode(SuggestionsResponse(suggest(model, cat, profile, limit=20)))


def server_rss_mb(database_url: str) -> float:
    env = {**os.environ, "DATABASE_URL": database_url}
    proc = subprocess.Popen([str(ROOT / ".venv/bin/mps"), "serve", "--port", str(PORT), "--workers", "1"],
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(240):
            try:
                req = urllib.request.Request(f"http://127.0.0.1:{PORT}/api/v1/suggestions", data=b"{}",
                                             headers={"content-type": "application/json"}, method="POST")
                if urllib.request.urlopen(req, timeout=10).status == 200:
                    break
            except OSError:
                time.sleep(0.5)
        else:
            raise RuntimeError("server did not answer")
        pids = [proc.pid] + [int(p) for p in subprocess.run(["pgrep", "-P", str(proc.pid)], capture_output=True,
                                                            text=True).stdout.split()]
        return max(_rss_kb(pid) for pid in pids) / 1024
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--no-server", action="store_true", help="skip the server memory measure")
    args = parser.parse_args()
    settings = load_settings()
    engine = make_engine(settings.database.url)
    t0 = time.perf_counter()
    cat = await load(engine)
    t1 = time.perf_counter()
    metiers, stat_rows = await read_tables(engine)
    OnisepDomains.load()
    t2 = time.perf_counter()
    model = build_model(cat, metiers, stat_rows, OnisepDomains.load())
    t3 = time.perf_counter()
    await engine.dispose()
    _metier_ids.update(model.metiers)
    ref = load_referential()
    print(f"catalogue: {len(cat.formations)} formations, {len(cat.places)} places (load {t1 - t0:.2f} s)")
    print(f"suggestion model build: {t3 - t2:.2f} s (+ {t2 - t1:.2f} s reading métiers, spécialités and ONISEP files)")

    bodies = random_profiles(cat, args.profiles)
    for body in bodies[:20]:
        one_request(model, cat, ref, body)  # warm-up
    times = []
    for body in bodies:
        start = time.perf_counter()
        one_request(model, cat, ref, body)
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    p95 = times[int(0.95 * len(times)) - 1]
    print(f"latency over {len(times)} profiles: p50 {statistics.median(times):.1f} ms, p95 {p95:.1f} ms, "
          f"max {times[-1]:.1f} ms")

    quality = evaluate(lambda p: [s.label for s in suggest(model, cat, decode_profile(p, ref, model.metiers), limit=20)])
    print(f"quality on {quality['profiles']} reference profiles: recall@10 {quality['recall@10']:.3f}, "
          f"recall@20 {quality['recall@20']:.3f}, absurd rate {quality['absurd_rate']:.3f}")
    if not args.no_server:
        print(f"server resident memory (1 worker, catalogue + model loaded): {server_rss_mb(settings.database.url):.0f} MB")


if __name__ == "__main__":
    asyncio.run(main())
