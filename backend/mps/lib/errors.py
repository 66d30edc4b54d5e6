"""Errors with a message meant for the person who triggered them."""
from __future__ import annotations


class UserFacingError(Exception):
    """An error whose message can be shown as is (CLI or HTTP 400)."""


class ImportRejected(UserFacingError):
    """An input file cannot be imported at all (wrong columns, unreadable)."""


class NotFound(UserFacingError):
    """What a service was asked for does not exist (or is not the caller's): a 404 on the web."""


class FieldError(UserFacingError):
    """A refused input value: `field` names it, `message` says why (French); a 400 naming the field on the web."""

    def __init__(self, field: str, message: str):
        super().__init__(f"Paramètre « {field} » invalide : {message}")
        self.field, self.message = field, message
