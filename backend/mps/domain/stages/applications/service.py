"""Applications' rules with the database: apply, move along the state machine (states.py), confirm without
ever overselling a seat, expire. No Request here; the caller commits.

Concurrency: a change starts by locking the student (PostgreSQL: SELECT ... FOR UPDATE on their people row;
SQLite: a write as the transaction's first statement, so the whole transaction holds SQLite's single write
lock, as BEGIN IMMEDIATE would). Seats are taken by one conditional UPDATE ... WHERE taken < seats, so two
confirmations never both get the last seat, whatever the database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageApplication, StageApplicationEvent, StageOffer, StageOfferPeriod, StageSeeker
from mps.domain.stages.applications.placement import placement_refusal
from mps.domain.stages.applications.states import (ACTIONS, MAX_PENDING, MOTIVATION_MAX, PENDING, STATUSES,
                                                   refusal)
from mps.domain.stages.applications.store import pending_count, placement_of
from mps.domain.stages.periods import NIVEAUX, period_short
from mps.domain.stages.offers import refresh_open_periods
from mps.lib.errors import FieldError

DEFAULT_EXPIRY_DAYS = 7
AUTO_CANCEL_REASON = "Tu as confirmé un autre stage pour cette période."


@dataclass(frozen=True)
class Actor:
    role: str  # student | employer | system | admin
    person_id: str | None = None


@dataclass
class Change:
    """What a call changed, for the notifications sent after the commit."""
    application: StageApplication
    from_status: str
    to_status: str
    actor: Actor
    reason: str = ""
    also_cancelled: list[StageApplication] = field(default_factory=list)


async def lock_student(db: AsyncSession, student_id: str) -> None:
    """Serialise every change of one student's applications (limit of 5, placement rule, confirmation)."""
    if db.bind.dialect.name == "postgresql":
        await db.execute(select(Person.id).where(Person.id == student_id).with_for_update())
    else:  # a write first: this transaction holds SQLite's write lock until it commits
        await db.execute(update(Person).where(Person.id == student_id).values(role=Person.role)
                         .execution_options(synchronize_session=False))


def check_motivation(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise FieldError("motivation", "Écris quelques lignes de motivation : l'employeur les lira.")
    if len(text) > MOTIVATION_MAX:
        raise FieldError("motivation", f"Ta motivation fait {len(text)} caractères : raccourcis-la à "
                                       f"{MOTIVATION_MAX} au plus (rien n'a été coupé).")
    return text


def check_first_name(text: str) -> str:
    name = " ".join((text or "").split())
    if not name:
        raise FieldError("prenom", "Indique ton prénom : c'est tout ce que l'employeur saura de ton nom avant "
                                   "que tu confirmes le stage.")
    if len(name) > 60:
        raise FieldError("prenom", "Ton prénom dépasse 60 caractères.")
    return name


async def apply(db: AsyncSession, student_id: str, offer: StageOffer, period_code: str, motivation: str,
                first_name: str, now: datetime, today: date) -> StageApplication:
    """A student applies to one period of an offer they can see (the caller checked visibility)."""
    text = check_motivation(motivation)
    name = check_first_name(first_name)
    period = (await db.execute(select(StageOfferPeriod).where(
        StageOfferPeriod.offer_id == offer.id, StageOfferPeriod.code == (period_code or "").strip()))).scalar_one_or_none()
    if period is None:
        raise FieldError("periode", "Choisis une des périodes proposées par cette offre.")
    if period.starts_on <= today:
        raise FieldError("periode", "Cette période a déjà commencé : choisis-en une autre.")
    if period.taken >= period.seats:
        raise FieldError("periode", "Il n'y a plus de place sur cette période.")
    await lock_student(db, student_id)
    seeker = await db.get(StageSeeker, student_id)
    if seeker is not None and seeker.niveau != offer.niveau:
        raise FieldError("periode", f"Cette offre est pour le niveau « {NIVEAUX[offer.niveau]} » et tu as indiqué "
                                    f"« {NIVEAUX.get(seeker.niveau, seeker.niveau)} ».")
    same = (await db.execute(select(StageApplication.id).where(
        StageApplication.student_id == student_id, StageApplication.period_id == period.id,
        StageApplication.status.in_(PENDING + ("confirmed",))))).first()
    if same is not None:
        raise FieldError("periode", "Tu as déjà candidaté à cette offre pour cette période.")
    if await pending_count(db, student_id) >= MAX_PENDING:
        raise FieldError("offre", f"Tu as déjà {MAX_PENDING} candidatures en attente : c'est le maximum. Attends une "
                                  "réponse ou annule une candidature pour en envoyer une nouvelle.")
    confirmed = [a.period_code for a in await placement_of(db, student_id, offer.school_year)]
    why = placement_refusal(offer.niveau, confirmed, period.code)
    if why:
        raise FieldError("periode", why)
    application = StageApplication(student_id=student_id, offer_id=offer.id, period_id=period.id, period_code=period.code,
                           school_year=offer.school_year, status="submitted", motivation=text, first_name=name,
                           school_uai=seeker.school_uai if seeker else "", created_at=now,
                           updated_at=now, reject_reason="", cancel_reason="", cancelled_by="")
    db.add(application)
    await db.flush()
    db.add(_event(application.id, now, Actor("student", student_id), "", "submitted"))
    return application


def _event(application_id: int, now: datetime, actor: Actor, from_status: str, to_status: str,
           reason: str = "") -> StageApplicationEvent:
    return StageApplicationEvent(application_id=application_id, at=now, actor_id=actor.person_id, actor_role=actor.role,
                                 from_status=from_status, to_status=to_status, reason=reason)


async def _move(db: AsyncSession, application: StageApplication, to_status: str, actor: Actor, now: datetime,
                reason: str = "", **values) -> bool:
    """Conditional UPDATE from the state read: False when someone else changed it meanwhile."""
    from_status = application.status
    result = await db.execute(update(StageApplication).where(
        StageApplication.id == application.id, StageApplication.status == from_status)
        .values(status=to_status, updated_at=now, **values).execution_options(synchronize_session=False))
    if result.rowcount != 1:
        return False
    await db.refresh(application)
    db.add(_event(application.id, now, actor, from_status, to_status, reason))
    return True


def _stale(actor: Actor) -> FieldError:
    return FieldError("action", "Cette candidature vient de changer : recharge la page pour voir son état."
                      if actor.role == "student" else
                      "Cette candidature vient de changer : rechargez la page pour voir son état.")


async def _free_seat(db: AsyncSession, application: StageApplication) -> None:
    await db.execute(update(StageOfferPeriod).where(StageOfferPeriod.id == application.period_id, StageOfferPeriod.taken > 0)
                     .values(taken=StageOfferPeriod.taken - 1).execution_options(synchronize_session=False))
    await refresh_open_periods(db, application.offer_id)


async def move(db: AsyncSession, application: StageApplication, action: str, actor: Actor, now: datetime,
               reason: str = "", expiry_days: int = DEFAULT_EXPIRY_DAYS) -> Change:
    """Apply an action word (states.ACTIONS: read, accept, reject, confirm, cancel) or `expire` for an actor
    already known to be allowed to see the application; FieldError naming `action` or `reason` otherwise."""
    to_status = "expired" if action == "expire" else ACTIONS.get(action)
    if to_status is None:
        raise FieldError("action", "Action inconnue : " + ", ".join(ACTIONS) + ".")
    if to_status == "confirmed":
        return await confirm(db, application, actor, now)
    await lock_student(db, application.student_id)
    await db.refresh(application)
    reason = (reason or "").strip()
    why = refusal(application.status, to_status, actor.role, reason)
    if why:
        raise FieldError("reason" if "raison" in why else "action", why)
    from_status = application.status
    values: dict = {}
    if to_status == "read":
        values = {"read_at": now}
    elif to_status == "accepted":
        values = {"read_at": application.read_at or now, "decided_at": now, "expires_at": now + timedelta(days=expiry_days)}
    elif to_status == "rejected":
        values = {"read_at": application.read_at or now, "decided_at": now, "reject_reason": reason}
    elif to_status == "cancelled":
        values = {"cancel_reason": reason, "cancelled_by": actor.role}
    if not await _move(db, application, to_status, actor, now, reason, **values):
        raise _stale(actor)
    if from_status == "confirmed":
        await _free_seat(db, application)
    return Change(application, from_status, to_status, actor, reason)


async def confirm(db: AsyncSession, application: StageApplication, actor: Actor, now: datetime) -> Change:
    """The student confirms an accepted application: one seat taken if one is left (a conditional UPDATE),
    then their other pending applications that no longer fit are cancelled."""
    await lock_student(db, application.student_id)
    await db.refresh(application)
    why = refusal(application.status, "confirmed", actor.role)
    if why:
        raise FieldError("action", why)
    if application.expires_at is not None and application.expires_at <= now:
        raise FieldError("action", "Le délai pour confirmer ce stage est dépassé.")
    offer = await db.get(StageOffer, application.offer_id)
    placed = await placement_of(db, application.student_id, application.school_year)
    confirmed = [a.period_code for a in placed if a.id != application.id]
    why = placement_refusal(offer.niveau, confirmed, application.period_code)
    if why:
        raise FieldError("action", why)
    seat = await db.execute(update(StageOfferPeriod).where(
        StageOfferPeriod.id == application.period_id, StageOfferPeriod.taken < StageOfferPeriod.seats)
        .values(taken=StageOfferPeriod.taken + 1).execution_options(synchronize_session=False))
    if seat.rowcount != 1:
        raise FieldError("action", "Toutes les places de cette période viennent d'être prises : ce stage ne peut "
                                   "plus être confirmé. Regarde les autres offres.")
    if not await _move(db, application, "confirmed", actor, now, confirmed_at=now):
        await _free_seat(db, application)  # the employer cancelled meanwhile: give the seat back
        raise _stale(actor)
    await refresh_open_periods(db, application.offer_id)
    change = Change(application, "accepted", "confirmed", actor)
    placed = confirmed + [application.period_code]
    others = (await db.execute(select(StageApplication).where(
        StageApplication.student_id == application.student_id, StageApplication.school_year == application.school_year,
        StageApplication.status.in_(PENDING), StageApplication.id != application.id))).scalars().all()
    system = Actor("system")
    for other in others:
        other_offer = await db.get(StageOffer, other.offer_id)
        if other_offer.niveau == offer.niveau and placement_refusal(offer.niveau, placed, other.period_code):
            if await _move(db, other, "cancelled", system, now, AUTO_CANCEL_REASON,
                           cancel_reason=AUTO_CANCEL_REASON, cancelled_by="system"):
                change.also_cancelled.append(other)
    return change


async def due_for_expiry(db: AsyncSession, now: datetime) -> list[StageApplication]:
    rows = await db.execute(select(StageApplication).where(
        StageApplication.status == "accepted", StageApplication.expires_at <= now).order_by(StageApplication.id))
    return list(rows.scalars())


async def due_for_reminder(db: AsyncSession, now: datetime, before: timedelta) -> list[StageApplication]:
    """Acceptances that expire within `before` and were not reminded yet."""
    rows = await db.execute(select(StageApplication).where(
        StageApplication.status == "accepted", StageApplication.expires_at > now,
        StageApplication.expires_at <= now + before, StageApplication.expiry_reminded_at.is_(None))
        .order_by(StageApplication.id))
    return list(rows.scalars())


async def mark_reminded(db: AsyncSession, application: StageApplication, now: datetime) -> bool:
    """Claim the reminder (one per acceptance, even with two job workers)."""
    result = await db.execute(update(StageApplication).where(
        StageApplication.id == application.id, StageApplication.expiry_reminded_at.is_(None),
        StageApplication.status == "accepted").values(expiry_reminded_at=now)
        .execution_options(synchronize_session=False))
    return result.rowcount == 1


def status_label(status: str) -> str:
    return STATUSES.get(status, status)


def period_text(application: StageApplication) -> str:
    return period_short(application.period_code)
