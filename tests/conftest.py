"""Shared fixtures: every integration test runs against SQLite and against the real PostgreSQL server."""
from __future__ import annotations

import asyncio
import dataclasses
import os
import shutil
import uuid
from pathlib import Path

import pytest

from mps.admin.migrate import ensure_admin_schema
from mps.db.engine import make_engine
from mps.db.migrate import upgrade
from mps.etl.runner import ImportFiles, run_import
from mps.settings import DatabaseSettings, RateLimits, load_settings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
PG_ADMIN_DSN = os.environ.get("MPS_TEST_PG", "postgresql://postgres@127.0.0.1:5432/test")
BACKENDS = ["sqlite", "postgresql"]


def small_files(**overrides) -> ImportFiles:
    files = ImportFiles(
        parcoursup=DATA / "parcoursup_small.csv", specialites=DATA / "specialites_small.csv",
        communes=DATA / "communes_small.csv", lycees=DATA / "lycees_small.csv",
        metiers=DATA / "metiers_small.csv", metiers_descriptions=DATA / "metiers_descriptions_small.csv")
    return dataclasses.replace(files, **overrides)


async def _pg_admin(sql: str) -> None:
    import asyncpg
    conn = await asyncpg.connect(PG_ADMIN_DSN)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


class Databases:
    """Creates throw-away databases (a SQLite file or a PostgreSQL database) and drops them at the end."""

    def __init__(self, tmp: Path):
        self.tmp, self.pg_names = tmp, []
        self.templates: dict[str, str] = {}  # backend -> name of its migrated, empty database

    def new(self, backend: str, template: str | None = None) -> str:
        """An empty database, or a copy of the database named `template` (on the same backend)."""
        name = f"mps_test_{uuid.uuid4().hex[:10]}"
        if backend == "sqlite":
            for suffix in (".sqlite", ".sqlite-wal") if template is not None else ():  # the WAL holds commits too
                if (self.tmp / (template + suffix)).exists():
                    shutil.copyfile(self.tmp / (template + suffix), self.tmp / (name + suffix))
            return f"sqlite+aiosqlite:///{self.tmp / (name + '.sqlite')}"
        copy = f' TEMPLATE "{template}"' if template is not None else ""
        asyncio.run(_pg_admin(f'CREATE DATABASE "{name}"{copy}'))
        self.pg_names.append(name)
        return PG_ADMIN_DSN.replace("postgresql://", "postgresql+asyncpg://").rsplit("/", 1)[0] + "/" + name

    def migrated(self, backend: str) -> str:
        """A new migrated, empty database: a copy of one migrated once per backend and session (the migrations
        take seconds per database; a file copy or CREATE DATABASE ... TEMPLATE a fraction of one)."""
        if backend not in self.templates:
            url = self.new(backend)
            upgrade(url)
            ensure_admin_schema(url)  # Piccolo's back-office tables (own migrations)
            self.templates[backend] = url.rsplit("/", 1)[1].removesuffix(".sqlite")
        return self.new(backend, template=self.templates[backend])

    def drop_all(self) -> None:
        """All at once on a few connections: each DROP DATABASE waits for a checkpoint, and drops waiting
        together share one instead of queueing a checkpoint each (seconds apiece on a busy server)."""
        async def drop_all():
            gate = asyncio.Semaphore(8)

            async def drop(name: str) -> None:
                async with gate:
                    await _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            await asyncio.gather(*(drop(name) for name in self.pg_names))
        asyncio.run(drop_all())


@pytest.fixture(scope="session")
def databases(tmp_path_factory):
    dbs = Databases(tmp_path_factory.mktemp("db"))
    yield dbs
    dbs.drop_all()


@pytest.fixture(params=BACKENDS)
def empty_db(request, databases) -> str:
    """A migrated, empty database on each backend (a new one per test)."""
    return databases.migrated(request.param)


def import_full(url: str, var_dir: Path) -> None:
    async def go():
        engine = make_engine(url)
        try:
            await run_import(engine, ImportFiles.from_data_dir(ROOT / "data"), var_dir, log=lambda *_: None)
        finally:
            await engine.dispose()
    asyncio.run(go())


@pytest.fixture(scope="session", params=BACKENDS)
def catalogue_db(request, databases, tmp_path_factory) -> str:
    """A database holding the full shipped catalogue, once per backend for the whole session."""
    url = databases.new(request.param)
    upgrade(url)
    ensure_admin_schema(url)  # Piccolo's back-office tables (own migrations)
    import_full(url, tmp_path_factory.mktemp("var"))
    return url


@pytest.fixture(scope="session")
def shipped_catalogue():
    """The shipped catalogue read from data/ into memory (mps.etl.memory), as `mps snapshot` reads it: built once
    per session (seconds each time) for the tests that only read it."""
    from mps.etl.memory import catalogue_from_files
    return catalogue_from_files(ImportFiles.from_data_dir(ROOT / "data"))


# The whole session writes anonymously through one test client: limits that a script would hit, tests don't.
TEST_LIMITS = RateLimits(anon_write=(10**6, 600), anon_new=(10**6, 3600))


def settings_for(url: str, var_dir: Path):
    base = load_settings()
    return dataclasses.replace(base, database=DatabaseSettings(url=url), environment="production",
                               paths=dataclasses.replace(base.paths, var_dir=var_dir), limits=TEST_LIMITS,
                               # No reminder passes in the background of other tests (tests/integration/reminders run them).
                               push=dataclasses.replace(base.push, jobs="off"))


@pytest.fixture(scope="session", autouse=True)
def pages_without_style_attributes():
    """Every page any test client gets is checked for style attributes (tests/inline_styles.py)."""
    from litestar.testing import TestClient

    from tests.inline_styles import checking_send

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(TestClient, "send", checking_send(TestClient.send))
        yield


@pytest.fixture(scope="session")
def app_client(catalogue_db, tmp_path_factory):
    """A test client of the full app on the imported catalogue (per backend)."""
    from litestar.testing import TestClient

    from mps.asgi import create_app

    app = create_app(settings_for(catalogue_db, tmp_path_factory.mktemp("appvar")))
    with TestClient(app=app, base_url="http://127.0.0.1:8000") as client:
        yield client
