"""The worker's catalogue is kept out of the garbage collector's full passes, and a reload frees the previous one."""
from __future__ import annotations

import asyncio
import gc
import weakref

from mps.web import catalogue_store


class _Catalogue:
    def __init__(self, version: int):
        self.version, self.formations = version, {}
        self.cycle = self  # like the real one: reference cycles only the collector frees


def test_a_loaded_catalogue_is_frozen_and_the_previous_one_can_be_collected(monkeypatch):
    versions = iter([1, 2])
    loaded: list[weakref.ref] = []
    # Apps of earlier tests may still poll their own stores in this process: they keep the real functions.
    own, real_version, real_load = object(), catalogue_store.current_version, catalogue_store.load

    async def current_version(engine):
        return next(versions) if engine is own else await real_version(engine)

    async def load(engine):
        if engine is not own:
            return await real_load(engine)
        catalogue = _Catalogue(len(loaded) + 1)
        loaded.append(weakref.ref(catalogue))
        return catalogue

    monkeypatch.setattr(catalogue_store, "current_version", current_version)
    monkeypatch.setattr(catalogue_store, "load", load)
    store = catalogue_store.CatalogueStore(engine=own)
    try:
        assert asyncio.run(store.refresh())
        assert gc.get_freeze_count() > 0
        assert asyncio.run(store.refresh())
        gc.collect()
        assert loaded[0]() is None  # frozen objects are never collected: the first was unfrozen before
        assert loaded[1]() is store.current
    finally:
        gc.unfreeze()
