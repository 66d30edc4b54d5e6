"""What the partner API and the figures add to the stage area (registered in stages/area.py)."""
from mps.domain.stages.figures.pages import FiguresPages
from mps.domain.stages.partners.api import PartnerApi, document_security
from mps.domain.stages.partners.pages import PartnerTokenPages
from mps.web.area import CsrfExempt

ROUTES = [PartnerApi, PartnerTokenPages, FiguresPages]
CSRF_EXEMPT = [CsrfExempt(r"^/api/v1/partner/", "bearer tokens only: cookies never authorise these routes "
                                                 "(partners/auth.py), so a forged cross-site request carries nothing")]
ON_STARTUP = [document_security]
