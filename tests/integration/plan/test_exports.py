"""« Mes vœux » exports read back: the PDF (WeasyPrint) and the calendar (ICS)."""
from __future__ import annotations

import io
from datetime import date

from icalendar import Calendar
from pypdf import PdfReader

from tests.integration.plan.test_plan_api import with_plan


def _text(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def test_pdf_holds_every_wish_and_place(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    r = browser.get("/mes-voeux.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF-")
    text = _text(r.content)
    assert "Mes vœux Parcoursup" in text
    assert " ".join(bts.label.split()) in text
    for p in (*bp, *lp):
        assert " ".join(p.etablissement.split())[:25] in text
    assert "3 / 10" in text  # the counters as on the page


def test_pdf_of_an_empty_plan_still_renders(site):
    from tests.integration.accounts.fixtures import Browser
    r = Browser(site).get("/mes-voeux.pdf")
    assert r.status_code == 200 and "Aucun vœu pour l'instant" in _text(r.content)


def test_ics_has_the_timelines_parcoursup_steps(site):
    r = site.get("/mes-voeux.ics")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/calendar")
    cal = Calendar.from_ical(r.content)
    events = [e for e in cal.walk("VEVENT")]
    assert events, "the next session's dates"
    days = [e.decoded("dtstart") for e in events]
    assert all(isinstance(d, date) for d in days) and days == sorted(days)
    assert all(e.decoded("dtend") > date.today() for e in events)  # nothing over already
    assert all(str(e["summary"]).startswith("Parcoursup : ") for e in events)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert any("vœux" in str(e["summary"]) for e in events)


def test_pdf_says_which_wish_and_sub_wish_is_already_on_parcoursup(site):
    browser, (bts, bp), (lic, lp) = with_plan(site)
    browser.post_form(f"/mes-voeux/{bts.id}", {"lieu": [str(p.cod_aff_form) for p in bp],
                                              "ajoute": str(bp[0].cod_aff_form)}, follow_redirects=False)
    browser.post_form(f"/mes-voeux/{lic.id}", {"lieu": str(lp[1].cod_aff_form), "ajoute": str(lp[1].cod_aff_form)},
                      follow_redirects=False)
    text = _text(browser.get("/mes-voeux.pdf").content)
    assert "1 / 3 vœux déjà ajoutés sur Parcoursup" in text
    low = text.lower()  # badges are printed in capitals
    assert low.count("déjà sur parcoursup") == 2  # the licence's second wish, and the BTS's partial badge
    assert "1 sur 3 sous-vœux déjà sur parcoursup" in low
    # per sub-wish of the BTS (the counter above says « ajoutés »)
    assert low.count("déjà ajouté sur parcoursup") == 1 and low.count("pas encore ajouté") == 2
