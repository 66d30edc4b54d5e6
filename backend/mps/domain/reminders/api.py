"""Reminders API: the VAPID public key, this person's devices and choices; the service worker's renewal."""
from __future__ import annotations

from litestar import Controller, Request, delete, get, post, put
from litestar.exceptions import NotFoundException
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.reminders import service
from mps.domain.reminders.choices import Choices
from mps.domain.reminders.public_net import allow_local
from mps.domain.reminders.schemas import (ChoicesIn, ChoicesOut, DeviceOut, EndpointIn, RemindersOut, RenewIn,
                                          SubscriptionIn)
from mps.settings import Settings


def choices_out(c: Choices) -> ChoicesOut:
    return ChoicesOut(kinds=sorted(c.kinds), quiet_start=c.quiet_start, quiet_end=c.quiet_end,
                      time_zone=c.time_zone, email=c.email)


def device_out(row) -> DeviceOut:
    return DeviceOut(id=row.id, label=row.label, created_at=row.created_at, last_success_at=row.last_success_at)


class RemindersApi(Controller):
    path = "/api/v1/reminders"
    tags = ["rappels"]

    @get("/", summary="Mes rappels : clé publique VAPID, appareils, choix")
    async def show(self, request: Request, db: AsyncSession, push_public_key: str) -> RemindersOut:
        pid = current_person_id(request)
        person = await db.get(Person, pid) if pid else None
        return RemindersOut(
            public_key=push_public_key,
            choices=choices_out(await service.choices_of(db, pid) if person else Choices()),
            devices=[device_out(d) for d in await service.devices(db, pid)] if person else [],
            email_address=person.email if person else None)

    @put("/choices", summary="Choisir ses rappels (types, heures calmes, fuseau, e-mail)")
    async def choose(self, request: Request, db: AsyncSession, data: ChoicesIn) -> ChoicesOut:
        pid = await ensure_person(request, db)
        return choices_out(await service.save_choices(db, pid, data.kinds, data.quiet_start, data.quiet_end,
                                                      data.time_zone, data.email))

    @post("/devices", summary="Activer les rappels sur cet appareil (abonnement Web Push)")
    async def subscribe(self, request: Request, db: AsyncSession, settings: Settings,
                        data: SubscriptionIn) -> DeviceOut:
        pid = await ensure_person(request, db)
        row = await service.subscribe(db, pid, data.endpoint, data.keys.p256dh, data.keys.auth, data.label,
                                      allow_local(settings))
        if data.time_zone:
            await service.set_time_zone_if_unset(db, pid, data.time_zone)
        return device_out(row)

    @delete("/devices/{device_id:int}", summary="Retirer un appareil")
    async def remove(self, request: Request, db: AsyncSession, device_id: int) -> None:
        pid = current_person_id(request)
        if not pid:
            raise NotFoundException(detail="appareil inconnu")
        await service.remove_device(db, pid, device_id)

    @post("/devices/forget", summary="Désactiver les rappels sur cet appareil", status_code=204)
    async def forget(self, request: Request, db: AsyncSession, data: EndpointIn) -> None:
        pid = current_person_id(request)
        if pid:
            await service.remove_endpoint(db, pid, data.endpoint)

    @post("/renew", summary="Abonnement remplacé par le navigateur (service worker)", status_code=204)
    async def renew(self, db: AsyncSession, settings: Settings, data: RenewIn) -> None:
        if not await service.renew(db, data.old_endpoint, data.endpoint, data.keys.p256dh, data.keys.auth,
                                   allow_local(settings)):
            raise NotFoundException(detail="abonnement inconnu : réactive les rappels depuis la page Rappels")
