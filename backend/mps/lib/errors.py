"""Errors with a message meant for the person who triggered them."""
from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message can be shown as is (CLI or HTTP 400)."""


class ImportRejected(UserFacingError):
    """An input file cannot be imported at all (wrong columns, unreadable)."""
