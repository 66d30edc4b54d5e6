"""What each kind of formation is, in a few lines (our words; details stay on Parcoursup and ONISEP)."""
from __future__ import annotations

from mps.domain.catalogue.index import FormationRec

FAMILY_TEXT = {
    "BTS": "Le BTS (brevet de technicien supérieur) se prépare en 2 ans, le plus souvent en lycée. "
           "Il forme à un métier précis, avec des stages en entreprise, et permet de travailler tout de suite "
           "ou de poursuivre en licence professionnelle ou en école.",
    "BUT": "Le BUT (bachelor universitaire de technologie) se prépare en 3 ans dans un IUT. Il mêle cours, projets "
           "et stages, mène à un emploi de niveau bac + 3 ou à une poursuite d'études en master ou en école.",
    "Licence": "La licence se prépare en 3 ans à l'université. Elle approfondit une discipline et mène au master, "
               "aux concours ou à une licence professionnelle. Le travail en autonomie y compte beaucoup.",
    "Licence_Las": "La licence accès santé (L.AS) est une licence d'une discipline avec une option santé : "
                   "elle permet de candidater aux études de médecine, maïeutique, odontologie, pharmacie ou kinésithérapie.",
    "PASS": "Le parcours d'accès spécifique santé (PASS) est une année universitaire centrée sur la santé, avec une option "
            "d'une autre discipline ; elle ouvre l'accès aux études de médecine, maïeutique, odontologie, pharmacie et kiné.",
    "CPGE": "La classe préparatoire aux grandes écoles (CPGE) dure 2 ans en lycée. Rythme soutenu, encadrement fort : "
            "elle prépare aux concours des écoles d'ingénieurs, de commerce ou des ENS, et donne des crédits universitaires.",
    "IFSI": "Le diplôme d'État d'infirmier se prépare en 3 ans en institut de formation en soins infirmiers (IFSI), "
            "avec de nombreux stages à l'hôpital et dans d'autres lieux de soins.",
    "EFTS": "Les formations du travail social préparent en 3 ans aux diplômes d'État (éducateur spécialisé, assistant "
            "de service social…), avec beaucoup de stages sur le terrain.",
    "Ecole d'Ingénieur": "Les écoles d'ingénieurs recrutant après le bac proposent un cursus de 5 ans, avec un cycle "
                         "préparatoire intégré : sciences, projets, stages et international.",
    "Ecole de Commerce": "Les écoles de commerce et de management recrutant après le bac proposent des bachelors ou des "
                         "programmes en 3 à 5 ans : gestion, marketing, finance, stages et séjours à l'étranger.",
}
DEFAULT = ("Une formation de l'enseignement supérieur proposée sur Parcoursup. Consulte sa fiche Parcoursup "
           "pour le programme, les attendus et les frais de scolarité.")


def family_description(f: FormationRec) -> str:
    return FAMILY_TEXT.get(f.family, DEFAULT)
