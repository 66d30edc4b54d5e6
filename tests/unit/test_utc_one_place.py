""""A naive datetime means UTC" is written once, in mps.db.types (the UtcDateTime column type and as_utc)."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

from mps.domain.reminders.sender import parse_retry_after
from mps.domain.stages.pages.moderation import moment

BACKEND = Path(__file__).resolve().parents[2] / "backend" / "mps"
ONE_PLACE = BACKEND / "db" / "types.py"
MIGRATIONS = BACKEND / "db" / "migrations"  # frozen history: may not import today's helpers
NAIVE_TO_UTC = re.compile(r"\.replace\(\s*tzinfo\s*=")


def test_no_module_redoes_the_naive_means_utc_conversion():
    found = [f"{path.relative_to(BACKEND)}:{i}" for path in BACKEND.rglob("*.py")
             if path != ONE_PLACE and MIGRATIONS not in path.parents
             for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if NAIVE_TO_UTC.search(line)]
    assert not found, f"use mps.db.types.as_utc (or a Mapped[datetime] column, which is UTC-aware): {found}"


def test_moderation_moments_are_paris_time_whatever_the_value_looks_like():
    aware = datetime(2026, 11, 30, 20, 5, tzinfo=timezone.utc)
    assert moment(aware) == moment(aware.replace(tzinfo=None)) == "30/11/2026 21:05"


def test_an_http_date_retry_after_is_read_as_gmt():
    assert parse_retry_after("Mon, 30 Nov 2026 20:05:00 GMT", now=datetime(2026, 11, 30, 20, 4, tzinfo=timezone.utc)
                             .timestamp()) == 60.0
