"""Profile: the student's profile pages (/profil) and API (/api/v1/profile, /api/v1/communes)."""
from mps.domain.profile.api import ProfileApi
from mps.domain.profile.pages import ProfilePages
from mps.web.area import Area

AREA = Area(name="profile", route_handlers=[ProfileApi, ProfilePages])
