"""create_app composes the areas it is given and refuses a composition that would silently drop something:
an area listed twice, or two areas declaring the same dependency, store or exception handler."""
from __future__ import annotations

import dataclasses
import json

import pytest
from litestar.di import Provide

from mps.asgi import AREAS, create_app
from mps.settings import load_settings
from mps.web.area import Area
from mps.web.errors import HANDLERS


@pytest.fixture
def settings(tmp_path):
    """Settings whose front-end build is an empty manifest: composing needs no real build."""
    (tmp_path / "asset-manifest.json").write_text(json.dumps({}), encoding="utf-8")
    base = load_settings()
    return dataclasses.replace(base, paths=dataclasses.replace(base.paths, dist_dir=tmp_path))


def _one() -> int:
    return 1


def _store(settings, engine):
    from litestar.stores.memory import MemoryStore
    return MemoryStore()


def _handler(request, exc):
    return None


@pytest.mark.parametrize("first, second, said", [
    (Area(name="a"), Area(name="a"), "listed twice"),
    (Area(name="a", dependencies={"thing": Provide(_one, sync_to_thread=False)}),
     Area(name="b", dependencies={"thing": Provide(_one, sync_to_thread=False)}), "'thing' declared twice"),
    (Area(name="a", stores={"s": _store}), Area(name="b", stores={"s": _store}), "'s' declared twice"),
    (Area(name="a", exception_handlers={KeyError: _handler}),
     Area(name="b", exception_handlers={KeyError: _handler}), "declared twice"),
])
def test_create_app_refuses_what_two_areas_both_declare(settings, first, second, said):
    with pytest.raises(ValueError, match=said):
        create_app(settings, areas=[first, second])


def test_an_area_may_not_redeclare_a_core_dependency(settings):
    with pytest.raises(ValueError, match="'settings' declared twice"):
        create_app(settings, areas=[Area(name="a", dependencies={"settings": Provide(_one, sync_to_thread=False)})])


def test_an_area_may_not_replace_a_core_exception_handler(settings):
    core_exception = next(iter(HANDLERS))
    with pytest.raises(ValueError, match="exception_handlers: .* declared twice"):
        create_app(settings, areas=[Area(name="a", exception_handlers={core_exception: _one})])


def test_two_distinct_areas_compose_and_the_real_ones_are_listed_once(settings):
    assert len({area.name for area in AREAS}) == len(AREAS)
    assert create_app(settings, areas=[Area(name="a"), Area(name="b")]) is not None
