"""Who sees an agreement and what each one may fill in. Anyone else gets the same 404 as for an agreement
that does not exist (no one learns that a classmate has one).

- the student: sees it, fills their identity and legal representative (and may name the head of school);
- a member of a host structure's team: sees it, fills their structure's part;
- the school: a teacher of the student (a class at the agreement's school that the student joined, with consent),
  or the person whose address is the head's: sees it, names the head of school, exports the audit trail. A class
  opened at the school is not enough: any academic address may open one in any lycée;
- an admin: sees everything, exports the audit trail."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import ClassMember, Person, SchoolClass, StageAgreement, StageMember, StageOffer
from mps.lib.errors import NotFound

HIDDEN = "Cette convention n'existe pas, ou tu n'y as pas accès."


@dataclass
class Access:
    student: bool = False
    school: bool = False
    admin: bool = False
    host_keys: set[str] = field(default_factory=set)  # host structures whose part this person fills

    @property
    def any(self) -> bool:
        return self.student or self.school or self.admin or bool(self.host_keys)

    @property
    def audit(self) -> bool:
        return self.school or self.admin

    @property
    def role(self) -> str:
        """The role written in the audit trail for what this person does on the page."""
        return "eleve" if self.student else "employeur" if self.host_keys else "chef" if self.school else "admin"


def taught_by(teacher_id: str):
    """SQL condition on StageAgreement: its student joined one of this teacher's classes at its school."""
    return exists().where(SchoolClass.teacher_id == teacher_id, SchoolClass.lycee_uai == StageAgreement.school_uai,
                          ClassMember.class_id == SchoolClass.id, ClassMember.person_id == StageAgreement.student_id)


async def access_of(db: AsyncSession, person: Person | None, agreement: StageAgreement) -> Access:
    if person is None:
        return Access()
    a = Access(student=person.id == agreement.student_id, admin=person.role == "admin")
    head_email = ((agreement.inputs or {}).get("head") or {}).get("email", "")
    if person.role == "enseignant":
        a.school = (await db.execute(select(StageAgreement.id).where(
            StageAgreement.id == agreement.id, taught_by(person.id)))).scalar_one_or_none() is not None
    if person.email and head_email and person.email.lower() == head_email.lower() and not a.student:
        a.school = True
    member = await db.get(StageMember, person.id) if person.role == "employeur" else None
    if member is not None:
        for host in (agreement.document or {}).get("hosts") or []:
            offer = await db.get(StageOffer, host.get("offer_id"))
            if offer is not None and offer.organisation_id == member.organisation_id:
                a.host_keys.add(host["key"])
    return a


async def require(db: AsyncSession, person: Person | None, agreement: StageAgreement) -> Access:
    access = await access_of(db, person, agreement)
    if not access.any:
        raise NotFound(HIDDEN)
    return access
