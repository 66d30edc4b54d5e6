"""Back-office: Piccolo Admin at /admin, on Piccolo's own tables (never on the app's SQLAlchemy tables).

Piccolo looks for its configuration module through PICCOLO_CONF; ours ships inside the package so
nobody has to write a piccolo_conf.py (it is only needed by Piccolo's migration runner and CLI).
"""
import os

os.environ["PICCOLO_CONF"] = "mps.admin.piccolo_conf"
