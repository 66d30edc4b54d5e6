"""Offline sync: POST /api/v1/sync (the offline shell itself is a general page, /hors-ligne/app)."""
from mps.domain.sync.api import SyncApi
from mps.domain.sync.web import give_connections_back, lend_connections, sync_lane
from mps.web.area import Area

AREA = Area(name="sync", route_handlers=[SyncApi], middleware=[sync_lane],
            on_startup=[lend_connections], on_shutdown=[give_connections_back])
