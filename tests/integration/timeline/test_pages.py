"""Timeline pages: /etapes, the home page's next step, the family view, the teacher's class events and
progress, and the ICS feeds (parsed back with icalendar)."""
from __future__ import annotations

import html
import re
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar

from mps.lib.school_calendar import school_year_of
from tests.integration.accounts.fixtures import Browser
from tests.integration.classes.helpers import create_class, join, set_profile, student, teacher

REUNION = {"classe": "terminale", "villes": [{"nom": "Saint-Denis (974)", "lat": -20.9, "lon": 55.4}]}


def _start_year() -> int:
    return school_year_of(datetime.now(timezone.utc).date())


def test_timeline_page_of_an_overseas_terminale(site):
    browser, email = student(site)
    set_profile(site, email, REUNION)
    page = browser.get("/etapes")
    assert page.status_code == 200
    text = html.unescape(page.text)
    assert "Terminale" in text and "Inscription et vœux sur Parcoursup" in text
    assert "Stage de seconde" not in text
    assert "l'heure qu'il sera alors à La Réunion" in text
    assert "Complète ton profil" in text and 'href="/profil"' in text
    assert re.search(r"soit le \w+ \d+ \w+ à 2\u00a0h\u00a059 à La Réunion", text)  # 23:59 Paris in winter


def test_a_visitor_sees_every_classe_and_is_asked_for_theirs(site):
    page = Browser(site).get("/etapes")
    assert page.status_code == 200 and "Indiquer ma classe" in page.text
    assert "Stage de seconde" in page.text and "Bac de français" in page.text and "Parcoursup" in page.text


def test_home_shows_the_next_step_of_the_students_classe(site):
    browser, email = student(site)
    set_profile(site, email, {"classe": "seconde"})
    home = browser.get("/")
    assert home.status_code == 200 and "Ta prochaine étape" in home.text
    nxt = browser.get("/api/v1/me/timeline").json()["next"]
    assert nxt["title"] in html.unescape(home.text)
    assert "Tes étapes jusqu'à Parcoursup" in Browser(site).get("/").text  # no classe, no person: the invitation


def _feed_url(browser) -> str:
    made = browser.post_form("/etapes/agenda", follow_redirects=False)
    assert made.status_code == 303
    page = browser.get("/etapes?ok=agenda")
    assert "Ton lien d'agenda est prêt" in html.unescape(page.text)
    return re.search(r'value="(http[^"]+/agenda/[^"]+\.ics)"', page.text).group(1)


def _path(url: str) -> str:
    return "/" + url.split("/", 3)[3]


def test_ics_feed_parses_back_with_paris_deadlines_and_can_be_revoked(site):
    browser, email = student(site)
    set_profile(site, email, REUNION)
    url = _feed_url(browser)
    anyone = Browser(site)  # a calendar app: no cookie
    answer = anyone.get(_path(url))
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("text/calendar")
    assert answer.headers["referrer-policy"] == "no-referrer"
    cal = Calendar.from_ical(answer.content)
    events = {str(e["uid"]): e for e in cal.walk("VEVENT")}
    year = f"{_start_year()}-{_start_year() + 1}"
    wishes = browser.get("/api/v1/me/timeline").json()
    step = next(e for e in wishes["entries"] if e["key"] == f"{year}/parcoursup-voeux")
    all_day = events[f"{year}/parcoursup-voeux@monprojetsup"]
    assert all_day.decoded("dtstart") == date.fromisoformat(step["start"])
    assert all_day.decoded("dtend") == date.fromisoformat(step["end"]) + timedelta(days=1)
    deadline = events[f"{year}/parcoursup-voeux/limite@monprojetsup"]
    end = deadline.decoded("dtend")
    assert end.tzinfo is not None and str(end.tzinfo) == "Europe/Paris" and end.time() == time(23, 59)
    assert end.date() == date.fromisoformat(step["end"])
    # In La Réunion that deadline is the next day at 2:59 or 1:59 (Paris in winter or summer time).
    assert end.astimezone(ZoneInfo("Indian/Reunion")).date() == end.date() + timedelta(days=1)
    assert any(c.name == "VTIMEZONE" and str(c["tzid"]) == "Europe/Paris" for c in cal.walk())
    assert "date à confirmer" in str(all_day["summary"]) or not step["provisional"]
    assert not any("stage-seconde" in uid for uid in events)
    # Tampered, then revoked: a clear 404, no calendar.
    assert anyone.get(_path(url).replace(".ics", "x.ics")).status_code == 404
    feed_id = re.search(r'/etapes/agenda/([0-9a-f]+)/desactiver', browser.get("/etapes").text).group(1)
    assert [f["id"] for f in browser.get("/api/v1/me/export").json()["liens_agenda"]] == [feed_id]  # « mes données »
    assert browser.post_form(f"/etapes/agenda/{feed_id}/desactiver", follow_redirects=False).status_code == 303
    gone = anyone.get(_path(url))
    assert gone.status_code == 404 and "désactivé" in gone.text and "BEGIN:VCALENDAR" not in gone.text
    other, _ = student(site)  # another student cannot revoke someone else's feed
    assert other.post_form(f"/etapes/agenda/{feed_id}/desactiver", follow_redirects=False).status_code == 404


def test_family_view_shows_the_timeline_and_its_feed_follows_the_link(site):
    browser, email = student(site)
    set_profile(site, email, {"classe": "seconde", "villes": [{"nom": "Nouméa (988)", "lat": -22.3, "lon": 166.4}]})
    link = browser.api("POST", "/api/v1/me/family-links", json={"label": "Papa"}).json()
    family = Browser(site)
    page = family.get(_path(link["url"]))
    assert "Ses étapes de seconde" in page.text and "Stage de seconde" in page.text
    assert "Complète ton profil" not in page.text  # read-only: no tasks, no calendar management
    assert "Nouvelle-Calédonie" not in page.text  # no Parcoursup deadline in seconde: no time-zone notice
    doc = family.get("/api/v1/family/" + link["url"].rsplit("/", 1)[1]).json()
    assert any(e["key"].endswith("stage-seconde") for e in doc["timeline"]["entries"])
    feed = family.get(_path(link["url"]) + "/agenda.ics")
    assert feed.status_code == 200
    stage = [e for e in Calendar.from_ical(feed.content).walk("VEVENT") if "stage-seconde" in str(e["uid"])]
    assert stage and stage[0].decoded("dtstart").weekday() == 0
    assert browser.api("DELETE", f"/api/v1/me/family-links/{link['id']}").status_code == 204
    gone = family.get(_path(link["url"]) + "/agenda.ics")
    assert gone.status_code == 404
    assert "Demandez à l'élève" in gone.text and "Crée" not in gone.text  # a parent reads it: « vous »


def test_teacher_adds_a_class_event_that_reaches_the_students(site):
    prof = teacher(site)
    klass = create_class(site, prof)
    pupil, email = student(site)
    set_profile(site, email, {"classe": "terminale"})
    join(pupil, klass["join_code"])
    start = int(klass["school_year"][:4])
    day = date(start + 1, 2, 12)
    bad = prof.post_form(f"/classes/{klass['id']}/evenements", {"title": "Réunion", "day": f"{start + 3}-02-12"})
    assert bad.status_code == 400 and f"l'année scolaire {klass['school_year']}" in html.unescape(bad.text)
    bad = prof.post_form(f"/classes/{klass['id']}/evenements", {"title": "", "day": "pas une date"})
    assert bad.status_code == 400 and "fr-input-group--error" in bad.text
    done = prof.post_form(f"/classes/{klass['id']}/evenements", {"title": "Réunion d'orientation", "day": day.isoformat()},
                          follow_redirects=False)
    assert done.status_code == 303
    board = html.unescape(prof.get(f"/classes/{klass['id']}?evenement=ajoute").text)
    assert "Réunion d'orientation" in board and "L'événement est ajouté" in board
    assert "0 élève sur 1 a 3 favoris ou plus" in board
    events = prof.get(f"/api/v1/classes/{klass['id']}/events").json()
    assert [(e["title"], e["day"]) for e in events] == [("Réunion d'orientation", day.isoformat())]
    if _start_year() == start:  # the class's year is the current one: the student sees it in their timeline
        mine = pupil.get("/api/v1/me/timeline").json()
        assert any(e["key"] == f"classe/{events[0]['id']}" and e["kind"] == "classe" for e in mine["entries"])
    stranger = teacher(site)
    assert stranger.post_form(f"/classes/{klass['id']}/evenements", {"title": "x", "day": day.isoformat()}).status_code == 404
    assert stranger.api("POST", f"/api/v1/classes/{klass['id']}/events", json={"title": "x", "day": day.isoformat()}).status_code == 404
    assert pupil.api("POST", f"/api/v1/classes/{klass['id']}/events", json={"title": "x", "day": day.isoformat()}).status_code == 404
    removed = prof.post_form(f"/classes/{klass['id']}/evenements/{events[0]['id']}/supprimer", follow_redirects=False)
    assert removed.status_code == 303 and prof.get(f"/api/v1/classes/{klass['id']}/events").json() == []
