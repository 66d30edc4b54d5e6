"""A Parcoursup formation finds its ONISEP fiche by the specific words of its name: words that only name the
diploma type (« Licence professionnelle ») must never match a fiche on their own (issue 10: a sports-marketing
licence pro took « optique professionnelle »'s « paramédical » and came 6th for « infirmier »), and a word no
fiche uses is the most specific of the name, so a fiche sharing only its generic words is no match (« FCIL -
Technicien motoriste » took « esthétique » and « paramédical » from fiches named « technicien … »)."""
import re

from mps.domain.suggestions.onisep import FamilyRule, Links, OnisepFormations, formation_sous_domaines

LP = "licence professionnelle"
FICHES = OnisepFormations([
    (LP, "licence pro mention optique professionnelle", "santé - social - sport/paramédical"),
    (LP, "licence pro mention commercialisation de produits et services",
     "commerce, marketing, vente/marketing - vente| commerce, marketing, vente/grande distribution et petits commerces"),
    (LP, "licence pro mention métiers de la forme", "santé - social - sport/sport"),
    (LP, "licence pro technicien conseil en esthétique", "santé - social - sport/esthétique"),
])
LINKS = Links({}, (FamilyRule(re.compile(r"Licence professionnelle"), (LP,), (), False),))


def sous_domaines(label: str) -> frozenset[str]:
    return formation_sous_domaines(f"Autre formation | LP - Droit-économie-gestion | {label}", label, LINKS, FICHES)


def test_the_diploma_type_alone_matches_no_fiche():
    assert sous_domaines("Licence professionnelle") == frozenset()
    assert "paramedical" not in sous_domaines("Licence professionnelle - Commercialisation des produits et services sportifs")


def test_the_specific_words_still_find_their_fiche():
    assert sous_domaines("Licence professionnelle - Commercialisation des produits et services sportifs") == {
        "marketing vente", "grande distribution et petits commerces"}
    assert sous_domaines("Licence professionnelle - Optique professionnelle") == {"paramedical"}


def test_a_fiche_sharing_only_generic_words_is_no_match():
    assert sous_domaines("Licence professionnelle - Technicien motoriste") == frozenset()
    assert sous_domaines("Licence professionnelle - Technicien conseil en esthétique") == {"esthetique"}
