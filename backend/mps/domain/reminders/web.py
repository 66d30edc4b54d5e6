"""The reminders area's app hooks (start the jobs with the app, stop them with it) and the dependency its
controllers declare: `push_public_key`, the VAPID key browsers subscribe with."""
from __future__ import annotations

from litestar import Litestar
from litestar.di import Provide

from mps.domain.reminders import runner
from mps.web.state import AppState, state_of


async def start_reminders(app: Litestar) -> None:
    state = state_of(app)
    state.reminders = runner.start(state.settings, state.sessionmaker)


async def stop_reminders(app: Litestar) -> None:
    reminders = state_of(app).get("reminders")
    if reminders is not None:
        await reminders.close()


def provide_push_public_key(state: AppState) -> str:
    return state.reminders.keys.application_server_key


DEPENDENCIES = {"push_public_key": Provide(provide_push_public_key, sync_to_thread=False)}
