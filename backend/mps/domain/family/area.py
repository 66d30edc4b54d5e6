"""Family sharing: signed read-only links (/famille, /partage/<token>)."""
from mps.domain.family.api import FamilyApi
from mps.domain.family.pages import FamilyPages
from mps.web.area import Area

AREA = Area(name="family", route_handlers=[FamilyApi, FamilyPages])
