"""Reference files: communes (geocoding), lycées, ONISEP métiers, spécialités statistics."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mps.etl.source import BadRow, CsvSource, Rejects, to_float, to_int
from mps.lib.text import place_key

_TAGS = re.compile(r"<[^>]+>")
_MET_NUMBER = re.compile(r"MET[._](\d+)")


def _collect(source: CsvSource, rejects: Rejects, parse) -> list[dict]:
    out = []
    for line, row in source.rows():
        if "__error__" in row:
            rejects.add(source.path.name, line, row["__error__"])
            continue
        try:
            out.append(parse(row))
        except BadRow as exc:
            rejects.add(source.path.name, line, str(exc))
    return out


def read_communes(path: Path, rejects: Rejects) -> list[dict]:
    def parse(row):
        lat = to_float(row["latitude"], "latitude", -90, 90)
        lon = to_float(row["longitude"], "longitude", -180, 180)
        if lat is None or lon is None:
            raise BadRow("coordonnées manquantes")
        name = row["nom_commune_complet"].strip() or row["nom_commune"].strip()
        if not name:
            raise BadRow("« nom_commune_complet » manquant")
        return {
            "name": name,
            "name_key": place_key(name),
            "postcode": row["code_postal"].strip().zfill(5),
            "departement_code": row["code_departement"].strip().zfill(2),
            "departement": row["nom_departement"].strip(),
            "region": row["nom_region"].strip(),
            "lat": lat,
            "lon": lon,
        }

    cols = ("code_postal", "latitude", "longitude", "nom_commune", "nom_commune_complet",
            "code_departement", "nom_departement", "nom_region")
    rows = _collect(CsvSource(path, cols), rejects, parse)
    # The file lists a commune once per postcode and routing label: keep one row per (name, postcode).
    unique = {(r["name_key"], r["postcode"]): r for r in rows}
    ordered = sorted(unique.values(), key=lambda r: (r["postcode"], r["name_key"]))
    for i, r in enumerate(ordered, start=1):
        r["id"] = i
    return ordered


def read_lycees(path: Path, rejects: Rejects) -> list[dict]:
    def parse(row):
        uai = row["Identifiant_de_l_etablissement"].strip()
        if not uai:
            raise BadRow("UAI manquant")
        lat = to_float(row["latitude"], "latitude", -90, 90)
        lon = to_float(row["longitude"], "longitude", -180, 180)
        voies = "".join(v for v, col in (("G", "Voie_generale"), ("T", "Voie_technologique"),
                                          ("P", "Voie_professionnelle")) if row[col].strip() == "1")
        return {
            "uai": uai,
            "name": row["Nom_etablissement"].strip(),
            "statut": row["Statut_public_prive"].strip(),
            "commune": row["Nom_commune"].strip(),
            "postcode": row["Code_postal"].strip().zfill(5),
            "departement": row["Libelle_departement"].strip(),
            "academie": row["Libelle_academie"].strip(),
            "lat": lat,
            "lon": lon,
            "voies": voies,
            "onisep_url": row["Fiche_onisep"].strip(),
        }

    cols = ("Identifiant_de_l_etablissement", "Nom_etablissement", "Statut_public_prive", "Code_postal",
            "Nom_commune", "Libelle_departement", "Libelle_academie", "latitude", "longitude",
            "Voie_generale", "Voie_technologique", "Voie_professionnelle", "Fiche_onisep")
    rows = _collect(CsvSource(path, cols), rejects, parse)
    return list({r["uai"]: r for r in rows}.values())


def _plain(html_text: str) -> str:
    return html.unescape(_TAGS.sub(" ", html_text)).replace("\xa0", " ").strip()


def read_metiers(ideo_path: Path, descriptions_path: Path, rejects: Rejects) -> list[dict]:
    """Merge the Idéo list (domains, ROME) with the descriptions file on the MET number."""
    metiers: dict[str, dict] = {}

    def parse_desc(row):
        mid = row["id"].strip()
        if not _MET_NUMBER.fullmatch(mid):
            raise BadRow(f"identifiant de métier invalide : {mid!r}")
        links = json.loads(row["liens"] or "[]") if row["liens"].strip().startswith("[") else []
        onisep = next((l["url"] for l in links if "onisep" in l.get("url", "")), "")
        return {"id": mid, "label": row["label"].strip(), "description": _plain(row["descriptif_general"]),
                "domains": "", "rome_code": "", "onisep_url": onisep}

    for m in _collect(CsvSource(descriptions_path, ("id", "label", "descriptif_general", "liens")), rejects, parse_desc):
        metiers[m["id"]] = m

    def parse_ideo(row):
        match = _MET_NUMBER.search(row["lien site onisep.fr"])
        if not match:
            raise BadRow("lien ONISEP sans identifiant de métier")
        return {"id": f"MET_{match.group(1)}", "label": row["libellé métier"].strip(),
                "domains": "|".join(d.strip() for d in row["domaine/sous-domaine"].split("|") if d.strip()),
                "rome_code": row["code ROME (V.3)"].strip(), "onisep_url": row["lien site onisep.fr"].strip()}

    cols = ("libellé métier", "lien site onisep.fr", "code ROME (V.3)", "domaine/sous-domaine")
    for m in _collect(CsvSource(ideo_path, cols), rejects, parse_ideo):
        known = metiers.setdefault(m["id"], {**m, "description": ""})
        known["domains"], known["rome_code"] = m["domains"], m["rome_code"]
        known["onisep_url"] = known["onisep_url"] or m["onisep_url"]
    return sorted(metiers.values(), key=lambda m: m["id"])


def read_specialites(path: Path, rejects: Rejects) -> list[dict]:
    cols = ("Année du Baccalauréat", "Enseignements de spécialité", "Formation",
            "Nombre de candidats bacheliers ayant confirmé au moins un vœu",
            "Nombre de candidats bacheliers ayant reçu au moins une proposition d'admission",
            "Nombre de candidats bacheliers ayant accepté une proposition d'admission")

    def parse(row):
        year = to_int(row[cols[0]], cols[0])
        if not row[cols[1]].strip() or not row[cols[2]].strip() or year is None:
            raise BadRow("année, spécialités ou formation manquante")
        return {"bac_year": year, "pair": row[cols[1]].strip(), "family": row[cols[2]].strip(),
                "confirmed": to_int(row[cols[3]], cols[3]) or 0,
                "proposals": to_int(row[cols[4]], cols[4]) or 0,
                "accepted": to_int(row[cols[5]], cols[5]) or 0}

    rows = _collect(CsvSource(path, cols), rejects, parse)
    for i, r in enumerate(rows, start=1):
        r["id"] = i
    return rows
