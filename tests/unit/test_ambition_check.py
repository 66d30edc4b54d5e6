"""The ambition check: classes per place and kind flags, on a tiny hand-made catalogue."""
from __future__ import annotations

from dataclasses import dataclass, field

from mps.domain.favourites.ambition import check, place_position, position_from_access_rate


@dataclass
class P:
    cod_aff_form: int
    formation_id: str
    taux_acces: float | None
    selective: bool
    lat: float = 50.63
    lon: float = 3.06
    row: dict = field(default_factory=dict)


@dataclass
class F:
    id: str
    selective: bool
    places: list


@dataclass
class Ville:
    nom: str
    lat: float
    lon: float


@dataclass
class Profile:
    bac: str | None = None
    moyenne: float | None = None
    villes: list = field(default_factory=list)


class Cat:
    def __init__(self, *formations):
        self.formations = {f.id: f for f in formations}
        self.places = {p.cod_aff_form: p for f in formations for p in f.places}

    def formation(self, fid):
        return self.formations.get(fid)

    def place(self, cod):
        return self.places.get(cod)


LICENCE = F("licence", False, [P(1, "licence", 95, False)])
BUT = F("but", True, [P(2, "but", 45, True)])
CPGE = F("cpge", True, [P(3, "cpge", 12, True, lat=43.6, lon=1.44)])
LILLE = Ville("Lille", 50.63, 3.06)


def test_access_rate_alone_gives_the_class():
    assert [position_from_access_rate(t, True) for t in (95, 50, 10, None)] == ["safe", "target", "reach", "target"]
    assert position_from_access_rate(None, False) == "safe"


def test_a_balanced_list_has_no_flag():
    result = check(Cat(LICENCE, BUT, CPGE), [("licence", [1]), ("but", [2]), ("cpge", [3])], Profile(villes=[LILLE]))
    assert result.counts == {"reach": 1, "target": 1, "safe": 1} and result.flags == []


def test_no_safe_choice_is_flagged_kindly():
    result = check(Cat(BUT, CPGE), [("but", [2]), ("cpge", [3])], Profile(villes=[LILLE]))
    assert [f.kind for f in result.flags] == ["no_safe"]
    assert "pas un renoncement" in result.flags[0].text


def test_strong_student_without_selective_choice_is_encouraged():
    result = check(Cat(LICENCE), [("licence", [1])], Profile(moyenne=16.5, villes=[LILLE]))
    assert "strong_no_selective" in [f.kind for f in result.flags]
    modest = check(Cat(LICENCE), [("licence", [1])], Profile(moyenne=11, villes=[LILLE]))
    assert "strong_no_selective" not in [f.kind for f in modest.flags]


def test_everything_far_from_home_is_flagged():
    result = check(Cat(CPGE, LICENCE), [("cpge", [3])], Profile(villes=[LILLE]))
    assert "all_far" in [f.kind for f in result.flags]
    near = check(Cat(CPGE, LICENCE), [("cpge", [3]), ("licence", [1])], Profile(villes=[LILLE]))
    assert "all_far" not in [f.kind for f in near.flags]


def test_no_favourite_yet():
    assert [f.kind for f in check(Cat(), [], Profile()).flags] == ["no_favourite"]


def test_a_favourite_without_chosen_place_is_judged_by_its_nearest_place():
    far_and_near = F("bts", True, [P(10, "bts", 20, True, lat=43.6, lon=1.44), P(11, "bts", 90, True)])
    result = check(Cat(far_and_near), [("bts", [])], Profile(villes=[LILLE]))
    (only,) = result.places["bts"]
    assert only.cod_aff_form == 11 and only.chosen is False and only.position == "safe"


def test_a_formation_gone_from_the_catalogue_is_not_judged():
    result = check(Cat(LICENCE), [("disparue", [99]), ("licence", [1])], Profile())
    assert "disparue" not in result.places and result.counts["safe"] == 1


def test_the_moyenne_uses_where_you_stand():
    row = {"mention_none": 0, "mention_ab": 0, "mention_b": 10, "mention_tb": 80, "mention_tbf": 10,
           "taux_acces": 50}
    place = P(5, "x", 50, True, row=row)
    assert place_position(place, "Générale", 12.5) == "reach"  # few admitted with an AB or below
    assert place_position(place, "Générale", 18.5) == "safe"
    assert place_position(place, "Générale", None) == "target"  # no moyenne: taux d'accès only
