"""The stage board's figures as last computed by the background job (issue 15): one row per school year and
level. The page reads them and never computes; `version` sums up the data they were computed from, so a page
can tell they are stale (domain/stages/figures/saved.py)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class StageFigures(Base):
    __tablename__ = "stage_figures"

    school_year: Mapped[int] = mapped_column(Integer, primary_key=True)
    niveau: Mapped[str] = mapped_column(String(8), primary_key=True)
    version: Mapped[str] = mapped_column(String(64), default="")  # data_version's digest; "" never computed
    computed_at: Mapped[datetime | None] = mapped_column(default=None)
    rows: Mapped[dict] = mapped_column(default=dict)  # grouping -> [row, …] (figures/tables.Row as a dict)
    running_since: Mapped[datetime | None] = mapped_column(default=None)  # a job's claim (one at a time)
