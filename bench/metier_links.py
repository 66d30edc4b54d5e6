"""Regenerate backend/mps/domain/catalogue/data/metier_links.csv: each ONISEP métier's name -> the formations the
ONISEP links lead to, best first.

    .venv/bin/python bench/metier_links.py [catalogue.sqlite]   # an imported catalogue, else one is imported

A job's name reaches its formations in search (catalogue/search.py, offline lib/search.js) by this table. A formation
is tied to a métier by the suggestion engine's métier vector (suggestions/profile_items.metier_vector: ONISEP sous-domaines
shared by the métier and the formation, the métier's domains, words of both names) when that is at least MIN_LINK,
or when it is a domain's only and the job's own words (its name, sous-domaines, ONISEP description) name its label;
the tied ones rank by the vector, plus those words' share of the label, plus how usual a route it is (its places):
the formations within LINK_SHARE of the best one, at most LINKS_PER_METIER. Rerun when data/onisep or the catalogue's formations change.
"""
from __future__ import annotations

import asyncio
import csv
import math
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "backend"))

from mps.db.engine import make_engine  # noqa: E402
from mps.db.migrate import upgrade  # noqa: E402
from mps.domain.catalogue.index import load  # noqa: E402
from mps.domain.catalogue.vocabulary import DATA, STOP_WORDS  # noqa: E402
from mps.domain.suggestions.model import build_model, read_tables  # noqa: E402
from mps.domain.suggestions.profile_items import metier_vector  # noqa: E402
from mps.etl.runner import ImportFiles, run_import  # noqa: E402
from mps.lib.text import fold  # noqa: E402

LINKS_PER_METIER = 6
LINK_SHARE = 0.75  # of the best formation's score: the formations about as close to the job as the closest one
MIN_LINK = 0.5  # below, a formation only shares a broad domain with the job...
MIN_WORDS = 0.3  # ...and is kept only if the job's words name this share of its label's (« maçon »: BTS Bâtiment)
WORDS_WEIGHT = 0.3  # the label's share named by the job's words (its name, ONISEP sous-domaines, description)
ROUTE_WEIGHT = 0.2  # the usual route: log(places) against the most offered formation's (BTS MHR before an FCIL)
STEM = 5  # words compared by their first letters: « musique », « musicologie »; « géologue », « géologie »


def stems(text: str) -> set[str]:
    """The content words of a text by their first STEM letters (HTML tags, stop and short words left out)."""
    return {w[:STEM] for w in fold(re.sub(r"<[^>]+>", " ", text)).split() if len(w) > 3 and w not in STOP_WORDS}


def descriptions() -> dict[str, str]:
    with (ROOT / "data" / "onisep" / "onisep-metiers-descriptions.csv").open(encoding="utf-8") as fh:
        return {r["id"]: r["descriptif_general"] for r in csv.DictReader(fh, delimiter=";")}


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
    """Each métier's formations: those the suggestion engine's métier vector ties to it (ONISEP sous-domaines, domains,
    name), ranked by that tie, by the share of their label the job's own words name, and by how usual a route they are."""
    n = len(m.recs)
    labels = [stems(r.label) for r in m.recs]
    df = Counter(s for words in labels for s in words)
    idf = {s: math.log(n / c) for s, c in df.items()}
    masses = [sum(idf[s] for s in words) or 1.0 for words in labels]
    route = np.array([math.log1p(len(r.places)) for r in m.recs]) / math.log1p(max(len(r.places) for r in m.recs))
    texts = descriptions()
    out: dict[str, list[str]] = {}
    for info in sorted(m.topics.metiers.values(), key=lambda i: (i.label, i.id)):
        if info.label in out:
            continue
        vec = metier_vector(m.topics, info, n)
        said = stems(" ".join([info.label, texts.get(info.id, ""),
                               *(m.topics.sd_names.get(s, s) for s in info.sous_domaines)]))
        # (the overlap against the label's length in words' weight: « Arts du spectacle » names a dancer better than
        # « Arts »), against the best formation's
        named = np.array([sum(idf[s] for s in words & said) / math.sqrt(mass) for words, mass in zip(labels, masses)])
        named /= named.max() or 1.0
        tied = (vec >= MIN_LINK) | ((vec > 0) & (named >= MIN_WORDS))
        if not tied.any():
            continue
        score = np.where(tied, vec + WORDS_WEIGHT * named + ROUTE_WEIGHT * route, 0.0)
        best = float(score.max())
        kept = [i for i in np.flatnonzero(tied) if score[i] >= LINK_SHARE * best]
        kept.sort(key=lambda i: (-round(float(score[i]), 4), m.recs[i].id))
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
