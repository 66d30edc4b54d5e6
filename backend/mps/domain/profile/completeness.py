"""How much of the profile a student answered: one rule for the people they share it with (family link,
teacher's dashboard) and for the /statistiques figures."""
from __future__ import annotations

from collections.abc import Mapping

# The questions a complete profile answers; interests or domains count as one. The moyenne stays
# optional: « je préfère ne pas répondre » is a fine answer.
QUESTIONS = (("classe",), ("bac",), ("specialites",), ("interets", "domaines"), ("metiers",), ("duree",),
             ("alternance",), ("villes",))


def completeness(data: Mapping) -> int:
    """The % of QUESTIONS answered in a profile document (the stored dict, or a ProfileDoc's fields)."""
    answered = sum(1 for fields in QUESTIONS if any(data.get(f) for f in fields))
    return round(100 * answered / len(QUESTIONS))
