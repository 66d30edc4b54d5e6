"""GET/POST /avis and the thank-you page. Works without JavaScript; errors keep what was typed."""
from __future__ import annotations

from urllib.parse import urlencode

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from piccolo.engine.base import Engine

from mps.domain.feedback.schemas import TEXT_MAX, FeedbackIn
from mps.domain.feedback.service import CONTROL, page_from_referer, safe_page, store
from mps.domain.feedback.web import within_rate_limit
from mps.web.forms import FormState, blank, state_from

RATINGS = [(5, "Très bien"), (4, "Bien"), (3, "Moyen"), (2, "Pas terrible"), (1, "Pas du tout")]
TOO_MANY = ("Tu as déjà envoyé plusieurs avis en peu de temps. Merci ! Réessaie dans une dizaine de "
            "minutes : ton message est conservé ci-dessous.")


def _form_page(form: FormState, status: int = 200, notice: str | None = None) -> Template:
    return Template("feedback/form.html", status_code=status,
                    context={"form": form, "ratings": [(str(v), f"{v} – {label}") for v, label in RATINGS], "text_max": TEXT_MAX, "notice": notice})


def _read_form(data) -> FormState:
    """Validate a submission with FeedbackIn; errors are keyed by field and what was typed is kept."""
    text = CONTROL.sub("", str(data.get("text") or "").replace("\r\n", "\n")).strip()
    form = state_from({"rating": str(data.get("rating") or "").strip(), "text": text,
                       "page": safe_page(data.get("page"))}, FeedbackIn)
    if "text" in form.errors:
        form.errors["text"] = f"Ton message fait {len(text)} caractères : {TEXT_MAX} au maximum."
    return form


class FeedbackPages(Controller):
    include_in_schema = False

    @get("/avis")
    async def form(self, request: Request, page: str | None = None) -> Template:
        origin = safe_page(page) if page is not None else page_from_referer(
            request.headers.get("referer"), request.headers.get("host"))
        return _form_page(blank(FeedbackIn, {"page": origin}))

    @post("/avis", status_code=303)
    async def send(self, request: Request, feedback_engine: Engine) -> Template | Redirect:
        form = _read_form(dict(await request.form()))
        if form.errors:
            return _form_page(form, status=400)
        if not await within_rate_limit(request):
            return _form_page(form, status=429, notice=TOO_MANY)
        await store(feedback_engine, form.data)
        page = form.data.page
        return Redirect(f"/avis/merci?{urlencode({'page': page})}" if page else "/avis/merci",
                        status_code=303)

    @get("/avis/merci")
    async def thanks(self, page: str | None = None) -> Template:
        return Template("feedback/thanks.html", context={"back": safe_page(page)})
