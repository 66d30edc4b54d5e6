"""Dates confirmed in the back-office: a provisional step (« date à confirmer ») becomes firm.

For now the shipped files alone; the back-office table is read here once it exists.
"""
from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.timeline.data import STORE, SchoolYear


async def current_years(db: AsyncSession) -> dict[str, SchoolYear]:
    return STORE.current()
