"""The board through its pages, as people use it (SQLite and PostgreSQL): an employer describes the
organisation and publishes an offer in four steps, an admin publishes it, a student finds it in the list
and on the map, reports it; errors are said at the field and nothing typed is lost."""
from __future__ import annotations

import re

from sqlalchemy import select, update

from mps.db.models import Person, StageOffer
from tests.integration.accounts.fixtures import Browser, db_url, new_email
from tests.integration.stages.helpers import YEAR, run

SIRET = "552 100 554 00013"


def _csrf_form(browser, url, data):
    return browser.post_form(url, data, follow_redirects=False)


def employer(site) -> tuple[Browser, str]:
    browser, email = Browser(site), new_email("rh", "entreprise.fr")
    browser.sign_in(email, role="employeur", next_url="/stages/employeur")
    return browser, email


def make_admin(site, email):
    async def work(db):
        await db.execute(update(Person).where(Person.email == email).values(role="admin"))
    run(db_url(site), work)


def step(browser, values: dict, etape: int, offre: str = "", aller: str = "suivant"):
    return browser.post_form("/stages/employeur/offres/etapes", {**values, "etape": str(etape), "offre": offre,
                                                                 "aller": aller}, follow_redirects=False)


def hidden_values(html: str) -> dict:
    out: dict = {}
    for name, value in re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)">', html):
        if name in ("etape", "offre"):
            continue
        out.setdefault(name, []).append(value.replace("&#39;", "'").replace("&amp;", "&"))
    return {k: v[0] if len(v) == 1 and k not in ("periodes", "reserved_uais") else v for k, v in out.items()}


def test_employer_publishes_in_steps_admin_moderates_student_finds_and_reports(site):
    boss, boss_email = employer(site)
    assert 'href="/stages/employeur"' in boss.get("/compte").text
    page = boss.get("/stages/employeur")
    assert page.status_code == 200 and "Présenter votre organisation" in page.text
    first = boss.get("/stages/employeur/offres/nouvelle", follow_redirects=False)  # before the organisation: its form
    assert first.status_code == 303 and first.headers["location"] == "/stages/employeur#organisation-titre"
    bad = _csrf_form(boss, "/stages/employeur/organisation", {"name": "Garage Martin", "siret": "552 100 554 00014",
                                                              "employer_kind": "prive"})
    assert bad.status_code == 400 and "n&#39;existe pas" in bad.text and 'value="552 100 554 00014"' in bad.text
    for kind in ("", "multinationale"):  # public, private or association: nothing else
        unsure = _csrf_form(boss, "/stages/employeur/organisation", {"name": "Garage Martin", "siret": SIRET,
                                                                     "employer_kind": kind})
        assert unsure.status_code == 400 and "Choisissez le type d&#39;employeur" in unsure.text, unsure.text
    ok = _csrf_form(boss, "/stages/employeur/organisation", {"name": "Garage Martin", "siret": SIRET,
                                                             "employer_kind": "prive"})
    assert ok.status_code == 303
    first_step = boss.get("/stages/employeur/offres/nouvelle").text  # the 51 sectors of the national list
    assert sorted(set(re.findall(r'<option value="(s\d+)"', first_step))) == sorted(f"s{n}" for n in range(1, 52))

    # Step 1 refuses a short title and keeps the description typed.
    r = step(boss, {"title": "Go", "description": "Découvrir l'atelier de mécanique automobile.", "secteur": "s8"}, 1)
    assert r.status_code == 400 and "Intitulé du stage" in r.text and "atelier de mécanique" in r.text
    r = step(boss, {"title": "Mécanique automobile", "description": "Découvrir l'atelier de mécanique automobile.",
                    "secteur": "s8"}, 1)
    assert r.status_code == 200 and "Étape 2 sur 4" in r.text
    carried = hidden_values(r.text)
    assert carried["title"] == "Mécanique automobile"
    r = step(boss, {**carried, "commune": "Ville-Qui-N-Existe-Pas"}, 2)
    assert r.status_code == 400 and "Ville ou code postal inconnu" in r.text
    r = step(boss, {**carried, "commune": "59100", "address": "12 rue de Lille"}, 2)
    assert "Étape 3 sur 4" in r.text
    carried = hidden_values(r.text)
    r = step(boss, {**carried, "niveau": "seconde", "accessible": "1", "reserved": ""}, 3)
    assert "Étape 4 sur 4" in r.text and "Semaine 1" in r.text
    carried = hidden_values(r.text)
    back = step(boss, {**carried, "periodes": ["semaine-1"]}, 4, aller="precedent")
    assert "Étape 3 sur 4" in back.text
    r = step(boss, {**carried, "periodes": ["semaine-1", "semaine-2"], "seats": "2"}, 4)
    assert r.status_code == 303, r.text
    offer_url = r.headers["location"].split("?")[0]
    offer_id = int(offer_url.rsplit("/", 1)[1])
    detail = boss.get(offer_url)
    assert "Brouillon" in detail.text and "Envoyer pour publication" in detail.text
    sent = boss.post_form(f"{offer_url}/envoyer", {}, follow_redirects=False)
    assert sent.status_code == 303 and "ok=pending" in sent.headers["location"]

    # Not visible before moderation.
    student = Browser(site)
    assert "Mécanique automobile" not in student.get("/stages", params={"autour": "Roubaix"}).text

    admin, admin_email = Browser(site), new_email("admin")
    admin.sign_in(admin_email)
    make_admin(site, admin_email)
    queue = admin.get("/stages/moderation")
    assert queue.status_code == 200 and "Mécanique automobile" in queue.text
    refused = admin.post_form(f"/stages/moderation/offres/{offer_id}", {"decision": "refuser", "reason": ""},
                              follow_redirects=False)
    assert refused.status_code == 400 and "Indiquez le motif" in refused.text
    published = admin.post_form(f"/stages/moderation/offres/{offer_id}", {"decision": "publier"}, follow_redirects=False)
    assert published.status_code == 303

    async def open_now(db):  # past the REP / REP+ early-access window
        offer = await db.get(StageOffer, offer_id)
        offer.open_to_all_at = offer.published_at
    run(db_url(site), open_now)

    listing = student.get("/stages", params={"autour": "59100", "rayon": "10"})
    assert listing.status_code == 200 and "Mécanique automobile" in listing.text and "Garage Martin" in listing.text
    assert "<svg" not in listing.text  # the list works alone, no script needed
    mapped = student.get("/stages", params={"autour": "59100", "rayon": "10", "vue": "carte"})
    assert "<svg" in mapped.text and f'href="/stages/offres/{offer_id}"' in mapped.text
    far = student.get("/stages", params={"autour": "Marseille"}).text
    assert "Aucune offre ne correspond, même à moins de 60 km" in far
    # Nothing within 5 km of Lille: the page says how far the nearest offer is and links to a radius that reaches it.
    # (Words only this offer holds: other tests leave offers around Lille in the shared database.)
    words = "mécanique automobile"
    near = student.get("/stages", params={"autour": "Lille", "rayon": "5", "q": words}).text
    hint = re.search(r"L’offre la plus proche qui correspond est à (\d+) km, à ([^.<]+)\.", near)
    link = re.search(r'href="/stages\?autour=Lille&amp;rayon=(\d+)[^"]*">Voir les offres à moins de (\d+) km', near)
    assert hint and link and hint.group(2) == "Roubaix", near
    assert 5 < int(hint.group(1)) <= int(link.group(1)) == int(link.group(2)) and int(link.group(1)) in (10, 20, 30)
    widened = student.get("/stages", params={"autour": "Lille", "rayon": link.group(1), "q": words}).text
    assert "Mécanique automobile" in widened
    bad = student.get("/stages", params={"autour": "Nullepart-sur-Rien"})
    assert bad.status_code == 400 and "Ville ou code postal inconnu" in bad.text
    one = student.get(f"/stages/offres/{offer_id}")
    assert one.status_code == 200 and "12 rue de Lille" in one.text and "Accessible" in one.text

    # Reports need an account (student or teacher), then reach the admins.
    assert student.post_form(f"/stages/offres/{offer_id}/signaler", {"reason": "pourvue"},
                             follow_redirects=False).status_code == 303  # to the sign-in page
    signed, _ = Browser(site), None
    signed.sign_in(new_email())
    missing = signed.post_form(f"/stages/offres/{offer_id}/signaler", {"comment": "Fermé"})
    assert missing.status_code == 400 and "Ce qui ne va pas" in missing.text and "Fermé" in missing.text
    done = signed.post_form(f"/stages/offres/{offer_id}/signaler", {"reason": "pourvue", "comment": "Fermé"},
                            follow_redirects=False)
    assert done.status_code == 303
    assert "Offre déjà pourvue" in admin.get("/stages/moderation").text
    for _ in range(3):  # the same account again: its open report is replaced, the moderators' queue does not grow
        signed.post_form(f"/stages/offres/{offer_id}/signaler", {"reason": "pourvue", "comment": "Toujours fermé"})
    queue = admin.get("/stages/moderation").text
    assert queue.count("Toujours fermé") == 1 and "Fermé<" not in queue

    # The employer duplicates for next year, then closes the published offer.
    copy = boss.post_form(f"{offer_url}/dupliquer", {}, follow_redirects=False)
    copy_page = boss.get(copy.headers["location"])
    assert f"{YEAR}-{YEAR + 1}" in copy_page.text and "Brouillon" in copy_page.text
    boss.post_form(f"{offer_url}/fermer", {})
    assert student.get(f"/stages/offres/{offer_id}").status_code == 404


def test_pages_refuse_other_roles(site):
    student = Browser(site)
    student.sign_in(new_email())
    assert student.get("/stages/employeur").status_code == 404
    assert student.get("/stages/moderation").status_code == 404
    assert Browser(site).get("/stages/employeur", follow_redirects=False).status_code == 303  # sign in first


def test_student_school_choice_gives_rep_status(site):
    student = Browser(site)
    student.sign_in(new_email())
    several = student.post_form("/stages/etablissement", {"etablissement": "Ampère Arles", "niveau": "3e"})
    assert several.status_code in (200, 400)
    done = student.post_form("/stages/etablissement", {"etablissement": "0132572A", "niveau": "3e"},
                             follow_redirects=False)
    assert done.status_code == 303
    page = student.get("/stages?etablissement=ok")
    assert "Collège Ampère" in page.text and "REP+" in page.text
    unknown = student.post_form("/stages/etablissement", {"etablissement": "zzzz qqqq"})
    assert unknown.status_code == 400 and "Aucun établissement" in unknown.text


def test_class_dashboard_shows_each_students_stage_search(site):
    from tests.integration.classes.helpers import create_class, join, teacher
    prof = teacher(site)
    cls = create_class(site, prof, "Seconde 4")
    searching, idle = Browser(site), Browser(site)
    searching.sign_in(new_email())
    idle.sign_in(new_email())
    for b in (searching, idle):
        join(b, cls["join_code"])
    searching.post_form("/stages/etablissement", {"etablissement": "0132572A", "niveau": "seconde"})
    rows = prof.get(f"/api/v1/classes/{cls['id']}").json()["students"]
    assert sorted(r["stage"] for r in rows) == ["none", "searching"]
    page = prof.get(f"/classes/{cls['id']}").text
    assert "Cherche, aucune candidature" in page and "Pas encore commencé" in page


def test_a_teacher_reports_an_offer_and_the_admins_see_it(site, board, geocoder):
    from sqlalchemy import delete

    from mps.db.models import StageOrganisation
    from tests.integration.classes.helpers import teacher
    from tests.integration.stages.helpers import employer_org, published

    async def offer(db):
        _, org = await employer_org(db, verified=True, siret="35600000000048", name="Entreprise signalée")
        return org.id, (await published(db, board, geocoder, org, title="Offre signalée par un prof")).id
    org_id, offer_id = run(db_url(site), offer)
    try:
        prof = teacher(site)
        comment = f"Adresse fausse {new_email('x')}"  # words only this report holds (the database is shared)
        done = prof.post_form(f"/stages/offres/{offer_id}/signaler", {"reason": "pourvue", "comment": comment},
                              follow_redirects=False)
        assert done.status_code == 303 and "signalee=1" in done.headers["location"]
        admin, admin_email = Browser(site), new_email("admin")
        admin.sign_in(admin_email)
        make_admin(site, admin_email)
        assert comment in admin.get("/stages/moderation").text
    finally:
        async def clean(db):
            await db.execute(delete(StageOrganisation).where(StageOrganisation.id == org_id))
        run(db_url(site), clean)


def test_the_board_labels_each_select_its_own_field(site):
    """The search's « Classe » and the school form's « Ta classe » are both `niveau` fields: each has its own id,
    so each label names its own select (a shared id left the school form's select without a name)."""
    from html.parser import HTMLParser

    class Ids(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.labels, self.controls = [], {}, {}
            self._label = None

        def handle_starttag(self, tag, attrs):
            a = dict(attrs)
            if a.get("id"):
                self.ids.append(a["id"])
            if tag == "label" and a.get("for"):
                self._label = a["for"]
                self.labels[self._label] = ""
            if tag in ("input", "select", "textarea") and a.get("id"):
                self.controls[a["id"]] = a.get("name")

        def handle_data(self, data):
            if self._label:
                self.labels[self._label] += data

        def handle_endtag(self, tag):
            if tag == "label":
                self._label = None

    student = Browser(site)
    student.sign_in(new_email())
    page = Ids()
    page.feed(student.get("/stages", params={"autour": "Lille", "rayon": "20"}).text)
    assert sorted({i for i in page.ids if page.ids.count(i) > 1}) == []
    niveau = {for_: " ".join(text.split()) for for_, text in page.labels.items() if page.controls.get(for_) == "niveau"}
    assert sorted(niveau.values()) == ["Classe", "Ta classe (facultatif)"], niveau
