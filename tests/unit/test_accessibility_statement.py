"""The accessibility statement (/accessibilite) holds every part RGAA requires and cannot claim more than
was checked. Its page list is tied to the browser checks by tests/browser/test_accessibility.py."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

from mps.domain.pages.statement import french_date, statement
from mps.web.menu import menu_for
from mps.web.templates import current_attr

ROOT = Path(__file__).resolve().parents[2]
STATUSES = {"non conforme", "partiellement conforme", "totalement conforme"}


def test_every_required_part_is_there():
    s = statement()
    assert isinstance(s["statement_date"], dt.date) and isinstance(s["audit"]["date"], dt.date)
    assert s["status"] in STATUSES
    assert s["audit"]["method"].strip() and s["audit"]["conformance_rate"].strip()
    assert s["non_conformities"] and all(n["text"].strip() for n in s["non_conformities"])
    assert "exemptions" in s
    assert s["environment"]["browsers"] and s["environment"]["tools"] and s["environment"]["technologies"]
    assert s["pages"] and len({p["id"] for p in s["pages"]}) == len(s["pages"])
    assert s["contact"]["email"] or s["contact"]["postal"], "RGAA asks for an e-mail or a postal address"


def test_without_an_audit_the_status_is_non_conforme():
    s = statement()
    if not s["audit"]["done"]:
        assert s["status"] == "non conforme"
        assert "non mesuré" in s["audit"]["conformance_rate"].lower()


def test_dates_are_not_in_the_future_and_the_statement_follows_the_checks():
    s = statement()
    assert s["audit"]["date"] <= s["statement_date"] <= dt.date.today() + dt.timedelta(days=1)


def test_the_footer_says_the_statement_status():
    footer = (ROOT / "frontend/templates/_partials/footer.html").read_text(encoding="utf-8")
    assert f"Accessibilité : {statement()['status']}" in footer


def test_the_page_shows_the_data_and_the_recourse():
    env = Environment(loader=FileSystemLoader(ROOT / "frontend/templates"), autoescape=True)
    env.globals.update(asset=lambda name: f"/static/{name}", csrf_input="", menu_for=menu_for, current_attr=current_attr)
    html = env.get_template("pages/accessibilite.html").render(s=statement(), french_date=french_date)
    s = statement()
    assert f"est {s['status']}</strong>" in html
    assert french_date(s["statement_date"]) in html and french_date(s["audit"]["date"]) in html
    assert "Défenseur des droits" in html and "Libre réponse 71120" in html
    for page in s["pages"]:
        assert page["path"] in html.replace("&#39;", "'")
    assert french_date(dt.date(2026, 3, 1)) == "1er mars 2026"


def test_the_profile_steps_entry_claims_only_the_error_states_the_browser_checks_cover():
    """Radio and checkbox steps cannot hold a wrong answer: the statement must not claim an error state
    for every step, only for the steps that have one in tests/browser/test_accessibility.py."""
    import re

    states = (ROOT / "tests/browser/test_accessibility.py").read_text(encoding="utf-8")
    with_error = set(re.findall(r'State\("profil-(\w+)-erreur"', states))
    assert with_error, "the browser checks cover no profile error state"
    entry = next(p for p in statement()["pages"] if p["id"] == "profil-etapes")
    assert "chacune" not in entry["title"] and "chaque étape" not in statement()["audit"]["method"]
    assert f"{len(with_error)} étapes" in entry["title"]
