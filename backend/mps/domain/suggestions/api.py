"""JSON API of the suggestions under /api/v1 (same document as `mps suggest --json`)."""
from __future__ import annotations

from litestar import Controller, post
from litestar.params import Parameter

from mps.domain.catalogue.index import Catalogue
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.schemas import PairOpening, SuggestionsResponse
from mps.domain.suggestions.service import checked_profile
from mps.domain.suggestions.whatif import what_if


class SuggestionsApi(Controller):
    path = "/api/v1"
    tags = ["suggestions"]

    @post("/suggestions", status_code=200, summary="Formations suggérées pour un profil, avec leurs raisons")
    async def suggestions(
        self, catalogue: Catalogue, suggestion_model: SuggestionModel, data: ProfileDoc,
        limit: int = Parameter(default=20, ge=1, le=50, description="nombre de formations (1 à 50)"),
    ) -> SuggestionsResponse:
        profile = checked_profile(data, suggestion_model)
        return SuggestionsResponse(suggest(suggestion_model, catalogue, profile, limit=limit))

    @post("/suggestions/et-si", status_code=200,
          summary="Et si… : les paires de spécialités et les familles de formations qu'elles ouvrent")
    async def what_if(
        self, suggestion_model: SuggestionModel, data: ProfileDoc,
        limit: int = Parameter(default=5, ge=1, le=20, description="nombre de paires (1 à 20)"),
    ) -> list[PairOpening]:
        return what_if(suggestion_model, checked_profile(data, suggestion_model), limit=limit)

