"""The reminders area's app hooks: start the jobs with the app, stop them with it."""
from __future__ import annotations

from litestar import Litestar

from mps.domain.reminders import runner
from mps.web.state import state_of


async def start_reminders(app: Litestar) -> None:
    state = state_of(app)
    state.reminders = runner.start(state.settings, state.sessionmaker)


async def stop_reminders(app: Litestar) -> None:
    reminders = state_of(app).get("reminders")
    if reminders is not None:
        await reminders.close()
