"""One formation per filière: which filière a Parcoursup row belongs to, and what sets its place apart.

Parcoursup's `Filière de formation` label mixes the filière with things that belong to one place:
a licence's parcours, a school's programme name, the bac type an engineering school recruits on
that list ("- Bac général", "- Bacs technologiques"), apprenticeship. The rules below read the
columns the producer fills consistently instead:

- `Filière de formation détaillée bis` names the filière within its group (a licence's mention,
  a BTS speciality, "Formation d'ingénieur Bac + 5"): the formation is the part of the label up
  to and including it, and whatever follows becomes the place's option;
- when the label itself stops short of that column (most "CPGE - ECG" rows do not repeat their
  maths option), the shortest form seen in the group wins, so options never split a filière;
- when that column only names a kind of diploma (FCIL, diplôme d'université, licence
  professionnelle…) and most rows add a subject after it, the subject is part of the filière;
- school filières named only by their level ("Formation Bac+6" of the veterinary schools) get a
  readable name built from the school type and the level, and the school's programme name goes
  to its place.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass

from mps.lib.text import fold

APPRENTICESHIP = re.compile(r"\s*\(\s*statut d.apprenti[^)]*\)?", re.IGNORECASE)
SCHOOL_LEVEL = re.compile(r"^formations? (?:d ingenieur |des ecoles [a-z ]+ )?bac (\d+)$")
SCHOOL_GROUP = re.compile(r"^Formations?\s+des\s+écoles\s+(.*)$", re.IGNORECASE)
# Words that open a place's option rather than a subject: "Parcours …", "option B", "Spécialité : …".
OPTION_WORDS = ("parcours", "option", "options", "specialite", "mention", "majeure", "mineure", "site", "campus")
# A bac-type admission track: "Bac général", "Bacs généraux - 2 Sciences", "Série STI2D", "Voie d'accès bac…".
ACCESS = re.compile(r"^(?:en \d ans )?(?:voie d acces )?(?:bacs?|series?|autres series|\d sciences?)\b(?! ?\d ans)")
EN_DASH = " – "


def repair(text: str) -> str:
    """The producer lost apostrophes and dashes to "?": "l?éducation", "Saclay ? arts", "l ?ingénieur"."""
    text = re.sub(r"(?<=\b[A-Za-z]) \?(?=\w)", "'", text)  # "l ?ingénieur"
    text = re.sub(r"(?<=\w)\?(?=\w)", "'", text)  # "l?éducation", "jusqu?à"
    text = re.sub(r"\s+\?\s+", EN_DASH, text)  # "Paris Saclay ? arts et design"
    text = re.sub(r"(?<=\w)\?(?=\s)", "'", text)  # "Tech? et Innovation"
    text = text.replace("’", "'")
    return re.sub(r"\s+", " ", text).strip()


def without_apprenticeship(label: str) -> str:
    return APPRENTICESHIP.sub("", label).strip()


def segments(text: str) -> list[str]:
    """"CPGE - ECG -  - Maths" -> ["CPGE", "ECG", "Maths"]: split on dashes outside brackets, empty parts dropped."""
    parts, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|\s+[-–]\s+|\s+[-–]$|^[-–]\s+", text):
        tok = m.group()
        if tok == "(":
            depth += 1
        elif tok == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            parts.append(text[start:m.start()])
            start = m.end()
    parts.append(text[start:])
    parts = [p.strip(" :.-–") for p in parts]
    return [p for p in parts if p]


def _norm(segment: str) -> str:
    """Compare segments without their "Portail", "Licence" or "Parcours" openers and punctuation."""
    words = fold(segment).split()
    while words and words[0] in ("portail", "licence", "l1", "mention", "parcours"):
        words = words[1:]
    return " ".join(words)


def is_access(segment: str) -> bool:
    folded = fold(segment)
    return bool(ACCESS.match(folded)) and not folded.startswith("bachelor")


def is_option(segment: str) -> bool:
    first = fold(segment).split()[:1]
    return bool(first) and first[0] in OPTION_WORDS or is_access(segment)


@dataclass
class Row:
    """The label columns of one place, repaired."""

    label: str  # Filière de formation, without the apprenticeship note
    group: str  # Filière de formation.1
    detail: str  # Filière de formation détaillée bis
    option: str  # Filière de formation très détaillée
    family: str  # Filière de formation très agrégée

    @classmethod
    def of(cls, label: str, group: str, detail: str, option: str, family: str) -> "Row":
        option = without_apprenticeship(repair(option)).strip(" -–:.")
        if option.startswith("(") and option.endswith(")") and "(" not in option[1:]:
            option = option[1:-1]
        return cls(without_apprenticeship(repair(label)), repair(group), repair(detail), option, family)


@dataclass
class Identity:
    key: str  # folded label: places with the same key are one formation
    label: str
    detail_label: str  # the filière's own name within its group (search, suggestions)
    option: str  # what sets this place apart: parcours, option, programme, admission track


@dataclass(frozen=True)
class Match:
    at: int  # position in the label's segments
    size: int  # detail segments found there
    compound: bool  # found as one side of "Droit / Economie" (a double licence): that segment is the filière


def _match(lsegs: list[str], bsegs: list[str]) -> Match | None:
    """Where the detail column's segments appear in the label: the earliest run, the longest there."""
    lnorm, bnorm = [_norm(s) for s in lsegs], [_norm(s) for s in bsegs]
    for i in range(len(lsegs)):
        for k in range(min(len(bsegs), len(lsegs) - i), 0, -1):
            if lnorm[i:i + k] == bnorm[:k]:
                return Match(i, k, False)
        if "/" in lsegs[i] and bnorm[0] in [_norm(p) for p in lsegs[i].split("/")]:
            return Match(i, 1, True)
    return None


def _option(parts: list[str], extra: str, label: str = "") -> str:
    """Join a place's distinguishing parts; the très détaillée column is added unless already said."""
    named = _norm(label)
    parts = [p for p in parts if p and _norm(p) not in named]
    if extra and _norm(extra) in named:
        extra = ""
    said = fold(" ".join(parts))
    if extra and fold(extra) not in said and said not in fold(extra):
        parts.append(extra)
    elif extra and said in fold(extra):
        parts = [extra]
    return EN_DASH.join(("Accès : " + p if is_access(p) else p) for p in parts)


def school_noun(group: str, family_label: str | None) -> str:
    """"Formations des écoles vétérinaires" -> "École vétérinaire" (the family's own name when it has one)."""
    if family_label:
        return family_label
    m = SCHOOL_GROUP.match(group)
    if not m:
        return group
    words = m.group(1).split()
    if words and not words[0].lower().startswith(("d'", "de")) and words[0].endswith("s"):
        words[0] = words[0][:-1]  # "vétérinaires" -> "vétérinaire", "supérieures" -> "supérieure"
    return "École " + " ".join(words)


def school_label(noun: str, level: int, bachelors: bool) -> str:
    if bachelors:
        return f"Bachelor d'{noun[0].lower()}{noun[1:]} — {level} ans"
    return f"{noun}{' post-bac' if level == 5 else ''} — {level} ans"


def identify(rows: list[Row], family_labels: dict[str, str]) -> list[Identity]:
    """The identity of each row, decided with the rows of the same (group, detail) in view."""
    out: list[Identity | None] = [None] * len(rows)
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for n, r in enumerate(rows):
        groups[(fold(r.group), fold(r.detail))].append(n)
    for members in groups.values():
        level = SCHOOL_LEVEL.match(fold(rows[members[0]].detail))
        if level:
            _identify_school(rows, members, int(level.group(1)), family_labels, out)
        else:
            _identify_filiere(rows, members, out)
    return out  # type: ignore[return-value]


def _identify_school(rows, members, level, family_labels, out) -> None:
    families = Counter(rows[n].family for n in members)
    family = families.most_common(1)[0][0]
    noun = school_noun(rows[members[0]].group, family_labels.get(family) if family != "Autre formation" else None)
    options = []
    for n in members:
        r = rows[n]
        lsegs = segments(r.label)
        rest = [s for s in lsegs if not SCHOOL_LEVEL.match(fold(s)) and not fold(s).startswith("formation des ecoles")]
        options.append(_option(rest, r.option))
    bachelors = sum("bachelor" in fold(o) for o in options) * 2 >= len(members)
    label = school_label(noun, level, bachelors)
    for n, option in zip(members, options):
        out[n] = Identity(fold(label), label, rows[n].detail, option)


def _identify_filiere(rows, members, out) -> None:
    bsegs = segments(rows[members[0]].detail)
    lsegs = {n: segments(rows[n].label) for n in members}
    matches = {n: _match(lsegs[n], bsegs) for n in members}
    found = [m for m in matches.values() if m and not m.compound]
    k = min((m.size for m in found), default=len(bsegs))  # the shortest form of the filière seen in the group
    # What comes before the filière in most labels of the group ("Licence", "BTS - Services").
    usual_prefix = Counter(tuple(lsegs[n][:m.at]) for n, m in matches.items() if m and not m.compound)
    usual = list(min(usual_prefix.most_common(), key=lambda kv: (-kv[1], len(kv[0])))[0]) if usual_prefix else None
    # A detail column that only names a kind of diploma (FCIL, DU…): most rows add their subject after it.
    subject_follows = _names_a_diploma(rows[members[0]]) and all(m.at == 0 for m in found) and sum(
        1 for n in members if not matches[n] or _subject(lsegs[n][matches[n].at + matches[n].size:])) * 2 > len(members)
    detail = " - ".join(bsegs[:k])
    for n in members:
        r, m, segs = rows[n], matches[n], lsegs[n]
        if m is None and (usual is None or subject_follows):  # the label, minus its option
            base = [s for s in segs if fold(s) != fold(r.option)] or segs
            while len(base) > 1 and is_option(base[-1]):
                base = base[:-1]
            out[n] = _identity(base, r.detail, segs[len(base):], r.option)
        elif m is None:  # a label that does not repeat its group's filière still belongs to it
            out[n] = _identity(usual + bsegs[:k], detail, bsegs[k:], r.option or _rest_of(segs, usual + bsegs))
        elif m.compound:
            out[n] = _identity(segs[:m.at + 1], detail, segs[m.at + 1:], r.option)
        else:
            prefix, after = segs[:m.at], segs[m.at + m.size:]
            head, rest = prefix + bsegs[:k], bsegs[k:] + after
            if usual is not None and prefix != usual and prefix[:len(usual)] == usual:
                head, rest = usual + bsegs[:k], bsegs[k:] + (prefix[len(usual):] if not r.option else []) + after
            if subject_follows:  # the subject runs up to the first option-like segment, else the option column
                cut = next((j for j, seg in enumerate(after) if is_option(seg)), len(after))
                subject = " - ".join(after[:cut]) or r.option
                head, rest = head + [subject], after[cut:] if after[:cut] else []
            out[n] = _identity(head, detail, rest, r.option)


def _rest_of(segs: list[str], said: list[str]) -> str:
    known = {_norm(s) for s in said}
    return " - ".join(s for s in segs if _norm(s) not in known)


def _names_a_diploma(row: Row) -> bool:
    """The detail column repeats the group's diploma ("FCIL" in "FCIL", "Licence professionnelle" in "LP - …")."""
    detail, group = fold(row.detail), fold(row.group)
    initials = "".join(w[0] for w in detail.split() if len(w) > 2)
    return detail == group or group.split()[:1] == [initials]


def _subject(rest: list[str]) -> bool:
    return bool(rest) and not is_option(rest[0])


def _identity(head: list[str], detail: str, rest: list[str], option: str) -> Identity:
    head = [re.sub(r"^portail\s+", "", s, flags=re.IGNORECASE) for s in head]
    head = [s[0].upper() + s[1:] for s in head if s]
    head = [s for i, s in enumerate(head) if i == 0 or _norm(s) != _norm(head[i - 1])]
    label = " - ".join(head)
    return Identity(fold(label), label, detail or label, _option(rest, option, label))
