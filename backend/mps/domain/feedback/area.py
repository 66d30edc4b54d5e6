"""« Je donne mon avis » at /avis."""
from mps.domain.feedback.pages import FeedbackPages
from mps.domain.feedback.web import DEPENDENCIES
from mps.web.area import Area

AREA = Area(name="feedback", route_handlers=[FeedbackPages], dependencies=DEPENDENCIES)
