from __future__ import annotations

import pytest

from mps.domain.reminders.keys import keys_from_private_pem, generate_private_pem
from tests.integration.reminders.push_endpoint import PushEndpoint


@pytest.fixture(scope="session")
def push_service():
    with PushEndpoint() as service:
        yield service


@pytest.fixture(scope="session")
def vapid_keys():
    return keys_from_private_pem(generate_private_pem())

from tests.integration.accounts.fixtures import *  # noqa: F401,F403,E402
