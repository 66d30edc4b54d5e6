"""Suggestions: explained suggestions for a profile, « et si… », and `mps suggest`."""
from litestar.di import Provide

from mps.domain.suggestions.api import SuggestionsApi
from mps.domain.suggestions.command import SUGGEST
from mps.domain.suggestions.pages import SuggestionsPages
from mps.domain.suggestions.web import provide_metier_finder, provide_suggestion_model, start_models
from mps.web.area import Area, CsrfExempt

_STATELESS = "computes from the profile sent in the body; reads no cookie, writes nothing, sets no cookie"

AREA = Area(
    name="suggestions",
    route_handlers=[SuggestionsApi, SuggestionsPages],
    csrf_exempt=[CsrfExempt(r"^/api/v1/suggestions$", _STATELESS),
                 CsrfExempt(r"^/api/v1/suggestions/et-si$", _STATELESS)],
    on_startup=[start_models],  # builds the model before the first request and after each import
    dependencies={"suggestion_model": Provide(provide_suggestion_model),
                  "metier_finder": Provide(provide_metier_finder, sync_to_thread=False)},
    commands=[SUGGEST],
)
