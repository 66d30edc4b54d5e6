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
    # Finer types of Parcoursup's « Autre formation » (formation_types, data/types.csv).
    "MC_FCIL": "La mention complémentaire (MC) se prépare en 1 an après un CAP, un bac pro ou un BTS : elle ajoute une "
               "spécialisation à un diplôme. La formation complémentaire d'initiative locale (FCIL), d'un an en lycée "
               "le plus souvent, répond aux besoins d'emploi d'une région.",
    "Diplome_universitaire": "Le DEUST (2 ans), la licence professionnelle et les diplômes d'université (DU, propres "
                             "à chaque université) sont des diplômes universitaires courts ou spécialisés, souvent "
                             "tournés vers un métier.",
    "Cycle_preparatoire": "Les cycles pluridisciplinaires d'études supérieures (CPES) et les cycles universitaires "
                          "préparatoires aux grandes écoles (CUPGE) allient exigence et encadrement : une licence à la "
                          "clé, puis un master ou les concours des grandes écoles.",
    "Annee_preparatoire": "Une année pour te préparer ou te remettre à niveau avant une formation (BTS, licence, "
                          "études scientifiques, concours), avec un accompagnement renforcé.",
    "Sport_animation": "Le BPJEPS (niveau bac) et le DEJEPS (bac + 2) sont des diplômes d'État du ministère chargé des "
                       "sports : ils forment aux métiers d'éducateur sportif et d'animateur, souvent en alternance.",
    "DE_paramedical": "Les diplômes d'État paramédicaux (ergothérapeute, psychomotricien, pédicure-podologue, "
                      "technicien de laboratoire médical…) se préparent en institut, avec de nombreux stages.",
    "Sciences_Po": "Les instituts d'études politiques (Sciences Po) forment jusqu'au grade de master en sciences "
                   "humaines et sociales : science politique, droit, économie, histoire, langues, souvent une année "
                   "à l'étranger.",
    "Veterinaire": "Les écoles nationales vétérinaires recrutent aussi après le bac : un cursus de 6 ans pour devenir "
                   "docteur vétérinaire.",
    "Art_cuisine": "Des écoles supérieures d'art ou de cuisine qui recrutent après le bac : ateliers, projets et "
                   "stages, en 3 à 5 ans.",
    "DN_MADE": "Le DN MADE (diplôme national des métiers d'art et du design) se prépare en 3 ans, en lycée ou en "
               "école d'arts appliqués : ateliers, projets et stages, en espace, graphisme, mode, objet…",
    "CMI": "Le cursus master en ingénierie (CMI) est un parcours renforcé de 5 ans à l'université, licence puis "
           "master, avec plus de projets et de stages, pour devenir ingénieur spécialiste.",
    "Bachelor_ecole": "Des bachelors et des diplômes propres à un établissement (école, université, Cnam), en 3 ans le "
                      "plus souvent ; certains valent grade de licence : vérifie sur Parcoursup ce que le diplôme "
                      "reconnaît.",
    "DCG": "Le diplôme de comptabilité et de gestion (DCG) se prépare en 3 ans, en lycée ou en école, et vaut grade "
           "de licence : comptabilité, droit, gestion, puis le DSCG et l'expertise comptable.",
}
DEFAULT = ("Une formation de l'enseignement supérieur proposée sur Parcoursup. Consulte sa fiche Parcoursup "
           "pour le programme, les attendus et les frais de scolarité.")


def family_description(f: FormationRec) -> str:
    """By type: a family's text, or one of the finer types of « Autre formation »."""
    return FAMILY_TEXT.get(f.type, DEFAULT)
