"""Every set of reference profiles by the name the figures give it: read by tests/eval/test_reference_profiles.py
and bench/suggestions.py, so that a new set is added in one place."""
from tests.eval.heldout2_profiles import HELDOUT2_PROFILES
from tests.eval.heldout3_profiles import HELDOUT3_PROFILES
from tests.eval.heldout4_profiles import HELDOUT4_PROFILES
from tests.eval.heldout5_profiles import HELDOUT5_PROFILES
from tests.eval.heldout6_profiles import HELDOUT6_PROFILES
from tests.eval.heldout7_profiles import HELDOUT7_PROFILES
from tests.eval.heldout8_profiles import HELDOUT8_PROFILES
from tests.eval.heldout9_profiles import HELDOUT9_PROFILES
from tests.eval.heldout10_profiles import HELDOUT10_PROFILES
from tests.eval.heldout11_profiles import HELDOUT11_PROFILES
from tests.eval.heldout_profiles import HELDOUT_PROFILES
from tests.eval.tuning6t_profiles import TUNING6T_PROFILES
from tests.eval.tuning8t_profiles import TUNING8T_PROFILES
from tests.eval.tuning10t_profiles import TUNING10T_PROFILES
from tests.eval.tuning_profiles import TUNING_PROFILES

SETS: dict[str, list[dict]] = {
    "tuning": TUNING_PROFILES, "held-out": HELDOUT_PROFILES, "held-out 2": HELDOUT2_PROFILES,
    "held-out 3": HELDOUT3_PROFILES, "held-out 4": HELDOUT4_PROFILES, "held-out 5": HELDOUT5_PROFILES,
    "held-out 6": HELDOUT6_PROFILES, "held-out 7": HELDOUT7_PROFILES, "held-out 8": HELDOUT8_PROFILES,
    "held-out 9": HELDOUT9_PROFILES, "held-out 10": HELDOUT10_PROFILES,
    "held-out 11": HELDOUT11_PROFILES,
    "tuning 6t": TUNING6T_PROFILES, "tuning 8t": TUNING8T_PROFILES, "tuning 10t": TUNING10T_PROFILES}
