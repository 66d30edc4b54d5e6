"""Students' pages of the board: search (list without JavaScript, or an SVG map), an offer, report it,
tell the board one's school (REP / REP+ early access, offers reserved to named schools)."""
from __future__ import annotations

import dataclasses

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Lycee, StageOffer, StageOrganisation
from mps.domain.accounts.web import page_person
from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.service import person_exists
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.stages.reports import report_offer
from mps.domain.stages.applications.store import placement_of
from mps.domain.stages.board import Board
from mps.domain.stages.periods import NIVEAUX, SECONDE_PERIODS, board_year, period_short, school_weeks
from mps.domain.stages.presenters import offer_out
from mps.domain.stages.schemas import MAX_RADIUS_KM, REPORT_REASONS, BoardSearchIn, ReportIn, SchoolIn
from mps.domain.stages.nearest import MAX_TOTAL
from mps.domain.stages.search import (DEFAULT_RADIUS_KM, PAGE_SIZE, StageQuery, Viewer, search, stage_query,
                                     visible_offer)
from mps.domain.stages.seekers import save_seeker, seeker_of
from mps.domain.stages.svgmap import build_map
from mps.domain.stages.web import clock, demo_mode, request_viewer
from mps.lib.errors import FieldError
from mps.settings import Settings
from mps.web.forms import blank, state_from

RADII = [5, 10, 20, 30, 40, 60]
PAGE_FIELDS = {"radius_km": "rayon"}  # the API's parameter -> the page's field


def period_options(year: int) -> list[tuple[str, str]]:
    weeks = [(w.code, f"3e : semaine du {w.starts_on.day}/{w.starts_on.month:02d}") for w in school_weeks(year)]
    return [(c, f"Seconde : {label.lower()}") for c, label in SECONDE_PERIODS.items()] + weeks


async def _school_place(db: AsyncSession, board: Board, catalogue: Catalogue, uai: str):
    """(label, lat, lon) of a school: its point, else its commune's centre."""
    school = board.school(uai)
    if school is not None:
        if school.lat is not None:
            return school.label, school.lat, school.lon
        town = catalogue.geocoder.lookup(school.postcode) or catalogue.geocoder.lookup(school.commune)
        return (school.label, town.lat, town.lon) if town else None
    lycee = await db.get(Lycee, uai)
    if lycee is not None and lycee.lat is not None:
        return f"{lycee.name}, {lycee.commune}", lycee.lat, lycee.lon
    return None


async def _nearest_beyond(db: AsyncSession, board: Board, query: StageQuery, viewer: Viewer, now, today):
    """Nothing within the radius: the nearest offer matching the same filters within the widest radius, and the
    smallest radius of the form that reaches it (a rural student learns how far the nearest offer is)."""
    if query.radius_km >= MAX_RADIUS_KM:
        return None
    _, items = await search(db, board, dataclasses.replace(query, radius_km=MAX_RADIUS_KM, page=1), viewer, now, today)
    if not items:
        return {"item": None, "radius": MAX_RADIUS_KM}
    nearest = items[0]
    return {"item": nearest, "radius": next((r for r in RADII if r >= nearest.distance_km), RADII[-1])}


class StagePages(Controller):
    include_in_schema = False

    @get("/stages")
    async def board(self, request: Request, db: AsyncSession, catalogue: Catalogue, stage_board: Board,
                    settings: Settings) -> Template:
        now, today = clock(settings)
        params = request.query_params
        form = blank(BoardSearchIn, {k: params.get(k) or "" for k in ("autour", "rayon", "secteur", "niveau",
                                                                       "periode", "q")})
        pid = current_person_id(request)
        seeker = await seeker_of(db, pid)
        place = None
        autour = form.value("autour").strip()
        if autour:
            town = catalogue.geocoder.lookup(autour[:100])
            if town is None:
                form.add_error("autour", f"Ville ou code postal inconnu : « {autour[:100]} ». Essaie le code postal.")
            else:
                place = (town.label, town.lat, town.lon)
        elif seeker is not None and seeker.lat is not None:
            place = (seeker.place_label, seeker.lat, seeker.lon)
        elif seeker is not None and seeker.school_uai:
            place = await _school_place(db, stage_board, catalogue, seeker.school_uai)
        if not form.value("rayon") and seeker is not None:
            form.values["rayon"] = str(seeker.radius_km)
        if not form.value("niveau") and seeker is not None and not params.get("periode"):
            form.values["niveau"] = seeker.niveau
        total, items, query, svg, wider = 0, [], None, None, None
        if place is not None and not form.errors:
            api_params = {"radius_km": form.value("rayon") or str(DEFAULT_RADIUS_KM), "secteur": form.value("secteur"),
                          "niveau": form.value("niveau"), "periode": form.value("periode"), "q": form.value("q"),
                          "page": params.get("page") or ""}
            try:
                query = stage_query(stage_board, api_params, today, near=place[1:])
            except FieldError as exc:
                form.add_error(PAGE_FIELDS.get(exc.field, exc.field), exc.message[0].upper() + exc.message[1:] + ".")
            else:
                viewer = await request_viewer(request, db, stage_board, settings)
                total, items = await search(db, stage_board, query, viewer, now, today)
                if total == 0 and query.page == 1:
                    wider = await _nearest_beyond(db, stage_board, query, viewer, now, today)
                if params.get("vue") == "carte":
                    svg = build_map(query.lat, query.lon, query.radius_km, items)
                if pid and autour and await person_exists(db, pid):
                    await save_seeker(db, pid, place=place, radius_km=int(query.radius_km))
        school = stage_board.school(seeker.school_uai) if seeker and seeker.school_uai else None
        # « Mon stage confirmé » only for a student who has one (this board year or the last, as its page lists).
        year = board_year(today)
        placed = bool(pid and (await placement_of(db, pid, year) or await placement_of(db, pid, year - 1)))
        return Template("stages/board.html", status_code=400 if form.errors else 200, context={
            "form": form, "place": place, "total": total, "items": items, "query": query, "map": svg, "wider": wider,
            "view": "carte" if params.get("vue") == "carte" else "liste", "page_size": PAGE_SIZE,
            "max_total": MAX_TOTAL,
            "radii": [(str(r), f"{r} km") for r in RADII], "niveaux": list(NIVEAUX.items()),
            "sectors": sorted(stage_board.sectors.items(), key=lambda s: s[1]),
            "periods": period_options(year), "school": school, "seeker": seeker, "placed": placed,
            "demo": demo_mode(settings), "period_short": period_short, "school_form": blank(SchoolIn, {"niveau": seeker.niveau if seeker else "seconde"})})

    @post("/stages/etablissement", status_code=200)
    async def set_school(self, request: Request, db: AsyncSession, stage_board: Board) -> Template | Redirect:
        """The student's school (UAI or name and town): several matches are offered as choices."""
        raw = await request.form()
        form = state_from(raw, SchoolIn, extra={"uai": ("Ton établissement", "")})
        matches = []
        chosen = stage_board.school(raw.get("uai") or "")
        if chosen is None and not form.errors:
            matches = stage_board.find_schools(form.value("etablissement"))
            if len(matches) == 1:
                chosen = matches[0]
            elif not matches:
                form.add_error("etablissement", "Aucun établissement ne correspond : essaie le nom de la ville ou le code UAI.")
            else:
                form.add_error("uai", "Plusieurs établissements correspondent : choisis le tien dans la liste.")
        if form.errors:
            return Template("stages/school.html", status_code=400, context={"form": form, "matches": matches})
        pid = await ensure_person(request, db)
        await save_seeker(db, pid, school_uai=chosen.uai, niveau=form.value("niveau") or "seconde")
        return Redirect("/stages?etablissement=ok#statut-etablissement", status_code=303)

    @get("/stages/offres/{offer_id:int}")
    async def offer(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                    offer_id: int) -> Template:
        now, today = clock(settings)
        viewer = await request_viewer(request, db, stage_board, settings)
        offer, organisation = await visible_offer(db, viewer, offer_id, now)
        return Template("stages/offer.html", context={
            "o": await offer_out(db, stage_board, offer, organisation, today), "reasons": list(REPORT_REASONS.items()),
            "report_form": blank(ReportIn), "reported": request.query_params.get("signalee") == "1",
            "highlighted": offer.secteur in viewer.highlight})

    @post("/stages/offres/{offer_id:int}/signaler", status_code=200)
    async def report(self, request: Request, db: AsyncSession, stage_board: Board, settings: Settings,
                     offer_id: int) -> Template | Redirect:
        person = await page_person(request, db, "lyceen", "enseignant")
        offer = await db.get(StageOffer, offer_id)
        if offer is None or offer.status != "published":
            raise NotFoundException(detail="Cette offre n'existe pas ou n'est plus proposée.")
        form = state_from(await request.form(), ReportIn)
        if form.errors:
            org = await db.get(StageOrganisation, offer.organisation_id)
            return Template("stages/offer.html", status_code=400, context={
                "o": await offer_out(db, stage_board, offer, org, clock(settings)[1]),
                "reasons": list(REPORT_REASONS.items()), "report_form": form, "form": form, "reported": False,
                "highlighted": False})
        await report_offer(db, offer, person.id, form.data.reason, form.data.comment)
        return Redirect(f"/stages/offres/{offer_id}?signalee=1#statut-signalement", status_code=303)
