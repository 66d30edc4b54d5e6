"""The suggestions area's request helpers: this worker's model, handed to controllers by dependency injection.

Controllers declare `suggestion_model: SuggestionModel` (with `catalogue: Catalogue`, mps/web/deps.py).
"""
from __future__ import annotations

from litestar import Litestar

from mps.domain.catalogue.index import Catalogue
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.service import SuggestionModels
from mps.web.state import AppState, state_of


def start_models(app: Litestar) -> None:
    """on_startup: build the model ahead of the first suggestion request, now and whenever a new catalogue lands."""
    state = state_of(app)
    models = state.suggestion_models = SuggestionModels(state.engine)
    state.catalogue.listeners.append(models.rebuild_soon)
    if state.catalogue.current is not None:
        models.rebuild_soon(state.catalogue.current)


async def provide_suggestion_model(state: AppState, catalogue: Catalogue) -> SuggestionModel:
    return await state.suggestion_models.for_catalogue(catalogue)
