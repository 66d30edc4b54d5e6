"""Back-office: Piccolo Admin mounted at /admin, and `mps admin create`."""
from mps.admin.command import ADMIN
from mps.admin.mount import admin_mount
from mps.web.area import Area, CsrfExempt

AREA = Area(
    name="admin",
    route_handlers=[admin_mount],
    csrf_exempt=[CsrfExempt(r"^/admin", "Piccolo Admin checks its own CSRF token and uses its own session cookie")],
    commands=[ADMIN],
)
