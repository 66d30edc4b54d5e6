"""The board's reference data, read once per process from data/: the 51 sectors, their links to the
profile's domains, the early-access calendar and the schools (collèges with their REP / REP+ status)."""
from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from pathlib import Path
from zoneinfo import ZoneInfo

from mps.lib.text import fold

PARIS = ZoneInfo("Europe/Paris")
SECTORS_FILE = "stages/secteurs.json"
SECTOR_DOMAINS_FILE = "stages/secteurs-domaines.json"
CALENDAR_FILE = "stages/calendrier.json"
SCHOOLS_FILE = "annuaire/Liste_etablissements_colleges_lycees_zone_ep.csv"
REP_POINTS_FILE = "annuaire/colleges-rep-geolocalises.csv"
ONISEP_LINKS_FILE = "onisep/mps-liens-onisep.json"


@dataclass(frozen=True)
class School:
    uai: str
    name: str
    kind: str  # Collège | Lycée | EREA
    commune: str
    postcode: str
    ep: str  # "" | REP | REP+
    lat: float | None = None
    lon: float | None = None

    @property
    def label(self) -> str:
        return f"{self.name}, {self.commune}" + (f" ({self.ep})" if self.ep else "")


@dataclass
class Board:
    sectors: dict[str, str]  # s1 -> Agroéquipement
    sector_domains: dict[str, frozenset[str]]  # s1 -> {dom1, dom34}
    calendar: dict[str, dict]
    schools: dict[str, School] = field(default_factory=dict)
    onisep_domains: dict[str, tuple[str, ...]] = field(default_factory=dict)  # ONISEP sous-domaine -> dom ids

    def sector_label(self, code: str) -> str:
        return self.sectors.get(code, code)

    def sectors_for_domains(self, domains: set[str]) -> set[str]:
        return {s for s, doms in self.sector_domains.items() if doms & domains}

    def early_access(self, school_year: int) -> tuple[int, date | None]:
        """(days an offer stays reserved to REP / REP+ students after publication, date it may open to all)."""
        conf = {**self.calendar.get("defaut", {}), **self.calendar.get(str(school_year), {})}
        opens = conf.get("ouverture_tous")
        return int(conf.get("acces_anticipe_jours", 0)), date.fromisoformat(opens) if opens else None

    def open_to_all_at(self, school_year: int, published_at: datetime) -> datetime:
        days, opens = self.early_access(school_year)
        at = published_at + timedelta(days=days)
        if opens is not None:
            at = max(at, datetime.combine(opens, time(0, 0), PARIS))
        return at

    def school(self, uai: str) -> School | None:
        return self.schools.get((uai or "").strip().upper())

    def is_priority(self, uai: str | None) -> bool:
        school = self.school(uai or "")
        return bool(school and school.ep)

    def find_schools(self, text: str, limit: int = 8) -> list[School]:
        """Schools whose UAI is `text` or whose name and town hold all its words."""
        exact = self.school(text)
        if exact:
            return [exact]
        words = fold(text).split()
        if not words:
            return []
        out = []
        for s in self.schools.values():
            hay = fold(f"{s.kind} {s.name} {s.commune} {s.postcode}")
            if all(w in hay for w in words):
                out.append(s)
                if len(out) >= limit:
                    break
        return out


def _read_schools(data_dir: Path) -> dict[str, School]:
    points = {}
    path = data_dir / REP_POINTS_FILE
    if path.exists():
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                try:
                    lon, lat = json.loads(row["coordinates"])["coordinates"][:2]
                    points[row["Code UAI"].strip().upper()] = (float(lat), float(lon))
                except (ValueError, KeyError, TypeError):
                    continue  # a row without a usable point keeps its commune's centre
    schools = {}
    path = data_dir / SCHOOLS_FILE
    if not path.exists():
        return schools
    with path.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            uai = (row.get("uai") or "").strip().upper()
            if len(uai) != 8:
                continue
            ep = (row.get("zone_ep") or "").strip().upper()
            lat, lon = points.get(uai, (None, None))
            schools[uai] = School(uai, (row.get("nom_etablissement") or "").strip(), (row.get("type_etab") or "").strip(),
                                  (row.get("commune") or "").strip(), (row.get("code_postal") or "").strip().zfill(5),
                                  ep if ep in ("REP", "REP+") else "", lat, lon)
    return schools


@lru_cache(maxsize=4)
def load_board(data_dir: Path) -> Board:
    sectors = json.loads((data_dir / SECTORS_FILE).read_text(encoding="utf-8"))["sectors"]
    links = json.loads((data_dir / SECTOR_DOMAINS_FILE).read_text(encoding="utf-8"))["secteurs"]
    calendar = json.loads((data_dir / CALENDAR_FILE).read_text(encoding="utf-8"))
    onisep = json.loads((data_dir / ONISEP_LINKS_FILE).read_text(encoding="utf-8"))["sous_domaines"]
    return Board(sectors={s["uuid"]: s["name"] for s in sectors},
                 sector_domains={k: frozenset(v) for k, v in links.items()},
                 calendar={k: v for k, v in calendar.items() if not k.startswith("_")},
                 schools=_read_schools(data_dir), onisep_domains={k: tuple(v) for k, v in onisep.items()})
