"""Compact catalogue rows (catalogue/rows.py): they read like the dicts they replace and keep one copy of each
repeated value, which is what keeps a worker's memory under its limit."""
import subprocess
import sys

import pytest

from mps.domain.catalogue.index import build
from mps.domain.catalogue.rows import CompactRow, Shared


def test_a_compact_row_reads_like_a_dict():
    row = Shared().row({"capacity": 30, "concours": "", "pct_pro": None})
    assert isinstance(row, CompactRow)
    assert row["capacity"] == 30 and row.get("pct_pro") is None and row.get("missing", "x") == "x"
    assert dict(row) == {"capacity": 30, "concours": "", "pct_pro": None} and len(row) == 3 and "concours" in row
    with pytest.raises(KeyError):
        row["missing"]


def test_equal_values_are_kept_once_and_numbers_keep_their_type():
    shared = Shared()
    a = shared.row({"statut": "".join(["Pub", "lic"]), "pct": 50.0, "n": 1, "ok": True})
    b = shared.row({"statut": "".join(["Publ", "ic"]), "pct": 100 / 2, "n": 1.0, "ok": 1})
    assert a["statut"] is b["statut"] and a["pct"] is b["pct"]
    assert type(a["n"]) is int and type(b["n"]) is float and a["ok"] is True and type(b["ok"]) is int
    assert a._index is b._index  # one column index for the rows of a table


def test_the_catalogue_built_from_dicts_keeps_every_column_of_a_place():
    place = {"cod_aff_form": 7, "formation_id": "f1", "etablissement": "Lycée A", "commune": "Lyon",
             "departement_code": "69", "departement": "Rhône", "region": "ARA", "academie": "Lyon", "lat": 45.76,
             "lon": 4.84, "taux_acces": 80.0, "selective": True, "apprenticeship": False, "option_label": "",
             "family": "BTS", "parcoursup_url": "https://example.org/7", "capacity": 24}
    formation = {"id": "f1", "label": "BTS - X", "family": "BTS", "group_label": "BTS", "detail_label": "X",
                 "selective": True, "apprenticeship": False}
    commune = {"name": "Lyon", "name_key": "lyon", "postcode": "69001", "departement_code": "69",
               "departement": "Rhône", "lat": 45.76, "lon": 4.84}
    cat = build(1, 2023, [formation], [place], [commune])
    p = cat.place(7)
    assert dict(p.row) == place and p.parcoursup_url == "https://example.org/7" and p.row.get("capacity") == 24
    assert p.formation_id is cat.formations["f1"].id  # the place points to its formation's id, not a copy


def test_the_app_does_not_import_the_back_office_until_it_is_asked_for():
    """Piccolo Admin brings FastAPI, Starlette and Pydantic (15 MB per worker): imported on the first /admin request."""
    code = "import sys, mps.asgi; print(sorted({m.split('.')[0] for m in sys.modules} & {'piccolo_admin', 'fastapi'}))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
