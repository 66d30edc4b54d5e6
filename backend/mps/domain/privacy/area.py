"""Personal data: /mes-donnees, export and deletion."""
from mps.domain.privacy.api import PrivacyApi
from mps.domain.privacy.pages import PrivacyPages
from mps.web.area import Area

AREA = Area(name="privacy", route_handlers=[PrivacyApi, PrivacyPages])
