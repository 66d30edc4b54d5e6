"""The reminders API and /rappels page on the full app: CSRF, devices, choices, bad input never a 500."""
from __future__ import annotations

import base64
import os
import re

import pytest

from tests.integration.accounts.fixtures import Browser
from tests.integration.reminders.helpers import b64, subscription


def test_public_key_is_a_p256_application_server_key(site):
    doc = Browser(site).get("/api/v1/reminders").json()
    raw = base64.urlsafe_b64decode(doc["public_key"] + "==")
    assert len(raw) == 65 and raw[0] == 4
    assert doc["devices"] == [] and doc["choices"]["quiet_start"] == "21:00" and doc["choices"]["quiet_end"] == "08:00"


def test_subscribe_needs_csrf(site):
    browser = Browser(site)
    assert browser.request("POST", "/api/v1/reminders/devices", json=subscription()).status_code == 403


def test_devices_list_and_remove_only_ones_own(site):
    student, other = Browser(site), Browser(site)
    made = student.api("POST", "/api/v1/reminders/devices", subscription(time_zone="Indian/Reunion"))
    assert made.status_code == 201, made.text
    device = made.json()
    doc = student.get("/api/v1/reminders").json()
    assert [d["label"] for d in doc["devices"]] == ["Chrome sur Android"]
    assert doc["choices"]["time_zone"] == "Indian/Reunion"  # from the device, as nothing was chosen yet
    other.api("GET", "/api/v1/reminders")
    assert other.api("DELETE", f"/api/v1/reminders/devices/{device['id']}").status_code == 404
    assert student.api("DELETE", f"/api/v1/reminders/devices/{device['id']}").status_code == 204
    assert student.get("/api/v1/reminders").json()["devices"] == []


@pytest.mark.parametrize("bad", [
    {"endpoint": "http://fcm.googleapis.com/fcm/send/x"},
    {"endpoint": "https://10.0.0.5/admin"},
    {"endpoint": "https://localhost/push"},
    {"endpoint": "https://[::1]/push"},
    # 127.0.0.1 in the numeric forms resolvers accept, a push service on a port of ours, a port that is no number
    {"endpoint": "https://2130706433/push"}, {"endpoint": "https://127.1/push"}, {"endpoint": "https://0x7f.0.0.1/push"},
    {"endpoint": "https://0/push"}, {"endpoint": "https://017700000001/push"}, {"endpoint": "https://localhost./push"},
    {"endpoint": "https://fcm.googleapis.com:5432/fcm/send/x"}, {"endpoint": "https://fcm.googleapis.com:99999/x"},
    {"endpoint": "javascript:alert(1)"},
    # no browser's push service: any site of the internet (the server would post to it at each reminder)
    {"endpoint": "https://victim.example.com/webhook"}, {"endpoint": "https://1.1.1.1/x"},
    {"endpoint": "https://fcm.googleapis.com@evil.example/x"}, {"endpoint": "https://evil.example\\@fcm.googleapis.com/x"},
    {"endpoint": "https://fcm.googleapis.com.evil.example/x"}, {"endpoint": "https://evilnotify.windows.com/x"},
    {"endpoint": "https://user@fcm.googleapis.com/fcm/send/x"},
    {"endpoint": "https://push.example.net/" + "x" * 1100},
    {"keys": {"p256dh": b64(b"\x04" + b"\x01" * 64), "auth": b64(os.urandom(16))}},  # not on the curve
    {"keys": {"p256dh": "%%%", "auth": b64(os.urandom(16))}},
    {"keys": {"p256dh": b64(b"\x04" * 65), "auth": b64(b"short")}},
    {"keys": {}},
    {"label": "x" * 200},
])
def test_bad_subscriptions_are_refused_with_a_400(site, bad):
    response = Browser(site).api("POST", "/api/v1/reminders/devices", subscription(**bad))
    assert response.status_code == 400, response.text


@pytest.mark.parametrize("endpoint", [
    "https://fcm.googleapis.com/fcm/send/x", "https://updates.push.services.mozilla.com/wpush/v2/x",
    "https://web.push.apple.com/QGx", "https://wns2-par02p.notify.windows.com/w/?token=x",
    "https://FCM.googleapis.com./fcm/send/x"])
def test_every_browsers_push_service_is_taken(site, endpoint):
    response = Browser(site).api("POST", "/api/v1/reminders/devices", subscription(endpoint=endpoint))
    assert response.status_code == 201, response.text


@pytest.mark.parametrize("bad", [{"kinds": ["spam"]}, {"quiet_start": "25:00"}, {"quiet_end": "8h"},
                                 {"time_zone": "Mars/Olympus"}, {"kinds": "parcoursup"},
                                 # Python's `$` let a last line feed through: 6 characters, a 500 on PostgreSQL
                                 {"quiet_start": "21:00\n"}, {"quiet_end": "1\u0662:30"}])
def test_bad_choices_are_refused_with_a_400(site, bad):
    doc = {"kinds": ["parcoursup"], "quiet_start": "21:00", "quiet_end": "08:00", "time_zone": "Europe/Paris",
           "email": False}
    response = Browser(site).api("PUT", "/api/v1/reminders/choices", {**doc, **bad})
    assert response.status_code == 400, response.text


def test_choices_saved(site):
    browser = Browser(site)
    doc = {"kinds": ["stage", "parcoursup"], "quiet_start": "22:00", "quiet_end": "07:00",
           "time_zone": "Pacific/Noumea", "email": False}
    assert browser.api("PUT", "/api/v1/reminders/choices", doc).status_code == 200
    assert browser.get("/api/v1/reminders").json()["choices"] == {**doc, "kinds": ["parcoursup", "stage"]}


def test_renew_moves_a_subscription_that_presents_its_old_endpoint(site):
    student = Browser(site)
    old = subscription()
    assert student.api("POST", "/api/v1/reminders/devices", old).status_code == 201
    new = subscription()
    service_worker = Browser(site)  # no CSRF token, as in the worker; proof is the old endpoint
    moved = service_worker.request("POST", "/api/v1/reminders/renew",
                                   json={"old_endpoint": old["endpoint"], "endpoint": new["endpoint"], "keys": new["keys"]})
    assert moved.status_code == 204
    [device] = student.get("/api/v1/reminders").json()["devices"]
    assert device["label"] == "Chrome sur Android"
    unknown = service_worker.request("POST", "/api/v1/reminders/renew", json={
        "old_endpoint": "https://fcm.googleapis.com/fcm/send/guess", "endpoint": new["endpoint"], "keys": new["keys"]})
    assert unknown.status_code == 404


def test_page_asks_permission_only_through_the_button(site):
    page = Browser(site).get("/rappels")
    assert page.status_code == 200
    html = page.text
    assert "Activer les rappels" in html and "Sur l'écran d'accueil" in html and "iOS 16.4" in html
    assert re.search(r'<script type="module" src="/static/js/reminders\.[0-9a-f]+\.js">', html)
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)  # no inline script (CSP script-src 'self')
    assert 'value="21:00" selected' in html and 'value="08:00" selected' in html


def test_page_form_saves_choices_and_refuses_a_bad_zone(site):
    browser = Browser(site)
    saved = browser.post_form("/rappels", {"kinds": ["parcoursup", "tache"], "quiet_start": "20:00",
                                           "quiet_end": "09:00", "time_zone": "America/Cayenne"},
                              follow_redirects=True)
    assert saved.status_code == 200 and "Tes choix de rappels sont enregistrés." in saved.text
    assert 'value="America/Cayenne" selected' in saved.text and 'value="20:00" selected' in saved.text
    assert re.search(r'value="stage" id="kind-stage"\s*>', saved.text)  # unchecked
    bad = browser.post_form("/rappels", {"kinds": ["parcoursup"], "time_zone": "Mars/Olympus"})
    assert bad.status_code == 400 and "fuseau horaire inconnu" in bad.text


def test_email_choice_needs_an_account(site):
    html = Browser(site).get("/rappels").text
    assert re.search(r'id="email"\s+disabled', html) and "Connecte-toi" in html


def test_timeline_page_leads_to_the_reminders(site):
    assert 'href="/rappels"' in Browser(site).get("/etapes").text


@pytest.mark.parametrize("typed, stored", [("21:00\n", "21:00"), (" 21:00", "21:00"), ("9:05", "09:05")])
def test_page_form_stores_the_hour_it_read(site, typed, stored):
    """The form is no msgspec document: « 21:00\\n » or « 21:00 » with a space before went to the column as typed
    (6 characters: a 500 on PostgreSQL); the hour read is what is kept."""
    browser = Browser(site)
    saved = browser.post_form("/rappels", {"kinds": ["parcoursup"], "quiet_start": typed, "quiet_end": "08:00",
                                           "time_zone": "Europe/Paris"}, follow_redirects=False)
    assert saved.status_code == 303, saved.text
    assert browser.get("/api/v1/reminders").json()["choices"]["quiet_start"] == stored


def test_page_form_refuses_an_hour_in_other_digits(site):
    refused = Browser(site).post_form("/rappels", {"kinds": ["parcoursup"], "quiet_start": "1\u0662:30",
                                                   "quiet_end": "08:00", "time_zone": "Europe/Paris"})
    assert refused.status_code == 400 and "HH:MM" in refused.text
