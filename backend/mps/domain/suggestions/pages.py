"""/suggestions: the student's suggestions, « J'aime », « pas intéressé » with undo (plain forms, no JS needed)."""
from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.favourites.service import remove_mark, set_mark
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.profile.service import load_profile
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.schemas import ChoiceIn
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.whatif import what_if
from mps.web.errors import field_error
from mps.web.forms import state_from

SHOWN = 20


async def _formation(request: Request, catalogue: Catalogue) -> str:
    form = state_from(await request.form(), ChoiceIn)  # FormationId decides, as in the profile API
    if form.errors or form.data.formation_id not in catalogue.formations:
        raise field_error("formation_id", "formation inconnue")
    return form.data.formation_id


def _is_empty(profile) -> bool:
    return not any((profile.bac, profile.specialites, profile.interets, profile.domaines, profile.metiers,
                    profile.villes, profile.favoris))


class SuggestionsPages(Controller):
    include_in_schema = False

    @get("/suggestions")
    async def show(self, request: Request, db: AsyncSession, catalogue: Catalogue,
                   suggestion_model: SuggestionModel) -> Template:
        profile = await load_profile(db, current_person_id(request))
        items = suggest(suggestion_model, catalogue, profile, limit=SHOWN, places_per_item=3)
        set_aside = request.query_params.get("retire")
        return Template("suggestions/list.html", context={
            "p": profile, "items": items, "favoris": set(profile.favoris), "empty": _is_empty(profile),
            "set_aside": catalogue.formations.get(set_aside) if set_aside else None,
            "acted_on": request.query_params.get("f"), "action": request.query_params.get("action"),
            "pairs": what_if(suggestion_model, profile) if profile.classe == "seconde" else [],
        })

    @post("/suggestions/jaime")
    async def like(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Redirect:
        fid, pid = await _formation(request, catalogue), await ensure_person(request, db)
        profile = await load_profile(db, pid)
        if fid in profile.favoris:  # the same button takes it back
            await remove_mark(db, pid, fid, "favori")
        else:
            await set_mark(db, pid, fid, "favori")
        # The message sits in the card acted on; the fragment moves focus to it (works without JS).
        return Redirect(path=f"/suggestions?action=jaime&f={quote(fid)}#statut-{quote(fid)}", status_code=303)

    @post("/suggestions/pas-interesse")
    async def set_aside(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Redirect:
        fid, pid = await _formation(request, catalogue), await ensure_person(request, db)
        await set_mark(db, pid, fid, "corbeille")
        return Redirect(path=f"/suggestions?retire={quote(fid)}#annuler", status_code=303)

    @post("/suggestions/annuler")
    async def undo(self, request: Request, db: AsyncSession, catalogue: Catalogue) -> Redirect:
        fid, pid = await _formation(request, catalogue), await ensure_person(request, db)
        await remove_mark(db, pid, fid, "corbeille")
        return Redirect(path=f"/suggestions?action=remis&f={quote(fid)}#statut-{quote(fid)}", status_code=303)
