"""How reference profiles are scored: recall@10, recall@20 and the absurd rate.

A profile lists `expected` and `absurd` regular expressions (case-insensitive) over the description of a
formation, "family | label", plus " | group" for the "Autre formation" family whose group is the real
family (DN MADE, BPJEPS, écoles vétérinaires...) and " | apprentissage": see describe(). recall@k is the share of expected patterns found
among the first k suggestions, averaged over profiles; the absurd rate is the share of the suggestions
shown in the first 10 that match an absurd pattern (a profile given fewer suggestions shows fewer).
Used by tests/eval/test_reference_profiles.py and bench/suggestions.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable


def describe(f) -> str:
    """'BTS | BTS - Production - Aéronautique', 'Autre formation | Formation Bac+6 | Formations des écoles
    vétérinaires' for a catalogue FormationRec, then ' | apprentissage' when some of its places take
    apprentices. Other groups ("Licence - Droit-économie-gestion") are left out: a pattern for a law
    licence must not find every economics licence."""
    text = f"{f.family} | {f.label}"
    if f.family == "Autre formation":
        text += f" | {f.group_label}"
    return text + " | apprentissage" if f.apprenticeship else text


def _found(pattern: str, texts: Iterable[str]) -> bool:
    rx = re.compile(pattern, re.I)
    return any(rx.search(t) for t in texts)


def evaluate(profiles: list[dict], run: Callable[[dict], list[str]]) -> dict:
    """run(profile dict) -> described suggestions in ranked order. Returns the figures and per-profile details."""
    recall10 = recall20 = absurd = shown = 0.0
    details = []
    for case in profiles:
        texts = run(case["profile"])
        found10 = [_found(p, texts[:10]) for p in case["expected"]]
        found20 = [_found(p, texts[:20]) for p in case["expected"]]
        bad = [t for t in texts[:10] if any(re.search(p, t, re.I) for p in case["absurd"])]
        recall10 += sum(found10) / len(found10)
        recall20 += sum(found20) / len(found20)
        absurd += len(bad)
        shown += len(texts[:10])
        missed = [p for p, ok in zip(case["expected"], found20) if not ok]
        details.append({"name": case["name"], "found10": sum(found10), "found20": sum(found20),
                        "expected": len(found10), "missed": missed, "absurd": bad, "count": len(texts)})
    n = len(profiles)
    return {"recall@10": recall10 / n, "recall@20": recall20 / n, "absurd_rate": absurd / shown if shown else 0.0,
            "profiles": n, "details": details}


def unmatched_patterns(profiles: list[dict], catalogue_texts: list[str]) -> list[tuple[str, str]]:
    """(profile, pattern) pairs whose expected pattern matches no formation of the catalogue at all."""
    return [(case["name"], p) for case in profiles for p in case["expected"] if not _found(p, catalogue_texts)]
