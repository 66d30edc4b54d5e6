"""Found through PICCOLO_CONF (set in mps/admin/__init__.py). DB routes to the app's database (see db.py).

Developers generate a migration after changing tables.py with:
  PICCOLO_CONF=mps.admin.piccolo_conf .venv/bin/piccolo migrations new mps_admin --auto
"""
from piccolo.conf.apps import AppRegistry

from mps.admin.db import ROUTER

DB = ROUTER

# Only our app: users and sessions are subclasses of Piccolo's, with their own admin_* tables.
APP_REGISTRY = AppRegistry(apps=["mps.admin.piccolo_app"])
