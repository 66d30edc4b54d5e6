"""Readable link tables between the referential (dom1…dom45, ci1…ci29) and catalogue words.

Words are folded (no accents, lower case) and match the start of a word in a formation or métier name:
"informati" finds "informatique" and "informaticien". They file formations that have no ONISEP fiche
(onisep.py files the others). One line per sub-domain / interest so an adviser can review them.
"""
from __future__ import annotations

import re

# Sub-domain -> words of formation labels and ONISEP domain texts.
DOMAIN_WORDS: dict[str, tuple[str, ...]] = {
    "dom1": ("agricol", "agricult", "agronom", "foret", "forestier", "viticult", "vigne", "oenolog", "horticult",
             "paysag", "agroequipement", "productions vegetales", "sylvicult", "agriculture"),
    "dom2": ("elevage", "animal", "animaux", "equin", "cheval", "canin", "veterinai", "aquacult", "productions animales",
             "soins aux animaux"),
    "dom3": ("artisanat", "metiers d art", "joaill", "bijou", "ebenist", "ceramique", "verrier", "luther", "lutherie",
             "tapiss", "reliure", "orfevr", "horlog", "broderie", "ferronn", "objet", "restauration de mobilier",
             "facture instrumentale", "metiers de la mode"),
    "dom4": ("spectacle", "theatr", "danse", "musique", "musicolog", "cirque", "scene", "chant", "conservatoire",
             "musical", "choregraph"),
    "dom5": ("arts plastiques", "design", "graphi", "dn made", "beaux arts", "arts appliques", "illustration", "mode",
             "textile", "espace", "arts", "art", "ecoles superieure d art", "diplome national d art", "manga",
             "animation"),
    "dom6": ("audiovisuel", "cinema", "image", "son", "photo", "video", "montage", "film", "metiers de l audiovisuel"),
    "dom7": ("patrimoine", "histoire de l art", "archeolog", "musee", "mediation culturelle", "documentation",
             "metiers du livre", "culture", "culturel", "etudes culturelles", "chartes"),
    "dom8": ("amenagement", "urbanis", "territoire", "genie urbain", "villes et territoires"),
    "dom9": ("architect",),
    "dom10": ("batiment", "genie civil", "construction", "travaux publics", "btp", "geometre", "topograph", "charpent",
              "menuis", "fluides energies", "enveloppe", "finitions", "travaux"),
    "dom11": ("banque", "assurance", "bancaire", "finance"),
    "dom12": ("commerc", "vente", "negociation", "relation client", "marketing", "mercatique", "distribution", "business",
              "achat", "vendeur", "commercialisation"),
    "dom13": ("gestion", "comptab", "management", "administration des entreprises", "entreprise", "pme",
              "administration economique", "ressources humaines", "audit", "action manageriale", "organisations",
              "ecg", "ect", "dcg"),
    "dom14": ("immobili",),
    "dom15": ("judiciaire", "carrieres juridiques", "notari", "greffe", "justice"),
    "dom16": ("droit", "juridique", "science politique", "sciences politiques", "sciences po"),
    "dom17": ("enseignement", "education", "professorat", "pppe", "formateur", "sciences de l education"),
    "dom18": ("industri", "procedes", "productique", "genie chimique", "materiaux", "plasturg", "packaging", "emballage",
              "qualite", "agroalimentaire", "pilotage de procedes", "fabrication", "bioanalys", "matieres premieres"),
    "dom19": ("logistique", "transport", "maritime", "navigation", "conduite routiere", "aeronautique", "transports"),
    "dom20": ("telecom", "systemes communicants", "fibre", "reseaux et telecommunications"),
    "dom21": ("metal", "metaux", "chaudronn", "soudage", "forge", "fonderie", "metallurg", "structures metalliques",
              "traitement des materiaux"),
    "dom22": ("communication", "information", "journalis", "multimedia", "internet", "publicite", "edition", "medias",
              "web", "information communication"),
    "dom23": ("lettre", "langue", "litterature", "lea", "llcer", "anglais", "espagnol", "allemand", "italien", "chinois",
              "japonais", "arabe", "russe", "portugais", "linguist", "sciences du langage", "humanites", "civilisations",
              "traduction", "lettres classiques", "francais langue etrangere"),
    "dom24": ("hotel", "hotellerie", "cuisine", "culinaire", "patisserie", "boulang", "gastronomie", "hebergement",
              "restauration", "arts culinaires", "traiteur", "sommell"),
    "dom25": ("sport", "staps", "activites physiques", "educateur sportif", "bpjeps", "dejeps", "activites du", "eppcs"),
    "dom26": ("tourisme", "touristique", "loisirs"),
    "dom27": ("sante", "medec", "medical", "infirmier", "pass", "acces sante", "pharmac", "kine", "masso", "orthophon",
              "orthopt", "ergotherap", "psychomot", "podolog", "audioprothes", "manipulat", "radiolog", "imagerie medicale",
              "dietetique", "biomedical", "opticien", "optique lunetterie", "prothes", "dentaire", "soins", "paramedical",
              "maieutique", "sanitaire", "biologie medicale", "las", "odontolog", "sages femmes", "pedicure"),
    "dom28": ("esthetique", "cosmetique", "coiffure", "parfum", "soins esthetiques", "cosmetologie"),
    "dom29": ("social", "sociale", "educateur", "service social", "economie sociale familiale", "carrieres sociales",
              "animation sociale", "jeunes enfants", "mediat", "solidarite", "intervention sociale"),
    "dom30": ("biolog", "sciences de la vie", "biotechnolog", "genie biologique", "biochimie", "ecologie", "bcpst",
              "microbiolog", "bioanalys", "vivant"),
    "dom31": ("electroni", "electrotechn", "electrique", "eea", "automatisme", "automatique", "genie electrique",
              "robotique", "mecatroni", "systemes numeriques", "electricite"),
    "dom32": ("informati", "numerique", "reseau", "reseaux", "cyber", "donnees", "web", "logiciel", "programmation",
              "sio", "intelligence artificielle", "mp2i", "miashs", "systemes d information", "developpeur",
              "developpement d applications"),
    "dom33": ("mathemat", "statisti", "mass", "mpsi", "mp2i", "pcsi", "actuari", "science des donnees", "maths"),
    "dom34": ("mecani", "productique", "maintenance", "aeronautique", "automobile", "vehicule", "conception des produits",
              "conception des processus", "ptsi", "tsi", "motoris", "moteur", "microtechni", "industrialisation",
              "genie industriel", "mecanique", "sciences pour l ingenieur", "ingenierie"),
    "dom35": ("physique", "chimie", "chimiste", "pcsi", "mpsi", "ptsi", "psi", "mesures physiques", "tpc", "acoustique", "optique",
              "materiaux"),
    "dom36": ("sciences de la terre", "geolog", "geoscien", "univers", "astrophys", "geophys", "oceanograph", "meteo",
              "sciences de l univers"),
    "dom37": ("energ", "thermique", "fluides", "nucleaire", "renouvelable", "efficacite energetique", "electrotechn"),
    "dom38": ("environnement", "ecologi", "developpement durable", "transition ecologique", "eau", "dechets",
              "protection de la nature", "gpn", "hygiene securite environnement", "durable", "biodiversite"),
    "dom39": ("histoire", "geograph", "archeolog", "hggsp"),
    "dom40": ("philosoph", "theolog", "epistemolog"),
    "dom41": ("psycholog", "sciences cognitives", "psychomot"),
    "dom42": ("econom", "sciences economiques", "ecg", "aes", "finance", "economie"),
    "dom43": ("sociolog", "sciences sociales", "anthropolog", "ethnolog", "demograph", "sciences de l homme"),
    "dom44": ("armee", "defense", "militaire", "saint cyr", "st cyr", "gendarm", "marine nationale"),
    "dom45": ("securite", "prevention", "surete", "risques", "police", "pompier", "secours"),
}

# Families whose every formation belongs to a sub-domain, whatever its label says.
FAMILY_DOMAINS: dict[str, tuple[str, ...]] = {
    "Ecole de Commerce": ("dom12", "dom13"), "IFSI": ("dom27",), "EFTS": ("dom29",), "PASS": ("dom27",),
}

# A sub-domain alone in its referential group has no sibling to widen to (topics.sibling_domains): its nearest
# field in another group. Teaching's is social and educational work (éducateur de jeunes enfants, éducateur
# technique spécialisé, animation), where a bac pro student who wants to transmit can go straight from the lycée.
NEIGHBOUR_DOMAINS: dict[str, tuple[str, ...]] = {"dom17": ("dom29",)}

# Interest -> (sub-domains it leads to, words of labels that show it directly).
INTEREST_LINKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "ci1": (("dom17", "dom29"), ("enfant", "petite enfance", "jeunes enfants", "professorat des ecoles", "pppe")),
    "ci2": (("dom17",), ("enseignement", "professorat", "education", "pppe", "formateur")),
    "ci3": (("dom1", "dom38", "dom2"), ("nature", "paysag", "foret", "agricol", "environnement")),
    "ci4": (("dom38", "dom37"), ("ecologi", "environnement", "durable", "transition", "energies renouvelables")),
    "ci5": (("dom2",), ("animal", "animaux", "veterinai", "equin", "elevage", "canin")),
    "ci6": (("dom22",), ("communication", "journalis", "information", "medias")),
    "ci7": (("dom10", "dom34", "dom31", "dom21"), ("maintenance", "electrotechn", "mecani", "menuis", "batiment")),
    "ci8": (("dom3", "dom5"), ("artisanat", "metiers d art", "dn made", "ebenist", "mode", "textile", "objet")),
    "ci9": (("dom24",), ("cuisine", "culinaire", "patisserie", "boulang", "gastronomie", "restauration")),
    "ci10": (("dom26", "dom23"), ("tourisme", "international", "langues etrangeres appliquees")),
    "ci11": (("dom23",), ("langue", "lea", "llcer", "anglais", "traduction")),
    "ci12": (("dom23", "dom26"), ("international", "europeen", "langues")),
    "ci13": (("dom27",), ("soins", "infirmier", "medec", "sante", "kine", "masso")),
    "ci14": (("dom29", "dom27", "dom41"), ("social", "educateur", "aide", "solidarite")),
    "ci15": (("dom12", "dom29", "dom26"), ("relation client", "negociation", "animation", "accueil")),
    "ci16": (("dom25",), ("sport", "staps", "activites physiques")),
    "ci17": (("dom44", "dom45", "dom25"), ("secours", "pompier", "armee", "montagne", "aeronautique")),
    "ci18": (("dom19",), ("transport", "conduite", "logistique", "pilote")),
    "ci19": (("dom35", "dom30", "dom36"), ("laboratoire", "chimie", "biolog", "physique", "mesures physiques")),
    "ci20": (("dom13", "dom33", "dom18"), ("qualite", "controle", "comptab", "analyse", "laboratoire", "audit")),
    "ci21": (("dom16", "dom15", "dom45"), ("droit", "juridique", "justice")),
    "ci22": (("dom4", "dom5", "dom6"), ("arts", "musique", "theatr", "danse", "design", "cinema")),
    "ci23": (("dom4", "dom6", "dom7"), ("spectacle", "audiovisuel", "regie", "scenograph", "costume")),
    "ci24": (("dom23", "dom22", "dom7"), ("lettres", "litterature", "edition", "journalis", "livre", "humanites")),
    "ci25": (("dom13",), ("management", "gestion", "manager", "direction")),
    "ci26": (("dom13", "dom19"), ("gestion", "organisation", "logistique", "administration", "action manageriale")),
    "ci27": (("dom32", "dom31", "dom20"), ("informati", "numerique", "cyber", "robotique", "electroni", "ingenieur",
                                         "intelligence artificielle")),
    "ci28": (("dom12",), ("commerc", "vente", "negociation", "marketing")),
    "ci29": (("dom33", "dom13", "dom11", "dom42"), ("mathemat", "comptab", "finance", "statisti", "actuari", "banque")),
}

# Parcoursup spécialités file family -> test on a formation (family code, group label, folded detail label).
# Licence families list words (regular expressions) of the folded detail label.
STATS_FAMILY_GROUPS: dict[str, tuple[str, ...]] = {
    "BUT Production": ("BUT - Production",), "BUT Service": ("BUT - Service",),
    "BTS Production": ("BTS - Production",), "BTS Service": ("BTS - Services",), "BTS Agricole": ("BTS - Agricole",),
    "CPGE S": ("Classe préparatoire scientifique",), "CPGE ECG": ("Classe préparatoire économique et commerciale",),
    "CPGE L": ("Classe préparatoire littéraire",), "DEUST": ("DEUST",), "DCG": ("DCG",),
    "D.E sanitaire": ("D.E secteur sanitaire",), "D.E  social": ("D.E secteur social",),
    "Sciences po": ("Sciences politiques",),
    "Formations d'ART": ("DN MADE", "Formation des écoles supérieure d'art", "Diplôme National d'Art"),
    "Formations des écoles nationales vétérinaires": ("Formations des écoles vétérinaires",),
    "CUPGE": ("CUPGE - Sciences, technologie, santé", "CUPGE - Droit-économie-gestion", "CUPGE - Arts Lettres Langues"),
}
STATS_FAMILY_CODES: dict[str, tuple[str, ...]] = {
    "Ecoles d'ingénieurs": ("Ecole d'Ingénieur",), "Ecoles de Commerce": ("Ecole de Commerce",), "PASS": ("PASS",),
    "Licence L.AS": ("Licence_Las",), "D.E sanitaire": ("IFSI",), "D.E  social": ("EFTS",),
}
STATS_LICENCE_WORDS: dict[str, tuple[str, ...]] = {
    "Licence AES": ("administration economique et sociale",),
    "Licence Arts": ("arts", "arts plastiques", "arts du spectacle", "cinema", "musicologie", "etudes theatrales"),
    "Licence Archéologie, Ethno, Préhistoire, Anthropologie": ("archeologie", "anthropologie", "ethnologie"),
    "Licence Chimie": ("chimie",), "Licence Electronique, Génie électrique, EEA": ("electronique", "electrique"),
    "Licence Formation générale aux métiers de l ingénieur": ("sciences pour l ingenieur",),
    "Licence Génie civil": ("genie civil", "genie urbain"), "Licence Géographie": ("geographie",),
    "Licence Histoire": ("histoire",), "Licence Informatique": ("informatique",), "Licence LEA": ("langues etrangeres appliquees",),
    "Licence Langues et littératures françaises": ("lettres", "humanites"),
    "Licence Langues et littératures étrangères": ("langues litteratures et civilisations",),
    "Licence MASS": ("mathematiques et informatique appliquees",), "Licence Mathématiques": ("mathematiques",),
    "Licence Mathématiques et informatique": ("informatique mathemat", "mathematiques informatique"),
    "Licence Mécanique, Génie mécanique, Ingénierie mécanique": ("mecanique",),
    "Licence Philosophie, Epistémologie": ("philosophie",), "Licence Physique": ("(?<!activites )physique",),
    "Licence Physique et chimie": ("physique chimie",), "Licence Psychologie, Sciences cognitives": ("psychologie", "sciences cognitives"),
    "Licence STAPS": ("sciences et techniques des activites physiques", "staps"),
    "Licence Sciences de gestion": ("gestion",), "Licence Sciences de l information et de la communication": ("information et communication",),
    "Licence Sciences de l univers, de la terre, de l espace": ("sciences de la terre",),
    "Licence Sciences de l éducation": ("sciences de l education",),
    "Licence Sciences de la vie, biologie, santé": ("sciences de la vie", "sciences biomedicales", "sciences pour la sante"),
    "Licence Sciences du langage - Linguistique": ("sciences du langage",),
    "Licence Sciences et technologies industrielles": ("sciences et technologies",),
    "Licence Sciences juridiques": ("droit",), "Licence Sciences politiques": ("science politique",),
    "Licence Sciences religieuses": ("theologie",), "Licence Sciences économiques": ("economie",),
    "Licence Sociologie, Démographie": ("sociologie", "sciences sociales"),
    "Licence Pluri Sciences économiques - Gestion": ("economie et gestion",),
    "Licence Pluri Droit - Sciences éco - AES": ("droit economie",),
    "Licence Pluri Lettres - Langues - Sciences humaines": ("lettres langues",),
    "Licence Pluri Sciences humaines et sociales": ("sciences et humanites", "sciences et societe"),
    "Licence Pluri Sciences": ("pluridisciplinaire",),
}
IGNORED_STATS_FAMILIES = {"Ensemble des bacheliers", "Autres formations"}


def word_pattern(words) -> re.Pattern:
    """One regex that finds any of the words at the start of a word (folded text)."""
    alternatives = sorted({re.escape(w) for w in words}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")")


# Words too short to stand alone: must be a whole word.
WHOLE_WORDS = {"art", "arts", "son", "eau", "pass", "las", "mass", "aes", "ecg", "ect", "dcg", "sio", "eea", "tsi", "tpc",
               "web", "mode", "lea", "psi", "pme", "btp", "gpn", "pppe", "maths", "univers",
               "culture"}  # "cultures durables" are crops


def domain_patterns() -> dict[str, re.Pattern]:
    out = {}
    for dom, words in DOMAIN_WORDS.items():
        prefix = [w for w in words if w not in WHOLE_WORDS]
        whole = [w for w in words if w in WHOLE_WORDS]
        parts = []
        if prefix:
            parts.append(r"\b(?:" + "|".join(sorted(map(re.escape, prefix), key=len, reverse=True)) + ")")
        if whole:
            parts.append(r"\b(?:" + "|".join(map(re.escape, whole)) + r")\b")
        out[dom] = re.compile("|".join(parts))
    return out
