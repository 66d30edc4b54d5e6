"""Bytes transferred (compressed, everything included) on a first visit of key pages, in headless Chromium.

    .venv/bin/python bench/page_weight.py
"""
from __future__ import annotations

import asyncio
import sys
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


def main() -> None:
    with served(8193) as base:
        asyncio.run(weigh(base))


if __name__ == "__main__":
    main()
