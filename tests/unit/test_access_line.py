"""The access line, made cheaply for every request (mps.web.observability.write_access_line), is the record and the
text Logger.info() made: same attributes, same JSON and text lines."""
from __future__ import annotations

import io
import json
import logging
import logging.config
import time

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


def _served_lines(json_lines: bool = True, method: str = "GET", route: str = "/formations/{formation_id:str}",
                  status: int = 404, duration: float = 0.0203456) -> str:
    """An access line written as `mps serve` logs (the handler alone on the way), then one by Logger.info."""
    root, root_level = logging.root.handlers[:], logging.root.level
    config = log_config(json_lines=json_lines)
    stream = io.StringIO()
    config["handlers"]["stdout"]["stream"] = stream
    logging.config.dictConfig(config)
    token = REQUEST_ID.set("req-12345678")
    try:
        write_access_line(method, route, status, duration)
        http = {"method": method, "route": route, "status": status, "duration_ms": round(duration * 1000, 2)}
        access_log.info("%(method)s %(route)s %(status)s %(duration_ms)s ms", http, extra={"http": http})
    finally:
        REQUEST_ID.reset(token)
        logging.root.handlers[:], logging.root.level = root, root_level
    return stream.getvalue()


def test_as_served_the_line_is_written_straight_and_is_logger_info_s():
    new, old = _served_lines().splitlines()
    new, old = json.loads(new), json.loads(old)
    assert abs(_seconds(new.pop("time")) - _seconds(old.pop("time"))) < 5 and new == old
    assert list(new) == ["level", "logger", "message", "request_id", "http"]  # the order of format()'s keys
    assert new["message"] == "GET /formations/{formation_id:str} 404 20.35 ms"


def test_as_served_a_line_says_what_logger_info_says_whatever_the_method_and_route():
    """The line is written from pieces encoded once per method, route and status: any text comes out as format()
    writes it (a method is the client's word), twice in a row too (the second from the kept pieces)."""
    for method, route, status, duration in (("G\"E\\T", "/a/{x:str}", 200, 0.0), ("PRÖPFIND\x01", "-", 405, 1.5e-5),
                                            ("GET", "/é « b »", 503, 12.3456), ("GET", "/é « b »", 503, 12.3456)):
        new, old = _served_lines(True, method, route, status, duration).splitlines()
        assert new.startswith('{"time":"') and new.split('"', 4)[4] == old.split('"', 4)[4]  # all but the time


def _seconds(stamp: str) -> float:
    from datetime import datetime
    assert stamp.endswith("Z") and len(stamp) == len("2026-12-03T03:30:00.123Z")
    return datetime.fromisoformat(stamp[:-1]).timestamp()


def test_the_time_of_a_line_written_straight_is_format_s_to_the_millisecond():
    from mps.lib.logs import JsonFormatter
    formatter = JsonFormatter()
    for created in (1764732600.0, 1764732600.0009, 1764732600.999, 1764732601.5, 1764732659.0421):
        record = logging.LogRecord("mps.access", logging.INFO, __file__, 0, "m", (), None)
        record.created, record.msecs = created, int((created - int(created)) * 1000) + 0.0  # as LogRecord sets them
        record.http = {}
        expected = time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(created)) + f".{int(record.msecs):03d}Z"
        assert formatter.stamp(created) == expected == json.loads(formatter.format(record))["time"]


def test_any_other_handler_filter_or_format_on_the_way_gets_the_record():
    from mps.lib.logs import sole_json_handler
    root, root_level = logging.root.handlers[:], logging.root.level
    try:
        logging.config.dictConfig(log_config(json_lines=True))
        assert sole_json_handler(access_log) is logging.root.handlers[0]
        keep = logging.Handler()
        for logger in (access_log, logging.root):  # a second handler, on the logger or above
            logger.addHandler(keep)
            assert sole_json_handler(access_log) is None
            logger.removeHandler(keep)
        access_log.addFilter(keep)
        assert sole_json_handler(access_log) is None
        access_log.removeFilter(keep)
        logging.root.handlers[0].addFilter(keep)
        assert sole_json_handler(access_log) is None
        logging.root.handlers[0].removeFilter(keep)
        assert sole_json_handler(access_log) is logging.root.handlers[0]
        logging.root.handlers[0].setLevel(logging.WARNING)
        assert sole_json_handler(access_log) is None
        logging.config.dictConfig(log_config(json_lines=False))  # text lines
        assert sole_json_handler(access_log) is None
        text = _served_lines(json_lines=False).splitlines()
        assert text[0].split(" ", 2)[2] == text[1].split(" ", 2)[2]
    finally:
        logging.root.handlers[:], logging.root.level = root, root_level
