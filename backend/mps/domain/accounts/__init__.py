"""Accounts: magic-link sign-in, server-side sessions, roles and the anonymous merge."""
