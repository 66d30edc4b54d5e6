"""Accounts: magic-link sign-in, server-side sessions, CSRF, roles and the anonymous merge."""
from mps.domain.accounts import sessions as _sessions  # noqa: F401  (registers the session resolver)
