"""JSON API of the favourites of the current person (device or account)."""
from __future__ import annotations

from litestar import Controller, Request, delete, get, put
from litestar.exceptions import NotFoundException
from sqlalchemy.ext.asyncio import AsyncSession

from mps.db.models import Metier
from mps.domain.catalogue.index import Catalogue
from mps.domain.favourites import service
from mps.domain.favourites.schemas import FavouriteFormation, FavouriteIn, Favourites
from mps.domain.favourites.view import favourites_doc
from mps.domain.identity.web import current_person_id, ensure_person


def check_favourite_input(catalogue, formation_id: str, existing, data: FavouriteIn) -> None:
    """A formation must be in the catalogue to be added; chosen places must be places of it (the service's rule)."""
    formation = catalogue.formation(formation_id)
    if formation is None and existing is None:
        raise NotFoundException(detail="Cette formation n'existe pas ou plus dans le catalogue.")
    service.check_places(formation, data.places)


class FavouritesApi(Controller):
    path = "/api/v1/favourites"
    tags = ["favoris"]

    @get("", summary="Favoris, « pas intéressé » et vérification d'ambition")
    async def read(self, request: Request, catalogue: Catalogue, db: AsyncSession) -> Favourites:
        return await favourites_doc(db, catalogue, current_person_id(request))

    @put("/formations/{formation_id:str}", summary="Ajouter ou modifier une formation favorite",
         description="Crée le favori s'il n'existe pas. Seuls les champs envoyés changent.")
    async def put_formation(self, request: Request, catalogue: Catalogue, db: AsyncSession, formation_id: str,
                            data: FavouriteIn) -> FavouriteFormation:
        formation_id = catalogue.resolve(formation_id) or formation_id  # an old id (merged twins) means today's
        pid = await ensure_person(request, db)
        existing = await service.formation_mark(db, pid, formation_id)
        check_favourite_input(catalogue, formation_id, existing, data)
        await service.edit_favourite(db, pid, formation_id, ambition=data.ambition, places=data.places,
                                     note=data.note)
        doc = await favourites_doc(db, catalogue, pid)
        return next(f for f in doc.formations if f.formation_id == formation_id)

    @delete("/formations/{formation_id:str}", summary="Retirer une formation des favoris")
    async def delete_formation(self, request: Request, db: AsyncSession, formation_id: str) -> None:
        pid = current_person_id(request)
        if pid:
            await service.remove_mark(db, pid, formation_id, "favori")

    @put("/not-interested/{formation_id:str}", summary="Marquer « pas intéressé »", status_code=204)
    async def put_aside(self, request: Request, catalogue: Catalogue, db: AsyncSession, formation_id: str) -> None:
        formation_id = catalogue.resolve(formation_id)
        if formation_id is None:
            raise NotFoundException(detail="Cette formation n'existe pas ou plus dans le catalogue.")
        await service.set_mark(db, await ensure_person(request, db), formation_id, "corbeille")

    @delete("/not-interested/{formation_id:str}", summary="Remettre une formation « pas intéressé »")
    async def restore(self, request: Request, db: AsyncSession, formation_id: str) -> None:
        pid = current_person_id(request)
        if pid:
            await service.remove_mark(db, pid, formation_id, "corbeille")

    @put("/metiers/{metier_id:str}", summary="Ajouter un métier aux favoris", status_code=204)
    async def put_metier(self, request: Request, db: AsyncSession, metier_id: str) -> None:
        if await db.get(Metier, metier_id) is None:
            raise NotFoundException(detail="Ce métier n'existe pas dans le répertoire.")
        await service.set_metier(db, await ensure_person(request, db), metier_id, keep=True)

    @delete("/metiers/{metier_id:str}", summary="Retirer un métier des favoris")
    async def delete_metier(self, request: Request, db: AsyncSession, metier_id: str) -> None:
        pid = current_person_id(request)
        if pid:
            await service.set_metier(db, pid, metier_id, keep=False)
