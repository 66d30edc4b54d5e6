"""Students' words: family names, abbreviations and stop words used by catalogue search."""
from __future__ import annotations

# Parcoursup family code -> what we show, and words that find it.
FAMILIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "BTS": ("BTS", ("bts", "brevet technicien superieur")),
    "BUT": ("BUT", ("but", "iut", "bachelor universitaire technologie", "dut")),
    "Licence": ("Licence", ("licence", "fac", "universite", "l1")),
    "Licence_Las": ("Licence accès santé (L.AS)", ("licence", "las", "fac", "acces sante", "medecine", "sante")),
    "PASS": ("Parcours d'accès spécifique santé (PASS)", ("pass", "medecine", "sante", "fac", "pharmacie", "maieutique", "odontologie")),
    "CPGE": ("Classe préparatoire (CPGE)", ("cpge", "prepa", "classe preparatoire")),
    "IFSI": ("Formation en soins infirmiers (IFSI)", ("ifsi", "infirmier", "infirmiere", "soins infirmiers")),
    "EFTS": ("Formation du travail social", ("efts", "travail social", "social")),
    "Ecole d'Ingénieur": ("École d'ingénieurs", ("ecole ingenieur", "ingenieur", "inge", "ingenierie")),
    "Ecole de Commerce": ("École de commerce", ("ecole commerce", "commerce", "business", "management")),
    "Autre formation": ("Autre formation", ()),
}

# Query word -> words of the catalogue it stands for (applied before matching).
SYNONYMS: dict[str, tuple[str, ...]] = {
    "fac": ("licence",),
    "univ": ("licence",),
    "compta": ("comptabilite",),
    "psycho": ("psychologie",),
    "psy": ("psychologie",),
    "info": ("informatique",),
    "socio": ("sociologie",),
    "eco": ("economie",),
    "geo": ("geographie",),
    "maths": ("mathematiques",),
    "math": ("mathematiques",),
    "bio": ("biologie",),
    "kine": ("kinesitherapie", "masso"),
    "infirmier": ("infirmier", "ifsi"),
    "infirmiere": ("infirmier", "ifsi"),
    "infirmiers": ("infirmier", "ifsi"),
    "medecine": ("pass", "las", "medecine"),
    "prepa": ("cpge",),
    "inge": ("ingenieur",),
    "archi": ("architecture",),
    "dut": ("but",),
    "iut": ("but",),
    "commerce": ("commerce",),
    "langues": ("langues",),
    "lea": ("langue etrangere appliquee",),
    "llcer": ("langue litterature civilisation",),
    "staps": ("staps", "sciences techniques activites physiques sportives"),
    "aes": ("administration economique social",),
    "sciencespo": ("sciences politiques",),
    "ecs": ("ecg",),
    "mpsi": ("mpsi",),
    "com": ("communication",),
    "ses": ("economique social",),
    "cyber": ("cybersecurite",),
    "dcg": ("comptabilite gestion",),
    "muc": ("management commercial operationnel",),
    "mco": ("management commercial operationnel",),
    "nrc": ("negociation digitalisation relation client",),
    "ndrc": ("negociation digitalisation relation client",),
    "sio": ("service informatique organisation",),
    "sam": ("support action manageriale",),
    "pme": ("pme",),
}

STOP_WORDS = frozenset(
    "a au aux d de des du en et l la le les pour un une sur dans avec ou par the of "
    "pres proche autour vers ville formation formations etude etudes cursus academie departement region".split()
)

