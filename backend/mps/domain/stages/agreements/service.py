"""The agreement's life: built from the confirmed placement (applications), the offer, the host structures,
the school and what the parties typed; regenerated and re-hashed whenever it is read or changed. Once a
first signature froze the hash, a different hash voids every signature; from then on what the offer says
(title, activities, address, organisation) stays as signed, so an employer editing the offer for other
students changes no convention being signed or signed.

Mails follow what changes for each signatory, once: the link when they first get one (or a new one, their
person changed), one « signature à refaire » carrying it when theirs was voided, « signée » at the end.
Nobody is mailed again for a link they already have. No Request here (docs/architecture.md): pages pass an
audit.Actor."""
from __future__ import annotations

import secrets

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import (ClassMember, Lycee, Person, SchoolClass, StageAgreement, StageAgreementSignatory,
                           StageMember, StageOffer, StageOfferPeriod, StageOrganisation, StageSeeker)
from mps.domain.stages.agreements import document as d
from mps.domain.stages.agreements.audit import Actor, now_utc, record
from mps.domain.stages.agreements.concurrency import ChangedMeanwhile, claim
from mps.domain.stages.agreements.mails import invitation_mail, signed_mail, to_fill_mail, voided_mail
from mps.domain.stages.board import Board
from mps.lib.errors import FieldError, NotFound

STATUSES = {"draft": "À compléter", "signing": "En cours de signature", "signed": "Signée par tous"}


async def confirmed_placement(db: AsyncSession, student_id: str, school_year: int) -> list:
    """The student's confirmed applications of the year (issue 15, applications)."""
    from mps.domain.stages.applications.store import placement_of
    return await placement_of(db, student_id, school_year)


async def school_of(db: AsyncSession, board: Board, student_id: str) -> tuple[str, str, str] | None:
    """(UAI, name, commune) of the student's school: the one told the board, else their class's."""
    seeker = await db.get(StageSeeker, student_id)
    uai = seeker.school_uai if seeker and seeker.school_uai else None
    if uai is None:
        uai = (await db.execute(select(SchoolClass.lycee_uai).join(ClassMember, ClassMember.class_id == SchoolClass.id)
                                .where(ClassMember.person_id == student_id).limit(1))).scalar_one_or_none()
    if not uai:
        return None
    school = board.school(uai)
    if school is not None:
        return school.uai, school.name, school.commune
    lycee = await db.get(Lycee, uai)
    return (uai, lycee.name, lycee.commune) if lycee else (uai, uai, "")


def _party(raw) -> d.Party:
    return d.Party(**{k: str(v) for k, v in (raw or {}).items() if k in ("name", "email", "function", "phone")})


# A host's fields that come from the offer and its organisation: kept as signed from the first signature on.
FROM_OFFER = ("organisation", "siret", "employer_kind", "offer_title", "activities", "address", "commune", "postcode")


def _as_signed(agreement: StageAgreement) -> dict[str, dict]:
    """Host key -> its offer's fields in the document the first signature froze (none before)."""
    if agreement.frozen_hash is None:
        return {}
    return {h["key"]: {k: h[k] for k in FROM_OFFER if k in h} for h in (agreement.document or {}).get("hosts", ())}


async def _host(db: AsyncSession, application, inputs: dict, signed: dict[str, dict]) -> d.Host | None:
    offer = await db.get(StageOffer, application.offer_id)
    if offer is None:
        return None
    org = await db.get(StageOrganisation, offer.organisation_id)
    period = (await db.execute(select(StageOfferPeriod).where(
        StageOfferPeriod.offer_id == offer.id, StageOfferPeriod.code == application.period_code))).scalar_one_or_none()
    if org is None or period is None:
        return None
    key = f"a{application.id}"
    own = (inputs.get("hosts") or {}).get(key) or {}
    sched = own.get("schedule") or {}
    offer_says = {"organisation": org.name, "siret": org.siret, "employer_kind": org.employer_kind,
                  "offer_title": offer.title, "activities": offer.description, "address": offer.address,
                  "commune": offer.commune, "postcode": offer.postcode, **signed.get(key, {})}
    return d.Host(key=key, offer_id=offer.id, **offer_says, period_code=period.code,
                  starts_on=period.starts_on, ends_on=period.ends_on, signer=_party(own.get("signer")),
                  tutor=_party(own.get("tutor")),
                  schedule=d.Schedule(days=tuple(sched.get("days") or ()), start=str(sched.get("start") or ""),
                                      end=str(sched.get("end") or ""), pause_minutes=int(sched.get("pause_minutes") or 0)))


async def build_document(db: AsyncSession, board: Board, agreement: StageAgreement) -> d.Document:
    inputs = agreement.inputs or {}
    student = await db.get(Person, agreement.student_id)
    placement = sorted(await confirmed_placement(db, agreement.student_id, agreement.school_year),
                       key=lambda a: (a.period_code, a.id))
    signed = _as_signed(agreement)
    hosts = [h for h in [await _host(db, a, inputs, signed) for a in placement] if h is not None]
    hosts.sort(key=lambda h: (h.starts_on, h.key))
    s = inputs.get("student") or {}
    birth = s.get("birth_date")
    school = await school_of(db, board, agreement.student_id) or (agreement.school_uai, agreement.school_uai, "")
    niveau = next((o.niveau for o in [await db.get(StageOffer, h.offer_id) for h in hosts[:1]] if o), "seconde")
    return d.Document(
        model=d.MODEL_VERSION, reference=f"MPS-{agreement.school_year}-{agreement.id:06d}",
        school_year=agreement.school_year, niveau=niveau,
        student=d.Student(last_name=str(s.get("last_name") or ""), first_name=str(s.get("first_name") or ""),
                          birth_date=d.date.fromisoformat(birth) if birth else None,
                          class_label=str(s.get("class_label") or ""), email=(student.email or "") if student else ""),
        guardian=_party(inputs.get("guardian")),
        school=d.School(uai=school[0], name=school[1], commune=school[2], head=_party(inputs.get("head"))),
        hosts=tuple(hosts))


async def open_agreement(db: AsyncSession, board: Board, student_id: str, school_year: int,
                         actor: Actor) -> StageAgreement:
    """The student's agreement of the year, created from a confirmed placement on first use."""
    found = await agreement_of(db, student_id, school_year)
    if found is not None:
        return found
    if not await confirmed_placement(db, student_id, school_year):
        raise FieldError("stage", "Ta convention se prépare quand un stage est confirmé : confirme d'abord "
                                  "la proposition d'un employeur.")
    school = await school_of(db, board, student_id)
    if school is None:
        raise FieldError("etablissement", "Indique d'abord ton établissement sur la page des stages : la "
                                          "convention est signée par ton chef d'établissement.")
    now = now_utc()
    agreement = StageAgreement(student_id=student_id, school_year=school_year, school_uai=school[0], inputs={}, host_orgs="",
                               document={}, doc_hash="", status="draft", restarts=0, created_at=now, updated_at=now)
    try:
        async with db.begin_nested():
            db.add(agreement)
    except IntegrityError:  # opened at the same time from another tab
        return await agreement_of(db, student_id, school_year)
    record(db, agreement, "cree", actor)
    doc = await refresh(db, board, agreement, actor)
    await _ask_parties(db, agreement, doc, actor)
    return agreement


async def _ask_parties(db: AsyncSession, agreement: StageAgreement, doc: d.Document, actor: Actor) -> None:
    """The host structures' teams and the student's teachers at that school learn that their part waits."""
    orgs = [int(o) for o in agreement.host_orgs.strip("|").split("|") if o]
    hosts = await db.execute(select(Person.email).join(StageMember, StageMember.person_id == Person.id)
                             .where(StageMember.organisation_id.in_(orgs)))
    teachers = await db.execute(select(Person.email).join(SchoolClass, SchoolClass.teacher_id == Person.id)
                                .join(ClassMember, ClassMember.class_id == SchoolClass.id)
                                .where(ClassMember.person_id == agreement.student_id,
                                       SchoolClass.lycee_uai == agreement.school_uai))
    for side, emails in (("host", hosts.scalars()), ("school", teachers.scalars())):
        for email in sorted({e for e in emails if e}):
            actor.mails.append(to_fill_mail(actor, email, doc, agreement.id, side))


async def agreement_of(db: AsyncSession, student_id: str, school_year: int) -> StageAgreement | None:
    return (await db.execute(select(StageAgreement).where(StageAgreement.student_id == student_id,
                                                          StageAgreement.school_year == school_year))).scalar_one_or_none()


async def agreement_status_for(db: AsyncSession, student_id: str, school_year: int) -> str:
    """none | draft | signing | signed: for the preparation checklist and the teacher's view."""
    agreement = await agreement_of(db, student_id, school_year)
    return agreement.status if agreement else "none"


async def agreement_status(db: AsyncSession, application_id: int) -> str:
    """The status of the agreement an application belongs to (its student, its offer's school year), for the
    student's checklist: « voided » while signatures voided by a change are not all given again."""
    from mps.domain.stages.applications.store import application_for
    application = await application_for(db, application_id)
    offer = await db.get(StageOffer, application.offer_id) if application else None
    agreement = await agreement_of(db, application.student_id, offer.school_year) if offer else None
    if agreement is None:
        return "none"
    return "voided" if agreement.restarts and agreement.status != "signed" else agreement.status


async def signatories(db: AsyncSession, agreement_id: int) -> list[StageAgreementSignatory]:
    """As stored now (populate_existing): a signature another request committed since these rows were read
    counts, both to void it and to see that everybody signed. Pending changes are flushed first (autoflush)."""
    rows = await db.execute(select(StageAgreementSignatory).where(StageAgreementSignatory.agreement_id == agreement_id)
                            .execution_options(populate_existing=True))
    order = list(d.ROLES)
    return sorted(rows.scalars(), key=lambda s: (order.index(s.role) if s.role in order else 9, s.slot))


async def _sync_signatories(db: AsyncSession, agreement: StageAgreement, doc: d.Document) -> None:
    """Rows follow the document's signers; a row whose person changed gets a new link nonce (old links die)
    and is to be invited (invited_at None)."""
    rows = {(s.role, s.slot): s for s in await signatories(db, agreement.id)}
    wanted = {(s.role, s.slot): s for s in d.signers(doc)}
    for key, row in rows.items():
        if key not in wanted:
            await db.delete(row)
    for key, signer in wanted.items():
        row = rows.get(key)
        if row is None:
            row = StageAgreementSignatory(agreement_id=agreement.id, role=signer.role, slot=signer.slot,
                                          failed_attempts=0)
            db.add(row)
        if row.name != signer.name or row.email != signer.email.lower():
            row.name, row.email, row.link_nonce = signer.name, signer.email.lower(), secrets.token_hex(16)
            row.invited_at, row.code_hash, row.code_expires_at = None, None, None
    await db.flush()


def _void(agreement: StageAgreement, rows: list, actor: Actor) -> list:
    """Every signature voided; those who had signed (returned) are to be mailed their link again."""
    signed = [r for r in rows if r.signed_at is not None]
    for r in rows:
        r.signed_at = r.signed_hash = r.code_hash = r.code_expires_at = r.code_sent_at = None
    for r in signed:
        r.invited_at = None
    agreement.frozen_hash = None
    agreement.restarts += 1
    return signed


async def refresh(db: AsyncSession, board: Board, agreement: StageAgreement, actor: Actor) -> d.Document:
    """Regenerate the document from today's data. A new hash after the first signature voids them all."""
    doc = await build_document(db, board, agreement)
    new_hash = d.document_hash(doc)
    if new_hash == agreement.doc_hash:
        return doc
    first = not agreement.doc_hash
    if not await claim(db, agreement, agreement.doc_hash, new_hash):
        if agreement.doc_hash == new_hash:  # another request regenerated the same document meanwhile
            return doc
        raise ChangedMeanwhile()
    agreement.document, agreement.doc_hash, agreement.updated_at = d.to_stored(doc), new_hash, now_utc()
    orgs = [(await db.get(StageOffer, h.offer_id)).organisation_id for h in doc.hosts]
    agreement.host_orgs = "|" + "|".join(str(o) for o in sorted(set(orgs))) + "|" if orgs else ""
    if not first:
        record(db, agreement, "modifiee", actor)
    await _sync_signatories(db, agreement, doc)
    rows = await signatories(db, agreement.id)
    voided = []
    if agreement.frozen_hash is not None:
        voided = _void(agreement, rows, actor)
        record(db, agreement, "annulees", actor, detail=f"{len(voided)} signature(s) annulée(s), lien renvoyé à "
                                                        "chacun de leurs signataires")
    agreement.status = "draft" if d.missing(doc) else "signing"
    for r in voided:  # one mail each, with their link when it can be signed (else an invitation follows later)
        actor.mails.append(voided_mail(actor, r, doc))
        if agreement.status == "signing":
            r.invited_at = now_utc()
    if agreement.status == "signing":
        for r in rows:
            if r.invited_at is None:  # never mailed the link they hold now
                await invite_signatory(db, agreement, doc, r, actor)
    return doc


async def invite_signatory(db: AsyncSession, agreement: StageAgreement, doc: d.Document,
                           row: StageAgreementSignatory, actor: Actor) -> None:
    """Queue the e-mail with the signatory's link (pages send it with the site's address)."""
    row.invited_at = now_utc()
    actor.mails.append(invitation_mail(actor, row, doc))
    record(db, agreement, "invitation", actor, detail=f"{d.ROLES[row.role]} : {row.name} <{row.email}>")


async def new_link(db: AsyncSession, agreement: StageAgreement, doc: d.Document, row: StageAgreementSignatory,
                   actor: Actor) -> None:
    """A party asks for the link again: a new nonce, so that only the latest link works."""
    if agreement.status != "signing" or row.signed_at is not None:
        raise FieldError("signataire", "Cette personne a déjà signé, ou la convention n'est pas à signer.")
    row.link_nonce = secrets.token_hex(16)
    await invite_signatory(db, agreement, doc, row, actor)


def complete(agreement: StageAgreement, rows: list, doc: d.Document, actor: Actor) -> bool:
    if rows and all(r.signed_at is not None for r in rows):
        agreement.status = "signed"
        for r in rows:
            actor.mails.append(signed_mail(actor, r, doc))
        return True
    return False


async def agreement_by_id(db: AsyncSession, agreement_id: int) -> StageAgreement:
    agreement = await db.get(StageAgreement, agreement_id)
    if agreement is None:
        raise NotFound("Cette convention n'existe pas, ou tu n'y as pas accès.")
    return agreement
