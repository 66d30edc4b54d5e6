"""Teachers create classes; students join with consent and leave; the dashboard and proposals."""
from __future__ import annotations

import re

from tests.integration.accounts.fixtures import Browser
from tests.integration.classes.helpers import create_class, join, person_id, set_profile, some_lycee, student, teacher
from mps.domain.classes.service import current_school_year
from tests.integration.favourites.helpers import formation_with_places


def test_teacher_creates_a_class_from_the_annuaire(site):
    prof = teacher(site)
    lycee = some_lycee(site)
    by_name = prof.post_form("/classes", {"lycee": f"{lycee.name} {lycee.commune}", "label": "1re G2"},
                             follow_redirects=False)
    if by_name.status_code == 400:  # several lycées match: pick ours among them
        assert lycee.uai in by_name.text
        by_name = prof.post_form("/classes", {"lycee_uai": lycee.uai, "label": "1re G2"}, follow_redirects=False)
    assert by_name.status_code == 303
    classes = prof.get("/api/v1/classes").json()
    assert [(c["label"], c["lycee_uai"], c["students"]) for c in classes] == [("1re G2", lycee.uai, 0)]
    assert classes[0]["join_code"] and "/ma-classe/rejoindre?code=" in classes[0]["join_url"]
    nowhere = prof.post_form("/classes", {"lycee": "zzzz qqqq", "label": "x"})
    assert nowhere.status_code == 400 and "Aucun lycée" in nowhere.text
    assert site.get(f"/api/v1/lycees?q={lycee.uai}").json()[0]["uai"] == lycee.uai


def test_joining_needs_a_valid_code_and_explicit_consent(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    consent_page = pupil.get(f"/ma-classe/rejoindre?code={klass['join_code']}")
    assert consent_page.status_code == 200 and "accepte que mon professeur voie" in consent_page.text
    refused = pupil.post_form("/ma-classe/rejoindre", {"code": klass["join_code"]})
    assert refused.status_code == 400
    assert pupil.post_form("/ma-classe/rejoindre", {"code": "faux", "consent": "oui"}).status_code == 400
    api_refused = pupil.api("POST", "/api/v1/classes/join", json={"code": klass["join_code"], "first_name": "Léa",
                                                                  "consent": False})
    assert api_refused.status_code == 400 and "consent" in api_refused.text
    assert prof.get(f"/api/v1/classes/{klass['id']}").json()["students"] == []
    join(pupil, klass["join_code"], "Léa", "m")
    assert [s["name"] for s in prof.get(f"/api/v1/classes/{klass['id']}").json()["students"]] == ["Léa M."]
    assert [c["id"] for c in pupil.get("/api/v1/me/classes").json()] == [klass["id"]]
    assert "join_code" not in pupil.get("/api/v1/me/classes").text or \
        pupil.get("/api/v1/me/classes").json()[0]["join_code"] is None


def test_dashboard_shows_completeness_favourites_balance_and_flags(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    strong, strong_email = student(site)
    idle, _ = student(site)
    join(strong, klass["join_code"])
    join(idle, klass["join_code"])
    set_profile(site, strong_email, {"classe": "terminale", "bac": "Générale", "moyenne": 16.5,
                                     "villes": [{"nom": "Lille", "lat": 50.63, "lon": 3.06}]})
    f, places = formation_with_places(site, selective=False, minimum=1)
    strong.api("PUT", f"/api/v1/favourites/formations/{f.id}", json={"places": [places[0].cod_aff_form]})
    rows = {r["id"]: r for r in prof.get(f"/api/v1/classes/{klass['id']}").json()["students"]}
    row = rows[person_id(site, strong_email)]
    assert row["completeness"] == 38 and row["favourites"] == 1  # classe, bac, villes of 8
    assert row["reach"] + row["target"] + row["safe"] == 1
    assert "strong_no_selective" in row["flags"]
    idle_row = next(r for r in rows.values() if r is not row)
    assert idle_row["flags"] == ["no_favourite"] and idle_row["completeness"] == 0
    page = prof.get(f"/classes/{klass['id']}").text
    assert "Autocensure possible" in page and "Pas encore de favori" in page


def test_proposals_and_psyen_advice_reach_the_student(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    join(pupil, klass["join_code"])
    sid = person_id(site, email)
    f, _ = formation_with_places(site, selective=True)
    student_page = prof.get(f"/classes/{klass['id']}/eleves/{sid}?q=informatique")
    assert student_page.status_code == 200 and "Camille" in student_page.text and "Proposer à l'élève" in student_page.text
    prof.post_form(f"/classes/{klass['id']}/eleves/{sid}/proposer", {"formation_id": f.id, "note": "Pense à ça"})
    prof.api("POST", f"/api/v1/classes/{klass['id']}/students/{sid}/notes", json={"kind": "psyen", "note": "Va voir"})
    bad = prof.api("POST", f"/api/v1/classes/{klass['id']}/students/{sid}/notes", json={"kind": "formation"})
    assert bad.status_code == 400 and "formation_id" in bad.text
    favourites = pupil.get("/favoris").text
    assert "Proposé par ton professeur" in favourites and f.label in favourites and "Pense à ça" in favourites
    assert "PsyEN" in favourites and "Va voir" in favourites
    notes = prof.get(f"/api/v1/classes/{klass['id']}/students/{sid}").json()["notes"]
    assert [n["kind"] for n in notes] == ["psyen", "formation"]


def test_a_new_code_voids_the_old_one(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    prof.post_form(f"/classes/{klass['id']}/code")
    pupil, _ = student(site)
    assert pupil.post_form("/ma-classe/rejoindre", {"code": klass["join_code"], "consent": "oui"}).status_code == 400
    fresh = next(c for c in prof.get("/api/v1/classes").json() if c["id"] == klass["id"])["join_code"]
    join(pupil, fresh)


def test_only_teachers_have_classes(site):
    pupil, _ = student(site)
    assert pupil.get("/classes").status_code == 404
    assert pupil.get("/api/v1/classes").status_code == 404
    anonymous = Browser(site)
    assert anonymous.get("/classes", follow_redirects=False).status_code == 303
    assert anonymous.get("/api/v1/classes").status_code == 401


def test_class_creation_errors_are_told_at_each_field_and_keep_what_was_typed(site):
    """Same rule as POST /api/v1/classes (ClassIn): a 61-character name is refused, never cut."""
    prof = teacher(site)
    long_label = "T" * 61
    r = prof.post_form("/classes", {"lycee": "", "label": long_label, "school_year": "2025/26"})
    assert r.status_code == 400 and "<title>Erreur – Mes classes" in r.text
    for field in ("lycee", "label", "school_year"):
        assert f'<a href="#{field}">' in r.text, field
        assert f'aria-describedby="{field}-messages"' in r.text
    assert f'value="{long_label}"' in r.text and 'value="2025/26"' in r.text
    assert "Sauf mention contraire, tous les champs sont obligatoires." in r.text
    api = prof.api("POST", "/api/v1/classes", json={"lycee_uai": some_lycee(site).uai, "label": long_label})
    assert api.status_code == 400 and "label" in api.text
    assert prof.get("/api/v1/classes").json() == []


def test_a_too_long_note_is_refused_at_its_field_never_cut_and_each_proposal_has_its_own_name(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    join(pupil, klass["join_code"])
    sid = person_id(site, email)
    page = prof.get(f"/classes/{klass['id']}/eleves/{sid}?q=informatique").text
    ids = re.findall(r'name="formation_id" value="([^"]+)"', page)
    assert len(ids) > 1
    for fid in ids:  # the formation is in each repeated control's accessible name
        label = re.search(rf'<label class="fr-label" for="note-{re.escape(fid)}">(.*?)</label>', page, re.S).group(1)
        assert 'fr-sr-only"> sur ' in label
    assert len(set(re.findall(r"Proposer à l'élève<span class=\"fr-sr-only\"> : ([^<]+)</span>", page))) == len(ids)
    long_note = "é" * 1001
    r = prof.post_form(f"/classes/{klass['id']}/eleves/{sid}/proposer",
                       {"formation_id": ids[1], "note": long_note, "q": "informatique"})
    assert r.status_code == 400 and "<title>Erreur – " in r.text
    assert f'<a href="#note-{ids[1]}">' in r.text and f'aria-describedby="note-{ids[1]}-messages"' in r.text
    assert f'value="{long_note}"' in r.text  # what was typed is kept, in the right form
    assert prof.get(f"/api/v1/classes/{klass['id']}/students/{sid}").json()["notes"] == []
    ok = prof.post_form(f"/classes/{klass['id']}/eleves/{sid}/psyen", {"note": "Va voir"}, follow_redirects=False)
    assert ok.headers["location"].endswith("?ok=psyen#envoye")


def test_joining_without_consent_is_told_at_the_checkbox(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, _ = student(site)
    refused = pupil.post_form("/ma-classe/rejoindre", {"code": klass["join_code"], "first_name": "Léa"})
    assert refused.status_code == 400 and '<a href="#consent">' in refused.text
    assert 'aria-describedby="consent-messages"' in refused.text and "fr-checkbox-group--error" in refused.text
    wrong = pupil.get("/ma-classe/rejoindre?code=faux")
    assert wrong.status_code == 400 and '<a href="#code">' in wrong.text and 'value="faux"' in wrong.text


def test_the_code_is_short_without_look_alikes_and_forgiving_to_type(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    code = klass["join_code"]
    assert len(code) == 8 and not set(code) & set("0O1IL") and code.isupper()
    board = prof.get(f"/classes/{klass['id']}").text
    assert f"{code[:4]} {code[4:]}" in board and 'role="img"' in board and "<svg" in board  # code and QR code
    assert f"31 août {int(current_school_year()[5:])}" in board
    projected = prof.get(f"/classes/{klass['id']}/projeter")
    assert projected.status_code == 200 and f"{code[:4]} {code[4:]}" in projected.text and "<svg" in projected.text
    pupil, _ = student(site)
    typed = f" {code[:4].lower()}-{code[4:]} "  # lower case, a dash, spaces: still the code
    assert "accepte que mon professeur voie" in pupil.get(f"/ma-classe/rejoindre?code={typed}").text
    join(pupil, klass["join_url"])  # the whole link pasted in the field
    assert [c["id"] for c in pupil.get("/api/v1/me/classes").json()] == [klass["id"]]


def test_the_teacher_sees_the_first_name_the_student_gave(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    nameless = pupil.post_form("/ma-classe/rejoindre", {"code": klass["join_code"], "first_name": "  ",
                                                       "initial": "MM", "consent": "oui"})
    assert nameless.status_code == 400 and '<a href="#first_name">' in nameless.text
    assert 'aria-describedby="initial-messages"' in nameless.text and 'value="MM"' in nameless.text
    join(pupil, klass["join_code"], "  Inès ", "b.")
    board = prof.get(f"/classes/{klass['id']}").text
    assert ">Inès B.</a>" in board and email not in board
    assert "« Inès B. »" in pupil.get("/ma-classe?rejoint=1").text
    again = pupil.get(f"/ma-classe/rejoindre?code={create_class(site, prof, '1re G4')['join_code']}")
    assert 'value="Inès"' in again.text and 'value="B"' in again.text  # the name given before is offered


def test_a_code_expires_with_its_school_year(site):
    prof = teacher(site)
    made = prof.post_form("/classes", {"lycee": some_lycee(site).uai, "label": "T2", "school_year": "2020-2021"},
                          follow_redirects=False)
    klass = next(c for c in prof.get("/api/v1/classes").json() if c["id"] == made.headers["location"].rsplit("/", 1)[1])
    assert klass["join_code_expires_on"] == "2021-08-31"
    assert "ne marche plus" in prof.get(f"/classes/{klass['id']}").text
    pupil, _ = student(site)
    refused = pupil.post_form("/ma-classe/rejoindre", {"code": klass["join_code"], "first_name": "Léa", "consent": "oui"})
    assert refused.status_code == 400 and "2020-2021" in refused.text
    assert pupil.get("/api/v1/me/classes").json() == []


def test_wrong_codes_are_rate_limited_even_before_a_right_one(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    guesser, _ = student(site)
    for n in range(11):
        wrong = guesser.get(f"/ma-classe/rejoindre?code=ABCD{n:04d}".replace("0", "2").replace("1", "3"))
        assert wrong.status_code == 400, n
    blocked = guesser.get(f"/ma-classe/rejoindre?code={klass['join_code']}")
    assert blocked.status_code == 429 and "Trop de codes erronés" in blocked.text
    api = guesser.api("POST", "/api/v1/classes/join", json={"code": klass["join_code"], "first_name": "X", "consent": True})
    assert api.status_code == 429
    other, _ = student(site)  # another student is not blocked
    join(other, klass["join_code"])


def test_the_class_title_keeps_its_school_year_whole_and_names_on_one_line(site):
    """« Seconde 4 · 2026- / 2027 » and « Yanis / B. » were cut at 375 px: both are kept whole."""
    prof = teacher(site)
    cls = create_class(site, prof, "Seconde 4")
    pupil, _ = student(site)
    join(pupil, cls["join_code"])
    page = prof.get(f"/classes/{cls['id']}").text
    assert re.search(r'<h1>Seconde 4 · <span class="mps-nowrap">\d{4}-\d{4}</span></h1>', page)
    assert re.search(r'<th scope="row" role="rowheader"><a class="mps-nowrap" href="/classes/[^"]+/eleves/', page)
