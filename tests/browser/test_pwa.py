"""Installable PWA and the update prompt on a new deployment (axe-core checks: test_accessibility.py)."""
from __future__ import annotations

from pathlib import Path

from tests.browser.conftest import ARGS, CHROMIUM, wait_controlled


def test_the_service_worker_controls_the_page_and_the_app_is_installable(server, playwright_engine, tmp_path):
    context = playwright_engine.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=ARGS, bypass_csp=True)  # see TestBrowser
    try:
        page = context.new_page()
        page.goto(server["url"] + "/")
        wait_controlled(page)
        cdp = context.new_cdp_session(page)
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        assert errors == [], errors
        manifest = page.request.get(server["url"] + "/manifest.webmanifest").json()
        assert manifest["display"] == "standalone" and any(i["purpose"] == "maskable" for i in manifest["icons"])
    finally:
        context.close()


def test_a_new_deployment_shows_the_update_prompt_and_switches_only_when_accepted(server, chromium):
    context = chromium.new_context()
    page = context.new_page()
    page.goto(server["url"] + "/")
    wait_controlled(page)
    version = """() => new Promise((resolve) => {
        const ch = new MessageChannel();
        ch.port1.onmessage = (e) => resolve(e.data.version);
        navigator.serviceWorker.controller.postMessage({type: 'GET_VERSION'}, [ch.port2]);
        setTimeout(() => resolve(null), 2000);  // a worker on its way out may never answer
    })"""
    before = page.evaluate(version)
    sw: Path = server["dist"] / "sw.js"
    original = sw.read_text()
    try:
        sw.write_text(original.replace(before, "newbuild0001"))  # a new release: another build id
        page.evaluate("() => navigator.serviceWorker.getRegistration().then((r) => r.update())")
        page.wait_for_selector(".mps-update-notice", timeout=20000)
        page.wait_for_timeout(500)
        assert page.evaluate(version) == before  # nothing swapped under the user
        with page.expect_navigation(timeout=20000):  # the page reloads once, on the new worker
            page.click(".mps-update-notice__btn")
        wait_controlled(page)
        for _ in range(50):
            if page.evaluate(version) == "newbuild0001":
                break
            page.wait_for_timeout(200)
        assert page.evaluate(version) == "newbuild0001"
    finally:
        sw.write_text(original)
        context.close()
