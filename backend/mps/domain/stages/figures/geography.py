"""Where a postcode or a school is: its département and académie, from the lycées' annuaire shipped in data/
(each département belongs to one académie there), and the schools' coordinates."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from mps.lib.text import digits_only

LYCEES_FILE = "annuaire/fr-en-annuaire-education_lycees.csv"
UNKNOWN = ""  # a postcode or school we cannot place


@dataclass(frozen=True)
class Geography:
    departements: dict[str, tuple[str, str]]  # "59" -> ("Nord", "Lille"); "2A", "974"
    school_points: dict[str, tuple[float, float]]  # UAI -> (lat, lon) of lycées

    def departement_name(self, code: str) -> str:
        return self.departements.get(code, ("", ""))[0] or code

    def academie_of(self, code: str) -> str:
        return self.departements.get(code, ("", ""))[1]


def departement_of(postcode: str) -> str:
    """'59100' -> '59', '20090' -> '2A', '20200' -> '2B', '97400' -> '974'; '' when it is not a postcode.
    A few communes have a postcode of the neighbouring département: counted there (rare, said on the page)."""
    code = (postcode or "").strip()
    if len(code) == 4 and digits_only(code):
        code = "0" + code
    if len(code) != 5 or not digits_only(code) or code.startswith("00"):
        return UNKNOWN
    if code[:2] in ("97", "98"):
        return code[:3]
    if code[:2] == "20":
        return "2A" if int(code) < 20200 else "2B"
    return code[:2]


def _short(code: str) -> str:
    """The annuaire writes '059', '02A', '974': the postcode's '59', '2A', '974'."""
    code = code.strip().upper()
    return code[1:] if len(code) == 3 and code.startswith("0") else code


@lru_cache(maxsize=4)
def load_geography(data_dir: Path) -> Geography:
    departements: dict[str, tuple[str, str]] = {}
    points: dict[str, tuple[float, float]] = {}
    path = data_dir / LYCEES_FILE
    if path.exists():
        with path.open(encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh, delimiter=";"):
                code = _short(row.get("Code_departement") or "")
                if code and code not in departements:
                    departements[code] = ((row.get("Libelle_departement") or "").strip(),
                                          (row.get("Libelle_academie") or "").strip())
                try:
                    points[row["Identifiant_de_l_etablissement"].strip().upper()] = (float(row["latitude"]),
                                                                                     float(row["longitude"]))
                except (KeyError, ValueError, TypeError):
                    continue  # no coordinates: the school's commune is used
    return Geography(departements=departements, school_points=points)
