"""Catalogue: search, formation and place pages, the JSON catalogue API and the offline snapshot."""
from mps.domain.catalogue.api import CatalogueApi
from mps.domain.catalogue.command import COMMANDS
from mps.domain.catalogue.pages import CataloguePages
from mps.web.area import Area, CsrfExempt

AREA = Area(
    name="catalogue",
    route_handlers=[CatalogueApi, CataloguePages],
    csrf_exempt=[CsrfExempt(r"^/api/v1/(formations|places|catalogue)(/|$)",
                            "read-only API, GET only, no cookie read; partner platforms and the service worker "
                            "call it without a CSRF cookie, and minting a token there only costs time")],
    commands=COMMANDS,
)
