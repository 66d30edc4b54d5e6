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
    assert "sur 10 admis, 8 avaient" in s.sentence and "bac technologique" in s.sentence


def test_a_reach_is_worded_to_encourage_never_to_discourage():
    s = where_you_stand({**PLACE, "taux_acces": 10.0}, "P", 11)
    assert s.position == "reach"
    assert "Ose-le" in s.sentence and "vœux plus sûrs" in s.sentence
    for word in ("impossible", "aucune chance", "trop faible"):
        assert word not in s.sentence


def test_without_mention_figures_it_still_answers():
    s = where_you_stand({"taux_acces": 80.0, "pct_pro": 40.0}, "P", 12)
    assert s.share_with_lower_or_equal_mention is None and s.position == "target"


# A BTS most candidates get into, whose admitted mostly had a mention bien or more (the admitted of every
# bac kind together): a bac pro student with 13 was told « vœu ambitieux » (issue 8).
BTS = {"mention_none": 5, "mention_ab": 10, "mention_b": 40, "mention_tb": 35, "mention_tbf": 10,
       "pct_general": 30.0, "pct_techno": 30.0, "pct_pro": 40.0, "taux_acces": 70.0}


def test_a_place_most_candidates_get_into_is_not_a_reach_for_a_bac_pro_student():
    s = where_you_stand(BTS, "P", 13)
    assert s.position == "target"
    assert "ambitieux" not in s.sentence and "dans la course" in s.sentence


def test_the_access_rate_of_their_own_bac_kind_decides_when_the_data_has_it():
    welcoming = where_you_stand({**BTS, "share_proposals_pro": 85.0}, "P", 13)
    assert welcoming.position == "target"
    assert "Parmi les candidats de bac professionnel, 8 sur 10 ont pu recevoir une proposition." in welcoming.sentence
    # 70 % of all candidates, but 2 bac pro candidates in 10: for this student it is a reach.
    closed = where_you_stand({**BTS, "share_proposals_pro": 20.0}, "P", 13)
    assert closed.position == "reach"
    assert "2 sur 10" in closed.sentence and "Ose-le" in closed.sentence
    # Without a moyenne, the ambition check reads the same figure.
    from mps.domain.favourites.ambition import place_position

    class Place:
        row = {**BTS, "share_proposals_pro": 20.0}
        taux_acces, selective = 70.0, True
    assert place_position(Place, "P", None) == "reach"
    assert place_position(Place, "Générale", None) == "target"  # no figure for général: the taux d'accès


def test_a_place_almost_no_one_with_their_mention_entered_stays_a_reach():
    row = {"mention_none": 0, "mention_ab": 3, "mention_b": 20, "mention_tb": 60, "mention_tbf": 17, "taux_acces": 60}
    assert where_you_stand(row, "Générale", 13).position == "reach"


def test_the_mention_sentence_counts_out_of_ten_admitted():
    s = where_you_stand(PLACE, "Générale", 14.5)  # none + AB + B = 80 of 100
    assert s.sentence.startswith("L'an dernier, sur 10 admis, 8 avaient une mention comme la tienne (mention bien) "
                                 "ou plus basse : ")
    one = where_you_stand({**PLACE, "mention_none": 10, "mention_ab": 0, "mention_b": 0, "mention_tb": 80,
                           "mention_tbf": 10}, "Générale", 8)
    assert one.sentence.startswith("L'an dernier, sur 10 admis, 1 avait eu son bac sans mention")
    for text in (s.sentence, one.sentence):
        assert "ou moins" not in text and "mention bien ou" not in text


def test_good_mentions_do_not_hide_that_few_candidates_of_their_bac_kind_get_a_proposal():
    # 8 admitted in 10 had their mention or lower, but 1 bac pro candidate in 10 got a proposal: never
    # « dans la course » next to « 1 sur 10 ».
    row = {"mention_none": 40, "mention_ab": 40, "mention_b": 15, "mention_tb": 5, "mention_tbf": 0,
           "taux_acces": 94.0, "share_proposals_pro": 10.0, "pct_pro": 12.0}
    s = where_you_stand(row, "P", 12.5)
    assert s.position == "reach" and "dans la course" not in s.sentence
    assert "1 sur 10 a pu recevoir une proposition" in s.sentence
    assert where_you_stand(row, "Générale", 12.5).position == "safe"  # no figure for général: taux d'accès 94 %
