"""Reminders in Chromium: the service worker, given a push message over the DevTools protocol
(ServiceWorker.deliverPushMessage), shows the French notification, and its click opens the page."""
from __future__ import annotations

import json
import time

from tests.browser.conftest import poll, wait_controlled

NOTIFICATIONS = """() => navigator.serviceWorker.ready.then((r) => r.getNotifications())
    .then((list) => list.map((n) => ({title: n.title, body: n.body, tag: n.tag, url: n.data && n.data.url,
                                       actions: n.actions.map((a) => a.title)})))"""


def registration_id(cdp, scope: str) -> str:
    found = {}
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: found.update({r["scopeURL"]: r["registrationId"] for r in event["registrations"]}))
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 20
    while scope not in found and time.monotonic() < deadline:
        time.sleep(0.1)
        cdp.send("Runtime.evaluate", {"expression": "1"})  # lets the events in
    assert scope in found, found
    return found[scope]


def test_push_shows_the_notification_and_the_click_opens_its_page(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    context.grant_permissions(["notifications"], origin=base)
    page = context.new_page()
    page.goto(f"{base}/rappels")
    wait_controlled(page)
    assert page.get_by_role("button", name="Activer les rappels").is_visible()
    cdp = context.new_cdp_session(page)
    reg = registration_id(cdp, f"{base}/")
    doc = {"title": "Tes vœux Parcoursup", "body": "Dans 7 jours (jeudi 11 mars) : dernier jour pour formuler tes vœux.",
           "url": "/favoris", "tag": "voeux-2027", "kind": "parcoursup", "action": "Voir"}
    cdp.send("ServiceWorker.deliverPushMessage", {"origin": base, "registrationId": reg, "data": json.dumps(doc)})
    [shown] = poll(page, NOTIFICATIONS)
    assert shown == {"title": doc["title"], "body": doc["body"], "tag": "voeux-2027", "url": "/favoris",
                     "actions": ["Voir"]}
    # A click, as the browser would deliver it: the worker's notificationclick takes this tab to the page.
    [worker] = context.service_workers
    worker.evaluate("""() => self.registration.getNotifications().then(([n]) => {
        try { self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n})); } catch (e) {}
    })""")
    page.wait_for_url(f"{base}/favoris", timeout=20000)
    context.close()
