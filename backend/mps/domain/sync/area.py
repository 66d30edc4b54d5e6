"""Offline sync: POST /api/v1/sync and the offline shell page /hors-ligne/app."""
from mps.domain.sync.api import SyncApi
from mps.domain.sync.pages import OfflinePages
from mps.web.area import Area

AREA = Area(name="sync", route_handlers=[SyncApi, OfflinePages])
