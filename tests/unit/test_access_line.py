"""The access line, made cheaply for every request (mps.web.observability.write_access_line), is the record and the
text Logger.info() made: same attributes, same JSON and text lines."""
from __future__ import annotations

import io
import json
import logging
import logging.config

from mps.lib.logs import REQUEST_ID, log_config
from mps.web.observability import access_log, write_access_line

_PER_LINE = {"created", "msecs", "relativeCreated", "request_id"}


def _lines(json_lines: bool) -> tuple[list[logging.LogRecord], str]:
    """The records and text written for one access line the old way (Logger.info) and one the new way."""
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record):
            records.append(record)

    root, root_level = logging.root.handlers[:], logging.root.level
    config = log_config(json_lines=json_lines)
    stream = io.StringIO()
    config["handlers"]["stdout"]["stream"] = stream
    logging.config.dictConfig(config)
    keep = Keep()
    access_log.addHandler(keep)
    token = REQUEST_ID.set("req-12345678")
    try:
        http = {"method": "GET", "route": "/api/v1/formations", "status": 200, "duration_ms": 1.25}
        access_log.info("%(method)s %(route)s %(status)s %(duration_ms)s ms", http, extra={"http": http})
        write_access_line("GET", "/api/v1/formations", 200, 0.00125)
    finally:
        REQUEST_ID.reset(token)
        access_log.removeHandler(keep)
        logging.root.handlers[:], logging.root.level = root, root_level
    return records, stream.getvalue()


def test_the_access_record_has_every_attribute_of_logger_info_s_with_the_same_values():
    (old, new), _ = _lines(json_lines=True)
    assert type(new) is not logging.LogRecord  # made without LogRecord.__init__
    assert new.__dict__.keys() == old.__dict__.keys()
    for key in old.__dict__.keys() - _PER_LINE - {"msg", "args", "pathname", "filename", "module", "lineno",
                                                      "funcName"}:
        assert getattr(new, key) == getattr(old, key), key
    assert new.getMessage() == old.getMessage() == "GET /api/v1/formations 200 1.25 ms"
    assert abs(new.created - old.created) < 5 and new.msecs == int((new.created % 1) * 1000)


def test_the_json_and_text_lines_are_those_of_logger_info():
    for json_lines in (True, False):
        _, text = _lines(json_lines)
        old, new = text.splitlines()
        if json_lines:
            old, new = json.loads(old), json.loads(new)
            assert old.pop("time")[:4] == new.pop("time")[:4] and old == new
            assert new["request_id"] == "req-12345678" and new["http"]["route"] == "/api/v1/formations"
        else:  # « 2026-12-01 20:51:03,123 INFO mps.access [req-12345678] GET /api/v1/formations 200 1.25 ms »
            assert old.split(" ", 2)[2] == new.split(" ", 2)[2]
