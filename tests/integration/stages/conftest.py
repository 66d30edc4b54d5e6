from tests.integration.accounts.fixtures import *  # noqa: F401,F403
from tests.integration.stages.helpers import board, geocoder  # noqa: F401
