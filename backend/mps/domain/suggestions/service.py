"""The engine's model for the worker's current catalogue, built once per catalogue version."""
from __future__ import annotations

import asyncio

from litestar import Request

from mps.domain.catalogue.index import Catalogue
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schema import ProfileDoc, ProfileError, check_references
from mps.domain.suggestions.model import SuggestionModel, build_model, read_tables
from mps.domain.suggestions.onisep import OnisepDomains
from mps.web.deps import catalogue_of
from mps.web.errors import field_error


async def model_for(request: Request) -> tuple[Catalogue, SuggestionModel]:
    """(catalogue, model) of this worker; built at start-up and after each import (see prepare_model)."""
    cat = catalogue_of(request)
    return cat, await ensure_model(request.app.state, cat)


async def ensure_model(state, cat: Catalogue) -> SuggestionModel:
    """The model for `cat`, built once per catalogue version (about 1 s, off the event loop)."""
    model = getattr(state, "suggestion_model", None)
    if model is not None and model.version == cat.version:
        return model
    lock = getattr(state, "suggestion_model_lock", None)
    if lock is None:
        lock = state.suggestion_model_lock = asyncio.Lock()
    async with lock:
        model = getattr(state, "suggestion_model", None)
        if model is None or model.version != cat.version:
            metiers, stat_rows = await read_tables(state.engine)
            # CPU-bound: off the event loop so other requests keep being served.
            model = await asyncio.to_thread(lambda: build_model(cat, metiers, stat_rows, OnisepDomains.load()))
            state.suggestion_model = model
    return model


def prepare_model(app) -> None:
    """Build the model ahead of the first suggestion request: now, and whenever a new catalogue lands."""
    store = app.state.catalogue

    def schedule(cat: Catalogue) -> None:
        asyncio.get_running_loop().create_task(ensure_model(app.state, cat))

    store.listeners.append(schedule)
    if store.current is not None:
        schedule(store.current)


def checked_profile(doc: ProfileDoc, model: SuggestionModel | None) -> ProfileDoc:
    """Referential checks on a decoded profile; a 400 naming the field when something is unknown."""
    try:
        return check_references(doc, load_referential(), model.metiers if model and model.metiers else None)
    except ProfileError as exc:
        raise field_error(exc.field, exc.message) from None
