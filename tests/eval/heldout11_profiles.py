"""Eleventh held-out set (issue 10, December, helper h3): a control set written after the bac pro field, never tuned on.

Bac pro students who tick their field in the form (the spécialité of bac P or PA, data/suggestions/bac_pro.json),
on the fields tuning set 10t does not hold (logistique, sécurité, esthétique, aéronautique, bois, chimie, SAPAT,
paysage, nature, accueil, communication graphique, coiffure…), some with an interest or a wish beside it, weak
marks, alternance, far from big towns and overseas. Written from the students' side; every expected formation was
checked to exist near the student in the catalogue before the engine ran on them. Same format and scoring as
tests/eval/heldout4_profiles.py. Change a pattern only when the catalogue renames a formation, never to follow the
engine.
"""
from __future__ import annotations

from tests.eval.heldout9_profiles import FAR_FROM_PRO
from tests.eval.heldout_profiles import town

LE_HAVRE, MARSEILLE, TOURS, TOULOUSE = town("Le Havre", 49.49, 0.11), town("Marseille", 43.30, 5.37), \
    town("Tours", 47.39, 0.69), town("Toulouse", 43.60, 1.44)
EPINAL, LYON, TULLE, ANGERS = town("Épinal", 48.17, 6.45), town("Lyon", 45.76, 4.84), town("Tulle", 45.27, 1.77), \
    town("Angers", 47.47, -0.55)
AURILLAC, FORT_DE_FRANCE, NANTES, SAINT_DENIS_RE = town("Aurillac", 44.93, 2.44), town("Fort-de-France", 14.60, -61.07), \
    town("Nantes", 47.22, -1.55), town("Saint-Denis", -20.88, 55.45)
POINTE_A_PITRE, BASTIA, PARIS, GUERET = town("Pointe-à-Pitre", 16.24, -61.53), town("Bastia", 42.70, 9.45), \
    town("Paris", 48.86, 2.35), town("Guéret", 46.17, 1.87)


def _pro(field: str, where: dict, bac: str = "P", **more) -> dict:
    return {"classe": "terminale", "bac": bac, "specialites": [field], "villes": [where], **more}


HELDOUT11_PROFILES: list[dict] = [
    {"name": "bac pro logistique, Le Havre",
     "story": "Bac pro logistique au Havre, je veux un BTS pour devenir responsable d'entrepôt.",
     "profile": _pro("Logistique et transport", LE_HAVRE),
     "expected": [r"Gestion des transports et logistique associée"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Infirmier"]},
    {"name": "bac pro sécurité, Marseille",
     "story": "Bac pro métiers de la sécurité à Marseille, je veux encadrer une équipe d'agents.",
     "profile": _pro("Métiers de la sécurité", MARSEILLE, interets=["ci25"]),
     "expected": [r"Management opérationnel de la sécurité"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Comptabilité"]},
    {"name": "bac pro esthétique, Tours",
     "story": "Bac pro esthétique à Tours, je veux le BTS pour travailler en institut ou en parfumerie.",
     "profile": _pro("Esthétique et coiffure", TOURS),
     "expected": [r"Métiers de l'esthétique"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro aéronautique, Toulouse",
     "story": "Bac pro aéronautique à Toulouse, je veux travailler chez un avionneur avec un BTS.",
     "profile": _pro("Aéronautique", TOULOUSE),
     "expected": [r"BTS - Production - Aéronautique"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Comptabilité"]},
    {"name": "bac pro menuiserie, Épinal",
     "story": "Bac pro technicien menuisier-agenceur à Épinal, j'aime le bois et la construction.",
     "profile": _pro("Bois, menuiserie et agencement", EPINAL, interets=["ci8"]),
     "expected": [r"Systèmes constructifs bois|Développement et Réalisation Bois"],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Comptabilité"]},
    {"name": "bac pro chimie, Lyon",
     "story": "Bac pro procédés de la chimie à Lyon, je veux continuer en BTS dans la chimie.",
     "profile": _pro("Chimie, laboratoire et hygiène", LYON),
     "expected": [r"Métiers de la chimie|Pilotage des procédés"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Management Commercial"]},
    {"name": "bac pro SAPAT, Tulle",
     "story": "Bac pro services aux personnes et aux territoires à Tulle, j'aime aider les gens, en Corrèze.",
     "profile": _pro("Services aux personnes et aux territoires (SAPAT)", TULLE, bac="PA", interets=["ci14"]),
     "expected": [r"Développement, animation des territoires ruraux|Service et prestation des secteurs sanitaire|"
                  r"Economie sociale familiale"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro paysage, alternance, Angers",
     "story": "Bac pro aménagements paysagers à Angers, je veux le BTSA en apprentissage.",
     "profile": _pro("Productions horticoles et aménagements paysagers", ANGERS, bac="PA", alternance="tres_interesse"),
     "expected": [r"BTS - Agricole - Aménagements paysagers"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro nature et faune, Aurillac",
     "story": "Bac pro gestion des milieux naturels et de la faune dans le Cantal, je veux protéger la nature.",
     "profile": _pro("Nature et faune (GMNF)", AURILLAC, bac="PA", interets=["ci4"]),
     "expected": [r"Gestion et protection de la nature"],
     "absurd": FAR_FROM_PRO + [r"Comptabilité", r"Coiffure"]},
    {"name": "bac pro accueil, Fort-de-France",
     "story": "Bac pro métiers de l'accueil à Fort-de-France, je veux travailler dans le tourisme ou la relation client.",
     "profile": _pro("Métiers de l'accueil", FORT_DE_FRANCE),
     "expected": [r"Négociation et digitalisation|Management Commercial|BTS - Services - Tourisme"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro communication graphique, Nantes",
     "story": "Bac pro réalisation de produits imprimés et plurimédia à Nantes, je veux faire de la PAO.",
     "profile": _pro("Communication graphique et photographie", NANTES),
     "expected": [r"Etudes de réalisation d'un projet de communication|DN MADE - Graphisme"],
     "absurd": FAR_FROM_PRO + [r"Infirmier", r"Maintenance des"]},
    {"name": "bac pro cuisine, 9 de moyenne, Saint-Denis",
     "story": "Bac pro cuisine à Saint-Denis de La Réunion, 9 de moyenne, je voudrais quand même un BTS.",
     "profile": _pro("Cuisine et restauration", SAINT_DENIS_RE, moyenne=9.0),
     "expected": [r"Management en hôtellerie restauration"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Infirmier"]},
    {"name": "bac pro CIEL, réseaux, Pointe-à-Pitre",
     "story": "Bac pro CIEL à Pointe-à-Pitre, j'aime les réseaux et la cybersécurité.",
     "profile": _pro("Systèmes numériques et informatique (CIEL)", POINTE_A_PITRE, interets=["ci27"]),
     "expected": [r"Cybersécurité, Informatique et réseaux|Services informatiques aux organisations"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Infirmier"]},
    {"name": "bac pro MELEC, Bastia",
     "story": "Bac pro électricité à Bastia, je veux rester en Corse et faire un BTS.",
     "profile": _pro("Métiers de l'électricité (MELEC)", BASTIA),
     "expected": [r"Electrotechnique"],
     "absurd": FAR_FROM_PRO + [r"Coiffure", r"Comptabilité"]},
    {"name": "bac pro coiffure, Paris",
     "story": "Bac pro coiffure à Paris, je veux le BTS pour ouvrir mon salon.",
     "profile": _pro("Esthétique et coiffure", PARIS, interets=["ci28"]),
     "expected": [r"Métiers de la coiffure"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Maintenance des"]},
    {"name": "bac pro AGORA, veut la comptabilité, Guéret",
     "story": "Bac pro AGORA à Guéret, j'aime les chiffres, je veux un BTS de gestion pas loin.",
     "profile": _pro("Gestion administrative (AGORA)", GUERET, interets=["ci29"]),
     "expected": [r"Comptabilité et gestion|Gestion de la PME|Support à l'action managériale"],
     "absurd": FAR_FROM_PRO + [r"Electrotechnique", r"Coiffure"]},
]
