"""Apply Piccolo's migrations (users, sessions, back-office content) to the app's database.

Piccolo's migration runner works from code (`run_forwards`), so the back-office schema evolves through
real migrations (mps/admin/piccolo_migrations/) rather than create_table(if_not_exists=True), which
could never add a column to an existing table. Called next to Alembic's upgrade() by `mps migrate`,
`mps import`, `mps serve` and the test fixtures.
"""
from __future__ import annotations

import asyncio
import contextlib
import io
import threading

from mps.admin.db import piccolo_engine, use_engine


async def _forwards(url: str) -> None:
    from piccolo.apps.migrations.commands.forwards import run_forwards

    with use_engine(piccolo_engine(url)), contextlib.redirect_stdout(io.StringIO()) as out:
        result = await run_forwards("all")
    if not result.success:
        raise RuntimeError(f"Piccolo migrations failed: {result.message}\n{out.getvalue()}")


def ensure_admin_schema(settings_or_url) -> None:
    url = settings_or_url if isinstance(settings_or_url, str) else settings_or_url.database.url
    piccolo_engine(url)  # built outside any loop: Piccolo checks the server version when constructing
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        asyncio.run(_forwards(url))
        return
    errors: list[BaseException] = []  # called from inside a running loop (async tests): use a thread

    def run() -> None:
        try:
            asyncio.run(_forwards(url))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the caller's thread
            errors.append(exc)

    t = threading.Thread(target=run)
    t.start()
    t.join()
    if errors:
        raise errors[0]
