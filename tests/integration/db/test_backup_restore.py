"""infra/pg-backup.sh then infra/pg-restore.sh (the scripts docs/deployment.md tells operators to run, PostgreSQL):
a person's data written before the backup is in the restored database, the schema is at the code's head, and
a restore into a database that is not empty is refused rather than mixed with what it holds."""
from __future__ import annotations

import subprocess
from datetime import datetime, timezone

from sqlalchemy import func, select, text

from mps.admin.migrate import ensure_admin_schema
from mps.db.migrate import upgrade
from mps.db.models import Person
from tests.conftest import ROOT
from tests.integration.accounts.fixtures import run_db


def _script(name: str, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["bash", str(ROOT / "infra" / name), *args], capture_output=True, text=True, timeout=120)


def test_a_backup_restores_into_a_new_database_with_the_same_rows(databases, tmp_path):
    source, target = databases.new("postgresql"), databases.new("postgresql")
    upgrade(source)
    ensure_admin_schema(source)

    async def write(db):
        db.add(Person(id="b" * 32, email="sauvegarde@exemple.fr", role="lyceen", display_name="Camille",
                      created_at=datetime.now(timezone.utc)))
    run_db(source, write)

    backup = _script("pg-backup.sh", source, str(tmp_path / "mps.dump"))
    assert backup.returncode == 0, backup.stderr
    assert backup.stdout.strip() == str(tmp_path / "mps.dump") and not (tmp_path / "mps.dump.part").exists()
    restore = _script("pg-restore.sh", str(tmp_path / "mps.dump"), target)
    assert restore.returncode == 0, restore.stderr

    async def state(db):
        person = (await db.execute(select(Person.email, Person.display_name).where(Person.id == "b" * 32))).one()
        heads = sorted((await db.execute(text("SELECT version_num FROM alembic_version"))).scalars())
        return tuple(person), heads
    assert run_db(target, state) == run_db(source, state)
    assert run_db(target, state)[0] == ("sauvegarde@exemple.fr", "Camille")
    upgrade(target)  # `mps migrate` on the restored database: nothing to do, no error

    again = _script("pg-restore.sh", str(tmp_path / "mps.dump"), target)  # not an empty database
    assert again.returncode != 0
    assert run_db(target, _people) == 1  # --single-transaction: the failed restore left nothing behind


async def _people(db) -> int:
    return (await db.execute(select(func.count()).select_from(Person))).scalar_one()
