"""The /favoris pages: list with ambition check, edit a favourite, choose its places, « pas intéressé »."""
from __future__ import annotations

from urllib.parse import quote

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.classes.service import notes_for_student
from mps.domain.favourites import service
from mps.domain.favourites.ambition import POSITION_LABELS, place_position
from mps.domain.favourites.schemas import MAX_NOTE, MAX_PLACES, FavouriteIn, note_too_long
from mps.domain.favourites.view import favourites_doc
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.profile.service import load_profile
from mps.domain.vocabulary import AMBITION_LABELS
from mps.lib.errors import FieldError
from mps.lib.geo import distance_km
from mps.lib.urls import local_path
from mps.web.forms import FormState, blank, form_int, state_from

PLACES_SHOWN = 40


def _back(target: str | None, default: str = "/favoris") -> str:
    # local_path, not a prefix test: "/\\evil.example" or "/\t/evil.example" is another site for a browser.
    return local_path(target) or default


async def _mark_from_form(request: Request, db: AsyncSession, catalogue: Catalogue, kind: str) -> Redirect:
    """A form's « J'aime » or « pas intéressé » on formation_id, then back to the page it came from."""
    form = await request.form()
    formation_id = form.get("formation_id", "")
    if catalogue.formation(formation_id) is None:
        raise NotFoundException(detail="Cette formation n'existe pas ou plus dans le catalogue.")
    await service.set_mark(db, await ensure_person(request, db), formation_id, kind)
    return Redirect(_back(form.get("next")), status_code=303)


NOT_A_FAVOURITE = "Cette formation n'est pas dans tes favoris."


async def _own_favourite(request: Request, db: AsyncSession, formation_id: str):
    """(person id, mark) of the visitor's live favourite, or a 404 that says nothing about anyone else."""
    pid = current_person_id(request)
    mark = await service.formation_mark(db, pid, formation_id) if pid else None
    if mark is None or mark.deleted or mark.kind != "favori":
        raise NotFoundException(detail=NOT_A_FAVOURITE)
    return pid, mark


async def _unmark(request: Request, db: AsyncSession, formation_id: str, kind: str, then: str) -> Redirect:
    """Remove a favourite or restore from « pas intéressé » (nothing to do for a visitor without marks)."""
    if pid := current_person_id(request):
        await service.remove_mark(db, pid, formation_id, kind)
    return Redirect(then, status_code=303)


class FavouritesPages(Controller):
    include_in_schema = False

    @get("/favoris")
    async def list(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Template:
        return await self._list(request, db, catalogue, removed=request.query_params.get("retire"))

    async def _list(self, request: Request, db: AsyncSession, catalogue: Catalogue, *,
                    editing: tuple[str, FormState] | None = None, removed: str | None = None) -> Template:
        pid = current_person_id(request)
        doc = await favourites_doc(db, catalogue, pid)
        extra = await notes_for_student(db, pid, catalogue) if pid else []
        undo = None  # (id, label) of the favourite just removed, while it can be put back
        if removed and pid and (mark := await service.formation_mark(db, pid, removed)) is not None \
                and mark.deleted and mark.kind == "favori":
            undo = (removed, catalogue.formation(removed).label if catalogue.formation(removed) else removed)
        return Template("favourites/list.html", status_code=400 if editing else 200, context={
            "doc": doc, "ambitions": AMBITION_LABELS, "max_note": MAX_NOTE, "teacher": extra,
            "saved": request.query_params.get("ok"), "saved_id": request.query_params.get("f"),
            "editing": editing[0] if editing else None, "form": editing[1] if editing else None, "undo": undo})

    @post("/favoris/ajouter")
    async def add(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Redirect:
        return await _mark_from_form(request, db, catalogue, "favori")

    @post("/favoris/pas-interesse")
    async def set_aside(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Redirect:
        return await _mark_from_form(request, db, catalogue, "corbeille")

    @post("/favoris/pas-interesse/{formation_id:str}/retablir")
    async def restore(self, request: Request, db: AsyncSession, formation_id: str) -> Redirect:
        return await _unmark(request, db, formation_id, "corbeille", "/favoris?ok=retabli#statut-pas-interesse")

    @post("/favoris/{formation_id:str}")
    async def edit(self, request: Request, catalogue: Catalogue, db: AsyncSession,
                   formation_id: str) -> Template | Redirect:
        pid, _ = await _own_favourite(request, db, formation_id)
        form = state_from(await request.form(), FavouriteIn, only={"ambition", "note"})
        note = form.value("note")
        if "note" in form.errors:  # FavouriteIn refused it whole, never cut: say how long it is
            form.errors["note"] = note_too_long(len(note))
        if form.errors:
            return await self._list(request, db, catalogue, editing=(formation_id, form))
        ambition = form.value("ambition") or None
        await service.edit_favourite(db, pid, formation_id,
                                     ambition=ambition if ambition in AMBITION_LABELS else None, note=note)
        return Redirect(f"/favoris?ok=1&f={quote(formation_id)}#statut-{quote(formation_id)}", status_code=303)

    @post("/favoris/{formation_id:str}/retirer")
    async def remove(self, request: Request, db: AsyncSession, formation_id: str) -> Redirect:
        return await _unmark(request, db, formation_id, "favori",
                             f"/favoris?ok=retire&retire={quote(formation_id)}#statut-formations")

    @post("/favoris/{formation_id:str}/remettre")
    async def undo_remove(self, request: Request, db: AsyncSession, formation_id: str) -> Redirect:
        """Undo « Retirer »: the favourite comes back where it was, with its ambition, places and note."""
        pid = current_person_id(request)
        mark = await service.formation_mark(db, pid, formation_id) if pid else None
        if mark is None or mark.kind != "favori":
            raise NotFoundException(detail=NOT_A_FAVOURITE)
        await service.set_mark(db, pid, formation_id, "favori", keep_position=True)
        return Redirect(f"/favoris?ok=remis&f={quote(formation_id)}#statut-{quote(formation_id)}", status_code=303)

    @post("/favoris/{formation_id:str}/deplacer")
    async def move(self, request: Request, db: AsyncSession, formation_id: str) -> Redirect:
        """Move a favourite up or down the student's own list (the order stays as they set it)."""
        pid, _ = await _own_favourite(request, db, formation_id)
        step = -1 if (await request.form()).get("sens") == "haut" else 1
        await service.move_favourite(db, pid, formation_id, step)
        return Redirect(f"/favoris?ok=deplace&f={quote(formation_id)}#statut-{quote(formation_id)}", status_code=303)

    @post("/favoris/metiers/{metier_id:str}/retirer")
    async def remove_metier(self, request: Request, db: AsyncSession, metier_id: str) -> Redirect:
        if pid := current_person_id(request):
            await service.set_metier(db, pid, metier_id, keep=False)
        return Redirect("/favoris?ok=retire-metier#statut-metiers", status_code=303)

    @get("/favoris/{formation_id:str}/lieux")
    async def places(self, request: Request, catalogue: Catalogue, db: AsyncSession, formation_id: str) -> Template:
        return await _places_page(request, catalogue, db, formation_id)

    @post("/favoris/{formation_id:str}/lieux", status_code=200)
    async def choose_places(self, request: Request, catalogue: Catalogue, db: AsyncSession,
                            formation_id: str) -> Template | Redirect:
        """FavouriteIn and the service decide, as for PUT /api/v1/favourites/…: more than 20 places, or a
        place of another formation, is refused whole (400, the ticks come back), never cut."""
        pid, _ = await _own_favourite(request, db, formation_id)
        formation = catalogue.formation(formation_id)
        if formation is None:
            raise NotFoundException(detail=NOT_A_FAVOURITE)
        form = state_from(await request.form(), FavouriteIn, only={"places"})
        if not form.errors:
            try:
                places = msgspec.convert(form.chosen("places"), list[int], strict=False)
                service.check_places(formation, places)
            except (msgspec.ValidationError, FieldError) as exc:
                form.add_error("places", getattr(exc, "message", str(exc)))
        if form.errors:
            return await _places_page(request, catalogue, db, formation_id, form)
        await service.edit_favourite(db, pid, formation_id, places=places)
        return Redirect(f"/favoris?ok=1&f={quote(formation_id)}#statut-{quote(formation_id)}", status_code=303)


async def _places_page(request: Request, catalogue: Catalogue, db: AsyncSession, formation_id: str,
                       form: FormState | None = None) -> Template:
    """The places of a favourite, nearest first; `form` is a refused choice (its ticks come back)."""
    pid, mark = await _own_favourite(request, db, formation_id)
    formation = catalogue.formation(formation_id)
    if formation is None:
        raise NotFoundException(detail=NOT_A_FAVOURITE)
    profile = await load_profile(db, pid)
    home = profile.villes[0] if profile.villes else None
    chosen = ({n for c in form.chosen("places") if (n := form_int(c)) is not None} if form
              else set(service.chosen_places(mark)))
    rows = []
    for p in formation.places:
        d = distance_km(home.lat, home.lon, p.lat, p.lon) if home and p.lat is not None else None
        rows.append((p, d, POSITION_LABELS[place_position(p, profile.bac, profile.moyenne)], p.cod_aff_form in chosen))
    rows.sort(key=lambda r: (not r[3], r[1] is None, r[1] or 0, r[0].commune))
    shown = rows[:max(PLACES_SHOWN, len(chosen))]
    if form and form.errors:  # the error summary links to the first ticked box shown, else the first box
        codes = {str(r[0].cod_aff_form) for r in shown}
        first = next((c for c in form.chosen("places") if c in codes), shown[0][0].cod_aff_form if shown else None)
        form.anchors["places"] = f"p-{first}" if first else "places-fieldset"
    return Template("favourites/places.html", status_code=400 if form and form.errors else 200, context={
        "f": formation, "rows": shown, "hidden": len(rows) - len(shown), "home": home, "max": MAX_PLACES,
        "form": form or blank(FavouriteIn),
        # « Déjà sur Parcoursup » with no place yet: the places chosen now take it (service.edit_favourite)
        "added_before": bool(mark.on_parcoursup) and not service.chosen_places(mark)})

