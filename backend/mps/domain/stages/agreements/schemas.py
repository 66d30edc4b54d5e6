"""What each party fills in on the agreement page: the student (identity, legal representative), the school
(head of school), each host structure (who signs, the tutor, the timetable). Labels and error sentences
live here (mps/lib/validation.py); the student's forms say « tu », the adults' « vous »."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

import msgspec

from mps.domain.accounts.roles import EMAIL as _EMAIL
from mps.lib.validation import VISIBLE, VISIBLE_OR_EMPTY
from mps.lib.validation import labelled as _f

EMAIL = _EMAIL.pattern  # the addresses signing invitations go to: the sign-in's rule (ASCII only)
Name = Annotated[str, msgspec.Meta(min_length=2, max_length=120, pattern=VISIBLE)]
Day = Literal["lun", "mar", "mer", "jeu", "ven", "sam"]


class StudentPartIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    last_name: Annotated[str, _f("Ton nom", "Indique ton nom (2 à 120 caractères).", min_length=2, max_length=120,
                                 pattern=VISIBLE)]
    first_name: Annotated[str, _f("Ton prénom", "Indique ton prénom (2 à 120 caractères).", min_length=2,
                                  max_length=120, pattern=VISIBLE)]
    birth_date: Annotated[date, _f("Ta date de naissance", "Indique ta date de naissance, par exemple 2010-03-14.",
                                   "Au format AAAA-MM-JJ")]
    class_label: Annotated[str, _f("Ta classe", "Indique ta classe (60 caractères au plus).",
                                   "Par exemple « Seconde 4 »", min_length=1, max_length=60, pattern=VISIBLE)]
    guardian_name: Annotated[str, _f("Nom de ton représentant légal", "Indique son prénom et son nom.",
                                     "Ton parent ou la personne qui a l'autorité parentale ; "
                                     "facultatif si tu es majeur ou majeure", max_length=120,
                                     pattern=VISIBLE_OR_EMPTY)] = ""
    guardian_email: Annotated[str, _f("Son adresse e-mail", "Saisis une adresse e-mail valide.",
                                      "Il ou elle y recevra le lien pour signer", max_length=254,
                                      pattern=EMAIL)] = ""


class SchoolPartIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    head_name: Annotated[str, _f("Nom du chef d'établissement", "Indiquez le prénom et le nom (2 à 120 caractères).",
                                 min_length=2, max_length=120, pattern=VISIBLE)]
    head_email: Annotated[str, _f("Adresse e-mail académique du chef d'établissement",
                                  "Saisissez une adresse académique, par exemple ce.0590117g@ac-lille.fr.",
                                  "Une adresse en …@ac-….fr", max_length=254, pattern=EMAIL)]


class HostPartIn(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    host: Annotated[str, _f("Structure d'accueil", "Choisissez la structure.", max_length=20)]
    signer_name: Annotated[str, _f("Nom de la personne qui signe", "Indiquez le prénom et le nom.",
                                   "Le responsable de la structure ou son délégataire", min_length=2, max_length=120,
                                   pattern=VISIBLE)]
    signer_function: Annotated[str, _f("Sa fonction", "120 caractères au plus.", max_length=120,
                                       pattern=VISIBLE_OR_EMPTY)] = ""
    signer_email: Annotated[str, _f("Son adresse e-mail", "Saisissez une adresse e-mail valide.", max_length=254,
                                    pattern=EMAIL)]
    tutor_name: Annotated[str, _f("Nom du tuteur ou de la tutrice", "Indiquez le prénom et le nom.",
                                  min_length=2, max_length=120, pattern=VISIBLE)]
    tutor_function: Annotated[str, _f("Sa fonction", "120 caractères au plus.", max_length=120,
                                      pattern=VISIBLE_OR_EMPTY)] = ""
    tutor_email: Annotated[str, _f("Son adresse e-mail", "Saisissez une adresse e-mail valide.", max_length=254,
                                   pattern=EMAIL)]
    tutor_phone: Annotated[str, _f("Son téléphone", "Un numéro de 10 à 20 caractères.", max_length=20,
                                   pattern=r"^[0-9 +().-]{10,20}\Z")] = ""
    days: Annotated[list[Day], _f("Jours de présence", "Choisissez les jours de présence.", min_length=1,
                                  max_length=6)]
    start: Annotated[str, _f("Heure d'arrivée", "Indiquez l'heure au format 9:00.", "Par exemple 9:00",
                             max_length=5)]
    end: Annotated[str, _f("Heure de départ", "Indiquez l'heure au format 17:00.", "Par exemple 16:30",
                           max_length=5)]
    pause_minutes: Annotated[int, _f("Pause du midi (minutes)", "Un nombre de minutes entre 0 et 180.",
                                     "30 minutes au moins au-delà de 4 h 30 de présence", ge=0, le=180)] = 60
