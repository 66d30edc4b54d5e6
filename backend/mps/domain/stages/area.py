"""Stage board (issue 14): employers publish offers, students find them near home, fairly."""
from mps.domain.stages.api import StagesApi
from mps.domain.stages.command import COMMANDS
from mps.domain.stages.pages.agreement_signing import SignPages
from mps.domain.stages.pages.agreements import AgreementPages
from mps.domain.stages.pages.applications import StudentApplicationPages
from mps.domain.stages.pages.applications_api import ApplicationsApi
from mps.domain.stages.pages.employers import EmployerPages
from mps.domain.stages.pages.received import EmployerApplicationPages
from mps.domain.stages.pages.moderation import ModerationPages
from mps.domain.stages.pages.students import StagePages
from mps.domain.stages.pages.preparation import PREPARATION_HANDLERS
from mps.domain.stages.partners import routes as partners
from mps.domain.stages.web import DEPENDENCIES
from mps.web.area import Area

AREA = Area(name="stages", route_handlers=[StagesApi, StagePages, EmployerPages, ModerationPages, AgreementPages, SignPages,
                                           *PREPARATION_HANDLERS,
                                           ApplicationsApi, StudentApplicationPages, EmployerApplicationPages,
                                           *partners.ROUTES],
            dependencies=DEPENDENCIES, commands=COMMANDS,
            csrf_exempt=partners.CSRF_EXEMPT, on_startup=partners.ON_STARTUP)
