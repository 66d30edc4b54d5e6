"""General pages: home, sources, legal pages and the health check."""
from mps.domain.pages.pages import GeneralPages, Health_
from mps.web.area import Area, CsrfExempt

AREA = Area(
    name="pages",
    route_handlers=[GeneralPages, Health_],
    csrf_exempt=[CsrfExempt(r"^/healthz$", "GET only, polled by load balancers without a cookie")],
)
