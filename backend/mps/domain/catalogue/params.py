"""Query-string parameters of catalogue search, parsed with errors that name the field."""
from __future__ import annotations

from collections.abc import Mapping

from mps.domain.catalogue.geocode import Town
from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.search import SearchParams
from mps.domain.catalogue.status import parse_statut as read_statut
from mps.lib.errors import FieldError

TRUE, FALSE = {"1", "true", "oui", "on", "yes"}, {"0", "false", "non", "off", "no"}
MAX_Q = 200
_WORDS_ONLY = frozenset({"q", "page"})  # (the page is read by the caller)


def parse_bool(raw: str | None, name: str) -> bool | None:
    if raw in (None, ""):
        return None
    value = raw.strip().lower()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    raise FieldError(name, "attendu : true ou false")


def parse_page(raw: str | None, name: str = "page", maximum: int = 10_000) -> int:
    if raw in (None, ""):
        return 1
    try:
        page = int(raw)
    except ValueError:
        raise FieldError(name, "attendu : un entier à partir de 1") from None
    if not 1 <= page <= maximum:
        raise FieldError(name, f"attendu : un entier entre 1 et {maximum}")
    return page


def parse_near(raw: str | None) -> tuple[float, float] | None:
    if raw in (None, ""):
        return None
    parts = raw.split(",")
    try:
        lat, lon = (float(p) for p in parts)
    except ValueError:
        raise FieldError("near", "attendu : latitude,longitude (par exemple 50.63,3.06)") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise FieldError("near", "latitude entre -90 et 90, longitude entre -180 et 180")
    return lat, lon


def parse_radius(raw: str | None, name: str = "radius_km") -> float | None:
    if raw in (None, ""):
        return None
    try:
        radius = float(raw)
    except ValueError:
        raise FieldError(name, "attendu : un nombre de kilomètres") from None
    if not 0 < radius <= 1000:
        raise FieldError(name, "attendu : entre 0 et 1000 km")
    return radius


def parse_town(catalogue: Catalogue, raw: str | None, name: str = "ville") -> Town | None:
    if raw in (None, ""):
        return None
    town = catalogue.geocoder.lookup(raw[:100])
    if town is None:
        raise FieldError(name, f"ville ou code postal inconnu : {raw[:100]}")
    return town


def parse_family(catalogue: Catalogue, raw: str | None, name: str = "famille") -> str | None:
    """A browsing type of the catalogue (formation_types), by code or name: every family code is one."""
    if raw in (None, ""):
        return None
    for code, label, _ in catalogue.types:
        if raw.strip().lower() in (code.lower(), label.lower()):
            return code
    raise FieldError(name, "type de formation inconnu ; valeurs possibles : "
                     + ", ".join(c for c, _, _ in catalogue.types))


def parse_statut(raw: str | None) -> str | None:
    """`statut=`: public, prive (every private status) or sous_contrat (privé sous contrat d'association)."""
    if raw in (None, ""):
        return None
    value = read_statut(raw[:40])
    if value is None:
        raise FieldError("statut", "attendu : public, prive ou sous_contrat")
    return value


def parse_departement(catalogue: Catalogue, raw: str | None) -> str | None:
    if raw in (None, ""):
        return None
    value = raw.strip()
    for code, label in catalogue.departements:
        if value.lower() in (code.lower(), label.lower()) or value.zfill(2) == code:
            return code
    raise FieldError("departement", f"département inconnu : {value[:40]}")


def search_params(catalogue: Catalogue, query: Mapping[str, str], town_key: str | None = None) -> SearchParams:
    """Build SearchParams from the API (`near`) or page (`ville`) query string."""
    q = (query.get("q") or "")
    if len(q) > MAX_Q:
        raise FieldError("q", f"{MAX_Q} caractères au plus")
    if query.keys() <= _WORDS_ONLY:  # most searches: no other parameter to read, each parser would say None
        return SearchParams(q=q.strip())
    near = parse_near(query.get("near"))
    radius = parse_radius(query.get("radius_km") or query.get("rayon"),
                          "rayon" if query.get("rayon") else "radius_km")
    if town_key and near is None:
        town = parse_town(catalogue, query.get(town_key), town_key)
        near = (town.lat, town.lon) if town else None
    for key in ("academie", "region"):
        if len(query.get(key) or "") > 80:
            raise FieldError(key, "80 caractères au plus")
    return SearchParams(
        q=q.strip(),
        family=parse_family(catalogue, query.get("famille")),
        selective=parse_bool(query.get("selective"), "selective"),
        apprenticeship=parse_bool(query.get("apprentissage"), "apprentissage"),
        departement=parse_departement(catalogue, query.get("departement")),
        academie=(query.get("academie") or None),
        region=(query.get("region") or None),
        near=near,
        radius_km=radius,
        statut=parse_statut(query.get("statut")),
    )
