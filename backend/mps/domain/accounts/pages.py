"""Sign-in pages: ask for a link, confirm it, sign out; the account page; the dev outbox."""
from __future__ import annotations

from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.accounts.mail import read_outbox, send_mail
from mps.domain.accounts.providers import other_providers
from mps.domain.accounts.roles import ROLES, SELF_SERVICE_ROLES, STUDENT_ROLES, normalise_email, role_refusal
from mps.domain.accounts.schemas import RoleIn, SignInIn
from mps.domain.accounts.tokens import LinkError, make_link_token, read_link_token, safe_next, spend
from mps.domain.accounts.web import complete_sign_in, page_person, sign_in_allowed, sign_out, signed_in_person
from mps.lib.net import is_loopback
from mps.settings import Settings
from mps.web.forms import FormState, blank, read_form, state_from
from mps.web.links import mail_origin

ACADEMIC_HINT = "Avec votre adresse académique (…@ac-….fr)"


def _link_mail(base_url: str, token: str, role: str) -> tuple[str, str]:
    url = f"{base_url.rstrip('/')}/connexion/lien?t={token}"
    if role not in STUDENT_ROLES:
        return "Votre lien de connexion à MonProjetSup", (
            "Bonjour,\n\nPour vous connecter à MonProjetSup, ouvrez ce lien (valable 15 minutes, une seule fois) :\n\n"
            f"{url}\n\nSi vous n'avez rien demandé, ignorez ce message : personne ne peut se connecter sans ce lien.\n\n"
            "— MonProjetSup, service public d'orientation\n")
    text = ("Bonjour,\n\nPour te connecter à MonProjetSup, ouvre ce lien (valable 15 minutes, une seule fois) :\n\n"
            f"{url}\n\nSi tu n'as rien demandé, ignore ce message : personne ne peut se connecter sans ce lien.\n\n"
            "— MonProjetSup, service public d'orientation\n")
    return "Ton lien de connexion à MonProjetSup", text


# The page that sent someone to sign in says who they likely are: an employer sent from « Publier une offre »
# (/stages/employeur) found « Lycéen ou lycéenne » ticked, and signed in as one.
ROLE_OF_NEXT = (("/stages/employeur", "employeur"), ("/classes", "enseignant"))


def _likely_role(next_url: str) -> str:
    return next((role for prefix, role in ROLE_OF_NEXT if next_url.startswith(prefix)), "lyceen")


def _sign_in_page(form: FormState, next_url: str, *, person=None, status: int = 200, notice: str | None = None,
                  headers: dict | None = None) -> Template:
    roles = [(r, ROLES[r], ACADEMIC_HINT if r == "enseignant" else "") for r in SELF_SERVICE_ROLES]
    return Template("accounts/sign_in.html", status_code=status, headers=headers, context={
        "person": person, "form": form, "roles": roles, "next": next_url, "notice": notice,
        "providers": other_providers()})


def _account_page(person, form: FormState, *, saved: bool = False, status: int = 200) -> Template:
    return Template("accounts/account.html", status_code=status, context={
        "person": person, "role_label": ROLES.get(person.role, person.role), "form": form, "saved": saved,
        "roles": [(r, ROLES[r], ACADEMIC_HINT if r == "enseignant" else "") for r in SELF_SERVICE_ROLES]})


class AccountPages(Controller):
    include_in_schema = False

    @get("/connexion")
    async def sign_in_form(self, request: Request, db: AsyncSession) -> Template:
        person = await signed_in_person(request, db)
        next_url = safe_next(request.query_params.get("next"))
        form = blank(SignInIn, {"role": _likely_role(next_url)})
        return _sign_in_page(form, next_url, person=person)

    @post("/connexion", status_code=200)
    async def request_link(self, request: Request, settings: Settings) -> Template:
        raw = await request.form()
        form, next_url = state_from(raw, SignInIn), safe_next(raw.get("next"))
        if not form.errors and (refusal := role_refusal(form.data.email.lower(), form.data.role)):
            form.add_error("email", refusal)
        if form.errors:
            return _sign_in_page(form, next_url, status=400)
        email = normalise_email(form.data.email)
        if not await sign_in_allowed(request, email):
            return _sign_in_page(form, next_url, status=429, headers={"Retry-After": "600"},
                                 notice="Trop de demandes de lien pour le moment. Attends un peu avant de réessayer.")
        subject, text = _link_mail(mail_origin(request), make_link_token(settings.secret_key, email, next_url, form.data.role),
                                    form.data.role)
        await send_mail(settings, email, subject, text)
        # Same answer whether or not an account exists: the page reveals nothing about the address.
        return Template("accounts/link_sent.html", context={"email": email, "dev_outbox":
                        settings.is_dev and not settings.mail.host})

    # The page holds a live sign-in token and its address is the link: kept by no cache, told to no other site.
    LINK_PAGE = {"Cache-Control": "no-store", "Referrer-Policy": "no-referrer"}

    @get("/connexion/lien")
    async def confirm_link(self, request: Request, settings: Settings) -> Template:
        # A GET never signs in: mail scanners open links, and the link must survive them.
        token = request.query_params.get("t", "")
        try:
            claim = read_link_token(settings.secret_key, token)
        except LinkError as exc:
            return Template("accounts/link_error.html", context={"reason": str(exc)}, status_code=400)
        return Template("accounts/confirm.html", context={"token": token, "email": claim.email}, headers=self.LINK_PAGE)

    @post("/connexion/lien", status_code=200)
    async def use_link(self, request: Request, settings: Settings, db: AsyncSession) -> Template | Redirect:
        form = await request.form()
        try:
            claim = read_link_token(settings.secret_key, form.get("t", ""))
            await spend(db, claim)
        except LinkError as exc:
            return Template("accounts/link_error.html", context={"reason": str(exc)}, status_code=400)
        await complete_sign_in(request, db, claim.email, claim.role, provider="email")
        return Redirect(claim.next_url, status_code=303)

    @post("/deconnexion", status_code=200)
    async def sign_out(self, request: Request, db: AsyncSession) -> Template:
        """A page, not a redirect: its script has this device forget the person (frontend lib/forget.js), and only
        a sign-out (CSRF-checked) shows it, never a link someone sent."""
        await sign_out(request, db)
        return Template("accounts/signed_out.html", headers={"Cache-Control": "no-store"})

    @get("/compte")
    async def account(self, request: Request, db: AsyncSession) -> Template:
        person = await page_person(request, db)
        return _account_page(person, blank(RoleIn, {"role": person.role}), saved=request.query_params.get("ok") == "1")

    @post("/compte/role", status_code=200)
    async def change_role(self, request: Request, db: AsyncSession) -> Template | Redirect:
        person = await page_person(request, db)
        form = await read_form(request, RoleIn)
        if person.role == "admin":
            form.add_error("role", "Votre rôle d'administration ne se change pas ici.")
        elif not form.errors and (refusal := role_refusal(person.email, form.data.role)):
            form.add_error("role", refusal)
        if form.errors:
            return _account_page(person, form, status=400)
        person.role = form.data.role
        return Redirect("/compte?ok=1#statut-role", status_code=303)

    @get("/dev/outbox")
    async def outbox(self, request: Request, settings: Settings) -> Template:
        # Development only, and only to this machine: it shows every pending sign-in link.
        if not settings.is_dev or not is_loopback(request.client.host if request.client else None):
            raise NotFoundException()
        return Template("accounts/outbox.html", context={"mails": read_outbox(settings)})
