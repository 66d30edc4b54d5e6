"""Employers' pages: describe the organisation, add colleagues, publish an offer in four short steps
(each step checked on its own with OfferIn, what earlier steps said carried in hidden fields, nothing
saved before the last), edit, send to moderation, duplicate for next year, close."""
from __future__ import annotations

import re
from types import SimpleNamespace

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.web import page_person
from mps.domain.catalogue.index import Catalogue
from mps.domain.stages.offer_reads import org_offer, org_offers, periods_of
from mps.domain.stages.offer_status import STATUSES, close_offer, submit_offer
from mps.domain.stages.offers import duplicate_for_next_year, place_offer, save_offer
from mps.domain.stages.organisations import EMPLOYER, add_member, organisation_of, save_organisation, team
from mps.domain.stages.board import Board
from mps.domain.stages.periods import NIVEAUX, SECONDE_PERIODS, board_year, period_label, school_weeks, span_of
from mps.domain.stages.presenters import offer_out
from mps.domain.stages.schemas import EMPLOYER_KINDS, STEP_FIELDS, STEP_TITLES, MemberIn, OfferIn, OrganisationIn
from mps.domain.stages.search import forget_vocabulary
from mps.domain.stages.web import clock
from mps.lib.errors import FieldError, NotFound
from mps.lib.geo import distance_km
from mps.lib.validation import fields
from mps.settings import Settings
from mps.web.forms import FormState, blank, form_int, state_from

EMPLOYER = EMPLOYER
LAST_STEP = max(STEP_FIELDS)
_UAI_SPLIT = re.compile(r"[\s,;]+")


def step_of(field: str) -> int:
    return next((s for s, names in STEP_FIELDS.items() if field in names), 1)


def form_values(raw) -> dict:
    """The submitted form as a dict: lists for OfferIn's list fields (UAIs typed in one box are split)."""
    infos = fields(OfferIn)
    values: dict = {}
    for name, info in infos.items():
        if info.many:
            items = [str(v) for v in raw.getall(name, [])] if hasattr(raw, "getall") else list(raw.get(name) or [])
            if name == "reserved_uais":
                items = [u.upper() for item in items for u in _UAI_SPLIT.split(item) if u]
            values[name] = items
        elif raw.get(name) not in (None, ""):
            values[name] = str(raw.get(name))
    return values


def offer_values(offer, periods, geocoder) -> dict:
    """An offer as the step form's values; coordinates only when they are not the commune's centre."""
    town = geocoder.lookup(offer.postcode or offer.commune)
    precise = town is None or distance_km(town.lat, town.lon, offer.lat, offer.lon) > 0.05
    values = {"title": offer.title, "description": offer.description, "secteur": offer.secteur,
              "commune": offer.postcode or offer.commune, "address": offer.address, "niveau": offer.niveau,
              "school_year": str(offer.school_year), "periodes": [p.code for p in periods],
              "seats": str(max((p.seats for p in periods), default=1)),
              "reserved": offer.reserved, "reserved_uais": [u for u in offer.reserved_uais.split("|") if u]}
    if offer.accessible:
        values["accessible"] = "1"
    if precise:
        values["lat"], values["lon"] = str(offer.lat), str(offer.lon)
    return values


def check_step(step: int, form: FormState, board: Board, geocoder, year: int) -> None:
    """What the service would refuse, said at this step's field (the Struct already checked the types)."""
    v = form.value
    try:
        if step == 1 and v("secteur") and v("secteur") not in board.sectors:
            form.add_error("secteur", "Choisissez un secteur dans la liste.")
        elif step == 2:
            lat, lon = (float(v(k).replace(",", ".")) if v(k) else None for k in ("lat", "lon"))
            place_offer(geocoder, SimpleNamespace(commune=v("commune"), lat=lat, lon=lon))
        elif step == 3 and v("reserved") == "schools" and not form.chosen("reserved_uais"):
            form.add_error("reserved_uais", "Indiquez au moins un établissement, ou ouvrez l'offre à tous.")
        elif step == 4:
            if not form.chosen("periodes"):
                form.add_error("periodes", "Choisissez au moins une période.")
            for code in form.chosen("periodes"):
                span_of(v("niveau") or "seconde", code, year)
    except FieldError as exc:
        form.add_error(exc.field, exc.message)


def period_choices(niveau: str, year: int) -> list[tuple[str, str]]:
    if niveau == "3e":
        return [(w.code, f"Semaine du {w.starts_on.day}/{w.starts_on.month:02d} au {w.ends_on.day}/{w.ends_on.month:02d}")
                for w in school_weeks(year)]
    return [(c, period_label("seconde", c, year)) for c in SECONDE_PERIODS]


class EmployerPages(Controller):
    include_in_schema = False

    async def _space(self, request, db, person, *, org_form=None, member_form=None, status=200) -> Template:
        org = await organisation_of(db, person.id)
        offers = await org_offers(db, org.id) if org else []
        if org_form is None:
            org_form = blank(OrganisationIn, {"name": org.name, "siret": org.siret, "employer_kind": org.employer_kind,
                                              "description": org.description} if org else {"employer_kind": "prive"})
        return Template("stages/employer.html", status_code=status, context={
            "org": org, "offers": offers, "team": await team(db, org.id) if org else [],
            "org_form": org_form, "member_form": member_form or blank(MemberIn), "kinds": list(EMPLOYER_KINDS.items()),
            "statuses": STATUSES, "done": request.query_params.get("ok")})

    @get("/stages/employeur")
    async def space(self, request: Request, db: AsyncSession) -> Template:
        person = await page_person(request, db, EMPLOYER)
        return await self._space(request, db, person)

    @post("/stages/employeur/organisation", status_code=200)
    async def organisation(self, request: Request, db: AsyncSession) -> Template | Redirect:
        person = await page_person(request, db, EMPLOYER)
        form = state_from(await request.form(), OrganisationIn)
        if not form.errors:
            try:
                await save_organisation(db, person, form.data)
            except FieldError as exc:
                form.add_error(exc.field, exc.message)
        if form.errors:
            return await self._space(request, db, person, org_form=form, status=400)
        return Redirect("/stages/employeur?ok=organisation#statut-organisation", status_code=303)

    @post("/stages/employeur/equipe", status_code=200)
    async def add_member(self, request: Request, db: AsyncSession) -> Template | Redirect:
        person = await page_person(request, db, EMPLOYER)
        org = await self._org(db, person)
        form = state_from(await request.form(), MemberIn)
        if not form.errors:
            try:
                await add_member(db, org, form.data.email)
            except FieldError as exc:
                form.add_error(exc.field, exc.message)
        if form.errors:
            return await self._space(request, db, person, member_form=form, status=400)
        return Redirect("/stages/employeur?ok=equipe#statut-equipe", status_code=303)

    async def _org(self, db, person):
        org = await organisation_of(db, person.id)
        if org is None:
            raise NotFound("Décrivez d'abord votre organisation.")
        return org

    def _step_page(self, form: FormState, step: int, offer_id: str, board: Board, year: int, status: int = 200):
        hidden = [(k, v) for k, v in form.values.items() if k not in STEP_FIELDS[step] and k in fields(OfferIn)]
        flat = [(k, item) for k, v in hidden for item in (v if isinstance(v, list) else [v]) if item not in ("", None)]
        return Template("stages/offer_step.html", status_code=status, context={
            "form": form, "step": step, "steps": STEP_TITLES, "last": LAST_STEP, "hidden": flat, "offer_id": offer_id,
            "sectors": sorted(board.sectors.items(), key=lambda s: s[1]), "niveaux": list(NIVEAUX.items()),
            "periods": period_choices(form.value("niveau") or "seconde", year), "year": year})

    @get("/stages/employeur/offres/nouvelle")
    async def new_offer(self, request: Request, db: AsyncSession, stage_board: Board,
                        settings: Settings) -> Template | Redirect:
        if await organisation_of(db, (await page_person(request, db, EMPLOYER)).id) is None:
            # A new employer's first click: the organisation's form comes first, on the space's page.
            return Redirect("/stages/employeur#organisation-titre", status_code=303)
        year = board_year(clock(settings)[1])
        form = blank(OfferIn, {"niveau": "seconde", "seats": "1", "school_year": str(year)})
        return self._step_page(form, 1, "", stage_board, year)

    @get("/stages/employeur/offres/{offer_id:int}/modifier")
    async def edit_offer(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                         offer_id: int) -> Template:
        org = await self._org(db, await page_person(request, db, EMPLOYER))
        offer = await org_offer(db, org, offer_id)
        periods = (await periods_of(db, [offer.id]))[offer.id]
        form = blank(OfferIn, offer_values(offer, periods, catalogue.geocoder))
        return self._step_page(form, 1, str(offer.id), stage_board, offer.school_year)

    @post("/stages/employeur/offres/etapes", status_code=200)
    async def offer_step(self, request: Request, db: AsyncSession, stage_board: Board, catalogue: Catalogue,
                         settings: Settings) -> Template | Redirect:
        """One step of the offer form: back (no check), or check this step then show the next one; the last
        step saves the whole offer (a draft, or the edited offer)."""
        org = await self._org(db, await page_person(request, db, EMPLOYER))
        raw = await request.form()
        values = form_values(raw)
        step = form_int(raw.get("etape"), 1, LAST_STEP) or 1
        offer_id = str(raw.get("offre") or "")
        offer = await org_offer(db, org, form_int(offer_id) or 0) if offer_id else None
        # A year out of range is OfferIn's to refuse at its step; the pages meanwhile show a year that exists.
        year = (form_int(values.get("school_year"), 2024, 2100)
                or (offer.school_year if offer else board_year(clock(settings)[1])))
        if raw.get("aller") == "precedent":
            return self._step_page(blank(OfferIn, values), max(1, step - 1), offer_id, stage_board, year)
        form = state_from(values, OfferIn, only=set(STEP_FIELDS[step]))
        form.values = values
        if not form.errors:
            check_step(step, form, stage_board, catalogue.geocoder, year)
        if form.errors:
            return self._step_page(form, step, offer_id, stage_board, year, status=400)
        if step < LAST_STEP:
            return self._step_page(blank(OfferIn, values), step + 1, offer_id, stage_board, year)
        whole = state_from(values, OfferIn)
        if whole.errors:  # a hidden value was tampered with: show the step of its field
            first = min(step_of(f) for f in whole.errors)
            whole.values = values
            return self._step_page(whole, first, offer_id, stage_board, year, status=400)
        try:
            saved = await save_offer(db, stage_board, catalogue.geocoder, org, whole.data, offer)
        except FieldError as exc:
            whole.add_error(exc.field, exc.message)
            return self._step_page(whole, step_of(exc.field), offer_id, stage_board, year, status=400)
        forget_vocabulary(db)
        return Redirect(f"/stages/employeur/offres/{saved.id}?ok=enregistree#statut-offre", status_code=303)

    @get("/stages/employeur/offres/{offer_id:int}")
    async def offer(self, request: Request, db: AsyncSession, stage_board: Board, offer_id: int) -> Template:
        org = await self._org(db, await page_person(request, db, EMPLOYER))
        offer = await org_offer(db, org, offer_id)
        return Template("stages/employer_offer.html", context={
            "o": await offer_out(db, stage_board, offer, org), "org": org, "statuses": STATUSES,
            "done": request.query_params.get("ok")})

    async def _act(self, request, db, offer_id: int, action) -> Redirect:
        org = await self._org(db, await page_person(request, db, EMPLOYER))
        offer = await org_offer(db, org, offer_id)
        return await action(org, offer)

    @post("/stages/employeur/offres/{offer_id:int}/envoyer")
    async def submit(self, request: Request, db: AsyncSession, stage_board: Board, offer_id: int) -> Redirect:
        async def go(org, offer):
            status = await submit_offer(db, stage_board, org, offer)
            return Redirect(f"/stages/employeur/offres/{offer.id}?ok={status}#statut-offre", status_code=303)
        return await self._act(request, db, offer_id, go)

    @post("/stages/employeur/offres/{offer_id:int}/dupliquer")
    async def duplicate(self, request: Request, db: AsyncSession, offer_id: int) -> Redirect:
        async def go(org, offer):
            copy = await duplicate_for_next_year(db, offer)
            return Redirect(f"/stages/employeur/offres/{copy.id}?ok=dupliquee#statut-offre", status_code=303)
        return await self._act(request, db, offer_id, go)

    @post("/stages/employeur/offres/{offer_id:int}/fermer")
    async def close(self, request: Request, db: AsyncSession, offer_id: int) -> Redirect:
        async def go(org, offer):
            await close_offer(db, offer)
            return Redirect(f"/stages/employeur/offres/{offer.id}?ok=fermee#statut-offre", status_code=303)
        return await self._act(request, db, offer_id, go)
