"""Stage board (issue 14): employers publish offers, students find them near home, fairly."""
from mps.domain.stages.api.search import StagesApi
from mps.domain.stages.command import COMMANDS
from mps.domain.stages.pages.agreement_signing import SignPages
from mps.domain.stages.pages.agreements import AgreementPages
from mps.domain.stages.pages.applications import StudentApplicationPages
from mps.domain.stages.api.applications import ApplicationsApi
from mps.domain.stages.pages.employers import EmployerPages
from mps.domain.stages.pages.received import EmployerApplicationPages
from mps.domain.stages.pages.moderation import ModerationPages
from mps.domain.stages.pages.students import StagePages
from mps.domain.stages.pages.preparation import PREPARATION_HANDLERS
from mps.domain.stages.pages.figures import FiguresPages
from mps.domain.stages.web.offer_memory import read_offer_memory, stop_pruning
from mps.domain.stages.web.search_lane import stage_search_lane
from mps.domain.stages.web.figures_jobs import FIGURE_JOBS, start_figure_jobs, stop_figure_jobs
from mps.domain.stages.api.partners import PartnerApi, document_partner_api
from mps.domain.stages.pages.partner_tokens import PartnerTokenPages
from mps.domain.stages.web import DEPENDENCIES
from mps.web.area import Area, CsrfExempt

# Bearer tokens only on the partner API: cookies never authorise these routes (web/partner_auth.py), so a
# forged cross-site request carries nothing.
PARTNER_CSRF = CsrfExempt(r"^/api/v1/partner/", "bearer tokens only: cookies never authorise these routes")
# The board's search and offer documents: GET only (no unsafe method to protect there), the busiest routes of
# the board's opening day; minting a CSRF cookie on each anonymous answer cost ~6 % of a search.
SEARCH_CSRF = CsrfExempt(r"^/api/v1/stages(/\d+)?$", "GET only: the board's search and offers, nothing written")

AREA = Area(name="stages", route_handlers=[StagesApi, StagePages, EmployerPages, ModerationPages, AgreementPages, SignPages,
                                           *PREPARATION_HANDLERS,
                                           ApplicationsApi, StudentApplicationPages, EmployerApplicationPages,
                                           PartnerApi, PartnerTokenPages, FiguresPages],
            dependencies={**DEPENDENCIES, **FIGURE_JOBS}, commands=COMMANDS,
            csrf_exempt=[PARTNER_CSRF, SEARCH_CSRF], on_startup=[document_partner_api, start_figure_jobs, read_offer_memory], on_shutdown=[stop_figure_jobs, stop_pruning])
# The search's short lane for an anonymous visitor (web/search_lane.py): its own area, listed before the accounts'
# session middleware, which the lane's searches do not need.
SEARCH_LANE = Area(name="stages_search_lane", middleware=[stage_search_lane])
