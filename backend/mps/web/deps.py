"""Dependencies every controller may declare as a parameter (Litestar DI, registered by create_app).

    async def page(self, db: AsyncSession, catalogue: Catalogue, settings: Settings) -> Template: ...
"""
from __future__ import annotations

from litestar.di import Provide
from litestar.exceptions import HTTPException

from mps.domain.catalogue.index import Catalogue
from mps.settings import Settings
from mps.web.db import provide_db
from mps.web.state import AppState


def provide_settings(state: AppState) -> Settings:
    return state.settings


def provide_catalogue(state: AppState) -> Catalogue:
    """The catalogue this worker serves; 503 while the very first import is still running."""
    catalogue = state.catalogue.current
    if catalogue is None:
        raise HTTPException(status_code=503, detail="Le catalogue est en cours d'import, reviens dans un instant.",
                            headers={"Retry-After": "10"})
    return catalogue


CORE_DEPENDENCIES = {
    "db": Provide(provide_db),
    "settings": Provide(provide_settings, sync_to_thread=False),
    "catalogue": Provide(provide_catalogue, sync_to_thread=False),
}
