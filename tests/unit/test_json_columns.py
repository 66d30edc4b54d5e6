"""JSON columns are decoded by msgspec (mps.db.engine.json_loads, issue 16), every value as the stdlib read it."""
import json

import pytest

from mps.db.engine import json_loads, make_engine

DOCUMENTS = ['{"f": [1700000000000, "op-1", true], "h": {"srv-1": [1, ""]}, "s": []}', "[]", "null", "-0.0",
             '"é\\u00e9\\n"', "123456789012345678901234567890", "1e400", '"\\ud800 alone"', '{"a": 1, "a": 2}',
             "[1.5e300, 0.1, 1E-7]"]


@pytest.mark.parametrize("text", DOCUMENTS)
def test_a_json_column_reads_as_the_stdlib_read_it(text):
    got, want = json_loads(text), json.loads(text)
    assert got == want and type(got) is type(want) and json.dumps(got) == json.dumps(want)


@pytest.mark.parametrize("url", ["sqlite+aiosqlite://", "postgresql+asyncpg://u@127.0.0.1:1/x"])
def test_both_databases_decode_json_with_it(url):
    assert make_engine(url).sync_engine.dialect._json_deserializer is json_loads
