"""JSON API of the profile (the current device or account) and of the communes autocomplete."""
from __future__ import annotations

import msgspec
from litestar import Controller, Request, get, put
from litestar.params import Parameter
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.favourites.service import add_marks
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.profile.schemas import ProfileDoc, check_formations
from mps.domain.profile.service import load_profile, save_profile
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.service import checked_profile
from mps.lib.text import digits_only


class Commune(msgspec.Struct):
    nom: str
    code_postal: str
    departement: str
    lat: float
    lon: float
    label: str  # "Lille (59)"


class ProfileApi(Controller):
    path = "/api/v1"
    tags = ["profil"]

    @get("/profile", summary="Le profil de l'élève (appareil ou compte)")
    async def read(self, request: Request, db: AsyncSession) -> ProfileDoc:
        return await load_profile(db, current_person_id(request))

    @put("/profile", summary="Enregistrer le profil",
         description="Remplace le profil. Les formations de « favoris » et « corbeille » sont ajoutées aux "
                     "marques de l'élève (J'aime / pas intéressé) ; elles ne sont jamais retirées par cette route.")
    async def write(self, request: Request, db: AsyncSession, suggestion_model: SuggestionModel,
                    catalogue: Catalogue, data: ProfileDoc) -> ProfileDoc:
        doc = check_formations(checked_profile(data, suggestion_model), catalogue.resolve)
        pid = await ensure_person(request, db)
        await save_profile(db, pid, doc)
        await add_marks(db, pid, doc.favoris, doc.corbeille)  # the answers are the profile's, the marks favourites'
        return await load_profile(db, pid)

    @get("/communes", summary="Communes dont le nom commence par q (saisie des villes du profil)")
    async def communes(self, catalogue: Catalogue,
                       q: str = Parameter(default="", max_length=80, description="début du nom ou code postal"),
                       ) -> list[Commune]:
        q = q.strip()
        geocoder = catalogue.geocoder
        towns = ([t] if (t := geocoder.lookup(q)) else []) if digits_only(q) else geocoder.complete(q)
        return [Commune(t.name, t.postcode, t.departement_code, t.lat, t.lon, t.label) for t in towns]
