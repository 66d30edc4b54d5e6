"""Realistic student queries for search benchmarks: subjects, families, towns, some typos (seeded)."""
from __future__ import annotations

import random

SUBJECTS = ["compta", "droit", "psycho", "info", "informatique", "commerce", "gestion", "infirmier", "staps",
            "histoire", "anglais", "maths", "biologie", "chimie", "physique", "medecine", "mpsi", "ecg", "tourisme",
            "batiment", "electrotechnique", "design", "cinema", "communication", "economie", "sociologie",
            "philosophie", "lettres", "langues", "lea", "architecture", "agriculture", "social", "sport", "sante",
            "cuisine", "hotellerie", "banque", "assurance", "immobilier", "transport", "logistique", "mode",
            "audiovisuel", "journalisme", "sciences po", "genie civil", "mecanique", "aeronautique", "environnement",
            "mco", "sio", "ndrc", "educateur", "kine", "pass", "las", "arts plastiques", "musique", "geographie"]
FAMILIES = ["", "", "bts", "but", "licence", "fac", "prepa", "cpge", "ecole", "dut"]
TOWNS = ["", "", "", "lille", "paris", "lyon", "marseille", "toulouse", "nantes", "bordeaux", "rennes", "strasbourg",
         "montpellier", "grenoble", "dijon", "brest", "limoges", "amiens", "rouen", "nancy", "metz", "tours", "caen",
         "angers", "clermont ferrand", "saint etienne", "pau", "perpignan", "ajaccio", "59000", "13001"]


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 6:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1:]


def queries(n: int = 1000, seed: int = 42) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        subject = rng.choice(SUBJECTS)
        if rng.random() < 0.1:
            subject = typo(subject, rng)
        out.append(" ".join(w for w in (rng.choice(FAMILIES), subject, rng.choice(TOWNS)) if w))
    return out
