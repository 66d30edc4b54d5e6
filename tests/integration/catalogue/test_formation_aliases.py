"""Favourites, notes, teacher proposals and sync follow twins merged into one formation: nothing is lost."""
import asyncio
import secrets
import uuid
from datetime import datetime, timezone

from sqlalchemy import select

from mps.db.engine import make_engine, make_sessionmaker
from mps.db.models import FormationAlias, FormationMark, Person, SchoolClass, TeacherNote
from mps.domain.catalogue.index import load
from mps.domain.sync.schemas import SyncIn, SyncOp
from mps.domain.sync.service import sync_and_commit
from mps.etl.runner import run_import
from tests.conftest import small_files
from tests.integration.etl.test_import import rewrite

ING = "Formation d'ingénieur Bac + 5"
APP = " (Statut d'apprenti possible sur tout ou partie des années, au-delà de la première)"
# (cod_aff_form, raw label, group, detail, option, family): twins the importer of versions 1-2 split.
TWINS = [
    (990001, f"{ING} - Bac général", "Formations  des écoles d'ingénieurs", ING, "Bac général", "Ecole d'Ingénieur"),
    (990002, f"{ING} - Bacs technologiques", "Formations  des écoles d'ingénieurs", ING, "Bacs technologiques",
     "Ecole d'Ingénieur"),
    (990003, "BTS - Services - Gestion de la PME" + APP, "BTS - Services", "Gestion de la PME", "", "BTS"),
]
OLD_GENERAL, OLD_TECHNO = "formation-d-ingenieur-bac-5-bac-general", "formation-d-ingenieur-bac-5-bacs-technologiques"
OLD_PME = "bts-services-gestion-de-la-pme-statut-d-apprenti-possible-sur-tout-ou-partie-des-annees"
NEW_ING, PME = "ecole-d-ingenieurs-post-bac-5-ans", "bts-services-gestion-de-la-pme"


def twins_file(tmp_path):
    def edit(header, rows):
        col = {name: i for i, name in enumerate(header)}
        template = next(r for r in rows if r[col["cod_aff_form"]] == "7901")
        for cod, label, group, detail, option, family in TWINS:
            row = list(template)
            row[col["cod_aff_form"]], row[col["Filière de formation"]] = str(cod), label
            row[col["Filière de formation.1"]] = group
            row[col["Filière de formation détaillée bis"]], row[col["Filière de formation très détaillée"]] = detail, option
            row[col["Filière de formation très agrégée"]] = family
            rows.append(row)
        return header, rows
    return rewrite(small_files().parcoursup, tmp_path / "twins.csv", edit)


def now():
    return datetime.now(timezone.utc)


def mark(pid, fid, kind="favori", note="", places=(), ambition=None, deleted=False):
    return FormationMark(person_id=pid, formation_id=fid, kind=kind, ambition=ambition, places=list(places),
                         note=note, deleted=deleted, version=3, updated_at=now())


def test_twins_both_favourited_with_notes_merge_without_loss(empty_db, tmp_path):
    files = small_files(parcoursup=twins_file(tmp_path))

    async def go():
        engine = make_engine(empty_db)
        sessions = make_sessionmaker(engine)
        try:
            await run_import(engine, files, tmp_path, log=lambda *_: None)
            student, other, teacher = (secrets.token_hex(16) for _ in range(3))
            async with sessions() as db:
                assert {a.old_id: a.formation_id for a in await db.scalars(select(FormationAlias))}[OLD_TECHNO] == NEW_ING
                for pid in (student, other, teacher):
                    db.add(Person(id=pid, created_at=now(), role="lyceen"))
                await db.flush()
                db.add_all([
                    mark(student, OLD_GENERAL, note="JPO le 3 février", places=[990001], ambition="ambitieux"),
                    mark(student, OLD_TECHNO, note="Demander le dossier STI2D", places=[990002]),
                    mark(student, OLD_PME, kind="corbeille"),
                    mark(student, PME, note="Près de chez moi", places=[7901]),
                    mark(other, OLD_TECHNO, note="Seul favori"),
                    SchoolClass(id="c1", teacher_id=teacher, lycee_uai="0590001A", lycee_name="Lycée", label="T1",
                                school_year="2025-2026", join_code="TEST2345", created_at=now()),
                ])
                await db.flush()
                db.add(TeacherNote(class_id="c1", teacher_id=teacher, student_id=student, kind="formation",
                                   formation_id=OLD_GENERAL, note="Pense à l'INSA", created_at=now()))
                await db.commit()
            report = await run_import(engine, files, tmp_path, force=True, log=lambda *_: None)  # the import step
            async with sessions() as db:
                marks = {(m.person_id, m.formation_id): m for m in await db.scalars(select(FormationMark))}
                proposal = await db.scalar(select(TeacherNote))
            again = await run_import(engine, files, tmp_path, force=True, log=lambda *_: None)
            cat = await load(engine)
            async with sessions() as db:
                out = await sync_and_commit(db, cat, student, SyncIn(since=0, ops=[SyncOp(
                    op_id=str(uuid.uuid4()), device_id="old-phone", ts=int(now().timestamp() * 1000), kind="set_ambition",
                    formation_id=OLD_TECHNO, value="realiste")]))
            return report, again, marks, proposal, out
        finally:
            await engine.dispose()

    report, again, marks, proposal, out = asyncio.run(go())
    assert report.marks_moved == 4 and again.marks_moved == 0  # moved once; a later import leaves them alone
    student = next(pid for pid, fid in marks if fid == OLD_PME)
    ing = marks[(student, NEW_ING)]
    assert (ing.kind, ing.deleted, ing.ambition) == ("favori", False, "ambitieux")
    assert "JPO le 3 février" in ing.note and "Demander le dossier STI2D" in ing.note
    assert ing.places == [990001, 990002]
    assert marks[(student, OLD_GENERAL)].deleted and marks[(student, OLD_TECHNO)].deleted  # tombstones for devices
    pme = marks[(student, PME)]
    assert (pme.kind, pme.deleted, pme.note) == ("favori", False, "Près de chez moi")  # a favourite beats « pas intéressé »
    other = next(m for (pid, fid), m in marks.items() if pid != student and fid == NEW_ING)
    assert other.note == "Seul favori" and not other.deleted
    assert proposal.formation_id == NEW_ING
    by_id = {m.formation_id: m for m in out.marks}
    assert by_id[OLD_GENERAL].deleted and not by_id[NEW_ING].deleted  # a device drops the old id, gets the new one
    assert out.results[0].status == "applied" and by_id[NEW_ING].ambition == "realiste"  # an old queued op applies
