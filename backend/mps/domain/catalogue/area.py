"""Catalogue: search, formation and place pages, the JSON catalogue API and the offline snapshot."""
from mps.domain.catalogue.api import CatalogueApi
from mps.domain.catalogue.command import COMMANDS
from mps.domain.catalogue.pages import CataloguePages
from mps.domain.catalogue.web import search_lane
from mps.web.area import Area

AREA = Area(
    name="catalogue",
    route_handlers=[CatalogueApi, CataloguePages],  # the API skips CSRF and sessions: mps.web.security.PUBLIC_READ_ONLY
    commands=COMMANDS,
    middleware=[search_lane],  # the public search's short lane (catalogue/web.py)
)
