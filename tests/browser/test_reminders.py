"""Reminders in Chromium: the service worker, given a push message over the DevTools protocol
(ServiceWorker.deliverPushMessage), shows the French notification, and its click opens the page; the permission
is asked only by the button; an iPhone outside the installed app is told to install first; a rotated subscription is
moved by the worker's pushsubscriptionchange."""
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


def push_until_shown(cdp, page, message: dict) -> list:
    """Deliver a push message and wait for its notification. A push service delivers again a message the
    browser did not acknowledge (RFC 8030, « Acknowledging Push Messages »); DevTools does not, and on a loaded
    machine Chromium sometimes drops the event while the worker starts: deliver up to three times."""
    for attempt in range(3):
        cdp.send("ServiceWorker.deliverPushMessage", message)
        try:
            return poll(page, NOTIFICATIONS, timeout_s=15)
        except AssertionError:
            if attempt == 2:
                raise
    return []


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
    [shown] = push_until_shown(cdp, page, {"origin": base, "registrationId": reg, "data": json.dumps(doc)})
    assert shown == {"title": doc["title"], "body": doc["body"], "tag": "voeux-2027", "url": "/favoris",
                     "actions": ["Voir"]}
    # A click, as the browser would deliver it: the worker's notificationclick takes this tab to the page.
    [worker] = context.service_workers
    worker.evaluate("""() => self.registration.getNotifications().then(([n]) => {
        try { self.dispatchEvent(new NotificationEvent('notificationclick', {notification: n})); } catch (e) {}
    })""")
    page.wait_for_url(f"{base}/favoris", timeout=20000)
    context.close()


COUNT_ASKS = """window.__asked = 0;
if (window.Notification) {
  const ask = Notification.requestPermission.bind(Notification);
  Notification.requestPermission = (...args) => { window.__asked += 1; return ask(...args); };
}"""


def test_permission_is_asked_only_when_the_button_is_pressed(server, chromium):
    base = server["url"]
    context = chromium.new_context()
    context.add_init_script(COUNT_ASKS)
    page = context.new_page()
    page.goto(f"{base}/rappels")
    wait_controlled(page)
    button = page.get_by_role("button", name="Activer les rappels")
    button.wait_for()
    page.wait_for_timeout(500)  # whatever the page does after load has had its turn
    assert page.evaluate("window.__asked") == 0
    button.click()
    poll(page, "() => window.__asked || null")
    assert page.evaluate("window.__asked") == 1
    context.close()


def test_an_iphone_outside_the_installed_app_is_told_to_install_first(server, chromium):
    base = server["url"]
    iphone = ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
              "Version/17.4 Mobile/15E148 Safari/604.1")
    context = chromium.new_context(user_agent=iphone, viewport={"width": 375, "height": 812})
    context.add_init_script(COUNT_ASKS)
    page = context.new_page()
    page.goto(f"{base}/rappels")
    advice = page.locator("[data-mps-push-ios]")
    advice.wait_for(state="visible")
    assert "Sur l'écran d'accueil" in advice.inner_text()
    assert not page.get_by_role("button", name="Activer les rappels").is_visible()
    assert page.evaluate("window.__asked") == 0
    context.close()


def test_a_changed_subscription_is_moved_by_the_service_worker(server, chromium):
    """pushsubscriptionchange: the worker presents the old endpoint and the server moves the device to the new one."""
    from tests.browser.people import api
    from tests.integration.reminders.helpers import subscription

    base = server["url"]
    context = chromium.new_context()
    page = context.new_page()
    page.goto(f"{base}/rappels")
    wait_controlled(page)
    old, new = subscription(), subscription()
    assert api(page, base, "POST", "/api/v1/reminders/devices", old).status == 201
    [worker] = context.service_workers
    # The browser fires this event itself when the push service rotates a subscription; here it is dispatched
    # with the two subscriptions the handler reads (a synthetic event cannot be extended, hence the try).
    worker.evaluate("""([old, fresh]) => {
        const event = new ExtendableEvent('pushsubscriptionchange');
        Object.defineProperty(event, 'oldSubscription', {value: {endpoint: old.endpoint}});
        Object.defineProperty(event, 'newSubscription', {value: {toJSON: () => fresh}});
        try { self.dispatchEvent(event); } catch (e) {}
    }""", [old, {"endpoint": new["endpoint"], "keys": new["keys"]}])

    def renew(old_endpoint: str) -> int:
        return page.request.post(f"{base}/api/v1/reminders/renew", data=json.dumps(
            {"old_endpoint": old_endpoint, "endpoint": new["endpoint"], "keys": new["keys"]}),
            headers={"content-type": "application/json"}).status

    # Probing with the new endpoint as the proof moves nothing; it answers 204 only once the worker moved the device.
    deadline = time.monotonic() + 20
    while renew(new["endpoint"]) != 204 and time.monotonic() < deadline:
        time.sleep(0.2)
    assert renew(new["endpoint"]) == 204
    assert renew(old["endpoint"]) == 404  # the old endpoint is no longer the device's
    context.close()
