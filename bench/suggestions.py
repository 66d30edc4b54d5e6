"""Suggestions benchmark: latency over 500 varied profiles, quality on the tuning and held-out profiles,
model build time, server memory; optionally the same figures for an older engine, in the same run.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite .venv/bin/python bench/suggestions.py \\
        [--baseline GIT_REF] [--no-server]

The database must hold the full shipped catalogue (`mps import`). Latency is measured server-side (the
work of one POST /api/v1/suggestions: decode and check the profile, rank, explain, encode the JSON), in
process, after a warm-up, uncached (every profile is different). On a shared machine the wall-clock of
one run mostly measures the other processes, so each profile is answered 3 times: the first run gives
the wall-clock and CPU-time figures, the best of the 3 the work itself without preemption. With --baseline, the engine of that
commit (its backend/ and data/ extracted with `git archive`: every data file its loaders read) answers the same profiles in a subprocess
right after, so the ratio compares two engines under the same machine load. Memory is the resident size
of a real `mps serve` worker (port 8150) after it has loaded the catalogue and built the model.
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
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # tests.eval; `mps` comes from PYTHONPATH first when a baseline runs

import msgspec  # noqa: E402

from mps.db.engine import make_engine  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.domain.profile.referential import load_referential  # noqa: E402
try:
    from mps.domain.profile.schemas import decode_profile  # noqa: E402
except ImportError:  # a --baseline engine older than the file-roles rename (profile/schema.py)
    from mps.domain.profile.schema import decode_profile  # noqa: E402
from mps.domain.suggestions.engine import suggest  # noqa: E402
from mps.domain.suggestions.model import load_model  # noqa: E402
from mps.domain.suggestions.schemas import SuggestionsResponse  # noqa: E402
from mps.settings import load_settings  # noqa: E402
from tests.eval.scoring import describe, evaluate  # noqa: E402
from tests.eval.sets import SETS  # noqa: E402

PORT = 8150
BEST_OF = 3  # each profile answered 3 times: first run (wall, CPU) and the best of the 3 (wall)
CITIES = ["Lille", "Paris", "Lyon", "Marseille", "Rennes", "Bordeaux", "Toulouse", "Nantes", "Strasbourg", "Guéret",
          "Brest", "Ajaccio", "Limoges", "Dijon", "Saint-Denis (974)", "Fort-de-France", "Amiens", "Pau", "Metz",
          "Caen", "Tours", "Besançon", "Nice", "Montpellier", "Poitiers", "Rodez", "Aurillac", "Mende", "Cayenne"]


def random_profiles(cat, metier_ids: list[str], n: int, seed: int = 42) -> list[bytes]:
    """Varied profiles drawn with a fixed seed: bac (incl. none), 0–3 spécialités of that bac, 0–5 interests,
    0–4 domains, 0–2 métiers, study length, alternance, 0–3 towns, a moyenne one time in three, favourites
    and « pas intéressé »."""
    rnd, ref = random.Random(seed), load_referential()
    towns = [t for t in (cat.geocoder.lookup(c) for c in CITIES) if t]
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


def one_request(model, cat, ref, body: bytes) -> bytes:
    profile = decode_profile(body, ref, model.metiers)
    return msgspec.json.encode(SuggestionsResponse(suggest(model, cat, profile, limit=20)))


def latency(model, cat, bodies: list[bytes]) -> dict:
    ref = load_referential()
    for body in bodies[:20]:
        one_request(model, cat, ref, body)  # warm-up
    wall, cpu, best = [], [], []
    for body in bodies:
        runs = []
        for _ in range(BEST_OF):
            start, start_cpu = time.perf_counter(), time.process_time()
            one_request(model, cat, ref, body)
            runs.append(((time.perf_counter() - start) * 1000, (time.process_time() - start_cpu) * 1000))
        wall.append(runs[0][0])
        cpu.append(runs[0][1])
        best.append(min(r[0] for r in runs))
    p95 = int(0.95 * len(wall)) - 1
    wall, cpu, best = sorted(wall), sorted(cpu), sorted(best)
    return {"p50": statistics.median(wall), "p95": wall[p95], "max": wall[-1], "n": len(wall),
            "cpu_p50": statistics.median(cpu), "cpu_p95": cpu[p95],
            "best_p50": statistics.median(best), "best_p95": best[p95]}


def quality(model, cat) -> dict:
    ref = load_referential()

    def run(p):
        return [describe(cat.formations[s.id]) for s in suggest(model, cat, decode_profile(p, ref, model.metiers), limit=20)]
    out = {}
    for name, profiles in SETS.items():
        r = evaluate(profiles, run)
        out[name] = {k: r[k] for k in ("recall@10", "recall@20", "absurd_rate", "profiles")}
        out[name]["mean_count"] = statistics.mean(d["count"] for d in r["details"])
    return out


async def measure_inputs(n_profiles: int) -> tuple:
    """(catalogue, model, its build time in seconds, n varied profiles as JSON)."""
    engine = make_engine(load_settings().database.url)
    try:
        cat = await load(engine)
        start = time.perf_counter()
        model = await load_model(engine, cat)
        build = time.perf_counter() - start
    finally:
        await engine.dispose()
    return cat, model, build, random_profiles(cat, sorted(model.metiers), n_profiles)


async def measure(n_profiles: int) -> dict:
    cat, model, build, bodies = await measure_inputs(n_profiles)
    return {"formations": len(cat.formations), "places": len(cat.places), "build_s": build,
            "latency": latency(model, cat, bodies), "quality": quality(model, cat)}


def baseline(ref: str, n_profiles: int) -> dict:
    """The same measures for the engine of commit `ref`, in a subprocess importing that commit's backend."""
    with tempfile.TemporaryDirectory(prefix="mps-bench-") as tmp:
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "backend", "data"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        env = {**os.environ, "PYTHONPATH": str(Path(tmp) / "backend")}
        done = subprocess.run([sys.executable, __file__, "--json", "--profiles", str(n_profiles)], env=env,
                              capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"the engine of {ref} failed:\n{done.stderr[-2000:]}")
        return json.loads(done.stdout)


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


def report(label: str, m: dict) -> None:
    lat = m["latency"]
    print(f"{label}: model build {m['build_s']:.2f} s; latency over {lat['n']} profiles: p50 {lat['p50']:.2f} ms, "
          f"p95 {lat['p95']:.2f} ms, max {lat['max']:.1f} ms; CPU time p50 {lat['cpu_p50']:.2f} ms, "
          f"p95 {lat['cpu_p95']:.2f} ms; best of {BEST_OF} runs p50 {lat['best_p50']:.2f} ms, p95 {lat['best_p95']:.2f} ms")
    for name, q in m["quality"].items():
        print(f"  {name} ({q['profiles']} profiles): recall@10 {q['recall@10']:.3f}, recall@20 {q['recall@20']:.3f}, "
              f"absurd rate {q['absurd_rate']:.3f}, {q['mean_count']:.1f} suggestions on average")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--profiles", type=int, default=500)
    parser.add_argument("--baseline", metavar="GIT_REF", help="also measure the engine of this commit, same run")
    parser.add_argument("--no-server", action="store_true", help="skip the server memory measure")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # the baseline subprocess
    args = parser.parse_args()
    current = asyncio.run(measure(args.profiles))
    if args.json:
        print(json.dumps(current))
        return
    print(f"catalogue: {current['formations']} formations, {current['places']} places")
    report("this engine", current)
    if args.baseline:
        old = baseline(args.baseline, args.profiles)
        report(f"engine of {args.baseline}", old)
        o, c = old["latency"], current["latency"]
        print(f"{args.baseline} / this engine: p95 {o['p95'] / c['p95']:.1f}x, p50 {o['p50'] / c['p50']:.1f}x; "
              f"CPU time p95 {o['cpu_p95'] / c['cpu_p95']:.1f}x; best of {BEST_OF} p95 {o['best_p95'] / c['best_p95']:.1f}x")
    if not args.no_server:
        print(f"server resident memory (1 worker, catalogue + model loaded): "
              f"{server_rss_mb(load_settings().database.url):.0f} MB")


if __name__ == "__main__":
    main()
