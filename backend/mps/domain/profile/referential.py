"""The reference lists of the profile (bacs and their spécialités, interests, domains), read once.

Source: data/onisep/referentiel-bacs-specialites-interets-domaines.json (MonProjetSup, MIT).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from mps.lib.text import fold
from mps.settings import data_file

REFERENTIAL_FILE = Path("onisep") / "referentiel-bacs-specialites-interets-domaines.json"

# Bac id -> the column of Parcoursup's admitted figures that counts students like them.
BAC_KIND = {"Générale": "general", "E": "general", "STMG": "techno", "STI2D": "techno", "ST2S": "techno",
            "STAV": "techno", "STHR": "techno", "STL": "techno", "STD2A": "techno", "S2TMD": "techno",
            "P": "pro", "PA": "pro"}
BAC_KIND_LABEL = {"general": "un bac général", "techno": "un bac technologique", "pro": "un bac professionnel"}

# Referential spécialité name (folded, before the parenthesis) -> short name of the Parcoursup spécialités file.
SPECIALITE_STATS_NAME = {
    "mathematiques": "Maths", "physique chimie": "Physique-Chimie", "sciences de la vie et de la terre": "SVT",
    "sciences economiques et sociales": "SES", "numerique et sciences informatiques": "NSI",
    "sciences de l ingenieur et sciences physiques": "SI",
    "histoire geographie geopolitique et sciences politiques": "HGGSP",
    "humanites litterature et philosophie": "HLP",
    "langues litteratures et cultures etrangeres et regionales": "LLCER", "anglais monde contemporain": "LLCER",
    "litterature et langues et cultures de l antiquite grec": "LLCA",
    "litterature et langues et cultures de l antiquite latin": "LLCA",
    "biologie ecologie": "Biologie-Ecologie", "education physique pratiques et culture sportives": "EPPCS",
    "arts plastiques": "Art", "histoire des arts": "Art", "musique": "Art", "danse": "Art", "arts du cirque": "Art",
    "theatre expression dramatique": "Art", "cinema audiovisuel": "Art",
}
# Short name of the spécialités file -> how we say it to the student.
STATS_NAME_LABEL = {"Maths": "Maths", "Physique-Chimie": "Physique-Chimie", "SVT": "SVT", "SES": "SES",
                    "NSI": "NSI", "SI": "Sciences de l'ingénieur", "HGGSP": "HGGSP", "HLP": "HLP",
                    "LLCER": "LLCER", "LLCA": "LCA (latin, grec)", "Biologie-Ecologie": "Biologie-Écologie",
                    "EPPCS": "EPPCS (sport)", "Art": "un enseignement artistique"}


def _base_name(name: str) -> str:
    return fold(name.split("(")[0])


def _abbreviation(name: str) -> str | None:
    """'Sciences Economiques et Sociales (SES)' -> 'ses'."""
    return fold(name.rsplit("(", 1)[1]) if name.endswith(")") and "(" in name else None


@dataclass(frozen=True)
class Bac:
    id: str
    name: str
    specialites: tuple[tuple[str, str], ...]  # (id matNNN, name)


@dataclass
class Referential:
    situations: list[str]
    classes: list[str]
    durees: list[str]
    alternances: list[str]
    bacs: dict[str, Bac]
    interest_groups: list[tuple[str, list[tuple[str, str]]]]  # (group name, [(ci id, name)])
    domain_groups: list[tuple[str, list[tuple[str, str]]]]  # (group name, [(dom id, name)])
    interests: dict[str, str] = field(default_factory=dict)
    domains: dict[str, str] = field(default_factory=dict)
    admission_by_average: dict[str, list[tuple[float, int]]] = field(default_factory=dict)

    def bac_kind(self, bac: str | None) -> str | None:
        return BAC_KIND.get(bac or "")

    def specialite_names(self, bac: str | None) -> list[str]:
        """The spécialités a student of this bac can choose (every one when the bac is unknown)."""
        if bac and bac in self.bacs:
            return [name for _, name in self.bacs[bac].specialites]
        seen: dict[str, None] = {}
        for b in self.bacs.values():
            for _, name in b.specialites:
                seen.setdefault(name, None)
        return list(seen)

    def canonical_specialite(self, text: str, bac: str | None) -> str | None:
        """'Maths', 'mathématiques', 'mat700' or 'Physique-Chimie (PC)' -> the referential's name, if allowed."""
        return self._spellings().get((bac if bac in self.bacs else None, fold(text)))

    def _spellings(self) -> dict[tuple[str | None, str], str]:
        """(bac or None, folded spelling) -> name, built once: every profile check reads it."""
        table = self.__dict__.get("_spelling_table")
        if table is None:
            table = {}
            for bid, b in self.bacs.items():
                for sid, name in b.specialites:
                    keys = [fold(sid), fold(name), _base_name(name), _abbreviation(name)] + (["maths"] if sid == "mat700" else [])
                    for key in filter(None, keys):
                        table.setdefault((bid, key), name)
                        table.setdefault((None, key), name)
            self.__dict__["_spelling_table"] = table
        return table


def stats_name(specialite: str) -> str | None:
    """Referential spécialité name -> the short name used by the Parcoursup spécialités file."""
    return SPECIALITE_STATS_NAME.get(_base_name(specialite))


def parse(raw: dict) -> Referential:
    eleve = raw["élève"]
    bacs = {b["id"]: Bac(b["id"], b["nom"], tuple((s["id"], s["nom"]) for s in b["spécialités"]))
            for b in raw["bacs"]}
    interests = [(g["nom"], [(s["id"], s["nom"]) for s in g["sousCatégoriesCentreIntérêt"]])
                 for g in raw["centresIntérêts"]]
    domains = [(g["nom"], [(s["id"], s["nom"]) for s in g["sousCatégoriesdomainesProfessionnels"]])
               for g in raw["domainesProfessionnels"]]
    averages = {}
    for b in raw["bacs"]:
        rows = b.get("statistiquesAdmission", {}).get("parMoyenneGénérale", [])
        averages[b["id"]] = [(r["moyenne"], r["pourcentageAdmisAyantCetteMoyenneOuMoins"]) for r in rows]
    return Referential(
        situations=eleve["situations"], classes=eleve["classes"], durees=eleve["duréesÉtudesPrévue"],
        alternances=eleve["alternances"], bacs=bacs, interest_groups=interests, domain_groups=domains,
        interests={i: n for _, items in interests for i, n in items},
        domains={d: n for _, items in domains for d, n in items},
        admission_by_average=averages,
    )


BAC_PRO_FILE = Path("suggestions") / "bac_pro.json"  # the fields of bac pro students (suggestions/bac_pro.py)


def bac_pro_field_names(path: Path) -> dict[str, list[str]]:
    """Bac id (P, PA) -> the names of its fields, in the table's order; none without the table."""
    if not path.exists():
        return {}
    return {bac: list(fields) for bac, fields in json.loads(path.read_text(encoding="utf-8"))["bacs"].items()}


def load_referential(path: Path | None = None) -> Referential:
    """The referential of MPS_DATA_DIR (or the file given), parsed once per file, with the fields of bac pro
    students (data/suggestions/bac_pro.json) as the spécialités of bac P and PA."""
    return _load(path or data_file(REFERENTIAL_FILE), data_file(BAC_PRO_FILE))


@lru_cache(maxsize=4)
def _load(path: Path, bac_pro_path: Path) -> Referential:
    with open(path, encoding="utf-8") as fh:
        ref = parse(json.load(fh))
    for bid, names in bac_pro_field_names(bac_pro_path).items():
        if bid in ref.bacs and names:
            bac = ref.bacs[bid]
            fields = tuple((f"bacpro{k}", name) for k, name in enumerate(names, 1))
            ref.bacs[bid] = Bac(bac.id, bac.name, fields + bac.specialites)
    return ref
