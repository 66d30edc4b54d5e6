"""Parcoursup session file -> formations (one per filière, see identity.py) and places (one per cod_aff_form)."""
from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from pathlib import Path

from mps.domain.catalogue.vocabulary import FAMILIES
from mps.etl.identity import Row, identify, repair
from mps.etl.progress import Progress
from mps.etl.source import BadRow, CsvSource, Rejects, to_float, to_int
from mps.lib.geo import parse_gps
from mps.lib.text import fold, slugify

LABEL = "Filière de formation"
GROUP = "Filière de formation.1"
FAMILY = "Filière de formation très agrégée"
DETAIL = "Filière de formation détaillée bis"
OPTION = "Filière de formation très détaillée"
WISH = "Filière de formation détaillée"
CONCOURS = "Concours communs et banque d'épreuves"
LINK = "Lien de la formation sur la plateforme Parcoursup"
CODE = "cod_aff_form"

TEXT_COLUMNS = {
    "uai": "Code UAI de l'établissement",
    "etablissement": "Établissement",
    "statut": "Statut de l’établissement de la filière de formation (public, privé…)",
    "departement_code": "Code départemental de l’établissement",
    "departement": "Département de l’établissement",
    "region": "Région de l’établissement",
    "academie": "Académie de l’établissement",
    "commune": "Commune de l’établissement",
}
INT_COLUMNS = {
    "capacity": "Capacité de l’établissement par formation",
    "candidates": "Effectif total des candidats pour une formation",
    "candidates_girls": "Dont effectif des candidates pour une formation",
    "proposals": "Effectif total des candidats ayant reçu une proposition d’admission de la part de l’établissement",
    "admitted": "Effectif total des candidats ayant accepté la proposition de l’établissement (admis)",
    "admitted_girls": "Dont effectif des candidates admises",
    "admitted_neo": "Effectif des admis néo bacheliers",
    "admitted_general": "Effectif des admis néo bacheliers généraux",
    "admitted_techno": "Effectif des admis néo bacheliers technologiques",
    "admitted_pro": "Effectif des admis néo bacheliers professionnels",
    "admitted_boursiers": "Dont effectif des admis boursiers néo bacheliers",
    "mention_unknown": "Dont effectif des admis néo bacheliers sans information sur la mention au bac",
    "mention_none": "Dont effectif des admis néo bacheliers sans mention au bac",
    "mention_ab": "Dont effectif des admis néo bacheliers avec mention Assez Bien au bac",
    "mention_b": "Dont effectif des admis néo bacheliers avec mention Bien au bac",
    "mention_tb": "Dont effectif des admis néo bacheliers avec mention Très Bien au bac",
    "mention_tbf": "Dont effectif des admis néo bacheliers avec mention Très Bien avec félicitations au bac",
}
PCT_COLUMNS = {
    "pct_girls": "% d’admis dont filles",
    "pct_boursiers": "% d’admis néo bacheliers boursiers",
    "pct_general": "% d’admis néo bacheliers généraux",
    "pct_techno": "% d’admis néo bacheliers technologiques",
    "pct_pro": "% d’admis néo bacheliers professionnels",
    "taux_acces": "Taux d’accès",
    "share_proposals_general": "Part des terminales générales qui étaient en position de recevoir une proposition en phase principale",
    "share_proposals_techno": "Part des terminales technologiques qui étaient en position de recevoir une proposition en phase principale",
    "share_proposals_pro": "Part des terminales professionnelles qui étaient en position de recevoir une proposition en phase principale",
}
REQUIRED = (
    "Session", LABEL, GROUP, FAMILY, DETAIL, OPTION, WISH, CONCOURS, CODE, "Sélectivité",
    "Coordonnées GPS de la formation", LINK,
    *TEXT_COLUMNS.values(), *INT_COLUMNS.values(), *PCT_COLUMNS.values(),
)
PARCOURSUP_FICHE = "https://dossierappel.parcoursup.fr/Candidats/public/fiches/afficherFicheFormation?g_ta_cod={}"


def parcoursup_link(link: str, code: int) -> str:
    """The file's own link to the place when it is a Parcoursup https address; else the g_ta_cod form."""
    link = link.strip()
    if link.startswith("https://") and ".parcoursup.fr/" in link and not any(c.isspace() for c in link):
        return link
    return PARCOURSUP_FICHE.format(code)


def is_apprenticeship(label: str) -> bool:
    return "apprenti" in fold(label)


def formation_family(members: list[dict]) -> str:
    """The family most of a formation's places belong to; a plain Licence wins a tie with Licence accès santé."""
    counts = Counter(p["family"] for p in members)
    return max(counts, key=lambda fam: (counts[fam], fam != "Licence_Las"))


def formation_ids(labels: list[str]) -> dict[str, str]:
    """Stable, readable ids from labels; a hash suffix only where two labels fold to the same slug.

    Also how ids were made before importer version 3 (one formation per raw label): applied to the raw
    labels, it gives the ids that old favourites, notes and links still carry (see `legacy_aliases`)."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for label in sorted(labels):
        by_slug[slugify(label)].append(label)
    ids = {}
    for slug, same in by_slug.items():
        for label in same:
            suffix = "" if len(same) == 1 else "-" + hashlib.sha1(label.encode()).hexdigest()[:6]
            ids[label] = slug + suffix
    return ids


def _place(row: dict[str, str]) -> dict:
    code = to_int(row[CODE], CODE)
    if code is None:
        raise BadRow(f"« {CODE} » manquant")
    label = row[LABEL].strip()
    if not label:
        raise BadRow(f"« {LABEL} » manquant")
    session = to_int(row["Session"], "Session")
    if session is None or not 2000 <= session <= 2100:
        raise BadRow(f"« Session » invalide : {row['Session']!r}")
    place = {key: row[col].strip() for key, col in TEXT_COLUMNS.items()}
    if not place["uai"]:
        raise BadRow("« Code UAI de l'établissement » manquant")
    place["departement_code"] = place["departement_code"].zfill(2)
    place.update({key: to_int(row[col], col) for key, col in INT_COLUMNS.items()})
    place.update({key: to_float(row[col], col) for key, col in PCT_COLUMNS.items()})
    gps = parse_gps(row["Coordonnées GPS de la formation"])
    place["lat"], place["lon"] = gps if gps else (None, None)
    place.update(
        cod_aff_form=code,
        session=session,
        selective=fold(row["Sélectivité"]) == "formation selective",
        apprenticeship=is_apprenticeship(label),
        parcoursup_url=parcoursup_link(row[LINK], code),
        wish_label=repair(row[WISH].strip()),
        concours=repair(row[CONCOURS].strip()),
        family=row[FAMILY].strip() or "Autre formation",
        _raw_label=label,
        _row=Row.of(label, row[GROUP], row[DETAIL], row[OPTION], row[FAMILY].strip() or "Autre formation"),
    )
    for key in ("etablissement", "commune"):
        place[key] = repair(place[key])
    return place


def read_parcoursup(path: Path, rejects: Rejects) -> tuple[list[dict], list[dict], dict[str, str]]:
    """Return (formations, places, aliases of older ids) ready for insertion; bad rows go to `rejects`."""
    source = CsvSource(path, REQUIRED)
    total = sum(1 for _ in path.open(encoding="utf-8-sig")) - 1
    progress = Progress("Parcoursup", total)
    places: dict[int, dict] = {}
    for line, row in source.rows():
        progress.advance()
        if "__error__" in row:
            rejects.add(path.name, line, row["__error__"])
            continue
        try:
            place = _place(row)
        except BadRow as exc:
            rejects.add(path.name, line, str(exc))
            continue
        if place["cod_aff_form"] in places:
            rejects.add(path.name, line, f"« {CODE} » en double : {place['cod_aff_form']}")
            continue
        places[place["cod_aff_form"]] = place
    progress.close()

    formations, aliases = group_formations(list(places.values()))
    rows = [{k: v for k, v in p.items() if not k.startswith("_")} for p in places.values()]
    return formations, rows, aliases


def group_formations(places: list[dict]) -> tuple[list[dict], dict[str, str]]:
    """Formations from their places (each place gets its formation_id and option_label), and the
    alias of every id an earlier importer gave to these places (old id -> formation id)."""
    family_labels = {code: label for code, (label, _) in FAMILIES.items()}
    identities = identify([p["_row"] for p in places], family_labels)
    grouped: dict[str, list[tuple[dict, object]]] = defaultdict(list)
    for place, ident in zip(places, identities):
        grouped[ident.key].append((place, ident))
    labels = {key: Counter(i.label for _, i in members).most_common(1)[0][0] for key, members in grouped.items()}
    ids = formation_ids(list(labels.values()))
    formations = []
    for key, members in grouped.items():
        fid = ids[labels[key]]
        for place, ident in members:
            place["formation_id"], place["option_label"] = fid, ident.option
        ps = [p for p, _ in members]
        formations.append({
            "id": fid,
            "label": labels[key],
            "family": formation_family(ps),
            "group_label": Counter(p["_row"].group for p in ps).most_common(1)[0][0],
            "detail_label": Counter(i.detail_label for _, i in members).most_common(1)[0][0],
            "selective": any(p["selective"] for p in ps),
            "apprenticeship": any(p["apprenticeship"] for p in ps),
            "places_count": len(ps),
        })
    return formations, legacy_aliases(places, set(ids.values()))


def legacy_aliases(places: list[dict], current: set[str]) -> dict[str, str]:
    """Ids of the one-formation-per-raw-label catalogue (importer versions 1 and 2) -> today's formation."""
    old = formation_ids(sorted({p["_raw_label"] for p in places}))
    votes: dict[str, Counter] = defaultdict(Counter)
    for p in places:
        votes[old[p["_raw_label"]]][p["formation_id"]] += 1
    return {old_id: c.most_common(1)[0][0] for old_id, c in votes.items() if old_id not in current}
