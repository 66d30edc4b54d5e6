"""Alembic, driven from code: `upgrade()` brings any database to the latest schema (all branches)."""
from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"


def alembic_config(url: str) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return cfg


def upgrade(url: str) -> None:
    # Each area keeps its own migration branch off the base revision: apply every head.
    command.upgrade(alembic_config(url), "heads")


def revision(url: str, message: str, head: str = "base_catalogue@head") -> None:
    """Developer helper: autogenerate a migration from the models."""
    command.revision(alembic_config(url), message=message, autogenerate=True, head=head)
