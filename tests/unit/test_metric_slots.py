"""mps.web.edge._Slot counts a metric value as prometheus_client's own inc() does: in `mps serve`'s multiprocess
files (written straight into the process's file) the scrape reads the same figures, and elsewhere the value's inc()."""
from __future__ import annotations

from prometheus_client import CollectorRegistry, values
from prometheus_client.multiprocess import MultiProcessCollector

from mps.web.edge import _Slot

AMOUNTS = (1, 2.5, 0.125, -1, 1e-4, 3)


def test_a_slot_writes_the_multiprocess_file_as_inc_does(tmp_path, monkeypatch):
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    value = values.MultiProcessValue()  # the class `mps serve`'s workers count with
    made = {side: value("counter", "mps_t", "mps_t_total", ("side",), (side,), "help") for side in ("slot", "inc")}
    slot = _Slot(made["slot"])
    assert slot.file is not None  # the straight way
    for i, amount in enumerate(AMOUNTS):
        slot.inc(amount)
        made["inc"].inc(amount)
        if i == 2:  # a new label set grows the file: the slot writes into the new map
            first_map = slot.file._m
            for n in range(1000):
                value("counter", "mps_t", "mps_t_total", ("side",), (f"other{n}",), "help").inc(1)
    assert slot.file._m is not first_map
    registry = CollectorRegistry()
    MultiProcessCollector(registry, str(tmp_path))
    read = lambda side: registry.get_sample_value("mps_t_total", {"side": side})  # noqa: E731
    assert read("slot") == read("inc") == sum(AMOUNTS)
    assert made["slot"].get() == made["inc"].get() == sum(AMOUNTS)
    # the record in the file, (value, timestamp), is inc()'s: only the value is written, the timestamp stays 0.0
    assert slot.file.read_value(made["slot"]._key) == made["inc"]._file.read_value(made["inc"]._key) == (sum(AMOUNTS), 0.0)


def test_a_slot_of_a_single_process_value_uses_its_inc():
    value = values.MutexValue("counter", "mps_u", "mps_u_total", (), (), "help")
    slot = _Slot(value)
    assert slot.file is None
    for amount in AMOUNTS:
        slot.inc(amount)
    assert value.get() == sum(AMOUNTS)
