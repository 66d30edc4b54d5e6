"""Onboarding under /profil: plain forms, each step skippable, saved before any account."""
import re

import pytest

from tests.integration.profile.steps import post_step


def test_every_step_renders_and_can_be_skipped(client):
    for step in ("situation", "bac", "specialites", "interets", "domaines", "metiers", "etudes", "villes"):
        r = client.get(f"/profil/{step}")
        assert r.status_code == 200, step
        assert "Passer cette étape" in r.text
    assert "Je préfère ne pas répondre" in client.get("/profil/moyenne").text  # the last step's way out


def test_going_through_the_steps_builds_the_profile(client):
    assert post_step(client, "situation", {"situation": "quelques_pistes", "classe": "terminale"}).headers["location"] == "/profil/bac"
    post_step(client, "bac", {"bac": "STI2D"})
    page = client.get("/profil/specialites").text
    assert "Ingénierie, innovation et développement durable (IIDD)" in page and "Sciences Economiques et Sociales" not in page
    post_step(client, "specialites", {"specialites": ["Ingénierie, innovation et développement durable (IIDD)"]})
    post_step(client, "interets", {"interets": ["ci7", "ci27"]})
    post_step(client, "etudes", {"duree": "courte", "alternance": "interesse"})
    r = post_step(client, "villes", {"ville": "59000"})
    assert r.headers["location"] == "/profil/villes?ajoute=Lille+%2859%29#statut-villes"  # stays to add another
    assert "Lille (59) ajoutée à tes villes." in client.get(r.headers["location"]).text
    r = post_step(client, "moyenne", {"moyenne": "13,5"})
    assert r.headers["location"] == "/suggestions"
    p = client.get("/api/v1/profile").json()
    assert p["bac"] == "STI2D" and p["interets"] == ["ci7", "ci27"] and p["moyenne"] == 13.5
    assert p["villes"][0]["nom"] == "Lille (59)" and p["classe"] == "terminale"


def test_je_prefere_ne_pas_repondre_clears_the_moyenne(client):
    post_step(client, "moyenne", {"moyenne": "12"})
    post_step(client, "moyenne", {"moyenne": "12", "sans_moyenne": "1"})
    assert client.get("/api/v1/profile").json()["moyenne"] is None


def test_a_typed_moyenne_is_saved_and_the_opt_out_is_not_pre_checked(client):
    """Seen: « Je préfère ne pas répondre » was pre-checked, so typing 15 saved nothing."""
    page = client.get("/profil/moyenne").text
    assert 'name="sans_moyenne"' in page and "checked" not in page.split('id="moyenne"', 1)[1]
    for typed, saved in (("15", 15), ("15,75", 15.75), ("12.5", 12.5), (" 9,5 ", 9.5), ("0", 0), ("20", 20)):
        r = post_step(client, "moyenne", {"moyenne": typed})
        assert r.status_code == 303 and r.headers["location"] == "/suggestions", typed
        assert client.get("/api/v1/profile").json()["moyenne"] == saved, typed
    assert 'value="20"' in client.get("/profil/moyenne").text
    post_step(client, "moyenne", {"moyenne": "15,75"})
    assert 'value="15,75"' in client.get("/profil/moyenne").text and "15,75" in client.get("/profil").text


def test_a_wrong_moyenne_keeps_what_was_typed_with_a_sentence_case_error(client):
    post_step(client, "moyenne", {"moyenne": "11"})
    for typed in ("25", "abc", "-3", "20,5", "nan"):
        r = post_step(client, "moyenne", {"moyenne": typed})
        assert r.status_code == 400, typed
        tag = _field_tag(r.text, "moyenne")
        assert f'value="{typed}"' in tag and 'aria-invalid="true"' in tag
        assert 'id="moyenne-message-error">Indique une moyenne entre 0 et 20' in r.text
        assert client.get("/api/v1/profile").json()["moyenne"] == 11  # nothing lost


def test_bad_answers_are_explained_on_the_page(client):
    r = post_step(client, "moyenne", {"moyenne": "25"})
    assert r.status_code == 400 and "entre 0 et 20" in r.text
    r = post_step(client, "villes", {"ville": "Atlantide"})
    assert r.status_code == 400 and "Nous ne trouvons pas « Atlantide »" in r.text
    r = post_step(client, "bac", {"bac": "Bac S"})
    assert r.status_code == 400


def _field_tag(html: str, field_id: str) -> str:
    start = html.index(f'id="{field_id}"')
    return html[html.rindex("<", 0, start):html.index(">", start) + 1]


@pytest.mark.parametrize(("step", "data", "field", "kept"), [
    ("moyenne", {"moyenne": "25"}, "moyenne", 'value="25"'),
    ("moyenne", {"moyenne": "abc"}, "moyenne", 'value="abc"'),
    ("villes", {"ville": "Lill"}, "ville", 'value="Lill"'),
    ("villes", {"ville": "Saint-Denis"}, "ville", 'value="Saint-Denis"'),  # homonyms: never one picked silently
    ("specialites", {"specialites": ["Mathématiques", "Physique-Chimie (PC)", "Sciences de la vie et de la Terre (SVT)",
                                     "Numérique et Sciences Informatiques (NSI)"]}, "specialites", "checked"),
])
def test_an_error_is_told_at_the_field_and_keeps_what_was_typed(client, step, data, field, kept):
    r = post_step(client, step, data)
    assert r.status_code == 400
    html = r.text
    assert "<title>Erreur – " in html
    assert f'<a href="#{field}">' in html  # the summary links to the field
    if step != "specialites":
        tag = _field_tag(html, field)
        assert kept in tag and 'aria-invalid="true"' in tag and f'aria-describedby="{field}-messages"' in tag
    else:  # a group: its fieldset is labelled by its legend and its message; all four stay ticked
        assert f'aria-labelledby="{field}-legend {field}-messages"' in html
        assert len(re.findall(r'name="specialites" value="[^"]*" checked', html)) == 4
    assert f'id="{field}-messages"' in html and "fr-message--error" in html
    assert client.get("/api/v1/profile").json()[{"villes": "villes"}.get(step, field)] in (None, [])


def test_the_page_and_the_api_answer_the_same_rule(client):
    """Spécialités: one limit in ProfileDoc, refused alike by PUT /api/v1/profile and the page."""
    four = ["Mathématiques", "Physique-Chimie (PC)", "Sciences de la vie et de la Terre (SVT)",
            "Numérique et Sciences Informatiques (NSI)"]
    r = client.put("/api/v1/profile", json={"bac": "Générale", "specialites": four},
                   headers={"x-csrftoken": client.cookies.get("mps_csrftoken", "")})
    assert r.status_code == 400 and "specialites" in r.text
    assert post_step(client, "specialites", {"specialites": four}).status_code == 400
    assert post_step(client, "specialites", {"specialites": four[:3]}).status_code == 303


def test_metiers_search_without_js(client):
    page = client.get("/profil/metiers?q=infirmier").text
    assert "infirmier" in page.lower() and 'name="metiers"' in page
    met = page.split('name="metiers" value="', 1)[1].split('"', 1)[0]
    post_step(client, "metiers", {"metiers": [met]})
    assert client.get("/api/v1/profile").json()["metiers"] == [met]


def test_overview_lists_the_answers(client):
    assert "alternance :" not in client.get("/profil").text  # nothing said yet: one dash, not « — · alternance : — »
    post_step(client, "bac", {"bac": "STMG"})
    assert "Bac STMG" in client.get("/profil").text


def test_a_town_name_shared_by_several_departements_is_chosen_with_its_departement(client):
    refused = post_step(client, "villes", {"ville": "Saint-Denis"})
    assert refused.status_code == 400
    assert "Plusieurs villes s&#39;appellent « Saint-Denis »" in refused.text and "Saint-Denis (974)" in refused.text
    post_step(client, "villes", {"ville": "Saint-Denis (974)"})
    assert [v["nom"] for v in client.get("/api/v1/profile").json()["villes"]] == ["Saint-Denis (974)"]


def test_a_misspelt_town_gets_its_close_matches(client):
    refused = post_step(client, "villes", {"ville": "Bordeau"})
    assert refused.status_code == 400 and 'value="Bordeau"' in refused.text
    assert "Voulais-tu dire « Bordeaux (33) »" in refused.text  # the town with formations comes first


def test_a_bac_pro_student_says_their_field_and_a_new_bac_drops_it(client):
    post_step(client, "bac", {"bac": "P"})
    page = client.get("/profil/specialites").text
    assert "La spécialité de ton bac pro" in page
    assert "Maintenance des véhicules" in page and "Sciences Economiques et Sociales" not in page
    assert "Forêt" not in page  # a field of the bac pro agricole
    post_step(client, "specialites", {"specialites": ["Maintenance des véhicules"]})
    assert client.get("/api/v1/profile").json()["specialites"] == ["Maintenance des véhicules"]
    post_step(client, "bac", {"bac": "STMG"})  # a field says nothing of another bac: it goes
    assert client.get("/api/v1/profile").json()["specialites"] == []
