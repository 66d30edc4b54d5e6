"""« Où tu en es » : figures of students like them, encouraging words, hidden without a moyenne."""
from mps.domain.suggestions.standing import mention_band, where_you_stand

PLACE = {"mention_none": 10, "mention_ab": 30, "mention_b": 40, "mention_tb": 15, "mention_tbf": 5,
         "pct_general": 70.0, "pct_techno": 25.0, "pct_pro": 5.0, "taux_acces": 60.0}


def test_hidden_without_a_moyenne():
    assert where_you_stand(PLACE, "Générale", None) is None


def test_mention_bands():
    assert [mention_band(x) for x in (8, 12, 13.9, 14, 16, 17.99, 18, 20)] == [0, 1, 1, 2, 3, 3, 4, 4]


def test_share_with_a_mention_at_or_below_theirs_and_share_of_their_bac_type():
    s = where_you_stand(PLACE, "STMG", 14.5)  # mention bien: none + AB + B = 80 of 100
    assert s.share_with_lower_or_equal_mention == 80
    assert s.share_same_bac == 25.0
    assert s.position == "safe"
    assert "80 %" in s.sentence and "bac technologique" in s.sentence


def test_a_reach_is_worded_to_encourage_never_to_discourage():
    s = where_you_stand({**PLACE, "taux_acces": 10.0}, "P", 11)
    assert s.position == "reach"
    assert "Ose-le" in s.sentence and "vœux plus sûrs" in s.sentence
    for word in ("impossible", "aucune chance", "trop faible"):
        assert word not in s.sentence


def test_without_mention_figures_it_still_answers():
    s = where_you_stand({"taux_acces": 80.0, "pct_pro": 40.0}, "P", 12)
    assert s.share_with_lower_or_equal_mention is None and s.position == "target"
