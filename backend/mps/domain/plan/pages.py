"""The /mes-voeux page: the plan, its exports, and the student's edits (through the favourites service)."""
from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Request, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.favourites import service as favourites
from mps.domain.favourites.schemas import MAX_NOTE, FavouriteIn, note_too_long
from mps.domain.identity.web import current_person_id
from mps.domain.pages.statement import french_date
from mps.domain.plan.api import today
from mps.domain.plan.export import plan_ics
from mps.domain.plan.rules import session_of
from mps.domain.plan.service import parcoursup_steps, plan_doc
from mps.web.forms import state_from
from mps.web.pdf import render_pdf

NOT_A_WISH = "Cette formation n'est pas dans tes vœux."
BAD_PLACE = "lieu : un code d'établissement (cod_aff_form) de cette formation est attendu. Recharge la page."


def _codes(values: list[str]) -> list[int] | None:
    """The form's place codes, or None when one is not a number."""
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        return None


async def _own(request: Request, db: AsyncSession, formation_id: str) -> str:
    pid = current_person_id(request)
    mark = await favourites.formation_mark(db, pid, formation_id) if pid else None
    if mark is None or mark.deleted or mark.kind != "favori":
        raise NotFoundException(detail=NOT_A_WISH)
    return pid


def _back(formation_id: str, ok: str, place: int | None) -> Redirect:
    """Back to the page, at the message of the wish the form was in: a favourite's form in a wish is
    named by its first place there (plan/page.html), or by the favourite alone when it has none."""
    key = quote(formation_id) + (f"-{place}" if place is not None else "")
    one = f"&l={place}" if place is not None else ""
    return Redirect(f"/mes-voeux?ok={ok}&f={quote(formation_id)}{one}#statut-{key}", status_code=303)


class PlanPages(Controller):
    include_in_schema = False

    @get("/mes-voeux")
    async def page(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Template:
        return await self._page(request, catalogue, db)

    async def _page(self, request: Request, catalogue: Catalogue, db: AsyncSession, *,
                    error: tuple[str, str, str] | None = None) -> Template:
        plan = await plan_doc(db, catalogue, current_person_id(request), today=today())
        return Template("plan/page.html", status_code=400 if error else 200, context={
            "plan": plan, "max_note": MAX_NOTE, "error": error,
            "saved": request.query_params.get("ok"), "saved_id": request.query_params.get("f"),
            "saved_place": request.query_params.get("l")})

    @get("/mes-voeux.pdf")
    async def pdf(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Response[bytes]:
        plan = await plan_doc(db, catalogue, current_person_id(request), today=today())
        html = request.app.template_engine.get_template("plan/print.html").render(
            plan=plan, generated=french_date(today()))
        pdf = await render_pdf(html)
        return Response(pdf, media_type="application/pdf",
                        headers={"Content-Disposition": 'attachment; filename="mes-voeux.pdf"'})

    @get("/mes-voeux.ics")
    async def ics(self, db: AsyncSession) -> Response[bytes]:
        """The Parcoursup steps of the timeline (the same for everyone: nothing of the student's in it)."""
        day = today()
        return Response(plan_ics(await parcoursup_steps(db, day), session_of(day)),
                        media_type="text/calendar",
                        headers={"Content-Disposition": 'attachment; filename="parcoursup.ics"'})

    @post("/mes-voeux/{formation_id:str}")
    async def edit(self, request: Request, catalogue: Catalogue, db: AsyncSession,
                   formation_id: str) -> Template | Redirect:
        """Already on Parcoursup, the note and whether it is shared: one form per favourite behind a wish.

        `lieu`: the places (wishes, sub-wishes) the form shows, `ajoute`: those ticked as added on Parcoursup;
        other places keep their mark. Without `lieu` (a favourite with no place chosen, or an older form),
        `sur_parcoursup` says it for the favourite: each of its chosen places, or the favourite itself."""
        pid = await _own(request, db, formation_id)
        form = await request.form()
        note = form.get("note")
        typed = state_from(form, FavouriteIn, only={"note"})  # the API's rule: refused whole, never cut
        if typed.errors:
            return await self._page(request, catalogue, db, error=(formation_id, note_too_long(len(note)), note))
        shown, ticked = _codes(form.getall("lieu", [])), _codes(form.getall("ajoute", []))
        if shown is None or ticked is None:
            return await self._page(request, catalogue, db, error=(formation_id, BAD_PLACE, note or ""))
        mark = await favourites.formation_mark(db, pid, formation_id)
        chosen = favourites.chosen_places(mark)
        if not shown and not chosen:
            await favourites.edit_favourite(db, pid, formation_id, on_parcoursup=form.get("sur_parcoursup") == "oui")
        elif not shown:
            shown, ticked = chosen, (chosen if form.get("sur_parcoursup") == "oui" else [])
        await favourites.set_places_added(db, pid, formation_id, {c: c in ticked for c in shown if c in chosen})
        await favourites.edit_favourite(
            db, pid, formation_id, note_shared=form.get("partager") == "oui",
            **({"note": note} if note is not None else {}))
        return _back(formation_id, "1", shown[0] if shown else None)

    @post("/mes-voeux/{formation_id:str}/deplacer")
    async def move(self, request: Request, db: AsyncSession, formation_id: str) -> Redirect:
        pid = await _own(request, db, formation_id)
        form = await request.form()
        step = -1 if form.get("sens") == "haut" else 1
        await favourites.move_favourite(db, pid, formation_id, step)
        place = _codes(form.getall("lieu", []))  # the wish the buttons were in, for the message
        return _back(formation_id, "deplace", place[0] if place else None)
