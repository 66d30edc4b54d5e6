"""General pages: home, sources, legal pages, the offline page and shell, and the health check."""
from mps.domain.pages.api import HealthApi
from mps.domain.pages.pages import GeneralPages
from mps.web.area import Area, CsrfExempt

AREA = Area(
    name="pages",
    route_handlers=[GeneralPages, HealthApi],
    csrf_exempt=[CsrfExempt(r"^/(healthz|readyz)$", "GET only, polled by load balancers without a cookie")],
)
