"""Personal data: /mes-donnees, export and deletion."""
from mps.domain.privacy.pages import PrivacyApi, PrivacyPages
from mps.web.area import Area

AREA = Area(name="privacy", route_handlers=[PrivacyApi, PrivacyPages])
