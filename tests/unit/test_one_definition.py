"""Words and thresholds several places use are defined once (mps.domain.vocabulary, profile/completeness.py):
these tests fail when a template, the offline JS or a second module writes its own copy again."""
from __future__ import annotations

import re
from pathlib import Path

import msgspec
import pytest

from mps.domain.favourites.ambition import position_from_access_rate
from mps.domain.profile.completeness import completeness
from mps.domain.profile.schemas import ProfileDoc
from mps.domain.vocabulary import ACCESS_RATE_REACH, ACCESS_RATE_SAFE, AMBITIONS
from mps.web.templates import ACCESS_BADGES, template_config

ROOT = Path(__file__).resolve().parents[2]
FRONT = [p for d in ("frontend/templates", "frontend/static/js", "service-worker")
         for p in (ROOT / d).rglob("*") if p.suffix in {".html", ".js", ".mjs"}]


def _jinja():
    config = template_config(ROOT / "frontend" / "templates", asset=lambda name: f"/static/{name}")
    return config.to_engine().engine


@pytest.mark.parametrize("taux", [0, ACCESS_RATE_REACH - 0.1, ACCESS_RATE_REACH, 55, ACCESS_RATE_SAFE - 0.1,
                                  ACCESS_RATE_SAFE, 100])
def test_the_access_badge_says_what_the_ambition_check_says(taux):
    badge = _jinja().from_string("{{ t|access_badge }}").render(t=taux)
    assert badge == ACCESS_BADGES[position_from_access_rate(taux, selective=True)]


def test_no_template_or_script_compares_a_taux_d_acces_with_its_own_number():
    own = [f"{p.relative_to(ROOT)}: {m.group(0)}" for p in FRONT
           for m in re.finditer(r"(taux_acces|\bt)\s*[<>]=?\s*\d+", p.read_text(encoding="utf-8"))]
    assert own == []


def test_the_offline_page_gets_the_thresholds_and_ambitions_from_the_server():
    env = _jinja()
    search = env.get_template("offline/_search.html").render()
    assert f'data-safe="{ACCESS_RATE_SAFE}" data-reach="{ACCESS_RATE_REACH}"' in search
    favourites = env.get_template("offline/_favourites.html").render()
    assert re.findall(r'<option value="(\w+)">', favourites) == list(AMBITIONS)
    spelled = [str(p.relative_to(ROOT)) for p in FRONT if re.search(r"\bplan_b\b|'realiste'|\"realiste\"",
                                                                    p.read_text(encoding="utf-8"))]
    assert spelled == []


@pytest.mark.parametrize("doc", [
    {}, {"classe": "terminale"}, {"classe": "premiere", "bac": "Générale", "interets": ["ci21"]},
    {"domaines": ["dom1"], "villes": [{"nom": "Lyon", "lat": 45.76, "lon": 4.84}], "duree": "courte",
     "alternance": "interesse", "metiers": ["MET_1"], "specialites": ["maths"], "bac": "Générale", "classe": "seconde"},
])
def test_completeness_is_the_same_on_the_stored_document_and_the_decoded_profile(doc):
    decoded = msgspec.convert(doc, ProfileDoc)
    assert completeness(doc) == completeness(msgspec.structs.asdict(decoded))
    assert completeness(doc) == round(100 * len({"interets" if k == "domaines" else k for k in doc}) / 8)
