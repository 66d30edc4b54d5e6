"""One row per successful catalogue import: its id is the catalogue version every worker follows."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mps.db.base import Base


class CatalogueImport(Base):
    __tablename__ = "catalogue_imports"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    finished_at: Mapped[datetime] = mapped_column()
    source_hash: Mapped[str] = mapped_column(String(64))
    session: Mapped[int] = mapped_column(Integer)
    counts: Mapped[dict] = mapped_column()  # {table: rows}
