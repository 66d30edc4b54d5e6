"""Personal data: everything we hold about a person, as one JSON document; and deleting it all.

Deleting the person row removes the rest through ON DELETE CASCADE: profile, marks, family links,
class memberships, notes received or written, classes taught (and their memberships), sync state.
The test in tests/integration/privacy checks every table holding a person_id is emptied.
"""
from __future__ import annotations

import asyncio
from datetime import datetime, timezone

from sqlalchemy import delete, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import (CalendarFeed, ClassEvent, ClassMember, FamilyLink, FormationMark, Metier, MetierMark, Person,
                           Profile, SchoolClass, TeacherNote)
from mps.domain.accounts.mail import forget_outbox_mails
from mps.domain.profile import edits
from mps.domain.profile.referential import load_referential
from mps.domain.profile.service import stored_document
from mps.domain.reminders import service as reminders
from mps.domain.stages.preparation import service as stage_preparation
from mps.domain.vocabulary import (ALTERNANCE_LABELS, AMBITION_LABELS, CLASSE_LABELS, DUREE_LABELS,
                                   SITUATION_LABELS)


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.isoformat()


EXPLANATIONS = {
    "profil": "Tes réponses au profil : chaque code est suivi de son libellé (ce que tu as vu à l'écran).",
    "profil_dates_modification": "Quand chaque réponse a été modifiée pour la dernière fois (sert à fusionner "
                                 "tes appareils quand tu te connectes).",
    "formations": "Tes favoris et les formations mises de côté (« pas intéressé »), dans ton ordre.",
    "elements_retires": "Ce que tu as retiré : nous gardons une trace (sans contenu visible pour personne) pour que "
                        "tes autres appareils apprennent le retrait. La suppression du compte efface tout.",
    "liens_agenda": "Les liens d'abonnement de ton agenda à tes étapes (page « Tes étapes ») : un lien désactivé "
                    "ne donne plus rien.",
    "stages": "La préparation de ton stage (les points que tu as cochés) et ton compte-rendu, avec les dates où "
              "tu l'as partagé avec tes professeurs ou as arrêté de le partager.",
}


MARK_KINDS = {"favori": "Favori", "corbeille": "Pas intéressé"}
NOTE_KINDS = {"formation": "Formation proposée par ton professeur", "psyen": "Rendez-vous PsyEN conseillé"}


def _coded(code, labels: dict) -> dict:
    return {"code": code, "libelle": labels.get(code, "(libellé inconnu)")}


def _profile_doc(data: dict, metier_labels: dict[str, str]) -> dict:
    """The stored profile, each code with its label beside it; unanswered fields left out."""
    ref = load_referential()
    out: dict = {}
    for field, labels in (("situation", SITUATION_LABELS), ("classe", CLASSE_LABELS),
                          ("bac", {b.id: b.name for b in ref.bacs.values()}), ("duree", DUREE_LABELS),
                          ("alternance", ALTERNANCE_LABELS)):
        if data.get(field):
            out[field] = _coded(data[field], labels)
    if data.get("specialites"):
        out["specialites"] = list(data["specialites"])
    for field, labels in (("interets", ref.interests), ("domaines", ref.domains), ("metiers", metier_labels)):
        if data.get(field):
            out[field] = [_coded(code, labels) for code in data[field]]
    if data.get("villes"):
        out["villes"] = [v.get("nom") for v in data["villes"] if isinstance(v, dict)]
    if data.get("moyenne") is not None:
        out["moyenne"] = data["moyenne"]
    return out


def _place_label(catalogue, cod) -> str:
    p = catalogue.place(cod) if catalogue is not None else None
    return f"{p.etablissement}, {p.commune}" if p is not None else "(lieu plus proposé)"


def _formation_label(catalogue, fid: str | None) -> str | None:
    if fid is None:
        return None
    f = catalogue.formation(fid) if catalogue is not None else None
    return f.label if f is not None else "(formation plus proposée sur Parcoursup)"


async def export(db: AsyncSession, person_id: str, catalogue=None) -> dict:
    """Everything we hold about the person, in words: codes come with their labels, removed items apart."""
    person = await db.get(Person, person_id)
    if person is None:
        return {"compte": None}
    profile = await db.get(Profile, person_id)
    data = stored_document(profile)
    marks = (await db.scalars(select(FormationMark).where(FormationMark.person_id == person_id)
                              .order_by(FormationMark.position, FormationMark.id))).all()
    metiers = (await db.scalars(select(MetierMark).where(MetierMark.person_id == person_id))).all()
    codes = set(data.get("metiers") or []) | {m.metier_id for m in metiers}
    metier_labels = dict((await db.execute(select(Metier.id, Metier.label).where(Metier.id.in_(codes)))).all()) \
        if codes else {}
    links = (await db.scalars(select(FamilyLink).where(FamilyLink.person_id == person_id))).all()
    joined = (await db.execute(select(SchoolClass, ClassMember.consent_at)
                               .join(ClassMember, ClassMember.class_id == SchoolClass.id)
                               .where(ClassMember.person_id == person_id))).all()
    taught = (await db.scalars(select(SchoolClass).where(SchoolClass.teacher_id == person_id))).all()
    notes = (await db.scalars(select(TeacherNote).where(
        or_(TeacherNote.student_id == person_id, TeacherNote.teacher_id == person_id)))).all()
    feeds = (await db.scalars(select(CalendarFeed).where(CalendarFeed.person_id == person_id))).all()
    events = (await db.scalars(select(ClassEvent).where(ClassEvent.teacher_id == person_id))).all()
    edit_times = edits.parse_edits(profile.edits)["t"] if profile is not None else {}
    return {
        "exporte_le": _iso(datetime.now(timezone.utc)),
        "explications": EXPLANATIONS,
        "compte": {"id": person.id, "email": person.email, "role": person.role, "nom": person.display_name,
                   "cree_le": _iso(person.created_at)},
        "profil": _profile_doc(data, metier_labels) if profile else None,
        "profil_modifie_le": _iso(profile.updated_at) if profile else None,
        "profil_dates_modification": {field: _iso(datetime.fromtimestamp(ms / 1000, timezone.utc))
                                      for field, ms in sorted(edit_times.items())},
        "formations": [{"formation_id": m.formation_id, "formation": _formation_label(catalogue, m.formation_id),
                        "type": _coded(m.kind, MARK_KINDS),
                        **({"ambition": _coded(m.ambition, AMBITION_LABELS)} if m.ambition else {}),
                        "lieux": [{"code": c, "libelle": _place_label(catalogue, c)}
                                  for c in m.places or []],
                        "note": m.note, "modifie_le": _iso(m.updated_at)} for m in marks if not m.deleted],
        "metiers": [{"metier_id": m.metier_id, "metier": metier_labels.get(m.metier_id, "(métier plus répertorié)"),
                     "modifie_le": _iso(m.updated_at)} for m in metiers if not m.deleted],
        "elements_retires": {
            "formations": [{"formation_id": m.formation_id, "formation": _formation_label(catalogue, m.formation_id),
                            "retire_de": "favoris" if m.kind == "favori" else "pas intéressé",
                            "retire_le": _iso(m.updated_at)} for m in marks if m.deleted],
            "metiers": [{"metier_id": m.metier_id, "metier": metier_labels.get(m.metier_id, "(métier plus répertorié)"),
                         "retire_le": _iso(m.updated_at)} for m in metiers if m.deleted],
        },
        "liens_famille": [{"id": link.id, "libelle": link.label, "email": link.email, "cree_le": _iso(link.created_at),
                           "expire_le": _iso(link.expires_at), "desactive_le": _iso(link.revoked_at),
                           "dernier_acces": _iso(link.last_used_at)} for link in links],
        "liens_agenda": [{"id": f.id, "cree_le": _iso(f.created_at), "desactive_le": _iso(f.revoked_at),
                          "dernier_acces": _iso(f.last_used_at)} for f in feeds],
        "evenements_de_classe_ajoutes": [{"titre": e.title, "date": e.day.isoformat(), "classe_id": e.class_id,
                                          "ajoute_le": _iso(e.created_at)} for e in events],
        "classes_rejointes": [{"classe": c.label, "annee": c.school_year, "lycee": c.lycee_name,
                               "accord_donne_le": _iso(at)} for c, at in joined],
        "classes_enseignees": [{"id": c.id, "classe": c.label, "annee": c.school_year, "lycee": c.lycee_name}
                               for c in taught],
        "rappels": await reminders.export_of(db, person_id),
        "stages": await stage_preparation.export_of(db, person_id),
        "messages_enseignants": [{"type": _coded(n.kind, NOTE_KINDS),
                                  "formation_id": n.formation_id, "formation": _formation_label(catalogue, n.formation_id),
                                  "note": n.note, "recu": n.student_id == person_id, "le": _iso(n.created_at)}
                                 for n in notes],
    }


async def delete_person(db: AsyncSession, person_id: str) -> bool:
    """Remove the person and, by cascade, everything about them. True when something was deleted."""
    # Explicit deletes first: they do not depend on the database enforcing cascades.
    await db.execute(delete(TeacherNote).where(or_(TeacherNote.student_id == person_id,
                                                   TeacherNote.teacher_id == person_id)))
    await db.execute(delete(ClassMember).where(ClassMember.person_id == person_id))
    await db.execute(delete(FamilyLink).where(FamilyLink.person_id == person_id))
    await reminders.forget(db, person_id)
    await stage_preparation.forget(db, person_id)
    done = await db.execute(delete(Person).where(Person.id == person_id))
    return done.rowcount > 0


async def erase_account(db: AsyncSession, settings, person_id: str) -> None:
    """Delete the person (delete_person) and the mails to their address still in var/outbox/ (no SMTP set, or
    left from before it was): a sign-in link or a family invitation names them as much as a table row."""
    email = await db.scalar(select(Person.email).where(Person.id == person_id))
    await delete_person(db, person_id)
    if email:
        await asyncio.to_thread(forget_outbox_mails, settings, email)
