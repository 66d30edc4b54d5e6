"""The suggestions area's request helpers: this worker's model, handed to controllers by dependency injection.

Controllers declare `suggestion_model: SuggestionModel` (with `catalogue: Catalogue`, mps/web/deps.py), or
`metier_finder: MetierFinder` for a search that names a job: no formation is called « avocat », so the catalogue
search finds nothing; the engine, given that métier alone, says which formations lead to it (ONISEP sous-domaines,
domains and shared name words: profile_items.metier_vector).
"""
from __future__ import annotations

from dataclasses import dataclass

from litestar import Litestar

from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.query_words import query_words
from mps.domain.catalogue.search import SearchResult
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.suggestions.engine import suggest
from mps.domain.suggestions.model import SuggestionModel
from mps.domain.suggestions.schemas import Suggestion
from mps.domain.suggestions.topics import MetierInfo
from mps.domain.suggestions.service import SuggestionModels
from mps.web.state import AppState, state_of


FORMATIONS_PER_METIER = 5


@dataclass(frozen=True, slots=True)
class MetierHelp:
    info: MetierInfo
    formations: list[Suggestion]
    unnamed: bool  # no formation holds every word of the query (« avocat »)


def start_models(app: Litestar) -> None:
    """on_startup: build the model ahead of the first suggestion request, now and whenever a new catalogue lands."""
    state = state_of(app)
    models = state.suggestion_models = SuggestionModels(state.engine)
    state.catalogue.listeners.append(models.rebuild_soon)
    if state.catalogue.current is not None:
        models.rebuild_soon(state.catalogue.current)


async def provide_suggestion_model(state: AppState, catalogue: Catalogue) -> SuggestionModel:
    return await state.suggestion_models.for_catalogue(catalogue)


class MetierFinder:
    """For the search page: the métier a query names, with the formations that lead to it (« avocat »)."""

    def __init__(self, models: SuggestionModels):
        self.models = models

    def named(self, catalogue: Catalogue, q: str, result: SearchResult) -> MetierHelp | None:
        """The métier named by the whole query, or else by its words that are not a place (« avocat lyon »).
        When the search found formations with every word, only a métier named in full (« prof des écoles »,
        not « commerce » in « responsable e-commerce »). None while this worker's model is being built: the
        search page never waits for it."""
        model = self.models.current
        if model is None or model.version != catalogue.version or model.metier_names is None:
            return None
        found = model.metier_names.named_in(query_words(q)) or model.metier_names.named_in(result.words)
        if found is None or (result.hits and not result.partial and not found[1]):
            return None
        info = found[0]  # what the engine proposes to a student whose only known wish is this métier, explained
        formations = suggest(model, catalogue, ProfileDoc(metiers=[info.id]), limit=FORMATIONS_PER_METIER,
                             places_per_item=1, at_least=0)  # what leads to the métier, no neighbouring field
        return MetierHelp(info, formations, unnamed=not result.hits or result.partial)


def provide_metier_finder(state: AppState) -> MetierFinder:
    return MetierFinder(state.suggestion_models)
