"""Identity: the signed anonymous id of a device, set on the response of its first save."""
from mps.domain.identity.web import send_anonymous_cookie
from mps.web.area import Area

AREA = Area(name="identity", before_send=[send_anonymous_cookie])
