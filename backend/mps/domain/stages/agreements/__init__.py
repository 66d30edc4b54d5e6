"""The convention de stage (issue 15): generated from the placement's data, signed by every party through a
signed link and a one-time code, its hash frozen at the first signature, with an audit trail."""
from mps.domain.stages.agreements.service import agreement_status, agreement_status_for  # noqa: F401
