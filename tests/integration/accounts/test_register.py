"""The register of the interface: students are addressed with « tu », the adults of every other role (teachers,
families, employers, admins) with « vous ». Each test fetches one adult role's main pages, as that role, and fails
if a « tu » form comes back in the page's own text (the header's slogan and quoted content are not the page's)."""
from __future__ import annotations

import html
import re

from tests.integration.accounts.fixtures import Browser, new_email
from tests.integration.classes.helpers import create_class, join, student, teacher
from tests.integration.stages.test_pages import hidden_values, make_admin, step
from tests.integration.stages.test_partner_tokens import employer_with_org

MAIN = re.compile(r'<main\b.*?</main>', re.S)
TAGS = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
QUOTED = re.compile(r"«[^»]*»")  # a student's own words, a formation's name in a message
# « tu », its pronouns and possessives, « t'… » before a vowel, and imperative « -toi »: never said to an adult.
TUTOIEMENT = re.compile(r"(?<![\w’'-])(?:[Tt]u|[Tt]e|[Tt]oi|[Tt]on|[Tt]a|[Tt]es|[Tt]ien(?:ne)?s?)(?![\w’'-])"
                        r"|(?<![\w-])[Tt][’'](?=[aeiouéèêhy])|-toi\b"
                        # the imperatives the student pages use, capitalised as a sentence or a hint starts them
                        r"|(?<![\w’'-])(?:Indique|Choisis|Écris|Ajoute|Garde|Vérifie|Précise|Saisis|Essaie|Reviens"
                        r"|Retire|Élargis|Regarde|Clique|Donne|Complète)(?![\w’'-])")


def tu_forms(text: str) -> list[str]:
    """Every « tu » form of a page's main text (or of a mail), with a few words around it to say where."""
    main = MAIN.search(text)
    plain = QUOTED.sub(" ", html.unescape(TAGS.sub(" ", main.group(0) if main else text)))
    plain = re.sub(r"\s+", " ", plain)
    return [plain[max(0, m.start() - 40):m.end() + 40] for m in TUTOIEMENT.finditer(plain)]


def assert_says_vous(browser: Browser, paths: list[str]) -> None:
    for path in paths:
        page = browser.get(path)
        assert page.status_code == 200, (path, page.status_code)
        assert tu_forms(page.text) == [], (path, tu_forms(page.text))


def test_the_checker_sees_tutoiement():
    assert tu_forms("<main><p>Tu n'as pas encore de classe : donne le code à tes élèves.</p></main>")
    assert tu_forms("<main><p>Ce qui t’a plu</p></main>") and tu_forms("<main>Connecte-toi</main>")
    assert tu_forms("<main><p>Vous n'avez pas encore de classe, « ton prénom ».</p></main>") == []
    assert tu_forms("<main><span>Indique leurs codes UAI</span></main>")  # an imperative alone says « tu » too
    assert tu_forms("<main><span>Indiquez leurs codes UAI. Le lieu indique ses horaires.</span></main>") == []


def test_a_teacher_is_addressed_with_vous(site):
    prof = teacher(site)
    made = create_class(site, prof)
    pupil, _ = student(site)
    join(pupil, made["join_code"])
    pupil_id = prof.get(f"/api/v1/classes/{made['id']}").json()["students"][0]["id"]
    assert_says_vous(prof, ["/classes", f"/classes/{made['id']}", f"/classes/{made['id']}/eleves/{pupil_id}",
                            f"/classes/{made['id']}/stages", "/stages/conventions", "/compte"])
    refused = prof.post_form("/classes", {"lycee": "", "label": "", "school_year": "20"})  # its error messages
    assert refused.status_code == 400 and "Indiquez votre lycée" in refused.text and tu_forms(refused.text) == []
    other = Browser(site)
    other.post_form("/connexion", {"email": "prof.autre@ac-lille.fr", "role": "enseignant", "next": "/classes"})
    mail = site.smtp.for_address("prof.autre@ac-lille.fr")[-1]
    assert mail["Subject"] == "Votre lien de connexion à MonProjetSup"
    assert tu_forms(site.smtp.last_text("prof.autre@ac-lille.fr")) == []


def test_a_family_is_addressed_with_vous(site):
    pupil, _ = student(site)
    made = pupil.api("POST", "/api/v1/me/family-links", json={"label": "Maman", "days": 30})
    path = "/" + made.json()["url"].split("/", 3)[3]
    family = Browser(site)
    assert_says_vous(family, [path])
    closed = family.get(path[:-3] + "xyz")  # a link copied short: the page says why, to the family
    assert closed.status_code == 404 and "Vérifiez" in closed.text and tu_forms(closed.text) == []
    parent = new_email("parent")
    pupil.post_form("/famille", {"label": "Papa", "days": "7", "email": parent}, follow_redirects=False)
    assert tu_forms(site.smtp.last_text(parent)) == []
    signed_in = Browser(site)
    signed_in.sign_in(new_email("famille"), role="famille")
    assert_says_vous(signed_in, ["/compte"])


def test_an_employer_is_addressed_with_vous(site):
    boss = employer_with_org(site)
    assert_says_vous(boss, ["/stages/employeur", "/stages/employeur/offres/nouvelle", "/stages/employeur/api",
                            "/stages/conventions", "/compte"])
    # The offer's later steps, reached as the employer reaches them.
    carried = {"title": "Mécanique automobile", "description": "Découvrir l'atelier de mécanique.", "secteur": "s8"}
    for number, more in ((1, {}), (2, {"commune": "59100"}), (3, {"niveau": "seconde", "reserved": ""})):
        page = step(boss, {**carried, **more}, number)
        assert page.status_code == 200 and f"Étape {number + 1} sur 4" in page.text, page.text
        assert tu_forms(page.text) == [], (number + 1, tu_forms(page.text))
        carried = hidden_values(page.text)
    refused = boss.post_form("/stages/employeur/organisation", {"name": "", "siret": "1", "employer_kind": ""})
    assert refused.status_code == 400 and tu_forms(refused.text) == []


def test_an_admin_is_addressed_with_vous(site):
    admin, email = Browser(site), new_email("admin")
    admin.sign_in(email)
    make_admin(site, email)
    assert_says_vous(admin, ["/stages/moderation", "/stages/moderation/candidatures", "/stages/partenaires",
                             "/compte"])
