"""Piccolo app holding the back-office tables and their migrations (for Piccolo's migration runner/CLI)."""
from pathlib import Path

from piccolo.conf.apps import AppConfig

from mps.admin.tables import ALL_TABLES

APP_CONFIG = AppConfig(
    app_name="mps_admin",
    migrations_folder_path=str(Path(__file__).parent / "piccolo_migrations"),
    table_classes=ALL_TABLES,
    migration_dependencies=[],
    commands=[],
)
