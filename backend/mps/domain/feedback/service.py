"""Feedback rules: what a valid submission is, where it is stored, how often one may send it."""
from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from mps.admin.db import use_engine
from mps.admin.mount import engine_for
from mps.admin.tables import Feedback
from mps.lib.ratelimit import limiter_for

TEXT_MAX = 2000
PAGE_MAX = 300
RATE_LIMIT = (5, 600)  # 5 submissions per 10 minutes per IP address
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass
class FeedbackForm:
    rating: str = ""
    text: str = ""
    page: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def rating_value(self) -> int:
        return int(self.rating)


def safe_page(value: str | None) -> str:
    """A path on this site ("/recherche?q=bts"), or "" for anything else (other sites, junk)."""
    value = (value or "").strip()
    if not value.startswith("/") or value.startswith("//") or "\\" in value or _CONTROL.search(value):
        return ""
    return value[:PAGE_MAX]


def page_from_referer(referer: str | None, host: str | None) -> str:
    """When the form is opened without ?page=, the page it came from, if it is on this site."""
    if not referer:
        return ""
    parts = urlsplit(referer)
    if not host or parts.netloc != host:
        return ""
    return safe_page(parts.path + (f"?{parts.query}" if parts.query else ""))


def read_form(data: dict) -> FeedbackForm:
    """Validate a submission; errors are keyed by field and what was typed is kept."""
    text = _CONTROL.sub("", str(data.get("text") or "").replace("\r\n", "\n")).strip()
    form = FeedbackForm(rating=str(data.get("rating") or "").strip(), text=text, page=safe_page(data.get("page")))
    if form.rating not in {"1", "2", "3", "4", "5"}:
        form.errors["rating"] = "Choisis une note de 1 à 5."
    if len(text) > TEXT_MAX:
        form.errors["text"] = f"Ton message fait {len(text)} caractères : {TEXT_MAX} au maximum."
    return form


def client_key(request) -> str:
    """Rate-limit key for the sender: a keyed hash of the IP, so not even Redis holds addresses."""
    ip = request.client.host if request.client else "unknown"
    secret = request.app.state.settings.secret_key.encode()
    return "avis:" + hmac.new(secret, ip.encode(), hashlib.sha256).hexdigest()[:24]


async def allowed_to_send(request) -> bool:
    limit, window = RATE_LIMIT
    return await limiter_for(request.app).hit(client_key(request), limit, window)


async def store(request, form: FeedbackForm) -> None:
    with use_engine(engine_for(request.app)):
        await Feedback.insert(Feedback(page=form.page, rating=form.rating_value, text=form.text))
