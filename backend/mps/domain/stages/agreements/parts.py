"""Each party's part of the agreement, checked then saved into agreement.inputs; the document is then
regenerated (service.refresh), which voids the signatures when something changed after the first one.
Refusals are FieldErrors naming the form's field."""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import StageAgreement
from mps.domain.accounts.roles import ACADEMIC_ADDRESS
from mps.domain.stages.agreements import document as d
from mps.domain.stages.agreements.audit import Actor
from mps.domain.stages.agreements.hours import hhmm, minutes, refusals
from mps.domain.stages.agreements.schemas import HostPartIn, SchoolPartIn, StudentPartIn
from mps.domain.stages.agreements.service import refresh
from mps.domain.stages.board import Board
from mps.lib.errors import FieldError


def _emails_in_use(doc: d.Document, *, but: set[str]) -> dict[str, str]:
    """address -> who already signs with it, except the parts being edited (one person, one signature; the
    same person may sign for both weeks of one organisation)."""
    out = {}
    for s in d.signers(doc):
        part = f"employeur{s.slot}" if s.role == "employeur" else s.role
        if s.email and part not in but:
            out[s.email.lower()] = d.ROLES[s.role].lower()
    return out


def _distinct(doc: d.Document, parts: set[str], field: str, email: str) -> None:
    taken = _emails_in_use(doc, but=parts)
    if email.lower() in taken:
        raise FieldError(field, f"Cette adresse est déjà celle du {taken[email.lower()]} : chaque personne "
                                "signe avec sa propre adresse.")


def _save(agreement: StageAgreement, **parts) -> None:
    inputs = dict(agreement.inputs or {})
    inputs.update(parts)
    agreement.inputs = inputs  # a new dict: the JSON column sees the change


async def save_student(db: AsyncSession, board: Board, agreement: StageAgreement, data: StudentPartIn,
                       actor: Actor) -> None:
    doc = d.from_stored(agreement.document)
    start = d.first_day(doc)
    if start is not None and not 10 <= d.age_on(data.birth_date, start) <= 25:
        raise FieldError("birth_date", "Vérifie ta date de naissance : elle ne correspond pas à un ou une élève.")
    minor = start is None or d.age_on(data.birth_date, start) < 18
    if minor and not (data.guardian_name.strip() and data.guardian_email):
        field = "guardian_name" if not data.guardian_name.strip() else "guardian_email"
        raise FieldError(field, "Tu es mineur ou mineure : indique le nom et l'adresse e-mail de ton représentant "
                                "légal, il ou elle signe aussi.")
    if data.guardian_email:
        if data.guardian_email.lower() == doc.student.email.lower():
            raise FieldError("guardian_email", "C'est ta propre adresse : indique celle de ton représentant légal.")
        _distinct(doc, {"representant"}, "guardian_email", data.guardian_email)
    _save(agreement, student={"last_name": data.last_name.strip(), "first_name": data.first_name.strip(),
                              "birth_date": data.birth_date.isoformat(), "class_label": data.class_label.strip()},
          guardian={"name": data.guardian_name.strip(), "email": data.guardian_email.strip().lower()})
    await refresh(db, board, agreement, actor)


async def save_school(db: AsyncSession, board: Board, agreement: StageAgreement, data: SchoolPartIn,
                      actor: Actor) -> None:
    email = data.head_email.strip().lower()
    if not ACADEMIC_ADDRESS.search(email):
        raise FieldError("head_email", "Indiquez l'adresse académique du chef d'établissement "
                                       "(par exemple ce.0590117g@ac-lille.fr).")
    _distinct(d.from_stored(agreement.document), {"chef"}, "head_email", email)
    _save(agreement, head={"name": data.head_name.strip(), "email": email})
    await refresh(db, board, agreement, actor)


async def save_host(db: AsyncSession, board: Board, agreement: StageAgreement, data: HostPartIn, allowed: set[str],
                    actor: Actor) -> None:
    doc = d.from_stored(agreement.document)
    slot = next((i for i, h in enumerate(doc.hosts) if h.key == data.host), None)
    if slot is None or data.host not in allowed:
        raise FieldError("host", "Cette structure d'accueil n'est pas la vôtre.")
    schedule = d.Schedule(days=tuple(sorted(set(data.days), key=list(d.WEEKDAYS).index)), start=data.start,
                          end=data.end, pause_minutes=data.pause_minutes)
    wrong = refusals(schedule, doc.student.birth_date, doc.hosts[slot].starts_on)
    if wrong:
        field, message = next(iter(wrong.items()))
        raise FieldError(field, message)
    same_org = {f"employeur{i}" for i, h in enumerate(doc.hosts) if h.siret == doc.hosts[slot].siret}
    _distinct(doc, same_org, "signer_email", data.signer_email)
    hosts = dict((agreement.inputs or {}).get("hosts") or {})
    hosts[data.host] = {
        "signer": {"name": data.signer_name.strip(), "function": data.signer_function.strip(),
                   "email": data.signer_email.strip().lower()},
        "tutor": {"name": data.tutor_name.strip(), "function": data.tutor_function.strip(),
                  "email": data.tutor_email.strip().lower(), "phone": data.tutor_phone.strip()},
        "schedule": {"days": list(schedule.days), "start": hhmm(minutes(data.start)), "end": hhmm(minutes(data.end)),
                     "pause_minutes": data.pause_minutes}}
    _save(agreement, hosts=hosts)
    await refresh(db, board, agreement, actor)
