"""The stats area's start-up hook: this worker's cache of the figures."""
from __future__ import annotations

from litestar import Litestar

from mps.domain.stats.service import CACHE_SECONDS, CachedStats
from mps.web.state import state_of


def start_stats_cache(app: Litestar) -> None:
    """on_startup; settings.stats_cache_s shortens the cache (tests)."""
    state = state_of(app)
    seconds = state.settings.stats_cache_s
    state.impact_stats = CachedStats(CACHE_SECONDS if seconds is None else seconds)
