"""« Préparer mon stage » and « Mon compte-rendu de stage » through the pages and the API, as a student
uses them (SQLite and PostgreSQL): ticks saved and restored, merged from an offline device; a report
too long refused with its length and nothing lost; every other role kept out, never a 500."""
from __future__ import annotations

import re

from sqlalchemy import select

from mps.db.models import StageDebrief, StagePreparation
from tests.integration.accounts.fixtures import Browser, db_url
from tests.integration.stages.helpers import run
from tests.integration.stages.preparation_helpers import placed_student, set_role, signed_in

PREPARE, REPORT = "/stages/mon-stage/preparer", "/stages/mon-stage/compte-rendu"


def checked(html: str) -> set[str]:
    return set(re.findall(r'name="fait" value="([a-z0-9-]+)" checked', html))


def stored(site, model, application_id: int):
    async def work(db):
        return await db.scalar(select(model).where(model.application_id == application_id))
    return run(db_url(site), work)


def test_checklist_is_saved_restored_and_merged_with_an_offline_device(site, geocoder):
    p = placed_student(site, geocoder)
    page = p.browser.get(PREPARE)
    assert page.status_code == 200 and "Découvrir les métiers de l&#39;hôpital" in page.text
    assert "Ta convention de stage signée par tout le monde" in page.text and "Le premier jour" in page.text
    assert '<span class="fr-badge fr-badge--info">Pas encore créée</span>' in page.text  # test_preparation_agreement
    assert checked(page.text) == set() and "0 sur 17 points cochés" in page.text

    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/preparer", {"fait": ["convention", "trajet"]},
                            follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].endswith(f"#statut-{p.application_id}")
    page = p.browser.get(r.headers["location"])
    assert checked(page.text) == {"convention", "trajet"} and "2 sur 17 points cochés" in page.text
    assert "C&#39;est enregistré." in page.text

    # Unticking on the page: the box left out is saved unticked.
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/preparer", {"fait": ["trajet"]})
    assert checked(p.browser.get(PREPARE).text) == {"trajet"}

    # A phone that was offline sends its queue: an older tick loses, a newer one wins, a replay is stale,
    # an unknown item is refused without failing the others; a replay changes nothing.
    url = f"/api/v1/stages/preparation/{p.application_id}/coches"
    ticks = [{"item": "trajet", "done": False, "ts": 1000, "op": "phone-1"},
             {"item": "identite", "done": True, "ts": 4_000_000_000_000, "op": "phone-2"},
             {"item": "n-existe-pas", "done": True, "ts": 5, "op": "phone-3"}]
    r = p.browser.api("POST", url, {"ticks": ticks})
    assert r.status_code == 200, r.text
    assert r.json() == {"results": ["stale", "applied", "rejected"], "done": ["identite", "trajet"]}
    assert p.browser.api("POST", url, {"ticks": ticks[1:2]}).json()["results"] == ["duplicate"]
    assert checked(p.browser.get(PREPARE).text) == {"identite", "trajet"}
    row = stored(site, StagePreparation, p.application_id)
    assert row.ticks["identite"]["op"] == "phone-2" and row.ticks["identite"]["ts"] < 4_000_000_000_000  # capped

    bad = p.browser.api("POST", url, {"ticks": [{"item": "trajet", "done": "oui", "ts": 1, "op": "x"}]})
    assert bad.status_code == 400 and "done" in bad.text
    assert p.browser.api("POST", url, {"ticks": [{"item": "A B", "done": True, "ts": 1, "op": "x"}]}).status_code == 400


def test_a_report_too_long_is_refused_with_its_length_and_nothing_typed_is_lost(site, geocoder):
    p = placed_student(site, geocoder)
    page = p.browser.get(REPORT)
    assert page.status_code == 200 and 'data-mps-counter="1500"' in page.text and "maxlength" not in page.text
    long_text = "J'ai aimé voir le bloc opératoire. " * 50  # 1 750 characters
    typed = {"decouvert": "Une journée à l'accueil des urgences,\r\npuis au laboratoire.", "aime": long_text,
             "metiers_vus": "infirmier", "version": "0"}
    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", typed)
    assert r.status_code == 400
    assert "Ce texte fait 1\u202f750 caractères : 1\u202f500 au plus" in r.text and "rien n&#39;a été coupé" in r.text
    assert long_text.replace("'", "&#39;") in r.text  # handed back whole, not cut
    assert "Une journée à l&#39;accueil des urgences,\npuis au laboratoire." in r.text
    assert 'href="#aime-%d"' % p.application_id in r.text  # the summary links to the field
    assert stored(site, StageDebrief, p.application_id) is None  # nothing half-saved

    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", {**typed, "aime": long_text[:1400]},
                            follow_redirects=False)
    assert r.status_code == 303
    row = stored(site, StageDebrief, p.application_id)
    assert row.decouvert == "Une journée à l'accueil des urgences,\npuis au laboratoire." and row.version == 1
    assert row.shared_at is None and row.consent_log == []  # private until the student shares it
    page = p.browser.get(r.headers["location"])
    assert "Ton compte-rendu est enregistré." in page.text and 'name="version" value="1"' in page.text

    # A save from a page opened before that one (another tab) is not written over it: both texts are shown.
    stale = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu",
                                {**typed, "aime": "Version de l'autre onglet", "version": "0"})
    assert stale.status_code == 409 and "modifié ailleurs" in stale.text
    assert "Version de l&#39;autre onglet" in stale.text and "J&#39;ai aimé voir le bloc" in stale.text
    assert stored(site, StageDebrief, p.application_id).aime == long_text[:1400]

    empty = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", {"version": "1"})
    assert empty.status_code == 400 and "Écris au moins quelques mots" in empty.text


def test_the_report_waits_for_the_first_day_of_the_stage(site, geocoder):
    p = placed_student(site, geocoder, started=False)
    page = p.browser.get(REPORT)
    assert "à partir du premier jour de ton stage" in page.text and "<textarea" not in page.text
    r = p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", {"decouvert": "Avant", "version": "0"})
    assert r.status_code == 400 and "pas encore commencé" in r.text
    assert stored(site, StageDebrief, p.application_id) is None


def test_only_the_student_reaches_their_stage_every_other_role_gets_not_found(site, geocoder):
    p = placed_student(site, geocoder)
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", {"decouvert": "Secret", "version": "0"})
    other, _ = signed_in(site)
    assert "pas encore de stage confirmé" in other.get(PREPARE).text
    assert "Secret" not in other.get(REPORT).text
    for suffix, data in [("preparer", {"fait": ["trajet"]}), ("compte-rendu", {"decouvert": "Pirate", "version": "1"}),
                         ("partage", {"partager": "1"}), ("profil", {"ajout": "domaines:dom27"})]:
        assert other.post_form(f"/stages/mon-stage/{p.application_id}/{suffix}", data).status_code == 404
        assert other.post_form(f"/stages/mon-stage/999999999/{suffix}", data).status_code == 404
    assert other.api("POST", f"/api/v1/stages/preparation/{p.application_id}/coches",
                     {"ticks": [{"item": "trajet", "done": True, "ts": 1, "op": "x"}]}).status_code == 404
    row = stored(site, StageDebrief, p.application_id)
    assert row.decouvert == "Secret" and row.shared_at is None

    for role in ("enseignant", "employeur", "admin", "famille"):
        browser, email = signed_in(site, role="enseignant" if role == "admin" else role)
        if role == "admin":
            set_role(site, email, "admin")
        for url in (PREPARE, REPORT):
            assert browser.get(url).status_code == 404, (role, url)
        assert browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "1"}).status_code == 404
    assert stored(site, StageDebrief, p.application_id).shared_at is None

    visitor = Browser(site)
    assert visitor.get(PREPARE, follow_redirects=False).status_code in (302, 303)
    assert visitor.api("POST", f"/api/v1/stages/preparation/{p.application_id}/coches",
                       {"ticks": []}).status_code == 401
    assert p.browser.post_form("/stages/mon-stage/abc/preparer", {"fait": "trajet"}).status_code in (400, 404, 405)


def test_my_data_exports_the_checklist_and_report_and_erasing_removes_them(site, geocoder):
    from mps.domain.privacy.service import delete_person

    p = placed_student(site, geocoder)
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/preparer", {"fait": ["identite"]})
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/compte-rendu", {"aime": "Le laboratoire", "version": "0"})
    p.browser.post_form(f"/stages/mon-stage/{p.application_id}/partage", {"partager": "1"})
    data = p.browser.get("/mes-donnees/export.json").json()["stages"]
    assert data["preparations"][0]["points_coches"] == ["identite"]
    report = data["comptes_rendus"][0]
    assert report["aime"] == "Le laboratoire" and report["partage_avec_les_professeurs_depuis"]
    assert [e["shared"] for e in report["historique_du_partage"]] == [True]

    async def erase(db):
        return await delete_person(db, p.student_id)
    assert run(db_url(site), erase)
    assert stored(site, StageDebrief, p.application_id) is None
    assert stored(site, StagePreparation, p.application_id) is None


def test_two_first_ticks_at_once_from_two_devices_both_count(site, geocoder):
    import asyncio

    from mps.db.engine import make_engine, make_sessionmaker
    from mps.domain.stages.preparation import service
    from mps.domain.stages.preparation.checklist import Tick
    from tests.integration.stages.helpers import clock

    p = placed_student(site, geocoder)

    async def both():
        engine = make_engine(db_url(site))
        maker = make_sessionmaker(engine)

        async def device(item: str, op: str):
            async with maker() as db:
                stage = await service.own_stage(db, p.student_id, p.application_id)
                await service.save_ticks(db, stage, [Tick(item, True, 1000, op)], clock()[0],
                                         frozenset({"trajet", "identite"}))
                await db.commit()
        try:
            await asyncio.gather(device("trajet", "phone"), device("identite", "laptop"))
        finally:
            await engine.dispose()

    asyncio.run(both())
    row = stored(site, StagePreparation, p.application_id)
    assert {k for k, v in row.ticks.items() if v["done"]} == {"trajet", "identite"}
