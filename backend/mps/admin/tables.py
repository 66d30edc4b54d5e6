"""Piccolo tables of the back-office: content the team edits, and the feedback people send.

These tables belong to Piccolo alone (its migrations in piccolo_migrations/); Alembic ignores them and
no SQLAlchemy model maps them.
"""
from __future__ import annotations

from enum import Enum

from piccolo.apps.user.tables import BaseUser
from piccolo.columns import Boolean, Date, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.timestamptz import TimestamptzNow
from piccolo.table import Table
from piccolo_api.session_auth.tables import SessionsBase

from mps.admin.db import ROUTER

class Level(str, Enum):
    info = "info"
    warning = "warning"


class Announcement(Table, tablename="admin_announcement", db=ROUTER):
    """A notice shown at the top of every page between starts_at and ends_at (if active)."""

    title = Varchar(length=200)
    body = Text(default="")
    level = Varchar(length=10, default=Level.info, choices=Level, help_text="info (bleu) ou warning (orange)")
    starts_at = Timestamptz(default=TimestamptzNow())
    ends_at = Timestamptz(null=True, default=None, help_text="vide = sans fin")
    active = Boolean(default=True)


class HelpText(Table, tablename="admin_help_text", db=ROUTER):
    """A help paragraph the team can reword without a release, looked up by key."""

    key = Varchar(length=100, unique=True)
    title = Varchar(length=200, default="")
    body = Text(default="")


class Feedback(Table, tablename="admin_feedback", db=ROUTER):
    """« Je donne mon avis »: nothing personal is kept (no IP, no user agent, no account)."""

    created_at = Timestamptz(default=TimestamptzNow())
    page = Varchar(length=300, default="")
    rating = Integer()
    text = Text(default="")


class TimelineDate(Table, tablename="admin_timeline_date", db=ROUTER):
    """A date of the timeline confirmed by the team: the step stops being « date à confirmer ».

    Read by mps.domain.timeline.confirm; a row whose step or dates do not fit the school year is ignored
    (and logged), never breaking the timeline."""

    step_key = Varchar(length=120, unique=True,
                       help_text="Année et étape, par exemple 2026-2027/parcoursup-voeux (voir data/timeline/)")
    start = Date(help_text="Premier jour (ou le seul jour) de l'étape")
    end = Date(null=True, default=None, help_text="Dernier jour ; vide = même durée qu'avant")
    note = Text(default="", help_text="Où la date a été vérifiée (adresse de la source)")


class AdminUser(BaseUser, tablename="admin_user", db=ROUTER):
    """Piccolo's user table (password hashing, login), under a back-office name."""

    _min_password_length = 12  # Piccolo's default of 6 is too weak for an account that edits the site


class AdminSession(SessionsBase, tablename="admin_session", db=ROUTER):
    """Piccolo's session table, under a name that cannot be mistaken for the app's web sessions."""


CONTENT_TABLES = [Announcement, HelpText, Feedback, TimelineDate]
ALL_TABLES = [AdminUser, AdminSession, *CONTENT_TABLES]
