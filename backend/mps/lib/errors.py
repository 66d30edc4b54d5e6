"""Errors with a message meant for the person who triggered them."""
from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message can be shown as is (CLI or HTTP 400)."""


class ImportRejected(UserFacingError):
    """An input file cannot be imported at all (wrong columns, unreadable)."""


class NotFound(UserFacingError):
    """What a service was asked for does not exist (or is not the caller's): a 404 on the web."""
