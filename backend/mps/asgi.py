"""create_app(): the one place the Litestar application is assembled, from the areas listed below.

Each area declares what it contributes in `mps/domain/<area>/area.py` (`mps.web.area.Area`); nothing
registers itself by being imported. A new area is one import and one line in AREAS.
"""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from litestar import Litestar
from litestar.middleware import DefineMiddleware
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin

from mps.admin import area as admin
from mps.db.engine import make_engine, make_sessionmaker
from mps.domain.accounts import area as accounts
from mps.domain.catalogue import area as catalogue
from mps.domain.classes import area as classes
from mps.domain.family import area as family
from mps.domain.favourites import area as favourites
from mps.domain.feedback import area as feedback
from mps.domain.identity import area as identity
from mps.domain.pages import area as pages
from mps.domain.plan import area as plan
from mps.domain.privacy import area as privacy
from mps.domain.profile import area as profile
from mps.domain.reminders import area as reminders
from mps.domain.stages import area as stages
from mps.domain.stats import area as stats
from mps.domain.suggestions import area as suggestions
from mps.domain.sync import area as sync
from mps.domain.timeline import area as timeline
from mps.settings import Settings, load_settings
from mps.web import assets
from mps.web.admission import admission_gate
from mps.web.area import Area
from mps.web.catalogue_store import CatalogueStore
from mps.web.compression import compression_config
from mps.web.cross_site import cross_site_refusal
from mps.web.deps import CORE_DEPENDENCIES
from mps.web.errors import HANDLERS
from mps.web.edge import edge_middleware
from mps.web.observability import metrics_controller
from mps.web.openapi import document_the_edges
from mps.web.proxies import proxy_middleware
from mps.web.security import CORE_CSRF_EXEMPT, SKIP_CSRF, csrf_config, secure_cookies_over_https, security_headers
from mps.web.state import AppState
from mps.web.templates import template_config

# Order matters for hooks and middlewares: before_send hooks, session resolvers and middlewares run in this order.
AREAS: list[Area] = [
    pages.AREA,
    catalogue.AREA,
    identity.AREA,      # anonymous id of the device
    sync.AREA,          # its short lane for a signed-in device's sync runs before the session middleware
    stages.SEARCH_LANE,  # the board search's short lane for an anonymous visitor, before the session middleware
    accounts.AREA,      # sign-in and sessions: recognised before the anonymous id
    profile.AREA,
    suggestions.AREA,
    favourites.AREA,
    plan.AREA,          # « Mes vœux »: the favourites as a Parcoursup wish plan
    classes.AREA,
    family.AREA,
    privacy.AREA,
    stages.AREA,
    stats.AREA,
    feedback.AREA,
    timeline.AREA,
    reminders.AREA,
    admin.AREA,
]


def _each(areas: Iterable[Area], field: str) -> list:
    return [item for area in areas for item in getattr(area, field)]


def _merged(areas: Iterable[Area], field: str) -> dict:
    """One dict from every area's mapping; two areas claiming the same key is a mistake, said at start-up."""
    merged: dict = {}
    for area in areas:
        for key, value in getattr(area, field).items():
            if key in merged:
                raise ValueError(f"{field}: {key!r} declared twice (area {area.name})")
            merged[key] = value
    return merged


def on_response_start(hooks: Sequence[Callable[[dict, dict], None]]) -> Callable[..., Awaitable[None]]:
    """One before_send hook calling the areas' hooks in order on the response's start message, where they all work:
    Litestar awaited each of them on every message (a body too) of every request. They are plain functions (none
    waits on anything): a coroutine made and awaited for each of them cost more than their work."""
    hooks = tuple(hooks)

    async def hook(message, scope) -> None:
        if message["type"] == "http.response.start":
            for each in hooks:
                each(message, scope)
    return hook


def create_app(settings: Settings | None = None, areas: Sequence[Area] = AREAS) -> Litestar:
    settings = settings or load_settings()
    names = [area.name for area in areas]
    if len(set(names)) != len(names):
        raise ValueError(f"an area is listed twice: {names}")
    engine = make_engine(settings.database.url, **settings.database.engine_options())
    store = CatalogueStore(engine)
    manifest = assets.load_asset_manifest(settings.paths.dist_dir)

    state = AppState.build(settings=settings, engine=engine, sessionmaker=make_sessionmaker(engine),
                           catalogue=store, session_resolvers=tuple(_each(areas, "session_resolvers")))

    async def startup(app: Litestar) -> None:
        await store.refresh()
        store.start()

    async def shutdown(app: Litestar) -> None:
        await store.stop()
        await engine.dispose()

    exempt = [*CORE_CSRF_EXEMPT, *_each(areas, "csrf_exempt")]
    return Litestar(
        route_handlers=[*_each(areas, "route_handlers"), *assets.asset_routes(settings.paths.dist_dir),
                        metrics_controller(settings)],
        # db, settings, catalogue (mps/web/deps.py) and the areas' own; a name declared twice is refused.
        dependencies=_merged([Area(name="core", dependencies=CORE_DEPENDENCIES), *areas], "dependencies"),
        # secure_cookies_over_https last: it flags every cookie the hooks before it set.
        before_send=[on_response_start([*_each(areas, "before_send"), security_headers, secure_cookies_over_https])],
        # Proxies first (the client address), then one pass for the request id, access line and metrics around
        # everything else, where no NUL, control character or non-UTF-8 byte gets past, an unsafe request sent by
        # another site is refused (the sync lane checks the CSRF token itself), and a few requests at a time go on,
        # the others waiting their turn (mps.web.edge, mps.web.cross_site, mps.web.admission).
        middleware=[*proxy_middleware(settings),
                    DefineMiddleware(edge_middleware, gate=admission_gate(settings), refuse_cross_site=cross_site_refusal(
                        settings, [e.pattern for e in exempt], SKIP_CSRF)),
                    *_each(areas, "middleware")],
        stores={name: make(settings, engine) for name, make in _merged(areas, "stores").items()},
        csrf_config=csrf_config(settings, exempt),
        on_startup=[startup, *_each(areas, "on_startup"), document_the_edges],
        on_shutdown=[*_each(areas, "on_shutdown"), shutdown],
        state=state,
        template_config=template_config(settings.paths.templates_dir, lambda name: assets.asset_url(manifest, name),
                                        reload=settings.is_dev),
        compression_config=compression_config(),
        openapi_config=OpenAPIConfig(
            title="MonProjetSup API", version="1.0.0",
            description="Catalogue Parcoursup, suggestions et favoris. Données : Licence Ouverte 2.0 et ODbL (ONISEP).",
            path="/schema", render_plugins=[JsonRenderPlugin(), SwaggerRenderPlugin()],
        ),
        exception_handlers=_merged([Area(name="core", exception_handlers=HANDLERS), *areas], "exception_handlers"),
        debug=False,
        logging_config=None,  # `mps serve` configures logging (JSON lines, mps.web.observability.log_config)
    )
