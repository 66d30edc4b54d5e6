"""General pages: home, sources, legal pages, the offline page and shell, and the health check."""
from mps.domain.pages.api import HealthApi
from mps.domain.pages.pages import GeneralPages
from mps.web.area import Area

AREA = Area(
    name="pages",
    route_handlers=[GeneralPages, HealthApi],  # the health checks skip CSRF and sessions: PUBLIC_READ_ONLY
)
