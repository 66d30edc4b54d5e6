"""The métier links (data/metier_links.csv) are what bench/metier_links.py writes from the imported catalogue, and its
rules hold: a job's own words and the usual route rank the links, a domain-only tie needs the job's words."""
import asyncio
import csv
import importlib.util
from pathlib import Path

import pytest

from mps.db.engine import make_engine
from mps.domain.catalogue.index import load
from mps.domain.catalogue.vocabulary import DATA
from mps.domain.suggestions.model import build_model, read_tables

BENCH = Path(__file__).resolve().parents[3] / "bench" / "metier_links.py"


def _generator():
    spec = importlib.util.spec_from_file_location("metier_links", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generated(catalogue_db):
    if not catalogue_db.startswith("sqlite"):
        pytest.skip("the links depend on the catalogue only: one backend is enough")

    async def model():
        engine = make_engine(catalogue_db)
        cat = await load(engine)
        metiers, stats = await read_tables(engine)
        await engine.dispose()
        return build_model(cat, metiers, stats)

    return _generator().links(asyncio.run(model()))


def test_the_shipped_links_are_what_the_generator_writes(generated):
    with (DATA / "metier_links.csv").open(encoding="utf-8") as fh:
        shipped = {r["metier"]: r["formations"].split("|") for r in csv.DictReader(fh, delimiter=";")}
    assert shipped == generated, "rerun bench/metier_links.py"


@pytest.mark.parametrize("metier, first", [
    ("géologue", "licence-sciences-de-la-vie-et-de-la-terre"),  # its words (Terre), not the nuclear BTS of a domain
    ("danseur / danseuse", "licence-arts-du-spectacle"),  # the usual route before a one-place circus BPJEPS
    ("cuisinier / cuisinière", "bts-services-management-en-hotellerie-restauration"),  # before a rare FCIL
])
def test_a_job_s_own_words_and_the_usual_route_rank_its_links(generated, metier, first):
    assert generated[metier][0] == first


def test_a_domain_only_tie_needs_the_job_s_words(generated):
    """« maçon »: no formation is filed under its ONISEP sous-domaine, only its building domain ties them; the job's
    words (bâtiment, construction) keep those the domain and the words both name."""
    assert generated["maçon / maçonne"][0] == "bts-production-batiment"
    assert all("batiment" in f or "construction" in f for f in generated["maçon / maçonne"][:4])
