"""Subscriptions and choices: what the settings page and the API read and write (never a Request)."""
from __future__ import annotations

import base64
import binascii
from datetime import datetime, timezone
from urllib.parse import SplitResult, urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import PushSubscription, ReminderDelivery, ReminderPreferences
from mps.domain.reminders.choices import Choices, check_kinds, check_zone, parse_hhmm
from mps.domain.reminders.public_net import is_push_service
from mps.lib.errors import FieldError, NotFound

MAX_DEVICES = 20  # per person: a phone, a tablet, a computer… and their reinstalls
MAX_ENDPOINT = 1024


def _b64(field: str, text: str, size: int) -> bytes:
    try:
        raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) != size:
        raise FieldError(field, "clé d'abonnement illisible")
    return raw


def check_subscription(endpoint: str, p256dh: str, auth: str, allow_local: bool = False) -> None:
    """An endpoint is an https URL of a browser's push service (not any site, nor our network), and the keys are a
    P-256 point and a 16-byte secret: what a browser's pushManager gives, nothing that would fail later."""
    parts = urlsplit(endpoint)
    host = parts.hostname or ""
    if len(endpoint) > MAX_ENDPOINT or parts.scheme not in ("https", "http") or not host:
        raise FieldError("endpoint", "adresse d'abonnement invalide")
    try:
        port = parts.port
    except ValueError:  # not a number, or past 65535
        raise FieldError("endpoint", "adresse d'abonnement invalide") from None
    if not allow_local and not _push_service(parts, port):
        raise FieldError("endpoint", "adresse d'abonnement invalide")
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), _b64("keys.p256dh", p256dh, 65))
    except ValueError:
        raise FieldError("keys.p256dh", "clé d'abonnement illisible") from None
    _b64("keys.auth", auth, 16)


def _push_service(parts: SplitResult, port: int | None) -> bool:
    """https on the default port to a browser's push service (public_net.is_push_service), no userinfo nor
    backslash. Any public host was taken: an account made the server post to any site of the internet at each
    reminder (« https://victim.example/webhook », « https://fcm.googleapis.com@evil.example/ »)."""
    return (parts.scheme == "https" and port in (None, 443) and parts.username is None and "\\" not in parts.netloc
            and is_push_service(parts.hostname or ""))


async def subscribe(db: AsyncSession, person_id: str, endpoint: str, p256dh: str, auth: str, label: str,
                    allow_local: bool = False) -> PushSubscription:
    """Add this device, or take it over (the same browser, now signed in to another account, or new keys)."""
    check_subscription(endpoint, p256dh, auth, allow_local)
    row = await db.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if row is None:
        count = len((await db.scalars(select(PushSubscription.id).where(
            PushSubscription.person_id == person_id))).all())
        if count >= MAX_DEVICES:
            raise FieldError("endpoint", f"{MAX_DEVICES} appareils au plus : retire d'abord un ancien appareil")
        row = PushSubscription(endpoint=endpoint, created_at=datetime.now(timezone.utc))
        db.add(row)
    row.person_id, row.p256dh, row.auth, row.label = person_id, p256dh, auth, label[:80]
    await db.flush()
    return row


async def renew(db: AsyncSession, old_endpoint: str, endpoint: str, p256dh: str, auth: str,
                allow_local: bool = False) -> bool:
    """The browser replaced its subscription (pushsubscriptionchange): knowing the old endpoint, a secret
    only that device and we hold, is what proves it is the same device."""
    check_subscription(endpoint, p256dh, auth, allow_local)
    row = await db.scalar(select(PushSubscription).where(PushSubscription.endpoint == old_endpoint))
    if row is None:
        return False
    if old_endpoint != endpoint:
        await db.execute(delete(PushSubscription).where(PushSubscription.endpoint == endpoint))
    row.endpoint, row.p256dh, row.auth = endpoint, p256dh, auth
    await db.flush()
    return True


async def devices(db: AsyncSession, person_id: str) -> list[PushSubscription]:
    return list((await db.scalars(select(PushSubscription).where(PushSubscription.person_id == person_id)
                                  .order_by(PushSubscription.created_at, PushSubscription.id))).all())


async def remove_device(db: AsyncSession, person_id: str, device_id: int) -> None:
    done = await db.execute(delete(PushSubscription).where(PushSubscription.id == device_id,
                                                           PushSubscription.person_id == person_id))
    if not done.rowcount:
        raise NotFound("appareil inconnu")


async def remove_endpoint(db: AsyncSession, person_id: str, endpoint: str) -> None:
    await db.execute(delete(PushSubscription).where(PushSubscription.endpoint == endpoint,
                                                    PushSubscription.person_id == person_id))


def _choices(row: ReminderPreferences | None) -> Choices:
    if row is None:
        return Choices()
    return Choices(kinds=frozenset(k for k in row.kinds.split(",") if k), quiet_start=row.quiet_start,
                   quiet_end=row.quiet_end, time_zone=row.time_zone, email=row.email)


async def choices_of(db: AsyncSession, person_id: str) -> Choices:
    return _choices(await db.get(ReminderPreferences, person_id))


async def choices_for(db: AsyncSession, person_ids: set[str]) -> dict[str, Choices]:
    """Everyone's choices at once (the scheduler); people who never chose get the defaults."""
    rows = {}
    ids = sorted(person_ids)
    for start in range(0, len(ids), 500):
        rows.update({r.person_id: r for r in (await db.scalars(select(ReminderPreferences).where(
            ReminderPreferences.person_id.in_(ids[start:start + 500])))).all()})
    return {pid: _choices(rows.get(pid)) for pid in person_ids}


async def save_choices(db: AsyncSession, person_id: str, kinds: list[str], quiet_start: str, quiet_end: str,
                       time_zone: str, email: bool) -> Choices:
    chosen = check_kinds(kinds)
    # Stored as read, « 21:00 », whatever was typed around it: « 21:00\n » (6 characters) was a 500 on PostgreSQL.
    quiet_start = parse_hhmm("quiet_start", quiet_start).strftime("%H:%M")
    quiet_end = parse_hhmm("quiet_end", quiet_end).strftime("%H:%M")
    check_zone(time_zone)
    row = await db.get(ReminderPreferences, person_id)
    if row is None:
        row = ReminderPreferences(person_id=person_id)
        db.add(row)
    row.kinds = ",".join(sorted(chosen))
    row.quiet_start, row.quiet_end, row.time_zone, row.email = quiet_start, quiet_end, time_zone, email
    row.updated_at = datetime.now(timezone.utc)
    await db.flush()
    return _choices(row)


async def set_time_zone_if_unset(db: AsyncSession, person_id: str, time_zone: str) -> None:
    """The device's time zone, when the student has not chosen one yet (an overseas student is right at once)."""
    try:
        check_zone(time_zone)
    except FieldError:
        return
    row = await db.get(ReminderPreferences, person_id)
    if row is None:
        defaults = Choices()
        db.add(ReminderPreferences(person_id=person_id, kinds=",".join(sorted(defaults.kinds)),
                                   quiet_start=defaults.quiet_start, quiet_end=defaults.quiet_end,
                                   time_zone=time_zone, email=False, updated_at=datetime.now(timezone.utc)))
        await db.flush()


async def export_of(db: AsyncSession, person_id: str) -> dict:
    """What « télécharger mes données » gives about reminders: choices, devices (never their endpoint, a
    capability of the push service), and what was sent."""
    choices = await choices_of(db, person_id)
    sent = (await db.scalars(select(ReminderDelivery).where(ReminderDelivery.person_id == person_id)
                             .order_by(ReminderDelivery.claimed_at.desc()).limit(500))).all()
    return {
        "choix": {"types": sorted(choices.kinds), "heures_calmes": f"{choices.quiet_start}–{choices.quiet_end}",
                  "fuseau_horaire": choices.time_zone, "par_email": choices.email},
        "appareils": [{"nom": d.label, "active_le": d.created_at.isoformat(),
                       "dernier_rappel_recu": d.last_success_at.isoformat() if d.last_success_at else None}
                      for d in await devices(db, person_id)],
        "rappels_envoyes": [{"rappel": r.reminder_key, "jour": r.occurrence,
                             "vers": "e-mail" if r.target.startswith("mail:") else "appareil", "etat": r.state,
                             "envoye_le": r.sent_at.isoformat() if r.sent_at else None} for r in sent],
    }


async def forget(db: AsyncSession, person_id: str) -> None:
    """Everything reminders keep about a person (the account is being deleted)."""
    await db.execute(delete(ReminderDelivery).where(ReminderDelivery.person_id == person_id))
    await db.execute(delete(PushSubscription).where(PushSubscription.person_id == person_id))
    await db.execute(delete(ReminderPreferences).where(ReminderPreferences.person_id == person_id))
