from tests.integration.accounts.fixtures import *  # noqa: F401,F403
