"""Catalogue pages: search, formation, place (Jinja2 + DSFR)."""
from __future__ import annotations

from litestar import Controller, Request, Response, get
from markupsafe import Markup
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.ext.asyncio import AsyncSession

from mps.domain.catalogue.descriptions import family_description
from mps.domain.catalogue.index import Catalogue
from mps.domain.catalogue.moved import moved_path
from mps.domain.catalogue.params import parse_page, parse_town, search_params
from mps.domain.catalogue.presenters import admitted_by_bac, key_figures, mentions, onisep_url
from mps.domain.catalogue.geocode import Town
from mps.domain.favourites.service import formation_mark
from mps.domain.profile.service import load_profile
from mps.domain.suggestions.web import MetierFinder
from mps.domain.identity.web import current_person_id
from mps.lib.errors import FieldError
from mps.lib.geo import distance_km
from mps.admin.announcements import cached_announcements
from mps.web.db import own_session
from mps.web.page_cache import cached_page

RESULTS_PER_PAGE = 20
PLACES_PER_PAGE = 25


def _pages(total: int, per_page: int) -> int:
    return max(1, -(-total // per_page))


async def _mark_kind(db: AsyncSession, pid: str, formation_id: str) -> str | None:
    """'favori' or 'corbeille' when the visitor marked this formation, for the page's button."""
    mark = await formation_mark(db, pid, formation_id)
    return mark.kind if mark is not None and not mark.deleted else None


async def _profile_town(db: AsyncSession, pid: str) -> Town | None:
    """The first town of the visitor's profile, so places come nearest first without asking again."""
    villes = (await load_profile(db, pid)).villes
    if not villes:
        return None
    v = villes[0]
    return Town(v.nom, "", "", "", v.lat, v.lon)


async def _visitor(request: Request, formation_id: str, town: Town | None = None,
                   profile_town: bool = False) -> tuple[str | None, Town | None]:
    """(the visitor's mark on the formation, the town to sort by, from the profile when `profile_town` and none
    was given): the database is read for a known visitor only."""
    pid = current_person_id(request)
    if not pid:
        return None, town
    async with own_session(request) as db:
        if town is None and profile_town:
            town = await _profile_town(db, pid)
        return await _mark_kind(db, pid, formation_id), town


# Pages that show the visitor's own marks must not be stored by shared caches.
PRIVATE = {"Cache-Control": "private, no-cache"}


def said_to_a_student(exc: FieldError, query) -> str:
    """A refused filter in a student's words, never « Paramètre « ville » invalide »."""
    if exc.field in ("ville", "near"):
        typed = (query.get(exc.field) or "")[:100]
        return (f"« {typed} » : ville ou code postal inconnu. Vérifie l'orthographe, ou indique le code postal "
                "(par exemple 33000 pour Bordeaux).")
    return exc.message[:1].upper() + exc.message[1:] + "."


def _place_list(request: Request, catalogue: Catalogue, f, town: Town | None, ville: str, page: int) -> Markup:
    """One page of the formation's places (catalogue/_places.html), nearest first when a town is known.

    Without a town it depends on the catalogue alone: rendered once per version, then served as is."""
    key = ("places.html", f.id, page)
    if town is None and not ville and (cached := catalogue.rendered.get(key)) is not None:
        return cached
    places = [(p, distance_km(town.lat, town.lon, p.lat, p.lon) if town and p.lat is not None else None)
              for p in f.places]
    if town:
        places.sort(key=lambda t: (t[1] is None, t[1] or 0))
    start = (page - 1) * PLACES_PER_PAGE
    shown = [(p, d, key_figures(p)) for p, d in places[start:start + PLACES_PER_PAGE]]
    html = Markup(request.app.template_engine.engine.get_template("catalogue/_places.html").render(
        f=f, places=shown, page=page, pages=_pages(len(places), PLACES_PER_PAGE), ville=ville))
    if town is None and not ville:
        catalogue.rendered.put(key, html)
    return html


class CataloguePages(Controller):
    include_in_schema = False

    @get("/recherche")
    async def search(self, request: Request, catalogue: Catalogue, metier_finder: MetierFinder) -> Template:
        query = request.query_params
        error, result, hits, page, famille, metier = None, None, [], 1, None, None
        try:
            params = search_params(catalogue, query, town_key="ville")
            page = parse_page(query.get("page"))
            famille = params.family  # the type's code, however it was written (its name, other case)
        except FieldError as exc:
            error = said_to_a_student(exc, query)
        else:
            if params.q or any(query.get(k) for k in ("famille", "ville", "departement", "academie", "region",
                                                     "selective", "apprentissage", "statut")):
                result = catalogue.search.search(params)
                start = (page - 1) * RESULTS_PER_PAGE
                hits = [(catalogue.formations[h.formation_id], h, [(catalogue.places[c], d) for c, d in h.places[:3]])
                        for h in result.hits[start:start + RESULTS_PER_PAGE]]
                metier = metier_finder.named(catalogue, params.q, result) if params.q else None
        return Template("catalogue/search.html", context={
            "cat": catalogue, "q": query.get("q", ""), "query": query, "famille": famille, "error": error, "result": result, "hits": hits,
            "metier": metier, "page": page, "pages": _pages(len(result.hits), RESULTS_PER_PAGE) if result else 1,
            # Words that matched no formation (and were not read as a place): said, never dropped silently.
            "unknown": [w for w in result.words if not catalogue.search.words.token(w)] if result and result.partial else [],
        })

    @get("/formations")
    async def formations(self, request: Request) -> Redirect:
        """/formations/<id> pages suggest a list here: people who shorten the address land on the search."""
        query = request.scope.get("query_string", b"").decode("latin-1")
        return Redirect(path="/recherche" + (f"?{query}" if query else ""), status_code=301)

    @get("/formations/{formation_id:str}")
    async def formation(self, request: Request, catalogue: Catalogue,
                        formation_id: str) -> Template | Redirect | Response:
        f = catalogue.formation(formation_id)
        if f is None:
            moved = moved_path(catalogue, formation_id, "/formations/", request.scope.get("query_string", b""))
            if moved is None:
                raise NotFoundException(detail="Cette formation n'existe pas ou plus dans le catalogue.")
            return Redirect(path=moved, status_code=301)
        error, town = None, None
        try:
            town = parse_town(catalogue, request.query_params.get("ville"))
            page = parse_page(request.query_params.get("page"))
        except FieldError as exc:
            error, page = said_to_a_student(exc, request.query_params), 1
        mark, town = await _visitor(request, f.id, town, profile_town=not request.query_params.get("ville"))
        ville = request.query_params.get("ville", "")

        def context() -> dict:
            return {"f": f, "description": family_description(f), "town": town, "error": error,
                    "place_list": _place_list(request, catalogue, f, town, ville, page),
                    "onisep_url": onisep_url(f.label), "ville": ville, "mark": mark, "here": request.url.path}
        if mark is None and town is None and error is None and not ville and not cached_announcements(request):
            # What else the layout reads of the request: its path (current links) and the visitor's role (menu).
            signed_in = request.scope.get("mps_signed_in")
            key = ("formation.html", f.id, page, request.url.path, signed_in.role if signed_in else None)
            return cached_page(request, catalogue.rendered, key, "catalogue/formation.html", context, PRIVATE)
        return Template("catalogue/formation.html", context=context(), headers=PRIVATE)

    @get("/fiches/{cod_aff_form:str}")
    async def place(self, request: Request, catalogue: Catalogue, cod_aff_form: str) -> Template:
        p = catalogue.place(cod_aff_form)
        if p is None:
            raise NotFoundException(detail="Ce lieu de formation n'existe pas ou plus dans le catalogue.")
        f = catalogue.formations[p.formation_id]
        return Template("catalogue/place.html", context={
            "p": p, "f": f, "r": p.row, "figures": key_figures(p), "by_bac": admitted_by_bac(p),
            "mentions": mentions(p), "onisep_url": onisep_url(f.label),
            "mark": (await _visitor(request, f.id))[0], "here": request.url.path,
        }, headers=PRIVATE)
