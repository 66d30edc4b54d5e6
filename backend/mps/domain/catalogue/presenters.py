"""From catalogue records to API documents and plain-French key figures."""
from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote_plus

import msgspec

from mps.domain.catalogue.schemas import AdmittedProfile, FormationDetail, FormationItem, PlaceDetail, PlaceSummary
from mps.lib.french import count
from mps.lib.rounding import round_positive

if TYPE_CHECKING:  # index builds each place's JSON with this module
    from mps.domain.catalogue.index import Catalogue, FormationRec, PlaceRec

MENTIONS = (("mention_tbf", "Très bien avec félicitations"), ("mention_tb", "Très bien"), ("mention_b", "Bien"),
            ("mention_ab", "Assez bien"), ("mention_none", "Sans mention"), ("mention_unknown", "Non connue"))


def onisep_url(label: str) -> str:
    return "https://www.onisep.fr/recherche?context=formation&text=" + quote_plus(label)


def place_summary(p: PlaceRec, distance: float | None = None) -> PlaceSummary:
    return PlaceSummary(p.cod_aff_form, p.etablissement, p.commune, p.departement, p.lat, p.lon,
                        round(distance, 1) if distance is not None else None, p.taux_acces, p.option, p.selective,
                        p.remote, p.statut)


_ENCODER = msgspec.json.Encoder()
_NO_DISTANCE = b'"distance_km":null'


def place_json_parts(places) -> dict[int, tuple[bytes, bytes]]:
    """Each place's place_summary() as JSON, cut around its distance: (before the distance, after it). Made when
    the catalogue is built: made on first use, a long run of distinct searches kept paying for new places."""
    out = {}
    for p in places:
        head, _, tail = _ENCODER.encode(place_summary(p)).partition(_NO_DISTANCE)  # a key with its quotes: never
        out[p.cod_aff_form] = (head + b'"distance_km":', tail)  # inside an encoded string
    return out


_KM: dict[float, bytes] = {}  # a distance rounded to 0.1 km -> its JSON (one per tenth: a few thousand at most)


def km_json(distance: float) -> bytes:
    """The JSON of round(distance, 1) (place_summary's), through round_positive: round() wrote each one in decimal
    and read it back, a few thousand instructions for every place of every uncached search."""
    km = round_positive(distance, 1)
    found = _KM.get(km)
    if found is None:
        found = _ENCODER.encode(km)
        if len(_KM) < 100_000:  # (10,000 tenths within 1,000 km)
            _KM[km] = found
    return found


def places_json(cat: Catalogue, places) -> msgspec.Raw:
    """The JSON array of place_summary() of (cod_aff_form, distance or None) pairs, joined from the catalogue's
    ready parts: a formation of 487 places or a page of search results is one Raw, not a struct built and
    encoded per place (msgspec writes a list of them the same way: no spaces)."""
    return msgspec.Raw(_places_array(cat, places))


def _places_array(cat: Catalogue, places) -> bytes:
    parts, out, known = cat.place_json, [], _KM
    for cod, distance in places:
        head, tail = parts[cod]
        if distance is None:
            out.append(head + b"null" + tail)
        else:  # km_json's cache looked up here: a call per place saved
            out.append(head + (known.get(round_positive(distance, 1)) or km_json(distance)) + tail)
    return b"[" + b",".join(out) + b"]"


_COUNT_AND_PLACES = b'"places_count":0,"places":[]'


def formation_item_parts(formations) -> dict[str, tuple[bytes, bytes]]:
    """Each formation's FormationItem as JSON cut around its count and places (before the count, after the places),
    made when the catalogue is built: a search's page joins them (formation_item_json) instead of building a struct
    per result and working its type's label and its selectivity out anew."""
    out = {}
    for f in formations:
        item = FormationItem(f.id, f.label, f.family, 0, [], f.type, f.type_label, f.selectivity)
        head, _, tail = _ENCODER.encode(item).partition(_COUNT_AND_PLACES)  # a key with its quotes: never inside
        out[f.id] = (head + b'"places_count":', tail)  # an encoded string
    return out


def formation_item_json(cat: Catalogue, fid: str, count: int, places) -> msgspec.Raw:
    """FormationItem(…, count, places_json(places), …) of formation `fid` as msgspec would encode it."""
    head, tail = cat.formation_item_json[fid]
    return msgspec.Raw(b"%s%d,\"places\":%s%s" % (head, count, _places_array(cat, places), tail))


def formation_detail(cat: Catalogue, f: FormationRec, places: list[tuple[PlaceRec, float | None]]) -> FormationDetail:
    """The document with its places as ready JSON (msgspec.Raw): encode it with msgspec."""
    return FormationDetail(f.id, f.label, f.family, f.family_label, f.selective, f.apprenticeship,
                           len(f.places), onisep_url(f.label), places_json(cat, [(p.cod_aff_form, d) for p, d in places]),
                           f.selective_places, f.selectivity, f.type, f.type_label)


def place_detail(cat: Catalogue, p: PlaceRec) -> PlaceDetail:
    r, f = p.row, cat.formations[p.formation_id]
    profile = AdmittedProfile(r["pct_general"], r["pct_techno"], r["pct_pro"],
                              {label: r[key] for key, label in MENTIONS})
    return PlaceDetail(
        p.cod_aff_form, f.id, f.label, f.family, r["session"], r["uai"], p.etablissement, r["statut"], p.commune,
        p.departement_code, p.departement, p.academie, p.region, p.lat, p.lon, p.selective, p.apprenticeship,
        r["capacity"], r["candidates"], r["proposals"], r["admitted"], p.taux_acces, r["pct_girls"],
        r["pct_boursiers"], profile, p.parcoursup_url, p.option, p.remote, p.statut)


def key_figures(p: PlaceRec) -> list[tuple[str, str]]:
    """(title, sentence) pairs that say what last session's figures mean, in plain words."""
    r, out = p.row, []
    if p.taux_acces is not None:
        t = round(p.taux_acces)
        out.append(("Taux d'accès", f"{t}\u00a0% des candidats ont pu recevoir une proposition d'admission en {r['session']}."
                    + (" C'est une formation très demandée : pense à des vœux de sécurité à côté." if t < 20 else "")))
    if r["capacity"]:
        cand = f" pour {count(r['candidates'], 'candidat')}" if r["candidates"] else ""
        out.append(("Places", f"{count(r['capacity'], 'place')}{cand}."))  # « 1 858 candidats », as French writes it
    if p.selective:
        out.append(("Sélection", "Formation sélective : les dossiers sont examinés et classés par l'établissement."))
    else:
        out.append(("Sélection", "Formation non sélective : un bachelier y a accès dans la limite des places ; "
                                 "en cas de forte demande, les candidats du secteur sont prioritaires."))
    if r["pct_boursiers"] is not None:
        out.append(("Boursiers", f"{round(r['pct_boursiers'])}\u00a0% des admis néo-bacheliers étaient boursiers."))
    if r["pct_girls"] is not None:
        out.append(("Filles", f"{round(r['pct_girls'])}\u00a0% des admis sont des filles."))
    if p.apprenticeship:
        out.append(("Apprentissage", "Tu peux suivre cette formation en alternance, avec un contrat d'apprentissage."))
    return out


def admitted_by_bac(p: PlaceRec) -> list[tuple[str, float]]:
    r = p.row
    rows = [("Bac général", r["pct_general"]), ("Bac technologique", r["pct_techno"]),
            ("Bac professionnel", r["pct_pro"])]
    return [(label, pct) for label, pct in rows if pct is not None]


def mentions(p: PlaceRec) -> list[tuple[str, int, float]]:
    """(mention, admitted, share %) over admitted néo-bacheliers whose mention is known."""
    counts = [(label, p.row[key] or 0) for key, label in MENTIONS if key != "mention_unknown"]
    total = sum(n for _, n in counts)
    return [(label, n, 100 * n / total) for label, n in counts] if total else []
