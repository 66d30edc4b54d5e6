"""« Mes vœux » (issue 13): favourites counted as Parcoursup counts them, exported and shared read-only."""
from mps.domain.plan.api import PlanApi
from mps.domain.plan.pages import PlanPages
from mps.web.area import Area

AREA = Area(name="plan", route_handlers=[PlanApi, PlanPages])
