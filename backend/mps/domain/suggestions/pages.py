"""/suggestions: the student's suggestions, « J'aime », « pas intéressé » with undo (plain forms, no JS needed)."""
from __future__ import annotations

from urllib.parse import quote

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.favourites.service import remove_mark, set_mark
from mps.domain.profile.service import load_profile
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.service import model_for
from mps.domain.suggestions.whatif import what_if
from mps.web.errors import field_error

SHOWN = 20


def _is_empty(profile) -> bool:
    return not any((profile.bac, profile.specialites, profile.interets, profile.domaines, profile.metiers,
                    profile.villes, profile.favoris))


class SuggestionsPages(Controller):
    include_in_schema = False

    @get("/suggestions")
    async def show(self, request: Request, db: AsyncSession) -> Template:
        cat, model = await model_for(request)
        profile = await load_profile(db, current_person_id(request))
        items = suggest(model, cat, profile, limit=SHOWN, places_per_item=3)
        set_aside = request.query_params.get("retire")
        return Template("suggestions/list.html", context={
            "p": profile, "items": items, "favoris": set(profile.favoris), "empty": _is_empty(profile),
            "set_aside": cat.formations.get(set_aside) if set_aside else None,
            "acted_on": request.query_params.get("f"), "action": request.query_params.get("action"),
            "pairs": what_if(model, profile) if profile.classe == "seconde" else [],
        })

    @post("/suggestions/jaime")
    async def like(self, request: Request, db: AsyncSession) -> Redirect:
        fid, pid = await self._formation(request), await ensure_person(request, db)
        profile = await load_profile(db, pid)
        if fid in profile.favoris:  # the same button takes it back
            await remove_mark(db, pid, fid, "favori")
        else:
            await set_mark(db, pid, fid, "favori")
        # The message sits in the card acted on; the fragment moves focus to it (works without JS).
        return Redirect(path=f"/suggestions?action=jaime&f={quote(fid)}#statut-{quote(fid)}", status_code=303)

    @post("/suggestions/pas-interesse")
    async def set_aside(self, request: Request, db: AsyncSession) -> Redirect:
        fid, pid = await self._formation(request), await ensure_person(request, db)
        await set_mark(db, pid, fid, "corbeille")
        return Redirect(path=f"/suggestions?retire={quote(fid)}#annuler", status_code=303)

    @post("/suggestions/annuler")
    async def undo(self, request: Request, db: AsyncSession) -> Redirect:
        fid, pid = await self._formation(request), await ensure_person(request, db)
        await remove_mark(db, pid, fid, "corbeille")
        return Redirect(path=f"/suggestions?action=remis&f={quote(fid)}#statut-{quote(fid)}", status_code=303)

    async def _formation(self, request: Request) -> str:
        form = await request.form()
        fid = (form.get("formation_id") or "").strip()
        cat, _ = await model_for(request)
        if not fid or len(fid) > 120 or fid not in cat.formations:
            raise field_error("formation_id", "formation inconnue")
        return fid
