"""Files that must never replace the catalogue in service: cut, shrunk, undecodable. Only --accept-shrink
lets a deliberate shrink through; --force alone never does."""
from __future__ import annotations

import asyncio
import os
import random
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import desc, select

from mps.db.models import CatalogueImport, Place
from mps.etl.datasets import dataset
from mps.lib.errors import ImportRejected
from tests.conftest import ROOT, small_files
from tests.integration.etl.test_import import count, query, run

SMALL_PLACES = 46


def in_service(url: str) -> tuple[int, int]:
    """(version of the catalogue in service, its places): what every worker serves."""
    version = query(url, select(CatalogueImport.id).order_by(desc(CatalogueImport.id)).limit(1))[0][0]
    return version, count(url, Place)


@pytest.fixture
def imported(empty_db, tmp_path):
    run(empty_db, small_files(), tmp_path)
    before = in_service(empty_db)
    assert before[1] == SMALL_PLACES
    return empty_db, before


def cut_at_byte(tmp_path: Path, n: int) -> Path:
    """What `head -c n` of the Parcoursup file gives: the last line is cut mid-way."""
    data = small_files().parcoursup.read_bytes()
    assert data[n - 1:n] != b"\n"
    out = tmp_path / "cut.csv"
    out.write_bytes(data[:n])
    return out


def first_lines(tmp_path: Path, n: int) -> Path:
    lines = small_files().parcoursup.read_bytes().splitlines(keepends=True)
    out = tmp_path / "short.csv"
    out.write_bytes(b"".join(lines[:n]))
    return out


def test_a_file_cut_mid_line_is_refused(imported, tmp_path):
    url, before = imported
    size = len(small_files().parcoursup.read_bytes())
    for n in (size - 7, size // 2 + 3):  # the last row only, and half the file
        cut = cut_at_byte(tmp_path, n)
        with pytest.raises(ImportRejected, match="dernière ligne est coupée"):
            run(url, small_files(parcoursup=cut), tmp_path, force=True)
        assert in_service(url) == before


def test_a_shrink_over_ten_percent_is_refused_even_with_force(imported, tmp_path):
    url, before = imported
    short = first_lines(tmp_path, 31)  # header + 30 rows: 35 % fewer places, cut at a line break
    with pytest.raises(ImportRejected) as err:
        run(url, small_files(parcoursup=short), tmp_path, force=True)
    message = str(err.value)
    assert "places : 30 lignes au lieu de 46" in message and "--accept-shrink" in message
    assert in_service(url) == before


def test_accept_shrink_is_the_deliberate_override(imported, tmp_path):
    url, before = imported
    report = run(url, small_files(parcoursup=first_lines(tmp_path, 31)), tmp_path, accept_shrink=True)
    assert report.counts["places"] == 30
    assert in_service(url) == (before[0] + 1, 30)


def test_a_small_drop_is_a_normal_new_session(imported, tmp_path):
    url, before = imported
    report = run(url, small_files(parcoursup=first_lines(tmp_path, 43)), tmp_path)  # 42 of 46: −8.7 %
    assert report.counts["places"] == 42 and in_service(url)[0] == before[0] + 1


@pytest.mark.parametrize("kind", ["random", "latin-1", "nul"])
def test_undecodable_files_are_refused_in_french(imported, tmp_path, kind):
    url, before = imported
    bad = tmp_path / f"{kind}.csv"
    if kind == "random":
        bad.write_bytes(random.Random(9).randbytes(50_000).replace(b"\0", b"\1") + b"\n")
    elif kind == "latin-1":
        bad.write_bytes(small_files().parcoursup.read_text(encoding="utf-8").encode("latin-1", "replace"))
    else:
        bad.write_bytes(small_files().parcoursup.read_bytes().replace(b";", b";\0", 3))
    with pytest.raises(ImportRejected) as err:
        run(url, small_files(parcoursup=bad), tmp_path, force=True)
    assert "n'est pas encodé en UTF-8" in str(err.value) if kind != "nul" else "octets nuls" in str(err.value)
    assert in_service(url) == before


def test_an_unclosed_quote_is_refused(imported, tmp_path):
    url, before = imported
    data = small_files().parcoursup.read_bytes().splitlines(keepends=True)
    data[-1] = b'"' + data[-1]
    bad = tmp_path / "quote.csv"
    bad.write_bytes(b"".join(data))
    with pytest.raises(ImportRejected, match="illisible"):
        run(url, small_files(parcoursup=bad), tmp_path, force=True)
    assert in_service(url) == before


def small_data_dir(tmp_path: Path) -> Path:
    """A data folder laid out like data/ holding the small test files."""
    root = tmp_path / "data"
    for key, src in vars(small_files()).items():
        dst = root / dataset(key).path
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)
    return root


def mps(url: str, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "MPS_VAR_DIR": str(tmp_path / "var"), "REDIS_URL": ""}
    return subprocess.run([sys.executable, "-m", "mps", *args], env=env, capture_output=True, text=True,
                          timeout=120, cwd=ROOT)


def test_the_command_exits_non_zero_with_the_reason(imported, tmp_path):
    url, before = imported
    data_dir = small_data_dir(tmp_path)
    cut = cut_at_byte(tmp_path, 5000)
    done = mps(url, tmp_path, "import", "--data-dir", str(data_dir), "--parcoursup", str(cut), "--force")
    assert done.returncode != 0
    assert "dernière ligne est coupée" in done.stderr and "Traceback" not in done.stderr
    garbage = tmp_path / "garbage.csv"
    garbage.write_bytes(random.Random(3).randbytes(20_000) + b"\n")
    done = mps(url, tmp_path, "import", "--data-dir", str(data_dir), "--parcoursup", str(garbage), "--force")
    assert done.returncode != 0 and "UTF-8" in done.stderr and "Traceback" not in done.stderr
    short = first_lines(tmp_path, 20)
    done = mps(url, tmp_path, "import", "--data-dir", str(data_dir), "--parcoursup", str(short), "--force")
    assert done.returncode != 0 and "--accept-shrink" in done.stderr
    assert in_service(url) == before
    done = mps(url, tmp_path, "import", "--data-dir", str(data_dir), "--parcoursup", str(short), "--accept-shrink")
    assert done.returncode == 0, done.stderr
    assert in_service(url)[1] == 19


def test_serve_keeps_the_catalogue_in_service_when_new_files_are_refused(imported, tmp_path):
    import dataclasses

    from mps.server import _ensure_catalogue
    from tests.conftest import settings_for

    url, before = imported
    data_dir = small_data_dir(tmp_path)
    target = data_dir / dataset("parcoursup").path
    target.write_bytes(target.read_bytes()[:4000])  # a cut download left in the data folder
    base = settings_for(url, tmp_path)
    settings = dataclasses.replace(base, paths=dataclasses.replace(base.paths, data_dir=data_dir))
    asyncio.run(_ensure_catalogue(settings))
    assert in_service(url) == before


def test_the_audits_cut_national_file_is_refused(catalogue_db, tmp_path):
    """The audit's case: `head -c 300000` of the shipped file imported with --force over the full catalogue."""
    before = in_service(catalogue_db)
    cut = tmp_path / "fr-esr-parcoursup_2023.csv"
    cut.write_bytes((ROOT / "data" / dataset("parcoursup").path).read_bytes()[:300_000])
    from mps.etl.runner import ImportFiles
    with pytest.raises(ImportRejected, match="dernière ligne est coupée"):
        run(catalogue_db, ImportFiles.from_data_dir(ROOT / "data", cut), tmp_path, force=True)
    cut.write_bytes(cut.read_bytes().rsplit(b"\n", 1)[0] + b"\n")  # the same, cut at a line break
    with pytest.raises(ImportRejected, match=r"places : 351 lignes au lieu de 13\u202f869"):
        run(catalogue_db, ImportFiles.from_data_dir(ROOT / "data", cut), tmp_path, force=True)
    assert in_service(catalogue_db) == before


def test_fewer_formations_from_new_grouping_rules_is_not_a_shrink():
    """Formations are derived (one per filière): their count follows the importer's rules, not the file."""
    from mps.etl.runner import shrink_refusal
    assert shrink_refusal({"formations": 3207, "places": 13869}, {"formations": 740, "places": 13869}) is None
    assert shrink_refusal({"places": 13869}, {"places": 351})
