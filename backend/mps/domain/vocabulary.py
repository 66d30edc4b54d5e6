"""Words shared by several areas (and by the pages, the API and the offline JS): one definition each.

An area's own words stay in that area; a word lands here when a second area needs it, so no area
imports another's controllers for a label.
"""
from __future__ import annotations

from typing import Literal, get_args

# The ambition a student gives a favourite (favourites area; shown to teachers and families too).
Ambition = Literal["plan_b", "realiste", "ambitieux"]
AMBITIONS: tuple[str, ...] = get_args(Ambition)
AMBITION_LABELS = {"plan_b": "Plan B", "realiste": "Réaliste", "ambitieux": "Ambitieux"}
assert tuple(AMBITION_LABELS) == AMBITIONS
