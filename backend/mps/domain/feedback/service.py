"""Feedback rules: where a submission comes from, where it is stored, how often one may send it."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from piccolo.engine.base import Engine

from mps.admin.db import use_engine
from mps.admin.tables import Feedback
from mps.domain.feedback.schemas import PAGE_MAX, FeedbackIn
from mps.lib.urls import local_path

RATE_LIMIT = (5, 600)  # 5 submissions per 10 minutes per IP address
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def safe_page(value: str | None) -> str:
    """A path on this site ("/recherche?q=bts"), or "" for anything else (other sites, junk)."""
    path = local_path((value or "").strip(" "))
    return path[:PAGE_MAX] if path else ""


def page_from_referer(referer: str | None, host: str | None) -> str:
    """When the form is opened without ?page=, the page it came from, if it is on this site."""
    if not referer:
        return ""
    parts = urlsplit(referer)
    if not host or parts.netloc != host:
        return ""
    return safe_page(parts.path + (f"?{parts.query}" if parts.query else ""))


async def store(engine: Engine, data: FeedbackIn) -> None:
    """Into the back-office's Feedback table (Piccolo), on the app's database."""
    with use_engine(engine):
        await Feedback.insert(Feedback(page=data.page, rating=data.rating, text=data.text))
