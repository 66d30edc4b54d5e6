"""What an area contributes to the app, declared in one value instead of by import side effects.

Each area exports `AREA = Area(...)` from `backend/mps/domain/<area>/area.py`; `create_app`
(`mps/asgi.py`) composes the explicit list `AREAS` and the `mps` command reads the same list for
its subcommands. Importing an area module registers nothing: only being listed in `AREAS` does.
"""
from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litestar import Litestar, Request
    from litestar.stores.base import Store
    from sqlalchemy.ext.asyncio import AsyncEngine

    from mps.settings import Settings

Hook = Callable[["Litestar"], Awaitable[None] | None]
SessionResolver = Callable[["Request"], str | None]  # the signed-in person's id, or None
StoreFactory = Callable[["Settings", "AsyncEngine"], "Store"]


@dataclass(frozen=True)
class CsrfExempt:
    """A path (regex) that skips the CSRF check, with the reason it is safe; see mps/web/csrf.py."""
    pattern: str
    reason: str


@dataclass(frozen=True)
class Command:
    """An `mps` subcommand: `add_arguments(parser)` declares its options, `run(args, settings)` its exit code.

    `run` imports what it needs inside, so `mps --help` stays quick.
    """
    name: str
    help: str
    add_arguments: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, "Settings"], int]


@dataclass(frozen=True)
class Area:
    name: str
    route_handlers: Sequence[Any] = ()
    csrf_exempt: Sequence[CsrfExempt] = ()
    on_startup: Sequence[Hook] = ()
    on_shutdown: Sequence[Hook] = ()
    # Tried in order, before the device's anonymous id (mps.domain.identity.web.current_person_id).
    session_resolvers: Sequence[SessionResolver] = ()
    before_send: Sequence[Callable[[dict, dict], None]] = ()  # f(message, scope) on the response's start message only
    middleware: Sequence[Any] = ()
    stores: Mapping[str, StoreFactory] = field(default_factory=dict)  # name -> factory(settings, engine)
    exception_handlers: Mapping[type[Exception], Callable[..., Any]] = field(default_factory=dict)
    dependencies: Mapping[str, Any] = field(default_factory=dict)  # Litestar Provide()s, app-wide
    commands: Sequence[Command] = ()
