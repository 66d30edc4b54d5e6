"""Onboarding pages under /profil: short steps, each skippable, plain forms (no JS needed), no account needed.

Each step saves to the server under the device's signed anonymous id (or the account) and goes on
to the next one; « Passer » is a plain link to the next step.
"""
from __future__ import annotations

from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.index import Catalogue
from mps.domain.identity.web import current_person_id, ensure_person
from mps.domain.profile.referential import load_referential
from mps.domain.profile.schemas import MAX_VILLES, ProfileDoc, ProfileError, Ville, decode_profile
from mps.domain.profile.service import load_profile, save_profile
from mps.domain.vocabulary import ALTERNANCE_LABELS, CLASSE_LABELS, DUREE_LABELS, SITUATION_LABELS
from mps.domain.suggestions.model import SuggestionModel
from mps.lib.text import fold
from mps.lib.validation import fields, sentence
from mps.web.forms import FormState, blank, state_from

STEPS = [("situation", "Où en es-tu ?"), ("bac", "Ton bac"), ("specialites", "Tes spécialités"),
         ("interets", "Ce qui te plaît"), ("domaines", "Les domaines qui t'attirent"), ("metiers", "Des métiers en tête ?"),
         ("etudes", "Tes études"), ("villes", "Où étudier ?"), ("moyenne", "Ta moyenne")]
STEP_NAMES = [s for s, _ in STEPS]
# The ProfileDoc fields each step's form sends (checked by the Struct); « villes » sends a town's name.
STEP_FIELDS = {"situation": {"situation", "classe"}, "bac": {"bac"}, "specialites": {"specialites"},
               "interets": {"interets"}, "domaines": {"domaines"}, "metiers": {"metiers"},
               "etudes": {"duree", "alternance"}, "villes": set(), "moyenne": {"moyenne"}}
TOWN_FIELD = {"ville": ("Ajoute une ville où tu aimerais étudier (nom ou code postal)",
                        "Jusqu'à 5 villes : la tienne, celle d'un proche, une grande ville voisine…"),
              "sans_moyenne": ("Je préfère ne pas répondre", "")}
MAX_METIERS_SHOWN = 30
DUREES, ALTERNANCES, SITUATIONS, CLASSES = DUREE_LABELS, ALTERNANCE_LABELS, SITUATION_LABELS, CLASSE_LABELS


def _next(step: str) -> str:
    i = STEP_NAMES.index(step)
    return f"/profil/{STEP_NAMES[i + 1]}" if i + 1 < len(STEP_NAMES) else "/suggestions"


def _number(text: str) -> float | None:
    try:
        return float(text.replace(",", ".").strip())
    except ValueError:
        return None


class ProfilePages(Controller):
    include_in_schema = False

    @get("/profil")
    async def overview(self, request: Request, db: AsyncSession) -> Template:
        profile = await load_profile(db, current_person_id(request))
        return Template("profile/index.html", context={
            "p": profile, "steps": STEPS, "ref": load_referential(), "durees": DUREES, "alternances": ALTERNANCES,
            "situations": SITUATIONS, "classes": CLASSES, "signed_in": bool(request.scope.get("mps_signed_in"))})

    @get("/profil/{step:str}")
    async def show(self, request: Request, db: AsyncSession, suggestion_model: SuggestionModel, step: str) -> Template:
        if step not in STEP_NAMES:
            raise NotFoundException(detail="Cette étape du profil n'existe pas.")
        profile = await load_profile(db, current_person_id(request))
        form = blank(ProfileDoc, _values(profile), extra=TOWN_FIELD)
        return await self._render(request, suggestion_model, step, profile, form)

    async def _render(self, request: Request, model: SuggestionModel, step: str, profile: ProfileDoc,
                      form: FormState) -> Template:
        said = [f"{n} ajoutée à tes villes." for n in request.query_params.getall("ajoute", [])] + \
            [f"{n} retirée de tes villes." for n in request.query_params.getall("retire", [])]
        ctx = {"p": profile, "form": form, "step": step, "said": " ".join(said)[:300], "steps": STEPS, "index": STEP_NAMES.index(step),
               "next": _next(step), "ref": load_referential(), "durees": DUREES, "alternances": ALTERNANCES,
               "situations": SITUATIONS, "classes": CLASSES}
        if step == "metiers":
            q = request.query_params.get("q", "")[:80]
            ctx["q"] = q
            ctx["chosen_metiers"] = [(m, model.metiers[m].label) for m in profile.metiers if m in model.metiers]
            ctx["found_metiers"] = _find_metiers(model, q, set(profile.metiers)) if q.strip() else []
        return Template("profile/step.html", context=ctx, status_code=400 if form.errors else 200)

    @post("/profil/{step:str}")
    async def save(self, request: Request, db: AsyncSession, catalogue: Catalogue, suggestion_model: SuggestionModel,
                   step: str) -> Template | Redirect:
        if step not in STEP_NAMES:
            raise NotFoundException(detail="Cette étape du profil n'existe pas.")
        raw = await request.form()
        profile = await load_profile(db, current_person_id(request))
        # The same Struct as PUT /api/v1/profile decides what is valid; what was typed comes back on error.
        only = STEP_FIELDS[step] - ({"moyenne"} if raw.get("sans_moyenne") else set())
        form = state_from(raw, ProfileDoc, extra=TOWN_FIELD, only=only)
        if not form.errors:
            try:
                changes, stay = _changes(step, raw, profile, catalogue)
                merged = {**msgspec.to_builtins(profile), **msgspec.to_builtins(changes)}
                updated = decode_profile(merged, load_referential(), suggestion_model.metiers or None)
            except ProfileError as exc:
                form.add_error("ville" if step == "villes" else exc.field, sentence(exc.message))
        if form.errors:
            return await self._render(request, suggestion_model, step, profile, form)
        pid = await ensure_person(request, db)
        await save_profile(db, pid, updated)
        if stay and step == "villes":  # say which town was added or removed, where the list is
            return Redirect(path=f"/profil/villes?{_towns_changed(profile, updated)}#statut-villes", status_code=303)
        return Redirect(path=f"/profil/{step}" if stay else _next(step), status_code=303)


def _towns_changed(before: ProfileDoc, after: ProfileDoc) -> str:
    old, new = [v.nom for v in before.villes], [v.nom for v in after.villes]
    return urlencode([("ajoute", n) for n in new if n not in old] + [("retire", n) for n in old if n not in new])


def _values(profile: ProfileDoc) -> dict:
    """The saved profile as a form shows it (texts and lists of texts; « 12,5 » with a comma)."""
    values = {k: v for k, v in msgspec.to_builtins(profile).items() if isinstance(v, str)}
    values.update({k: list(getattr(profile, k)) for k in ("specialites", "interets", "domaines", "metiers")})
    if profile.moyenne is not None:
        values["moyenne"] = f"{profile.moyenne:g}".replace(".", ",")
    return values


def _find_metiers(model, q: str, chosen: set[str]) -> list[tuple[str, str]]:
    words = fold(q).split()
    found = [(m.id, m.label) for m in model.metiers.values()
             if m.id not in chosen and all(w in fold(m.label) for w in words)]
    found.sort(key=lambda t: (not fold(t[1]).startswith(words[0]) if words else False, t[1]))
    return found[:MAX_METIERS_SHOWN]


def _changes(step: str, form, profile: ProfileDoc, cat) -> tuple[dict, bool]:
    """Form fields of one step -> the profile fields they change, and whether to stay on the step."""
    one = lambda name: (form.get(name) or None)  # noqa: E731
    many = lambda name: list(form.getall(name, []))  # noqa: E731
    if step == "situation":
        return {"situation": one("situation"), "classe": one("classe")}, False
    if step == "bac":
        bac = one("bac")
        keep = [s for s in profile.specialites if bac and load_referential().canonical_specialite(s, bac)]
        return {"bac": bac, "specialites": keep}, False
    if step == "specialites":
        return {"specialites": many("specialites")}, False
    if step in ("interets", "domaines"):
        return {step: many(step)}, False
    if step == "metiers":
        kept = [m for m in profile.metiers if m not in many("retirer")]
        return {"metiers": kept + [m for m in many("metiers") if m not in kept]}, bool(many("retirer"))
    if step == "etudes":
        return {"duree": one("duree"), "alternance": one("alternance")}, False
    if step == "villes":
        villes = [v for i, v in enumerate(profile.villes) if str(i) not in many("retirer")]
        text = (form.get("ville") or "").strip()
        if text:
            town = cat.geocoder.lookup(text)
            if town is None:
                close = cat.geocoder.close_to(text)
                if close:
                    raise ProfileError("villes", f"Nous ne trouvons pas « {text[:60]} ». Voulais-tu dire "
                                                 f"{' ou '.join(f'« {t.label} »' for t in close)} ?")
                raise ProfileError("villes", f"Nous ne trouvons pas « {text[:60]} » : essaie le nom exact ou le code postal.")
            same_name = cat.geocoder.homonyms(text)
            if same_name:  # never pick one silently: the student says which
                choices = " ou ".join(f"« {t.label} »" for t in same_name[:4])
                raise ProfileError("villes", f"Plusieurs villes s'appellent « {text[:60]} » : précise le département, "
                                             f"par exemple {choices}.")
            if len(villes) >= MAX_VILLES:
                raise ProfileError("villes", f"{MAX_VILLES} villes au plus : retires-en une d'abord.")
            villes.append(Ville(town.label, town.lat, town.lon))
        return {"villes": villes}, bool(text or many("retirer")) and not form.get("continuer")
    if step == "moyenne":
        # What is typed is saved; only the « Je préfère ne pas répondre » button clears it (explicit opt-out).
        if form.get("sans_moyenne") or not (form.get("moyenne") or "").strip():
            return {"moyenne": None}, False
        value = _number(form.get("moyenne"))
        if value is None or not 0 <= value <= 20:
            raise ProfileError("moyenne", fields(ProfileDoc)["moyenne"].error)
        return {"moyenne": value}, False
    return {}, False
