"""The compact, versioned catalogue document that the service worker stores in IndexedDB for offline use.

Rows are arrays and repeated strings go through tables, so the full place list with its key figures
stays small (about 1/3 of the naive JSON). The words tables let offline search read a query
exactly as the server does.
"""
from __future__ import annotations

import gzip
import hashlib

import msgspec

from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.formation_types import TYPES
from mps.domain.catalogue.status import ORDER as STATUS_ORDER, STATUS_WORDS
from mps.domain.catalogue.vocabulary import (ACRONYM_SKIP, FILTER_WORDS, JOB_WORDS, OPTION_WORDS, PLACE_NAMES,
                                               SCHOOL_KINDS, STOP_WORDS, SYNONYMS)
from mps.lib.text import place_key

FORMAT = 9  # 2: towns and postcodes (issue 5); 3: place options; 4: dictionary phrases, abbreviation rule (issue 10)
# 5: browsing types (formation_types): each formation's type, the types table instead of the families one
# 6: places taught at a distance (remote, no coordinates): « à distance », kept around any town
# 7: option words (words.csv, kind « option »): « licence italien », the places teaching Italian
# 8: métier links (a job's name -> the formations ONISEP links it to) and the job words that name a town with places
# 9: each place's status (public, privé…: the index of its code in `statuts`), the status words of a query and the
#    word pairs that keep them words (« droit public »). Offline code reads 8 too (catalogue.js READABLE): a device
#    keeps searching its stored copy, without the status filter, until the new one arrives.
PLACE_FIELDS = ["cod_aff_form", "formation", "etablissement", "commune", "departement_code", "lat", "lon",
                "taux_acces", "capacity", "candidates", "pct_general", "pct_techno", "pct_pro", "selective",
                "apprenticeship", "academie", "region", "option", "family", "remote", "statut"]
FORMATION_FIELDS = ["id", "label", "family", "group_label", "selective", "apprenticeship", "detail_label", "type"]
TOWN_FIELDS = ["key", "name", "postcode", "departement_code", "lat", "lon"]


class Snapshot(msgspec.Struct):
    format: int
    version: int
    session: int
    formation_fields: list[str]
    formations: list[list]
    place_fields: list[str]
    places: list[list]
    strings: list[str]
    departements: list[list[str]]
    types: dict[str, list]  # the catalogue's browsing types: code -> [label, words that find it]
    synonyms: dict[str, list[str]]  # data/words.csv: a key of several words is a phrase
    stop_words: list[str]
    filter_words: dict[str, str]  # data/words.csv, kind « filter »: « alternance » -> apprenticeship
    option_words: list[str]  # data/words.csv, kind « option »: a meaning's formations at the places teaching it
    acronym_skip: list[str]  # words an abbreviation skips (vocabulary.acronyms)
    town_fields: list[str]
    towns: list[list]  # the towns that have places, as the geocoder reads their name
    postcodes: list[list]  # [postcode, name, departement_code, lat, lon]: a postcode typed in a query
    metier_links: dict[str, list[int]]  # a métier's name (vocabulary.metier_key) -> indexes in `formations`, closest first
    job_towns: list[str]  # JOB_WORDS that name a town with places: a place only after a word naming formations
    # data/place_names.csv: « paca », « rhone alpes » -> the catalogue's region or académie (older code ignores it)
    place_names: dict[str, str] = {}
    statuts: list[str] = []  # status codes (status.py ORDER): a place's `statut` is an index here (one digit)
    status_words: dict[str, str] = {}  # data/status_words.csv, kind « filter »: « publique » -> public
    status_kept: list[str] = []  # « droit public »: the word before a status word that keeps it a word (status.py)
    school_kinds: list[str] = []  # data/school_kinds.txt: « lycée », kept in the school-name index (words.py _telling)


def build_snapshot(cat: Catalogue) -> Snapshot:
    strings: dict[str, int] = {}

    def s(text: str) -> int:
        return strings.setdefault(text, len(strings))

    formations = sorted(cat.formations.values(), key=lambda f: f.id)
    index = {f.id: i for i, f in enumerate(formations)}
    rows = [[f.id, f.label, s(f.family), s(f.group_label), int(f.selective), int(f.apprenticeship),
             s(f.detail_label), s(f.type)] for f in formations]
    places = []
    status_index = {code: i for i, code in enumerate(STATUS_ORDER)}
    for p in sorted(cat.places.values(), key=lambda p: p.cod_aff_form):
        r = p.row
        places.append([p.cod_aff_form, index[p.formation_id], s(p.etablissement), s(p.commune), p.departement_code,
                       p.lat, p.lon, _num(p.taux_acces), r["capacity"], r["candidates"], _num(r["pct_general"]),
                       _num(r["pct_techno"]), _num(r["pct_pro"]), int(p.selective), int(p.apprenticeship),
                       s(p.academie), s(p.region), s(p.option), s(r.get("family") or ""), int(p.remote),
                       status_index[p.statut]])
    return Snapshot(
        format=FORMAT, version=cat.version, session=cat.session,
        formation_fields=FORMATION_FIELDS, formations=rows, place_fields=PLACE_FIELDS, places=places,
        strings=list(strings), departements=[[c, n] for c, n in cat.departements],
        types={code: [label, list(TYPES.get(code, ("", ()))[1])] for code, label, _ in cat.types},
        synonyms={k: list(v) for k, v in SYNONYMS.items()}, stop_words=sorted(STOP_WORDS),
        filter_words=FILTER_WORDS, option_words=sorted(OPTION_WORDS),
        acronym_skip=sorted(ACRONYM_SKIP),
        town_fields=TOWN_FIELDS, towns=_towns(cat), postcodes=_postcodes(cat),
        metier_links={k: [index[f] for f in fids] for k, fids in cat.search.metier_links.items()},
        job_towns=sorted(JOB_WORDS & cat.search.reading.place_towns), place_names=PLACE_NAMES,
        statuts=list(STATUS_ORDER), status_words=STATUS_WORDS, status_kept=sorted(cat.search.status_kept),
        school_kinds=sorted(SCHOOL_KINDS),
    )


def _towns(cat: Catalogue) -> list[list]:
    """Offline search reads a town at the end of a query like the server: same town, same point (not
    rounded: distances, hence the order of places, must be the same to the last digit)."""
    out = []
    # A former commune's name too (« evry »: the town with places it is part of now, geocode.Geocoder.aliases).
    for key in sorted({place_key(p.commune) for p in cat.places.values()} | cat.geocoder.aliases.keys()):
        t = cat.geocoder.lookup(key) if cat.geocoder.has(key) else None
        if t:
            out.append([key, t.name, t.postcode, t.departement_code, t.lat, t.lon])
    return out


def _postcodes(cat: Catalogue) -> list[list]:
    out = []
    for code in sorted(cat.geocoder.postcodes()):
        t = cat.geocoder.lookup(code)
        out.append([code, t.name, t.departement_code, t.lat, t.lon])
    return out


def _num(value):
    """Whole numbers as ints: '67' is shorter than '67.0' in JSON."""
    return int(value) if value is not None and value == int(value) else value


class EncodedSnapshot(msgspec.Struct):
    version: int
    etag: str
    body: bytes
    gzipped: bytes


_cache: dict[int, EncodedSnapshot] = {}


def encoded_snapshot(cat: Catalogue) -> EncodedSnapshot:
    """Built once per catalogue version and worker; served from memory afterwards."""
    found = _cache.get(cat.version)
    if found is None:
        body = msgspec.json.encode(build_snapshot(cat))
        etag = f'"cat-{cat.version}-{hashlib.sha1(body).hexdigest()[:12]}"'
        found = EncodedSnapshot(cat.version, etag, body, gzip.compress(body, compresslevel=9, mtime=0))
        _cache.clear()
        _cache[cat.version] = found
    return found
