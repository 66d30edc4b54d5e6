"""The figures as tables, one row per territory (or REP / REP+ group) and a total, with small counts of
students hidden: a cell about 1 to 4 students is never shown, and when a column would hide only one cell the
next smallest is hidden too, so that no hidden count can be worked out from the total."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from mps.domain.stages.figures.geography import Geography
from mps.domain.stages.figures.service import Facts, OfferPoint, Student

THRESHOLD = 5  # fewer students than this in a cell (but some) is not shown
GROUPINGS = {"departement": "Département", "academie": "Académie", "ep": "Éducation prioritaire"}
EP_ROWS = {"REP+": "REP+", "REP": "REP", "": "Hors éducation prioritaire", "?": "Établissement non renseigné"}
UNKNOWN_LABEL = "Établissement non renseigné"
# (key, heading, about students): the columns of the page and of the CSV, in order.
COLUMNS = [
    ("offers", "Offres publiées", False),
    ("seats", "Places", False),
    ("applications", "Candidatures", True),
    ("placed", "Élèves ayant un stage", True),
    ("searching", "Élèves en recherche", True),
    ("in_reach", "Places libres à portée", False),
    ("unreached", "Élèves sans place à portée", True),
]
STUDENT_COLUMNS = [key for key, _, about_students in COLUMNS if about_students]
HIDDEN = "secret"  # « secret statistique », as official statistics write it


@dataclass
class Row:
    key: str
    label: str
    values: dict[str, int | None] = field(default_factory=dict)  # None: not counted for this kind of row
    hidden: set[str] = field(default_factory=set)
    total: bool = False

    def shown(self, column: str) -> str:
        value = self.values.get(column)
        if value is None:
            return "—"
        return HIDDEN if column in self.hidden else str(value)

    def number(self, column: str) -> int | None:
        """The value when it may be shown, else None."""
        return None if column in self.hidden else self.values.get(column)

    @property
    def shortfall(self) -> int | None:
        """Students searching beyond the seats within their reach (None when the count is hidden)."""
        searching, in_reach = self.number("searching"), self.values.get("in_reach")
        return None if searching is None or in_reach is None else searching - in_reach


def _key(grouping: str, geography: Geography, departement: str, ep: str) -> tuple[str, str]:
    if grouping == "ep":
        return ep, EP_ROWS.get(ep, ep)
    if not departement:
        return "", UNKNOWN_LABEL
    if grouping == "academie":
        academie = geography.academie_of(departement) or "Autre"
        return academie, academie
    return departement, f"{departement} – {geography.departement_name(departement)}"


def _in_reach(facts: Facts, seats_left: np.ndarray, students: list[Student], by_ep: bool) -> int:
    """Seats left on the offers that at least one of `students` reaches (each offer counted once)."""
    masks = facts.reached_by_ep if by_ep else facts.reached_by_departement
    keys = {s.ep if by_ep else s.departement for s in students if not s.placed}
    found = [masks[k] for k in keys if k in masks]
    return int(seats_left[np.logical_or.reduce(found)].sum()) if found else 0


def _fill(row: Row, facts: Facts, seats_left: np.ndarray, offers: list[OfferPoint], students: list[Student],
          with_offers: bool, by_ep: bool) -> None:
    searching = [s for s in students if not s.placed]
    row.values = {
        "offers": len(offers) if with_offers else None,
        "seats": sum(o.seats for o in offers) if with_offers else None,
        "applications": sum(s.applications for s in students),
        "placed": sum(1 for s in students if s.placed),
        "searching": len(searching),
        "in_reach": _in_reach(facts, seats_left, students, by_ep),
        "unreached": sum(1 for s in searching if s.point is not None and not s.reached),
    }


def build(facts: Facts, geography: Geography, grouping: str) -> list[Row]:
    """The rows of `grouping` (sorted by key), then the total."""
    offers, students = defaultdict(list), defaultdict(list)
    seats_left = np.array([o.seats_left for o in facts.offers], dtype=np.int64)
    labels: dict[str, str] = {}
    if grouping == "ep":
        labels = dict(EP_ROWS)
    else:
        for o in facts.offers:
            key, labels[key] = _key(grouping, geography, o.departement, "")
            offers[key].append(o)
    for s in facts.students:
        key, labels[key] = _key(grouping, geography, s.departement, s.ep)
        students[key].append(s)
    rows = []
    order = list(EP_ROWS) if grouping == "ep" else sorted(labels, key=lambda k: (k == "", k))
    for key in order:
        row = Row(key=key, label=labels[key])
        _fill(row, facts, seats_left, offers[key], students[key], with_offers=grouping != "ep",
              by_ep=grouping == "ep")
        rows.append(row)
    total = Row(key="total", label="Total", total=True)
    _fill(total, facts, seats_left, facts.offers, facts.students, with_offers=True, by_ep=True)
    rows.append(total)
    hide_small(rows)
    return rows


def hide_small(rows: list[Row]) -> None:
    for column in STUDENT_COLUMNS:
        for row in rows:
            value = row.values.get(column)
            if value is not None and 0 < value < THRESHOLD:
                row.hidden.add(column)
        parts = [r for r in rows if not r.total]
        hidden = [r for r in parts if column in r.hidden]
        if len(hidden) == 1:  # the total minus the others would give it away: hide the next smallest too
            others = [r for r in parts if column not in r.hidden and r.values.get(column)]
            if others:
                min(others, key=lambda r: (r.values[column], r.key)).hidden.add(column)
            else:
                next(r for r in rows if r.total).hidden.add(column)
