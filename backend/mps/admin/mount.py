"""Piccolo Admin (a Starlette/FastAPI app) mounted at /admin inside the Litestar app.

Cookies stay apart from the app's: Piccolo Admin uses `csrftoken` (CSRF, header X-CSRFToken) and `id`
(session), the app uses `mps_*` names (`mps_csrftoken` for CSRF). Piccolo Admin checks its own CSRF token,
so the app's CSRF middleware must skip /admin: the `exclude_from_csrf` opt below does it (Litestar's
CSRFConfig.exclude_from_csrf_key default); keep it if the CSRF config changes.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from litestar import Litestar
from litestar.handlers import asgi
from litestar.types import Receive, Scope, Send
from piccolo.engine.base import Engine

from mps.admin.db import piccolo_engine, use_engine
from mps.admin.tables import AdminSession, AdminUser, Announcement, Feedback, HelpText, TimelineDate


def engine_for(app: Litestar) -> Engine:
    """The Piccolo engine on this app's database (built once per database URL)."""
    return piccolo_engine(app.state.settings.database.url)


def _build_admin(app: Litestar):
    # Imported on the first /admin request: Piccolo Admin brings FastAPI, Starlette and Pydantic, 15 MB in every
    # worker that never serves the back-office.
    from piccolo_admin.endpoints import TableConfig, create_admin
    from piccolo_api.crud.endpoints import OrderBy

    settings = app.state.settings
    host = urlsplit(settings.public_url).hostname
    tables = [
        TableConfig(Announcement, menu_group="Contenus",
                    visible_columns=[Announcement.id, Announcement.title, Announcement.level,
                                     Announcement.starts_at, Announcement.ends_at, Announcement.active],
                    order_by=[OrderBy(Announcement.starts_at, ascending=False)]),
        TableConfig(HelpText, menu_group="Contenus", order_by=[OrderBy(HelpText.key)]),
        TableConfig(TimelineDate, menu_group="Frise", order_by=[OrderBy(TimelineDate.step_key)]),
        TableConfig(Feedback, menu_group="Avis des utilisateurs",
                    order_by=[OrderBy(Feedback.created_at, ascending=False)]),
    ]
    return create_admin(
        tables=tables, auth_table=AdminUser, session_table=AdminSession,
        production=not settings.is_dev,  # secure cookies outside development
        site_name="MonProjetSup – back-office", default_language_code="fr",
        allowed_hosts=[host] if host else [],
    )


def admin_app_for(app: Litestar):
    admin = app.state.get("piccolo_admin")
    if admin is None:
        admin = app.state["piccolo_admin"] = _build_admin(app)
    return admin


async def _redirect_to_slash(send: Send) -> None:
    # The admin page loads "./assets/...": it must be served from /admin/, not /admin.
    await send({"type": "http.response.start", "status": 308, "headers": [(b"location", b"/admin/")]})
    await send({"type": "http.response.body", "body": b""})


@asgi("/admin", is_mount=True, copy_scope=True, include_in_schema=False, opt={"exclude_from_csrf": True})
async def admin_mount(scope: Scope, receive: Receive, send: Send) -> None:
    if scope["type"] == "http" and scope["path"] in ("", "/") and not scope["raw_path"].endswith(b"/"):
        await _redirect_to_slash(send)
        return
    app = scope["app"]
    with use_engine(engine_for(app)):
        await admin_app_for(app)(scope, receive, _cookies_under_admin(send))


_PATH = re.compile(rb";\s*path=[^;]*", re.IGNORECASE)


# Piccolo Admin's login limit (20 tries in 5 minutes per address) answers « Too many requests »: said in French.
TOO_MANY_TRIES = "Trop de tentatives de connexion depuis cette adresse : réessayez dans quelques minutes.".encode()


def _cookies_under_admin(send: Send) -> Send:
    """Piccolo Admin's cookies (session `id`, `csrftoken`) are only sent back to /admin: the rest of the site
    never receives the back-office session. Its 429 is said in French."""
    too_many = False

    async def send_scoped(message) -> None:
        nonlocal too_many
        if message["type"] == "http.response.start":
            too_many = message["status"] == 429
            headers = [(name, _PATH.sub(b"", value) + b"; Path=/admin")
                       if name.lower() == b"set-cookie" else (name, value)
                       for name, value in message.get("headers") or []]
            if too_many:
                headers = [(n, v) for n, v in headers if n.lower() not in (b"content-length", b"content-type")]
                headers += [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(TOO_MANY_TRIES)).encode()), (b"retry-after", b"300")]
            message["headers"] = headers
        elif too_many and message["type"] == "http.response.body":
            if message.get("more_body", False):
                return  # (its one line comes in one message; any other part is dropped)
            message = {**message, "body": TOO_MANY_TRIES}
        await send(message)
    return send_scoped
