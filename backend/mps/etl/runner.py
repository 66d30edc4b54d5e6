"""`mps import`: parse every shipped file, then replace the catalogue in one transaction."""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import delete, desc, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession

from mps.db.models import (CatalogueImport, Commune, Formation, FormationAlias, Lycee, Metier, Place,
                           SpecialiteStat)
from mps.domain.favourites.follow import follow_aliases
from mps.etl.aliases import previous_catalogue, resolve_aliases
from mps.etl.datasets import dataset
from mps.etl.parcoursup import read_parcoursup
from mps.etl.reference import read_communes, read_lycees, read_metiers, read_specialites
from mps.etl.source import Rejects
from mps.lib.errors import ImportRejected

IMPORTER_VERSION = "4"  # bump when parsing changes so that the same files import again (3: one formation per filière; 4: the file's Parcoursup links, wish labels and concours)
BATCH = 2000
MAX_SHRINK = 0.10  # a table losing more than this share of its rows is refused without --accept-shrink
# Counts the importer derives rather than reads: they change with its rules (one formation per filière
# turned 3,207 raw labels into 740 formations), not with the file's integrity.
DERIVED_TABLES = {"formations", "formation_aliases"}


@dataclass
class ImportFiles:
    parcoursup: Path
    specialites: Path
    communes: Path
    lycees: Path
    metiers: Path
    metiers_descriptions: Path

    @classmethod
    def from_data_dir(cls, data_dir: Path, parcoursup: Path | None = None) -> "ImportFiles":
        p = lambda key: data_dir / dataset(key).path  # noqa: E731
        return cls(parcoursup or p("parcoursup"), p("specialites"), p("communes"), p("lycees"),
                   p("metiers"), p("metiers_descriptions"))

    def fingerprint(self) -> str:
        h = hashlib.sha256(IMPORTER_VERSION.encode())
        for path in vars(self).values():
            h.update(Path(path).read_bytes())
        return h.hexdigest()


@dataclass
class ImportReport:
    skipped: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    rejects: int = 0
    rejects_file: Path | None = None
    seconds: float = 0.0
    version: int | None = None
    marks_moved: int = 0  # favourites and notes that followed their formation to a new id


async def latest_import(engine: AsyncEngine) -> CatalogueImport | None:
    async with engine.connect() as conn:
        row = (await conn.execute(select(CatalogueImport).order_by(desc(CatalogueImport.id)).limit(1))).first()
    return row


def _n(value: int) -> str:
    return f"{value:,}".replace(",", "\u202f")  # 13 869, as French writes it


def shrink_refusal(previous: dict[str, int], counts: dict[str, int]) -> str | None:
    """Why these counts must not replace the catalogue in service, or None: a table that loses more than
    MAX_SHRINK of its rows is the sign of a cut or wrong file, not of a new session."""
    drops = [f"{table} : {_n(counts.get(table, 0))} lignes au lieu de {_n(before)}"
             for table, before in previous.items()
             if table not in DERIVED_TABLES and before > 0 and counts.get(table, 0) < before * (1 - MAX_SHRINK)]
    if not drops:
        return None
    return (f"Import refusé, plus de {MAX_SHRINK * 100:.0f} % de lignes en moins que le catalogue en service ("
            + " ; ".join(drops) + "). Le fichier est peut-être tronqué ou n'est pas le bon ; le catalogue en "
            "service reste en place. Si cette baisse est voulue, relance avec --accept-shrink.")


def _counts_of(last: CatalogueImport | None) -> dict[str, int]:
    try:
        return {k: int(v) for k, v in last.counts.items()} if last is not None else {}
    except (ValueError, TypeError, AttributeError):
        return {}


async def run_import(engine: AsyncEngine, files: ImportFiles, var_dir: Path, force: bool = False,
                     log=print, accept_shrink: bool = False) -> ImportReport:
    started = time.perf_counter()
    fingerprint = files.fingerprint()
    last = await latest_import(engine)
    if last is not None and last.source_hash == fingerprint and not force:
        log(f"Catalogue déjà à jour (import n° {last.id}) : rien n'a changé.")
        return ImportReport(skipped=True, version=last.id)

    # Parse everything before touching the database: a bad file leaves the old catalogue as it was.
    rejects = Rejects()
    formations, places, legacy_ids = read_parcoursup(files.parcoursup, rejects)
    tables = [
        (Formation, formations),
        (Place, places),
        (Commune, read_communes(files.communes, rejects)),
        (Lycee, read_lycees(files.lycees, rejects)),
        (Metier, read_metiers(files.metiers, files.metiers_descriptions, rejects)),
        (SpecialiteStat, read_specialites(files.specialites, rejects)),
    ]
    if not places:
        raise ImportRejected(f"{files.parcoursup.name} : aucune ligne importable")
    session_year = max(p["session"] for p in places)
    counts = {model.__tablename__: len(rows) for model, rows in tables}
    refusal = shrink_refusal(_counts_of(last), counts)
    if refusal and not accept_shrink:  # --force re-imports the same files; only --accept-shrink allows this
        raise ImportRejected(refusal)

    async with engine.begin() as conn:  # one transaction: all or nothing
        previous_places, previous_aliases = await previous_catalogue(conn)
        aliases = resolve_aliases({f["id"] for f in formations}, {p["cod_aff_form"]: p["formation_id"] for p in places},
                                  legacy_ids, previous_places, previous_aliases)
        tables.append((FormationAlias, [{"old_id": old, "formation_id": new} for old, new in sorted(aliases.items())]))
        counts[FormationAlias.__tablename__] = len(aliases)
        for model, _ in reversed(tables):
            await conn.execute(delete(model))
        for model, rows in tables:
            for i in range(0, len(rows), BATCH):
                await conn.execute(insert(model), rows[i:i + BATCH])
        async with AsyncSession(bind=conn) as db:  # joins this transaction: marks move with the catalogue
            moved = await follow_aliases(db, aliases)
        result = await conn.execute(insert(CatalogueImport).values(
            finished_at=datetime.now(timezone.utc), source_hash=fingerprint,
            session=session_year, counts=dict(counts)))
        version = result.inserted_primary_key[0]

    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    report = ImportReport(counts=counts, rejects=len(rejects.items), version=version,
                          seconds=time.perf_counter() - started, marks_moved=moved)
    report.rejects_file = rejects.write(var_dir / "imports" / f"rejets-{stamp}.csv")
    for table, n in counts.items():
        log(f"  {table:<18} {n:>7} lignes")
    if moved:
        log(f"  {moved} favoris ou notes suivent leur formation sous un nouvel identifiant")
    if report.rejects_file:
        log(f"  {report.rejects} lignes rejetées, détail dans {report.rejects_file}")
    else:
        log("  aucune ligne rejetée")
    log(f"Import n° {version} (session {session_year}) terminé en {report.seconds:.1f} s.")
    return report
