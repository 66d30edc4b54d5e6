"""GET/POST /avis and the thank-you page. Works without JavaScript; errors keep what was typed."""
from __future__ import annotations

from urllib.parse import urlencode

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from mps.domain.feedback.service import (TEXT_MAX, FeedbackForm, allowed_to_send, page_from_referer, read_form,
                                         safe_page, store)

RATINGS = [(5, "Très bien"), (4, "Bien"), (3, "Moyen"), (2, "Pas terrible"), (1, "Pas du tout")]
TOO_MANY = ("Tu as déjà envoyé plusieurs avis en peu de temps. Merci ! Réessaie dans une dizaine de "
            "minutes : ton message est conservé ci-dessous.")


def _form_page(form: FeedbackForm, status: int = 200, notice: str | None = None) -> Template:
    return Template("feedback/form.html", status_code=status,
                    context={"form": form, "ratings": RATINGS, "text_max": TEXT_MAX, "notice": notice})


class FeedbackPages(Controller):
    include_in_schema = False

    @get("/avis")
    async def form(self, request: Request, page: str | None = None) -> Template:
        origin = safe_page(page) if page is not None else page_from_referer(
            request.headers.get("referer"), request.headers.get("host"))
        return _form_page(FeedbackForm(page=origin))

    @post("/avis", status_code=303)
    async def send(self, request: Request) -> Template | Redirect:
        form = read_form(dict(await request.form()))
        if form.errors:
            return _form_page(form, status=400)
        if not await allowed_to_send(request):
            return _form_page(form, status=429, notice=TOO_MANY)
        await store(request, form)
        return Redirect(f"/avis/merci?{urlencode({'page': form.page})}" if form.page else "/avis/merci",
                        status_code=303)

    @get("/avis/merci")
    async def thanks(self, page: str | None = None) -> Template:
        return Template("feedback/thanks.html", context={"back": safe_page(page)})
