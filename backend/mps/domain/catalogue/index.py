"""The catalogue held in memory by each worker: loaded from the database, rebuilt when a new import lands.

Search, formation pages and suggestions read this snapshot, never the database, so that a request
costs microseconds; the database stays the single source of truth.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import desc, select
from sqlalchemy.ext.asyncio import AsyncEngine

from mps.db.models import CatalogueImport, Commune, Formation, FormationAlias, Place
from mps.domain.catalogue.formation_types import CATCH_ALL, type_label, type_of
from mps.domain.catalogue.geocode import COMMUNE_COLUMNS, Geocoder
from mps.domain.catalogue.presenters import formation_item_parts, place_json_parts
from mps.domain.catalogue.rows import CompactRow, Shared
from mps.domain.catalogue.search import SearchIndex
from mps.domain.catalogue.status import status_code
from mps.domain.catalogue.vocabulary import FAMILIES
from mps.lib.lru import LRU
from mps.lib.text import digits_only, fold


@dataclass(slots=True)
class PlaceRec:
    cod_aff_form: int
    formation_id: str
    etablissement: str
    commune: str
    departement_code: str
    departement: str
    region: str
    academie: str
    lat: float | None
    lon: float | None
    taux_acces: float | None
    selective: bool
    apprenticeship: bool
    row: CompactRow  # every column of the place, for its page (a read-only mapping)
    # The town's own département, shown beside the town: a university site in Malakoff is filed under its
    # establishment's (75) but sits in the Hauts-de-Seine (92). Set by build() from the communes.
    town_departement_code: str = ""
    # Taught at a distance (CNED, « Entièrement en distanciel »): shown « à distance », with no coordinates, so no
    # km and no place in a sort by distance; a search around a town lists it with the formations it finds there.
    remote: bool = False
    statut: str = ""  # public, sous_contrat, superieur, hors_contrat (status.py); set by build()

    @property
    def parcoursup_url(self) -> str:
        return self.row["parcoursup_url"]

    @property
    def option(self) -> str:
        """What sets this place apart from the formation's others: parcours, option, programme, access track."""
        return self.row.get("option_label") or ""

    @property
    def health_access(self) -> bool:
        """A licence place that is also a Licence accès santé (L.AS)."""
        return self.row.get("family") == "Licence_Las"


@dataclass(slots=True)
class FormationRec:
    id: str
    label: str
    family: str
    group_label: str
    detail_label: str
    selective: bool
    apprenticeship: bool
    places: list[PlaceRec] = field(default_factory=list)
    selective_places: int = 0  # how many of its places select their students (stated per place)
    apprenticeship_places: int = 0
    type: str = ""  # the browsing type (formation_types): the family, or a finer type of « Autre formation »

    @property
    def family_label(self) -> str:
        return FAMILIES.get(self.family, (self.family, ()))[0]

    @property
    def type_label(self) -> str:
        return type_label(self.type)

    @property
    def selectivity(self) -> str:
        """Honest summary: "Sélective", "Non sélective" or "Sélective dans 12 lieux sur 30"."""
        n, total = self.selective_places, len(self.places)
        if n == 0:
            return "Non sélective"
        if n == total:
            return "Sélective" if total == 1 else "Sélective partout"
        return f"Sélective dans {n} lieu{'x' if n > 1 else ''} sur {total}"


@dataclass
class Catalogue:
    version: int
    session: int
    formations: dict[str, FormationRec]
    places: dict[int, PlaceRec]
    geocoder: Geocoder
    types: list[tuple[str, str, int]] = field(default_factory=list)  # (code, label, formations): chips, select
    departements: list[tuple[str, str]] = field(default_factory=list)  # (code, name)
    academies: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    search: SearchIndex = field(init=False)  # attached by build(): it indexes the catalogue built above
    aliases: dict[str, str] = field(default_factory=dict)  # old formation id -> today's (twins merged, relabelled)
    # Each place's API summary as JSON, cut around its distance (presenters.place_json), made by build().
    place_json: dict[int, tuple[bytes, bytes]] = field(default_factory=dict, repr=False, compare=False)
    # Each formation's search result as JSON, cut around its places (presenters.formation_item_json), made by build().
    formation_item_json: dict[str, tuple[bytes, bytes]] = field(default_factory=dict, repr=False, compare=False)
    # Made from this version on first use, and gone with it: whole documents or page fragments that depend on the
    # catalogue only (formations' JSON, place lists).
    rendered: LRU = field(default_factory=lambda: LRU(512), repr=False, compare=False)

    def formation(self, formation_id: str) -> FormationRec | None:
        return self.formations.get(formation_id)

    def resolve(self, formation_id: str) -> str | None:
        """Today's id of a formation id, old or current; None when it was never known."""
        if formation_id in self.formations:
            return formation_id
        return self.aliases.get(formation_id)

    def place(self, cod_aff_form: int | str) -> PlaceRec | None:
        """By code, also as the text of a URL: anything that is not a plausible code finds nothing."""
        if isinstance(cod_aff_form, str):
            if not (digits_only(cod_aff_form) and len(cod_aff_form) < 10):
                return None
            cod_aff_form = int(cod_aff_form)
        return self.places.get(cod_aff_form)


_REMOTE = re.compile(r"\b(?:cned|distanciel|a distance)\b")


def remote_place(etablissement: str, option: str) -> bool:
    """A place taught at a distance: its school is the CNED or says « à distance », or its option does."""
    return _REMOTE.search(fold(f"{etablissement} {option}")) is not None


def build(version: int, session: int, formations: list[Mapping], places: list[Mapping],
          communes: list[Mapping], aliases: dict[str, str] | None = None, shared: Shared | None = None) -> Catalogue:
    shared = shared or Shared()  # one copy of each repeated string: the rows and records below point to it
    recs = {
        f["id"]: FormationRec(*map(shared.value, (f["id"], f["label"], f["family"], f["group_label"], f["detail_label"])),
                              f["selective"], f["apprenticeship"], type=type_of(f["family"], f["group_label"]))
        for f in formations
    }
    place_recs: dict[int, PlaceRec] = {}
    for p in map(shared.row, places):
        rec = PlaceRec(p["cod_aff_form"], p["formation_id"], p["etablissement"], p["commune"],
                       p["departement_code"], p["departement"], p["region"], p["academie"], p["lat"], p["lon"],
                       p["taux_acces"], p["selective"], p["apprenticeship"], p)
        place_recs[rec.cod_aff_form] = rec
        recs[rec.formation_id].places.append(rec)
    for f in recs.values():
        f.places.sort(key=lambda p: (fold(p.commune), fold(p.etablissement), p.cod_aff_form))
        f.selective_places = sum(p.selective for p in f.places)
        f.apprenticeship_places = sum(p.apprenticeship for p in f.places)

    geocoder = Geocoder(communes, places)
    codes: dict[str, str] = {}  # (four labels in the file)
    for rec in place_recs.values():
        label = rec.row.get("statut") or ""
        rec.statut = codes.get(label) or codes.setdefault(label, status_code(label))
        rec.town_departement_code = geocoder.departement_of(rec.commune, rec.lat, rec.lon) or rec.departement_code
        if remote_place(rec.etablissement, rec.option):  # the address is an office's, not where one studies
            rec.remote, rec.lat, rec.lon = True, None, None
    type_counts = Counter(f.type for f in recs.values())
    cat = Catalogue(
        version=version, session=session, formations=recs, places=place_recs,
        geocoder=geocoder,
        types=sorted(((code, type_label(code), n) for code, n in type_counts.items()),
                     key=lambda t: (t[0] == CATCH_ALL, fold(t[1]))),
        departements=sorted({(p.departement_code, p.departement) for p in place_recs.values()}),
        academies=sorted({p.academie for p in place_recs.values()}, key=fold),
        regions=sorted({p.region for p in place_recs.values()}, key=fold),
        aliases={old: new for old, new in (aliases or {}).items() if new in recs},
    )
    cat.search = SearchIndex(cat)
    cat.place_json = place_json_parts(place_recs.values())  # after the town's département is set
    cat.formation_item_json = formation_item_parts(cat.formations.values())
    return cat


async def current_version(engine: AsyncEngine) -> int | None:
    async with engine.connect() as conn:
        return (await conn.execute(select(CatalogueImport.id).order_by(desc(CatalogueImport.id)).limit(1))).scalar()


async def load(engine: AsyncEngine) -> Catalogue | None:
    """Read the latest imported catalogue; None when nothing was imported yet."""
    async with engine.connect() as conn:
        latest = (await conn.execute(
            select(CatalogueImport.id, CatalogueImport.session).order_by(desc(CatalogueImport.id)).limit(1)
        )).first()
        if latest is None:
            return None
        shared = Shared()  # compact rows, read a batch at a time (catalogue/rows.py)
        formations = await shared.read(conn, select(Formation.__table__))
        places = await shared.read(conn, select(Place.__table__))
        communes = await shared.read(conn, select(*(getattr(Commune, c) for c in COMMUNE_COLUMNS)), floats=False)
        aliases = {r.old_id: r.formation_id for r in await conn.execute(select(FormationAlias.__table__))}
    return build(latest.id, latest.session, formations, places, communes, aliases, shared)

