"""API documents of « Mes vœux » (msgspec: typed output, in the OpenAPI schema)."""
from __future__ import annotations

from datetime import date

import msgspec


class PlanPlace(msgspec.Struct):
    """One establishment of a wish: a sub-wish of a multiple wish, or the place of a simple wish."""
    cod_aff_form: int
    etablissement: str
    commune: str
    departement_code: str
    option: str
    apprenticeship: bool
    position: str  # reach | target | safe (the ambition check)
    position_label: str
    parcoursup_url: str  # the data's own link (« Lien de la formation sur la plateforme Parcoursup »)
    formation_id: str = ""  # the favourite it was chosen in (edits of its mark go there)
    on_parcoursup: bool = False  # the student said this wish / sub-wish is already added on Parcoursup


class PlanWish(msgspec.Struct):
    rank: int  # 1, 2, … within its list (status), in the student's order of favourites
    label: str
    status: str  # etudiant | apprentissage
    status_label: str
    multiple: bool
    rule_id: str | None  # the counting rule (data/parcoursup/regles-voeux-<session>.toml), None: simple wish
    rule_label: str | None
    sub_wishes_counted: bool  # its places count toward the 20 sous-vœux
    a_verifier: bool  # the rule that groups it could not be sourced: check on Parcoursup
    provisional: bool  # no establishment chosen yet
    formation_ids: list[str]
    places: list[PlanPlace]
    onisep_url: str
    parcoursup_url: str | None  # the first place's page on Parcoursup
    on_parcoursup: bool  # already added on Parcoursup: every place of it marked (no place: the favourite's mark)
    note: str | None  # the student's note: only for them, or shared when they chose to share it
    note_shared: bool
    places_on_parcoursup: int = 0  # of its places (sub-wishes), those marked added on Parcoursup
    to_check: str | None = None  # counted as a simple wish, but an unsourced rule may group it: what to check


class PlanCounts(msgspec.Struct):
    school: int
    school_limit: int
    apprenticeship: int
    apprenticeship_limit: int
    sub_wishes: int
    sub_wishes_limit: int
    uncounted_sub_wishes: int
    on_parcoursup: int  # wishes already added on Parcoursup (out of all the wishes of both lists)
    wishes: int = 0  # all the wishes, both lists


class PlanWarning(msgspec.Struct):
    kind: str  # too_many_wishes | too_many_apprenticeship | too_many_sub_wishes | cap | duplicate | no_place | gone
    text: str
    formation_ids: list[str]


class PlanBalance(msgspec.Struct):
    reach: int
    target: int
    safe: int
    text: str


class PlanDeadline(msgspec.Struct):
    """A Parcoursup step of the timeline (data/timeline/<school year>.toml)."""
    day: date  # the step's last day when it is a deadline, else its first
    day_label: str  # « du lundi 18 janvier au jeudi 11 mars »
    title: str
    a_verifier: bool  # provisional date (« date à confirmer »)


class PlanRule(msgspec.Struct):
    """A counting rule with the text it comes from, as the page explains it."""
    id: str
    label: str
    quote: str
    source_title: str
    source_url: str
    a_verifier: bool


class PlanGone(msgspec.Struct):
    formation_id: str
    label: str


class Plan(msgspec.Struct):
    session: int
    rules_session: int  # the session whose rules file was read (an earlier one until next year's is written)
    wishes: list[PlanWish]
    counts: PlanCounts
    warnings: list[PlanWarning]
    missing: list[str]  # « Aucun vœu sûr », « 3 vœux de plus possibles »
    balance: PlanBalance
    deadlines: list[PlanDeadline]
    gone: list[PlanGone]
    rules: list[PlanRule]
