"""A search that names a job: which ONISEP métier the query's words name, whatever the gender or the spelling."""
from mps.domain.suggestions.metier_names import MetierNames
from mps.domain.suggestions.topics import MetierInfo

LABELS = ["avocat / avocate", "avocat/e civiliste", "pilote de ligne", "pilote de ligne automatisée",
          "pilote automobile", "officier / officière de police", "professeur des écoles / professeure des écoles",
          "masseur / masseuse-kinésithérapeute", "infirmier / infirmière", "responsable e-commerce"]
NAMES = MetierNames([MetierInfo(f"MET.{i}", label, frozenset(), frozenset(), ()) for i, label in enumerate(LABELS)])


def named(*words):
    found = NAMES.named_in(list(words))
    return found and (found[0].label, found[1])


def test_either_gender_names_the_metier_in_full():
    assert named("avocat") == ("avocat / avocate", True)
    assert named("avocate") == ("avocat / avocate", True)
    assert named("infirmieres") == ("infirmier / infirmière", True)  # plural: lib.text.variants


def test_the_name_said_most_completely_comes_first():
    assert named("pilote", "de", "ligne") == ("pilote de ligne", True)
    assert named("pilote", "ligne", "automatisee") == ("pilote de ligne automatisée", True)
    assert named("pilote") == ("pilote automobile", False)  # a tie between two-word names: the first by label


def test_intention_words_a_prefix_and_one_typo():
    assert named("je", "veux", "devenir", "officiere", "de", "police") == ("officier / officière de police", True)
    assert named("prof", "des", "ecoles") == ("professeur des écoles / professeure des écoles", True)
    assert named("kine") == ("masseur / masseuse-kinésithérapeute", False)  # one word of two
    assert named("infirmer") == ("infirmier / infirmière", True)


def test_words_that_no_name_holds_name_nothing():
    assert named("avocat", "lyon") is None  # every word must be in the name: the page retries without the place
    assert named("je", "veux", "devenir") is None  # nothing but an intention
    assert named("pil") is None  # too short a prefix
    assert named("licence", "droit") is None


def test_a_students_word_for_a_job_its_name_does_not_hold():
    """suggestions/data/metier_words.csv: « policier » is the gardien de la paix, in either gender or number."""
    names = MetierNames([MetierInfo("MET.1", "gardien / gardienne de la paix", frozenset(), frozenset(), ()),
                         MetierInfo("MET.2", "commissaire de police", frozenset(), frozenset(), ())])
    for word in ("policier", "policiere", "policiers"):
        found = names.named_in([word])
        assert found and found[0].label == "gardien / gardienne de la paix" and found[1], word
