"""The engine's model for the worker's current catalogue, built once per catalogue version."""
from __future__ import annotations

import asyncio

from sqlalchemy.ext.asyncio import AsyncEngine

from mps.domain.catalogue.index import Catalogue
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import ProfileDoc, ProfileError, check_references
from mps.domain.suggestions.model import SuggestionModel, build_model, read_tables
from mps.lib.errors import FieldError


class SuggestionModels:
    """Holds this worker's model: built at start-up and after each import, rebuilt if a request comes first."""

    def __init__(self, engine: AsyncEngine):
        self.engine = engine
        self.current: SuggestionModel | None = None
        self._lock = asyncio.Lock()

    async def for_catalogue(self, cat: Catalogue) -> SuggestionModel:
        """The model for `cat`, built once per catalogue version (about 1 s, off the event loop)."""
        model = self.current
        if model is not None and model.version == cat.version:
            return model
        async with self._lock:
            model = self.current
            if model is None or model.version != cat.version:
                metiers, stat_rows = await read_tables(self.engine)
                # CPU-bound: off the event loop so other requests keep being served.
                model = await asyncio.to_thread(build_model, cat, metiers, stat_rows)
                self.current = model
        return model

    def rebuild_soon(self, cat: Catalogue) -> None:
        """Catalogue listener: start building the new catalogue's model before a request asks for it."""
        asyncio.get_running_loop().create_task(self.for_catalogue(cat))


def checked_profile(doc: ProfileDoc, model: SuggestionModel | None) -> ProfileDoc:
    """Referential checks on a decoded profile; a FieldError naming the field when something is unknown."""
    try:
        return check_references(doc, load_referential(), model.metiers if model and model.metiers else None)
    except ProfileError as exc:
        raise FieldError(exc.field, exc.message) from None
