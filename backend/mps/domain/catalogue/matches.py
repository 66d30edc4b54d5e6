"""What a query word finds, and how matches combine: formation -> (score, the places that qualify), and the one-typo
test the word index and the readers share. Offline search has the same: frontend/static/js/lib/matches.js.
"""
from __future__ import annotations


ALL = None  # a match on the formation itself: every place qualifies

# fid -> (score, places): places is ALL or the frozenset of cod_aff_form whose option or school holds the word
Matches = dict[str, tuple[float, frozenset | None]]


def deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1
                                  and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def better(into: Matches, fid: str, score: float, places) -> None:
    """Keep the best score; a match on the formation itself beats a match on some of its places."""
    old = into.get(fid)
    if old is None:
        into[fid] = (score, places)
        return
    merged = ALL if old[1] is ALL or places is ALL else old[1] | places
    into[fid] = (max(old[0], score), merged)


def combine_all(parts: list[Matches]) -> Matches:
    """Formations every part matched: scores added, places narrowed to those every part allows."""
    if not parts:
        return {}
    out = dict(parts[0])
    for part in parts[1:]:
        nxt = {}
        for fid, (s, places) in out.items():
            if fid in part:
                s2, p2 = part[fid]
                narrowed = p2 if places is ALL else places if p2 is ALL else places & p2
                if narrowed is ALL or narrowed:
                    nxt[fid] = (s + s2, narrowed)
        out = nxt
    return out

