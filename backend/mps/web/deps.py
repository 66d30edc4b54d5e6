"""Request-level accessors shared by controllers."""
from __future__ import annotations

from litestar import Request
from litestar.exceptions import HTTPException

from mps.domain.catalogue.index import Catalogue


def catalogue_of(request: Request) -> Catalogue:
    cat = request.app.state.catalogue.current
    if cat is None:
        raise HTTPException(status_code=503, detail="Le catalogue est en cours d'import, reviens dans un instant.",
                            headers={"Retry-After": "10"})
    return cat
