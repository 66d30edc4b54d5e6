"""Jinja2 environment: the templates folder, asset URLs and a few French formatting filters."""
from __future__ import annotations

from pathlib import Path

from litestar.plugins.jinja import JinjaTemplateEngine
from markupsafe import Markup
from litestar.template.config import TemplateConfig

from mps.admin.announcements import cached_announcements
from mps.domain.catalogue import filters_summary
from mps.domain.catalogue.status import LINE as STATUS_LINE, NOTE as STATUS_NOTE
from mps.domain.vocabulary import ACCESS_RATE_REACH, ACCESS_RATE_SAFE, ADULT_FLAG_WORDS, AMBITION_LABELS, access_position
from mps.lib.french import agree, count, french_day, of
from mps.web.menu import menu_for

# The DSFR badge colour of a taux d'accès: the same three classes as the ambition check.
ACCESS_BADGES = {"safe": "fr-badge--success", "target": "fr-badge--info", "reach": "fr-badge--warning"}


def own_option(place) -> str:
    """A place's option as its lines say it: none when it only repeats the establishment's name (« Université de
    Bordeaux - Antenne d'Agen » twice); lib/offline/formation-page.js says it the same way offline."""
    option = getattr(place, "option", None)
    return option if option and option != getattr(place, "etablissement", None) else ""


def fr_number(value, digits: int = 0) -> str:
    if value is None:
        return "—"
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def fr_decimal(value) -> str:
    """15.75 -> '15,75', 14.0 -> '14' (as typed, no rounding to one digit)."""
    return "" if value is None else f"{value:g}".replace(".", ",")


def fr_km(value) -> str:
    if value is None:
        return ""
    return f"{value:.0f} km" if value >= 10 else f"{value:.1f} km".replace(".", ",")


def bar_width(percent) -> int:
    """A bar's width as a whole percent from 0 to 100: the data-w values app.css has a rule for (the CSP allows
    no style attribute, so the width cannot be written on the element)."""
    return min(100, max(0, round(percent or 0)))


def current_attr(href: str, path: str) -> Markup:
    """aria-current for a navigation link: "page" on the exact path, "true" inside its section.

    A Python global rather than a Jinja macro: every page calls it for each link of its header and footer."""
    if path == href:
        return Markup(' aria-current="page"')
    if href != "/" and path.startswith(href + "/"):
        return Markup(' aria-current="true"')
    return Markup("")


def template_config(templates_dir: Path, asset, reload: bool = False) -> TemplateConfig:
    """`reload` (development): a template edited on disk is read again; otherwise each is compiled once per
    worker, instead of a stat() of every template and its parents on every page (a third of a page's cost)."""

    def configure(engine: JinjaTemplateEngine) -> None:
        env = engine.engine
        env.auto_reload = reload
        env.globals["asset"] = asset
        env.globals["announcements"] = cached_announcements  # back-office notices, cached 30 s
        env.globals["AMBITION_LABELS"] = AMBITION_LABELS
        env.globals["ADULT_FLAG_WORDS"] = ADULT_FLAG_WORDS  # a student's flags told to a teacher or a family
        env.globals["ACCESS_RATE"] = {"safe": ACCESS_RATE_SAFE, "reach": ACCESS_RATE_REACH}  # for offline.js
        env.filters["access_badge"] = lambda taux: ACCESS_BADGES[access_position(taux)]
        env.filters["fr_number"] = fr_number
        env.filters["own_option"] = own_option  # {{ p|own_option }}: the option, unless it is the school's name
        env.filters["km"] = fr_km
        env.filters["fr_decimal"] = fr_decimal
        env.filters["bar_width"] = bar_width  # <span class="mps-bar" data-w="{{ pct|bar_width }}">
        env.filters["french_day"] = french_day  # {{ d|french_day }}: « jeudi 12 mars »; (weekday=False, year=True)
        env.filters["de"] = of  # {{ town|de }}: « de Lille », « d’Agen »
        env.filters["pluriel"] = count  # {{ n|pluriel("lieu", "lieux") }}: « 1 lieu », « 2 lieux »
        env.filters["accord"] = agree  # {{ n|accord("lieu", "lieux") }}: the words alone, « lieu » for 0 and 1
        env.trim_blocks = True
        env.lstrip_blocks = True
        env.globals["filters_summary"] = filters_summary  # the search filters' summary, said the same way offline
        env.globals["STATUS_LINE"] = STATUS_LINE  # a place's status as its line says it (also for offline.js)
        env.globals["STATUS_NOTE"] = STATUS_NOTE  # what a place's page says of a private status
        env.globals["STATUS_FILTER"] = filters_summary.WORDING["parts"]["statut"]  # « privé sous contrat »
        env.globals["current_attr"] = current_attr
        env.globals["menu_for"] = menu_for  # the header's menu for the signed-in role (mps.web.menu)

    return TemplateConfig(directory=templates_dir, engine=JinjaTemplateEngine, engine_callback=configure)
