"""Regenerate backend/mps/domain/catalogue/data/metier_links.csv: each ONISEP métier's name -> the formations the
ONISEP links lead to, best first.

    .venv/bin/python bench/metier_links.py [catalogue.sqlite]   # an imported catalogue, else one is imported

A job's name reaches its formations in search (catalogue/search.py, offline lib/search.js) by this table: the
suggestion engine's métier vector (suggestions/topics.metier_vector: ONISEP sous-domaines shared by the métier and
the formation, the métier's domains, words of both names), the formations within LINK_SHARE of the best one, at
most LINKS_PER_METIER, ties by number of places. Rerun when data/onisep or the catalogue's formations change.
"""
from __future__ import annotations

import asyncio
import csv
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from mps.db.engine import make_engine  # noqa: E402
from mps.db.migrate import upgrade  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.domain.catalogue.vocabulary import DATA  # noqa: E402
from mps.domain.suggestions.model import build_model, read_tables  # noqa: E402
from mps.domain.suggestions.topics import metier_vector  # noqa: E402
from mps.etl.runner import ImportFiles, run_import  # noqa: E402

LINKS_PER_METIER = 6
LINK_SHARE = 0.75  # of the best formation's link: the formations about as close to the job as the closest one
MIN_LINK = 0.5  # below, a formation only shares a broad domain with the job


async def model(db: Path | None):
    if db is None:
        db = Path(tempfile.mkdtemp()) / "links.sqlite"
    url = f"sqlite+aiosqlite:///{db}"
    engine = make_engine(url)
    if (await load(engine)) is None:
        upgrade(url)
        await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), db.parent, log=lambda *_: None)
    cat = await load(engine)
    metiers, stat_rows = await read_tables(engine)
    await engine.dispose()
    return build_model(cat, metiers, stat_rows)


def links(m) -> dict[str, list[str]]:
    n = len(m.recs)
    out: dict[str, list[str]] = {}
    for info in sorted(m.topics.metiers.values(), key=lambda i: (i.label, i.id)):
        if info.label in out:
            continue
        vec = metier_vector(m.topics, info, n)
        best = float(vec.max()) if n else 0.0
        if best < MIN_LINK:
            continue
        kept = [i for i in range(n) if vec[i] >= max(MIN_LINK, LINK_SHARE * best)]
        kept.sort(key=lambda i: (-round(float(vec[i]), 4), -len(m.recs[i].places), m.recs[i].id))
        out[info.label] = [m.recs[i].id for i in kept[:LINKS_PER_METIER]]
    return out


def main() -> None:
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else None
    found = links(asyncio.run(model(db)))
    path = DATA / "metier_links.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=";", lineterminator="\n")
        w.writerow(["metier", "formations"])
        for label, fids in found.items():
            w.writerow([label, "|".join(fids)])
    print(f"{len(found)} métiers written to {path}")


if __name__ == "__main__":
    main()
