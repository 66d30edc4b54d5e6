"""Reminders: Web Push and e-mail reminders of the timeline's dates, their settings page and their jobs."""
from mps.domain.reminders.api import RemindersApi
from mps.domain.reminders.command import PUSH
from mps.domain.reminders.pages import RemindersPages
from mps.domain.reminders.web import DEPENDENCIES, start_reminders, stop_reminders
from mps.web.area import Area, CsrfExempt

AREA = Area(
    name="reminders",
    route_handlers=[RemindersApi, RemindersPages],
    csrf_exempt=[CsrfExempt(r"^/api/v1/reminders/renew$",
                            "called by the service worker, which cannot read the CSRF cookie; it only moves a "
                            "subscription whose old endpoint (a secret only that device and we know) it presents")],
    dependencies=DEPENDENCIES, on_startup=[start_reminders], on_shutdown=[stop_reminders],
    commands=[PUSH],
)
