"""`mps serve`: migrate, import on an empty database, then run uvicorn workers on create_app."""
from __future__ import annotations

import asyncio

import uvicorn

from mps.settings import Settings


async def _ensure_catalogue(settings: Settings) -> None:
    from mps.db.engine import make_engine
    from mps.domain.catalogue.index import current_version
    from mps.etl.runner import ImportFiles, run_import

    engine = make_engine(settings.database.url)
    try:
        if await current_version(engine) is None:
            print("Base vide : import du catalogue…")
            await run_import(engine, ImportFiles.from_data_dir(settings.paths.data_dir), settings.paths.var_dir)
    finally:
        await engine.dispose()


def serve(settings: Settings, host: str, port: int, workers: int) -> int:
    from mps.admin.schema import ensure_admin_schema
    from mps.db.migrate import upgrade

    upgrade(settings.database.url)
    ensure_admin_schema(settings)  # Piccolo's back-office tables
    asyncio.run(_ensure_catalogue(settings))
    print(f"MonProjetSup sur http://{host}:{port}")
    uvicorn.run("mps.asgi:create_app", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False, proxy_headers=True)
    return 0
