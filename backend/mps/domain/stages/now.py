"""The board's clock: every rule dates its changes in UTC (pages read them in Paris time)."""
from __future__ import annotations

from datetime import datetime, timezone


def now_utc() -> datetime:
    return datetime.now(timezone.utc)
