"""Stage board (issue 14): employers publish offers, students find them near home, fairly."""
from mps.domain.stages.api import StagesApi
from mps.domain.stages.web import DEPENDENCIES
from mps.web.area import Area

AREA = Area(name="stages", route_handlers=[StagesApi], dependencies=DEPENDENCIES)
