"""Public impact figures: /statistiques and /api/v1/stats."""
from mps.domain.stats.api import StatsApi
from mps.domain.stats.pages import StatsPages
from mps.domain.stats.web import start_stats_cache
from mps.web.area import Area

AREA = Area(name="stats", route_handlers=[StatsApi, StatsPages], on_startup=[start_stats_cache])
