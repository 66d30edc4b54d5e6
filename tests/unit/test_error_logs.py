"""Logged errors name the route and the frames, never what a visitor typed nor SQL parameters."""
from __future__ import annotations

import asyncio

import pytest
from litestar import Litestar, get
from litestar.testing import TestClient
from sqlalchemy import text

from mps.db.engine import make_engine
from mps.web.errors import HANDLERS
from tests.logs import captured


@get("/api/boom/{word:str}")
async def boom(word: str) -> str:
    raise ValueError(f"could not read {word}")


def test_an_unhandled_error_logs_the_route_not_the_visitors_text():
    with TestClient(Litestar([boom], exception_handlers=HANDLERS)) as client:
        with captured() as logs:
            answer = client.get("/api/boom/motdepasse-secret")
    assert answer.status_code == 500
    logged = "\n".join(logs.messages())
    assert "ValueError" in logged and "/api/boom/{word}" in logged and "boom" in logged
    assert "motdepasse-secret" not in logged


def test_sql_errors_never_quote_their_parameters(tmp_path):
    async def go():
        engine = make_engine(f"sqlite+aiosqlite:///{tmp_path / 'x.sqlite'}")
        try:
            async with engine.begin() as conn:
                await conn.execute(text("CREATE TABLE t (v TEXT UNIQUE)"))
                await conn.execute(text("INSERT INTO t VALUES (:v)"), {"v": "eleve@exemple.fr"})
                await conn.execute(text("INSERT INTO t VALUES (:v)"), {"v": "eleve@exemple.fr"})
        finally:
            await engine.dispose()
    with pytest.raises(Exception) as err:
        asyncio.run(go())
    assert "UNIQUE" in str(err.value) and "eleve@exemple.fr" not in str(err.value)
