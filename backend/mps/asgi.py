"""create_app(): the one place the Litestar application is assembled."""
from __future__ import annotations

from litestar import Litestar
from litestar.di import Provide
from litestar.config.compression import CompressionConfig
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import JsonRenderPlugin, SwaggerRenderPlugin

from mps.admin.mount import admin_mount
from mps.db.engine import make_engine, make_sessionmaker
from mps.domain.accounts.api import AccountApi
from mps.domain.accounts.guard import SignInRequired, sign_in_required_handler
from mps.domain.accounts.pages import AccountPages
from mps.domain.accounts.security import web_security
from mps.domain.catalogue.api import CatalogueApi
from mps.domain.classes.api import ClassesApi
from mps.domain.classes.pages import StudentClassPages, TeacherPages
from mps.domain.family.api import FamilyApi
from mps.domain.family.pages import FamilyPages
from mps.domain.privacy.controllers import PrivacyApi, PrivacyPages
from mps.domain.stats.controllers import StatsApi, StatsPages
from mps.domain.favourites.api import FavouritesApi
from mps.domain.favourites.pages import FavouritesPages
from mps.domain.catalogue.pages import CataloguePages
from mps.domain.feedback.pages import FeedbackPages
from mps.domain.identity.service import send_anonymous_cookie
from mps.domain.suggestions.service import prepare_model
from mps.domain.pages.controllers import GeneralPages, Health_
from mps.domain.profile.api import ProfileApi
from mps.domain.profile.pages import ProfilePages
from mps.domain.suggestions.api import SuggestionsApi
from mps.domain.suggestions.pages import SuggestionsPages
from mps.settings import Settings, load_settings
from mps.web import assets
from mps.web.catalogue_store import CatalogueStore
from mps.web.db import provide_db
from mps.web.errors import HANDLERS
from mps.web.templates import template_config

# Areas register their controllers here as they land (accounts, favourites, suggestions ...).
ROUTE_HANDLERS: list = [GeneralPages, Health_, CatalogueApi, CataloguePages]
ROUTE_HANDLERS.append(admin_mount)  # back-office: Piccolo Admin at /admin (mps.admin)
ROUTE_HANDLERS.append(FeedbackPages)  # « Je donne mon avis » at /avis (mps.domain.feedback)

ROUTE_HANDLERS += [AccountPages, AccountApi]  # accounts: sign-in, sessions, /compte
ROUTE_HANDLERS += [FavouritesApi, FavouritesPages]  # favourites: /favoris, /api/v1/favourites
ROUTE_HANDLERS += [ClassesApi, TeacherPages, StudentClassPages]  # classes: /classes, /ma-classe
ROUTE_HANDLERS += [FamilyApi, FamilyPages]  # family sharing: /famille, /partage/<token>
ROUTE_HANDLERS += [PrivacyApi, PrivacyPages]  # personal data: /mes-donnees, /api/v1/me/export
ROUTE_HANDLERS += [StatsApi, StatsPages]  # public impact figures: /statistiques
ROUTE_HANDLERS += [ProfileApi, SuggestionsApi, ProfilePages, SuggestionsPages]  # profile and suggestions (issue 3)
from mps.domain.sync.api import SyncApi  # noqa: E402
from mps.domain.sync.pages import OfflinePages  # noqa: E402
ROUTE_HANDLERS += [SyncApi, OfflinePages]  # offline sync: /api/v1/sync, /hors-ligne/app (issue 5)


def create_app(settings: Settings | None = None) -> Litestar:
    settings = settings or load_settings()
    engine = make_engine(settings.database.url)
    store = CatalogueStore(engine)
    manifest = assets.load_asset_manifest(settings.paths.dist_dir)
    security = web_security(settings, engine)  # sessions, CSRF, cookie flags (mps.domain.accounts)

    async def startup(app: Litestar) -> None:
        app.state.settings = settings
        app.state.engine = engine
        app.state.sessionmaker = make_sessionmaker(engine)
        app.state.catalogue = store
        await store.refresh()
        prepare_model(app)
        store.start()

    async def shutdown(app: Litestar) -> None:
        await store.stop()
        await engine.dispose()

    return Litestar(
        route_handlers=[*ROUTE_HANDLERS, *assets.asset_routes(settings.paths.dist_dir)],
        dependencies={"db": Provide(provide_db)},
        before_send=[send_anonymous_cookie, *security["before_send"]],
        middleware=security["middleware"],
        stores=security["stores"],
        csrf_config=security["csrf_config"],
        on_startup=[startup],
        on_shutdown=[shutdown],
        template_config=template_config(settings.paths.templates_dir, lambda name: assets.asset_url(manifest, name)),
        compression_config=CompressionConfig(backend="gzip", minimum_size=512, gzip_compress_level=6,
                                             exclude_opt_key="precompressed"),  # handlers that gzip themselves
        openapi_config=OpenAPIConfig(
            title="MonProjetSup API", version="1.0.0",
            description="Catalogue Parcoursup, suggestions et favoris. Données : Licence Ouverte 2.0 et ODbL (ONISEP).",
            path="/schema", render_plugins=[JsonRenderPlugin(), SwaggerRenderPlugin()],
        ),
        exception_handlers={**HANDLERS, SignInRequired: sign_in_required_handler},
        debug=False,
    )
