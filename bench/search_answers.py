"""Every answer of the search API to thousands of requests, written to a file: run it on two versions of the code
and compare the files (`cmp`) to show that a speed-up changed no answer.

    DATABASE_URL=sqlite+aiosqlite:////tmp/mps_bench.sqlite .venv/bin/python bench/search_answers.py /tmp/after.txt
    # the code before: PYTHONPATH=<git archive of the commit>/backend, same command, another file; then
    cmp /tmp/before.txt /tmp/after.txt && echo identical

Requests (in process, through the whole app): 3,000 distinct town queries of bench/throughput.py, the 1,000 of
bench/queries.py, 600 with random filters, pages and bad values, every fifth with `Accept-Encoding: gzip`; then
every formation's document (the same places' JSON), every third around a point.
Each answer is written as its status, its headers but the request id, and its body's SHA-256 (gunzipped: the
gzip header holds the time it was made).
"""
from __future__ import annotations

import asyncio
import gzip
import hashlib
import os
import random
import sys
import urllib.parse
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from queries import queries  # noqa: E402
from throughput import distinct_queries, search_path  # noqa: E402

FILTERS = {"famille": ["BTS", "Licence", "but", "nope", ""], "selective": ["true", "false", "maybe"],
           "apprentissage": ["oui", "non"], "departement": ["75", "Nord", "2A", "99x"],
           "region": ["Bretagne", "x" * 90], "academie": ["Lyon", "Créteil"],
           "near": ["48.85,2.35", "45.76,4.83", "91,0", "abc"], "radius_km": ["10", "50", "0", "x"],
           "page": ["1", "2", "3", "0", "x"]}


def requests() -> list[tuple[str, bool]]:
    rng = random.Random(11)
    paths = [search_path(q) for q in distinct_queries(3000)] + [search_path(q) for q in queries()]
    words = queries()
    for _ in range(600):
        params = {"q": rng.choice(words)} if rng.random() < 0.8 else {}
        for name in rng.sample(sorted(FILTERS), rng.randint(1, 3)):
            params[name] = rng.choice(FILTERS[name])
        paths.append("/api/v1/formations?" + urllib.parse.urlencode(params))
    return [(p, i % 5 == 0) for i, p in enumerate(paths)]


def formation_documents(catalogue) -> list[tuple[str, bool]]:
    """Each formation's document (its places' JSON is the search's), every third around a point."""
    ids = sorted(catalogue.formations)
    return [(f"/api/v1/formations/{fid}" + ("?near=47.2,-1.55" if i % 3 == 0 else ""), False)
            for i, fid in enumerate(ids)]


async def answer(app, path: str, gzipped: bool) -> str:
    raw_path, _, query = path.partition("?")
    headers = [(b"host", b"127.0.0.1")] + ([(b"accept-encoding", b"gzip")] if gzipped else [])
    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "scheme": "http", "method": "GET",
             "path": raw_path, "raw_path": raw_path.encode(), "query_string": query.encode(), "root_path": "",
             "headers": headers, "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 9500)}
    got: list = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        got.append(message)

    await app(scope, receive, send)
    start = next(m for m in got if m["type"] == "http.response.start")
    kept = sorted((k, v) for k, v in start.get("headers", []) if k.lower() != b"x-request-id")
    body = b"".join(m.get("body", b"") for m in got if m["type"] == "http.response.body")
    if (b"content-encoding", b"gzip") in kept:  # the gzip header holds the time it was made: compare the text
        body = gzip.decompress(body)
    return f"{path} gzip={gzipped} {start['status']} {kept!r} {hashlib.sha256(body).hexdigest()}\n"


async def main(out: Path) -> None:
    os.environ.setdefault("MPS_ENV", "production")
    os.environ.setdefault("MPS_JOBS", "off")
    from mps.asgi import create_app
    app = create_app()
    async with app.lifespan():
        from mps.web.deps import provide_catalogue
        more = formation_documents(provide_catalogue(app.state))
        lines = [await answer(app, p, gz) for p, gz in requests() + more]
    out.write_text("".join(lines))
    print(f"{len(lines)} answers written to {out}")


if __name__ == "__main__":
    asyncio.run(main(Path(sys.argv[1])))
