"""The reminders settings page (/rappels): devices, kinds, quiet hours, time zone, e-mail alternative.

Works without JavaScript for everything but turning push on (the browser's permission needs a script):
frontend/static/js/reminders.js asks for it only when « Activer les rappels » is pressed.
"""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Person
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.reminders import service
from mps.domain.reminders.choices import FRENCH_ZONES, KINDS, Choices
from mps.lib.errors import FieldError, NotFound

HOURS = [f"{h:02d}:00" for h in range(24)]
SAVED = {"choix": "Tes choix de rappels sont enregistrés.", "retire": "Appareil retiré : il ne recevra plus de rappels.",
         "active": "Rappels activés sur cet appareil.", "desactive": "Rappels désactivés sur cet appareil."}


class RemindersPages(Controller):
    include_in_schema = False

    async def _page(self, request: Request, db: AsyncSession, push_public_key: str, error: str | None = None, status: int = 200,
                    typed: Choices | None = None) -> Template:
        pid = current_person_id(request)
        person = await db.get(Person, pid) if pid else None
        choices = typed or (await service.choices_of(db, pid) if person else Choices())
        zones = dict(FRENCH_ZONES)
        zones.setdefault(choices.time_zone, choices.time_zone)
        return Template("reminders/settings.html", status_code=status, context={
            "choices": choices, "kinds": KINDS, "zones": zones, "hours": HOURS,
            "devices": await service.devices(db, pid) if person else [],
            "email_address": person.email if person else None,
            "public_key": push_public_key,
            "ok": SAVED.get(request.query_params.get("ok", "")), "error": error})

    @get("/rappels")
    async def show(self, request: Request, db: AsyncSession, push_public_key: str) -> Template:
        return await self._page(request, db, push_public_key)

    @post("/rappels", status_code=200)
    async def save(self, request: Request, db: AsyncSession, push_public_key: str) -> Template | Redirect:
        form = await request.form()
        typed = Choices(kinds=frozenset(form.getall("kinds", [])), quiet_start=form.get("quiet_start", "21:00"),
                        quiet_end=form.get("quiet_end", "08:00"), time_zone=form.get("time_zone", "Europe/Paris"),
                        email=form.get("email") == "1")
        pid = await ensure_person(request, db)
        try:
            await service.save_choices(db, pid, sorted(typed.kinds), typed.quiet_start, typed.quiet_end,
                                       typed.time_zone, typed.email)
        except FieldError as exc:
            await db.rollback()
            return await self._page(request, db, push_public_key, error=exc.message, status=400, typed=typed)
        return Redirect("/rappels?ok=choix#statut-rappels", status_code=303)

    @post("/rappels/appareils/{device_id:int}/retirer", status_code=200)
    async def remove(self, request: Request, db: AsyncSession, device_id: int) -> Redirect:
        pid = current_person_id(request)
        if pid:
            try:
                await service.remove_device(db, pid, device_id)
            except NotFound:  # already gone (another tab): the page shows the list as it is
                pass
        return Redirect("/rappels?ok=retire#statut-rappels", status_code=303)
