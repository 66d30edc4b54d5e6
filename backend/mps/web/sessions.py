"""Server-side sessions: only signed-in people get one, and signing in always issues a fresh id.

Litestar's stock backend writes a row and sets a cookie for every visitor, even with an empty
session; ours stores nothing until there is something to keep, skips the write when nothing
changed, and rotates the id on sign-in (no session fixation).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from litestar import Request
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.stores.base import Store
from litestar.types import Empty
from litestar.utils.dataclass import extract_dataclass_items

SESSION_COOKIE = "mps_session"
SESSION_MAX_AGE = 30 * 24 * 3600
_LOADED = "mps_session_loaded"
_ROTATE = "mps_session_rotate"


class LazySessionBackend(ServerSideSessionBackend):
    async def load_from_connection(self, connection) -> dict[str, Any]:
        data = await super().load_from_connection(connection)
        connection.scope[_LOADED] = dict(data)  # type: ignore[index]
        return data

    async def store_in_message(self, scope_session, message, connection) -> None:
        scope = connection.scope
        cookie_id = connection.cookies.get(self.config.key)
        if (scope_session is Empty or not scope_session) and not cookie_id:
            return  # the common case, an anonymous visitor: nothing to store, nothing to compute
        store = self.config.get_store_from_app(scope["app"])
        headers = MutableScopeHeaders.from_message(message)
        params = dict(extract_dataclass_items(self.config, exclude_none=True, include=Cookie.__dict__.keys()))
        if scope_session is Empty or not scope_session:
            if cookie_id:  # signed out (or the stored session vanished): forget it everywhere
                await self.delete(cookie_id, store=store)
                params["max_age"] = 0
                headers.add("Set-Cookie", Cookie(value="", key=self.config.key, expires=0,
                                                 **params).to_header(header=""))
            return
        rotate = scope.get(_ROTATE, False)
        if not rotate and cookie_id and scope_session == scope.get(_LOADED):
            return  # unchanged: no write
        if rotate and cookie_id:
            await self.delete(cookie_id, store=store)
        session_id = self.generate_session_id() if rotate or not cookie_id else cookie_id
        await self.set(session_id=session_id, data=self.serialize_data(scope_session, scope), store=store)
        headers.add("Set-Cookie", Cookie(value=session_id, key=self.config.key, **params).to_header(header=""))


@dataclass
class LazySessionConfig(ServerSideSessionConfig):
    _backend_class = LazySessionBackend


def session_config() -> LazySessionConfig:
    # Secure is added per request by secure_cookies_over_https (depends on the scheme).
    return LazySessionConfig(key=SESSION_COOKIE, max_age=SESSION_MAX_AGE, httponly=True, samesite="lax",
                             store="sessions", renew_on_access=False,
                             # The read-only catalogue API and health check never use a session.
                             exclude=[r"^/static/", r"^/assets/", r"^/admin", r"^/healthz$",
                                      r"^/api/v1/(formations|places|catalogue)(/|$)"])


def session_store(settings, engine) -> Store:
    """Redis when REDIS_URL is set (shared by every worker and host), else the database."""
    if settings.redis_url:
        from litestar.stores.redis import RedisStore
        namespace = settings.extra.get("session_namespace", "mps_sessions")
        return RedisStore.with_client(url=settings.redis_url, namespace=namespace)
    from mps.web.session_store import SQLAlchemyStore
    return SQLAlchemyStore(engine)


def start_session(request: Request, person_id: str, provider: str) -> None:
    """Sign a person in on this browser, under a new session id.

    Only the id is kept: the role is read from the database on each use, so a change applies at once.
    """
    request.scope[_ROTATE] = True  # type: ignore[index]
    request.set_session({"pid": person_id, "via": provider})


def end_session(request: Request) -> None:
    request.clear_session()


def session_person_id(request: Request) -> str | None:
    session = request.scope.get("session")
    if isinstance(session, dict):
        return session.get("pid")
    return None
