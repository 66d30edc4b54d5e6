"""The world's student gets a confirmed stage on the world's offer (through the applications' own service,
on the server's database), writes a report and shares it with the class's teacher: the states of
« Préparer mon stage », « Mon compte-rendu de stage » and the class's shared reports need one."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from sqlalchemy import select, update

from tests.browser.people import World, api, post_form


async def _confirm(db, student_id: str, offer_id: int) -> int:
    from mps.db.models import StageMember, StageOffer, StageOfferPeriod
    from mps.domain.stages.applications import service as applications
    from mps.domain.stages.applications.service import Actor
    from mps.domain.stages.seekers import save_seeker
    from tests.integration.stages.helpers import clock

    now, today = clock()
    offer = await db.get(StageOffer, offer_id)
    employer = await db.scalar(select(StageMember.person_id).where(StageMember.organisation_id == offer.organisation_id))
    await save_seeker(db, student_id, niveau=offer.niveau)
    app = await applications.apply(db, student_id, offer, "deux-semaines", "J'aimerais découvrir le travail du bois.",
                                   "Camille", now, today)
    await applications.move(db, app, "accept", Actor("employer", employer), now)
    await applications.confirm(db, app, Actor("student", student_id), now)
    # The stage took place last week: the report can be written.
    await db.execute(update(StageOfferPeriod).where(StageOfferPeriod.id == app.period_id)
                     .values(starts_on=today - timedelta(days=12), ends_on=today - timedelta(days=1)))
    return app.id


def place_student(w: World) -> int:
    """Playwright's sync API holds this thread's event loop: the database work runs on another thread."""
    from tests.integration.accounts.fixtures import run_db

    url = f"sqlite+aiosqlite:///{w.tmp / 'browser.sqlite'}"
    with ThreadPoolExecutor(1) as pool:
        app_id = pool.submit(run_db, url, lambda db: _confirm(db, w.student_id, w.stage_offer_id)).result()
    student = w.page("student")
    ticks = [{"item": item, "done": True, "ts": 1_700_000_000_000, "op": f"setup-{item}"} for item in ("convention", "trajet")]
    assert api(student, w.base, "POST", f"/api/v1/stages/preparation/{app_id}/coches", {"ticks": ticks}).ok
    assert post_form(student, w.base, f"/stages/mon-stage/{app_id}/compte-rendu", {
        "decouvert": "L'atelier, la scie, les plans.\nUne journée sur un chantier.",
        "aime": "Créer quelque chose de mes mains, le travail du bois.", "moins_aime": "Le bruit des machines.",
        "metiers_vus": "menuisier, ébéniste", "version": "0"}).ok
    assert post_form(student, w.base, f"/stages/mon-stage/{app_id}/partage", {"partager": "1"}).ok
    return app_id
