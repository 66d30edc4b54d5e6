"""The importer: counts, keys, known rows, bad input reported, idempotence, all-or-nothing."""
from __future__ import annotations

import asyncio
import csv
from pathlib import Path

import pytest
from sqlalchemy import func, select

from mps.db.engine import make_engine
from mps.db.models import CatalogueImport, Commune, Formation, Place
from mps.etl.runner import run_import
from mps.lib.errors import ImportRejected
from tests.conftest import small_files


def run(url: str, files, var_dir: Path, **kw):
    async def go():
        engine = make_engine(url)
        try:
            return await run_import(engine, files, var_dir, log=lambda *_: None, **kw)
        finally:
            await engine.dispose()
    return asyncio.run(go())


def query(url: str, stmt):
    async def go():
        engine = make_engine(url)
        try:
            async with engine.connect() as conn:
                return (await conn.execute(stmt)).all()
        finally:
            await engine.dispose()
    return asyncio.run(go())


def count(url, model) -> int:
    return query(url, select(func.count()).select_from(model))[0][0]


def rewrite(src: Path, dst: Path, edit) -> Path:
    """Copy a ';' CSV applying edit(header, rows) -> (header, rows)."""
    with src.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter=";"))
    header, body = edit(rows[0], rows[1:])
    with dst.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=";").writerows([header, *body])
    return dst


def test_small_import_counts_and_known_row(empty_db, tmp_path):
    report = run(empty_db, small_files(), tmp_path)
    assert report.counts["places"] == 46
    assert count(empty_db, Place) == 46
    assert count(empty_db, Formation) == report.counts["formations"] > 0
    place = query(empty_db, select(Place).where(Place.cod_aff_form == 25056))[0]
    assert (place.etablissement, place.commune, place.departement_code) == ("IRTS HDF - Site Métropole Lilloise", "Loos", "59")
    assert (place.capacity, place.candidates, place.admitted, place.taux_acces) == (45, 244, 45, 34)
    assert (place.lat, place.lon) == (50.6011, 3.03281)
    assert place.selective is True and place.apprenticeship is False
    assert (place.mention_none, place.mention_ab, place.mention_b, place.mention_tb) == (9, 6, 1, 2)
    assert place.parcoursup_url.endswith("g_ta_cod=25056")
    formation = query(empty_db, select(Formation).where(Formation.id == place.formation_id))[0]
    assert (formation.label, formation.family) == ("D.E Educateur Spécialisé", "EFTS")


def test_second_run_changes_nothing(empty_db, tmp_path):
    first = run(empty_db, small_files(), tmp_path)
    second = run(empty_db, small_files(), tmp_path)
    assert second.skipped and second.version == first.version
    assert count(empty_db, CatalogueImport) == 1
    forced = run(empty_db, small_files(), tmp_path, force=True)
    assert forced.counts == first.counts
    assert count(empty_db, Place) == 46


def test_missing_columns_are_named_and_old_catalogue_kept(empty_db, tmp_path):
    run(empty_db, small_files(), tmp_path)
    drop = {"Taux d’accès", "cod_aff_form"}

    def edit(header, rows):
        keep = [i for i, h in enumerate(header) if h not in drop]
        return [header[i] for i in keep], [[r[i] for i in keep] for r in rows]

    broken = rewrite(small_files().parcoursup, tmp_path / "broken.csv", edit)
    with pytest.raises(ImportRejected) as err:
        run(empty_db, small_files(parcoursup=broken), tmp_path)
    assert "« Taux d’accès »" in str(err.value) and "« cod_aff_form »" in str(err.value)
    assert count(empty_db, Place) == 46


def test_bad_rows_are_skipped_and_reported(empty_db, tmp_path):
    def edit(header, rows):
        code, taux = header.index("cod_aff_form"), header.index("Taux d’accès")
        rows[1][code] = "abc"          # line 3
        rows[2][taux] = "140"          # line 4: out of range
        rows[3] = rows[3][:10]         # line 5: truncated
        rows[4][code] = rows[0][code]  # line 6: duplicate key
        return header, rows

    bad = rewrite(small_files().parcoursup, tmp_path / "bad.csv", edit)
    report = run(empty_db, small_files(parcoursup=bad), tmp_path)
    assert count(empty_db, Place) == 46 - 4
    with report.rejects_file.open(encoding="utf-8") as fh:
        rejects = {(r["fichier"], int(r["ligne"])): r["raison"] for r in csv.DictReader(fh, delimiter=";")}
    assert "n'est pas un nombre" in rejects[("bad.csv", 3)]
    assert "hors de l'intervalle" in rejects[("bad.csv", 4)]
    assert "champs au lieu de" in rejects[("bad.csv", 5)]
    assert "en double" in rejects[("bad.csv", 6)]


def test_failed_import_keeps_the_previous_catalogue(empty_db, tmp_path, monkeypatch):
    run(empty_db, small_files(), tmp_path)
    import mps.etl.runner as runner

    real_insert = runner.insert

    def failing_insert(model):
        if model is Commune:
            raise RuntimeError("disk full")
        return real_insert(model)

    monkeypatch.setattr(runner, "insert", failing_insert)
    with pytest.raises(RuntimeError):
        run(empty_db, small_files(), tmp_path, force=True)
    assert count(empty_db, Place) == 46
    assert count(empty_db, CatalogueImport) == 1


def test_next_years_file_with_same_columns_is_accepted(empty_db, tmp_path):
    def edit(header, rows):
        s = header.index("Session")
        for r in rows:
            r[s] = "2024"
        return header, rows

    nxt = rewrite(small_files().parcoursup, tmp_path / "fr-esr-parcoursup_2024.csv", edit)
    report = run(empty_db, small_files(parcoursup=nxt), tmp_path)
    assert report.counts["places"] == 46
    assert query(empty_db, select(CatalogueImport.session))[0][0] == 2024


def test_full_shipped_catalogue(catalogue_db):
    assert count(catalogue_db, Place) == 13869
    n_formations = count(catalogue_db, Formation)
    assert 650 <= n_formations <= 900  # one per filière (3,207 raw labels before twins were merged)
    ids = query(catalogue_db, select(Formation.id))
    assert len({r[0] for r in ids}) == n_formations
    assert count(catalogue_db, Commune) > 35000
    bts = query(catalogue_db, select(Place).where(Place.cod_aff_form == 7901))[0]
    assert (bts.etablissement, bts.commune, bts.capacity, bts.taux_acces, bts.admitted_neo) == (
        "Lycée Andre Maurois", "Bischwiller", 24, 67, 16)
    assert bts.formation_id == "bts-services-gestion-de-la-pme"
    lic = query(catalogue_db, select(Place).where(Place.cod_aff_form == 29663))[0]
    assert (lic.selective, lic.taux_acces, lic.academie) == (False, 70, "Grenoble")
    missing_gps = query(catalogue_db, select(func.count()).select_from(Place).where(Place.lat.is_(None)))[0][0]
    assert missing_gps == 89


def test_formation_family_is_the_majority_of_its_places(catalogue_db):
    fam = query(catalogue_db, select(Formation.family).where(Formation.label == "Licence - Psychologie"))
    assert fam[0][0] == "Licence"
    las = query(catalogue_db, select(Place.family, Place.option_label).where(Place.cod_aff_form == 35702))[0]
    assert las.family == "Licence_Las"
