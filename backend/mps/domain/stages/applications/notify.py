"""Who hears of a change of an application, and what they read.

E-mail at once, after the change is committed (SMTP, or var/outbox/ on the embedded default): the student for
read / accepted / rejected / cancelled by the other side / expired, and the expiry reminder; the employer's
team for a new application, a confirmation, a cancellation by the student. Push to the student's devices (and
to the team's, for a new application) goes through the reminders' scheduler: `push_notices` feeds one of its sources (claimed once per device).
Before confirmation the employer learns the student's first name, school and level only, never their e-mail."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import NamedTuple
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person, StageApplication, StageApplicationEvent, StageOffer
from mps.domain.stages.board import PARIS, Board
from mps.domain.stages.periods import NIVEAUX, period_short
from mps.domain.stages.organisations import team

Mail = tuple[str, str, str]  # (to, subject, text)
Mailer = Callable[[str, str, str], Awaitable[None]]
STUDENT_PAGE = "/stages/candidatures"
EXPIRY_REMINDER = timedelta(hours=48)
PUSH_WINDOW = timedelta(days=2)  # a push not delivered by then (quiet hours, phone off) is not worth sending


def employer_page(offer_id: int) -> str:
    return f"/stages/employeur/offres/{offer_id}/candidatures"


def when(moment: datetime) -> str:
    """« 12/06 à 17 h 05 », Paris time."""
    local = moment.astimezone(PARIS)
    return f"{local.day}/{local.month:02d} à {local.hour} h {local.minute:02d}"


def student_words(application: StageApplication, offer: StageOffer, to_status: str, reason: str) -> tuple[str, str] | None:
    """(title, sentence) the student reads when `application` reaches `to_status`; None when they are not told."""
    what = f"« {offer.title} » ({period_short(application.period_code)})"
    if to_status == "read":
        return "Candidature lue", f"L'employeur a lu ta candidature pour {what}."
    if to_status == "accepted":
        return ("Candidature acceptée", f"Bonne nouvelle : ta candidature pour {what} est acceptée. Confirme ton "
                f"stage avant le {when(application.expires_at)}, sinon la place sera proposée à d'autres élèves.")
    if to_status == "rejected":
        return "Candidature refusée", f"Ta candidature pour {what} n'a pas été retenue. Raison donnée : {reason}"
    if to_status == "expired":
        return ("Acceptation expirée", f"Tu n'as pas confirmé à temps le stage {what} : la place est rendue. "
                "Tu peux chercher d'autres offres.")
    if to_status == "cancelled" and application.cancelled_by in ("employer", "admin"):
        return "Candidature annulée", f"Ta candidature pour {what} a été annulée. Raison donnée : {reason}"
    if to_status == "reminder":
        return ("Confirme ton stage", f"Ta candidature pour {what} est acceptée : confirme-la avant le "
                f"{when(application.expires_at)}, sinon la place sera rendue.")
    return None


def employer_words(application: StageApplication, offer: StageOffer, to_status: str, reason: str, school: str,
                   email: str | None) -> tuple[str, str] | None:
    who = f"{application.first_name} ({NIVEAUX.get(offer.niveau, offer.niveau)}{', ' + school if school else ''})"
    what = f"« {offer.title} » ({period_short(application.period_code)})"
    if to_status == "submitted":
        return "Nouvelle candidature", f"{who} candidate à votre offre {what}. Lisez sa motivation et répondez-lui."
    if to_status == "confirmed":
        contact = f" Vous pouvez maintenant lui écrire à {email}." if email else ""
        return "Stage confirmé", f"{who} a confirmé son stage {what}.{contact}"
    if to_status == "cancelled" and application.cancelled_by in ("student", "system"):
        return "Candidature annulée", f"{who} a annulé sa candidature pour {what}. Raison donnée : {reason}"
    return None


async def mails_for(db: AsyncSession, board: Board | None, application: StageApplication, to_status: str, reason: str,
                    origin: str) -> list[Mail]:
    offer = await db.get(StageOffer, application.offer_id)
    student = await db.get(Person, application.student_id)
    mails: list[Mail] = []
    words = student_words(application, offer, to_status, reason)
    if words and student is not None and student.email:
        mails.append((student.email, f"Ton stage : {words[0].lower()}",
                      f"Bonjour {application.first_name},\n\n{words[1]}\n\nTes candidatures : {origin}{STUDENT_PAGE}\n\n"
                      "— MonProjetSup, le service public d'orientation\n"))
    school = board.school(application.school_uai) if board is not None else None
    email = student.email if student is not None and to_status == "confirmed" else None
    words = employer_words(application, offer, to_status, reason, school.label if school else "", email)
    if words:
        for member in await team(db, offer.organisation_id):
            if member.email:
                mails.append((member.email, f"{words[0]} : {offer.title[:80]}",
                              f"Bonjour,\n\n{words[1]}\n\nLes candidatures reçues : {origin}"
                              f"{employer_page(offer.id)}\n\n— MonProjetSup, stages de seconde et de 3e\n"))
    return mails


async def send_all(mailer: Mailer, mails: list[Mail]) -> int:
    """Send each mail; one that fails (SMTP away) does not stop the others nor undo the change."""
    sent = 0
    for to, subject, text in mails:
        try:
            await mailer(to, subject, text)
            sent += 1
        except Exception:  # noqa: BLE001 - the change is committed; the page says it, the mail is best effort
            continue
    return sent


class Push(NamedTuple):
    """A push to a person's devices; the reminders' scheduler sends it (claimed once per device)."""
    person_id: str
    key: str
    at: datetime  # when it became due
    title: str
    body: str
    url: str = STUDENT_PAGE


async def push_notices(db: AsyncSession, now: datetime) -> list[Push]:
    """The pushes due now: each change the student is told of (PUSH_WINDOW back), and the reminder of an
    acceptance that expires within EXPIRY_REMINDER. A pure read; the scheduler's claim sends each once."""
    notices = []
    rows = await db.execute(select(StageApplicationEvent, StageApplication, StageOffer)
                            .join(StageApplication, StageApplication.id == StageApplicationEvent.application_id)
                            .join(StageOffer, StageOffer.id == StageApplication.offer_id)
                            .where(StageApplicationEvent.at > now - PUSH_WINDOW, StageApplicationEvent.at <= now,
                                   StageApplicationEvent.to_status.in_(("read", "accepted", "rejected", "expired",
                                                                        "cancelled"))))
    for event, application, offer in rows.all():
        if event.to_status == "cancelled" and event.actor_role not in ("employer", "admin"):
            continue
        words = student_words(application, offer, event.to_status, event.reason)
        if words:
            notices.append(Push(application.student_id, f"stage-candidature/{application.id}/{event.id}", event.at,
                                words[0], words[1][:200]))
    rows = await db.execute(select(StageApplicationEvent, StageApplication, StageOffer)
                            .join(StageApplication, StageApplication.id == StageApplicationEvent.application_id)
                            .join(StageOffer, StageOffer.id == StageApplication.offer_id)
                            .where(StageApplicationEvent.at > now - PUSH_WINDOW, StageApplicationEvent.at <= now,
                                   StageApplicationEvent.to_status == "submitted"))
    for event, application, offer in rows.all():  # a new application: each member of the offer's team
        for member in await team(db, offer.organisation_id):
            notices.append(Push(member.id, f"stage-candidature/{application.id}/{event.id}/equipe", event.at,
                                "Nouvelle candidature", f"{application.first_name} postule à « {offer.title} »."[:200],
                                employer_page(offer.id)))
    rows = await db.execute(select(StageApplication, StageOffer)
                            .join(StageOffer, StageOffer.id == StageApplication.offer_id)
                            .where(StageApplication.status == "accepted", StageApplication.expires_at > now,
                                   StageApplication.expires_at <= now + EXPIRY_REMINDER))
    for application, offer in rows.all():
        title, body = student_words(application, offer, "reminder", "")
        notices.append(Push(application.student_id, f"stage-candidature/{application.id}/rappel-expiration",
                            application.expires_at - EXPIRY_REMINDER, title, body[:200]))
    return notices
