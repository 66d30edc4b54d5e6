"""HTML to PDF with WeasyPrint, for the pages that offer a PDF (« Mes vœux », the convention de stage).

WeasyPrint takes a few hundred ms of CPU per document: one at a time per worker, off the event loop. It is
imported on first use: it loads pango, which the other pages never need."""
from __future__ import annotations

import asyncio

import anyio

_PDF_SLOT = asyncio.Semaphore(1)


def html_to_pdf(html: str, base_url: str | None = None) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    # Our print templates hold everything inline: WeasyPrint fetches nothing a document names (http to our own
    # network, file:// on this machine), whatever text users wrote into it; data: URLs only.
    return HTML(string=html, base_url=base_url, url_fetcher=URLFetcher(allowed_protocols={"data"})).write_pdf()


async def render_pdf(html: str) -> bytes:
    async with _PDF_SLOT:
        return await anyio.to_thread.run_sync(html_to_pdf, html, None)
