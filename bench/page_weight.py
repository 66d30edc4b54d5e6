"""Bytes transferred (compressed, everything included) on a first visit of key pages, in headless Chromium,
then what the service worker fetches after that first load (its precache and the offline catalogue snapshot),
which a page's own network log does not show.

    .venv/bin/python bench/page_weight.py [--port 8193]
"""
from __future__ import annotations

import asyncio
import json
import re
import sys
import urllib.request
from pathlib import Path

from playwright.async_api import async_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve_tmp import served  # noqa: E402

PAGES = ["/", "/recherche?q=bts+compta+lille", "/formations/bts-services-management-commercial-operationnel",
         "/formations/but-informatique?ville=Nantes", "/fiches/7901"]
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


async def weigh(base: str) -> None:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=FLAGS)
        for path in PAGES:
            context = await browser.new_context(viewport={"width": 375, "height": 812})
            page = await context.new_page()
            cdp = await context.new_cdp_session(page)
            await cdp.send("Network.enable")
            await cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
            sizes: dict[str, int] = {}
            urls: dict[str, str] = {}
            cdp.on("Network.responseReceived", lambda e: urls.__setitem__(e["requestId"], e["response"]["url"]))
            cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
            await page.goto(base + path, wait_until="networkidle")
            await page.wait_for_timeout(300)
            total = sum(sizes.values())
            print(f"{path:<62} {total / 1024:7.1f} KB in {len(sizes)} requests (target <= 150 KB)")
            for rid, n in sorted(sizes.items(), key=lambda kv: -kv[1])[:6]:
                print(f"      {n / 1024:6.1f} KB  {urls.get(rid, '?').replace(base, '')[:80]}")
            await context.close()
        await browser.close()


def transferred(url: str) -> int:
    """Bytes on the wire for one GET, gzip accepted as a browser would."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, timeout=30) as answer:
        return len(answer.read())


def after_load(base: str) -> None:
    """The service worker's own downloads: every URL of its Workbox precache list, then the snapshot."""
    with urllib.request.urlopen(base + "/sw.js", timeout=30) as answer:
        sw = answer.read().decode()
    urls = sorted(set(json.loads(f'"{u}"') for u in re.findall(r'"url":"([^"]+)"', sw)))
    precache = sum(transferred(base + u) for u in urls) + transferred(base + "/sw.js")
    snapshot = transferred(base + "/api/v1/catalogue/snapshot")
    print(f"after the first load, the service worker fetches: precache {precache / 1024:.1f} KB "
          f"({len(urls)} files + sw.js), catalogue snapshot {snapshot / 1024:.1f} KB; "
          f"total {(precache + snapshot) / 1024:.1f} KB (in the background, once per version)")


def main() -> None:
    port = int(sys.argv[sys.argv.index("--port") + 1]) if "--port" in sys.argv else 8193
    with served(port) as base:
        asyncio.run(weigh(base))
        after_load(base)


if __name__ == "__main__":
    main()
