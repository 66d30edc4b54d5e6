"""Offline geocoding of a town name or postcode from the communes table."""
from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from mps.lib.text import digits_only, place_key

_ARRONDISSEMENT = re.compile(r"^(paris|lyon|marseille) \d{2}$")
_TRAILING_CODE = re.compile(r"^(.*?)[\s(]+(\d{2,3}|2a|2b|\d{5})\)?$", re.IGNORECASE)


def _may_end_with_code(text: str) -> bool:
    """Whether _TRAILING_CODE can match: the text ends with a digit or « 2a »/« 2b », a « ) » after it or not. Most
    keys (« vannes ») end otherwise, told without the pattern's backtracking over every position (≈ 5k instructions
    a search)."""
    if text.endswith(")"):
        text = text[:-1]
    return digits_only(text[-1:]) or text[-2:].lower() in ("2a", "2b")


@dataclass(frozen=True, slots=True)
class Town:
    name: str
    postcode: str
    departement_code: str
    departement: str
    lat: float
    lon: float

    @property
    def label(self) -> str:
        return f"{self.name} ({self.departement_code})" if self.departement_code else self.name


# What the geocoder reads of each commune (its region is not needed).
COMMUNE_COLUMNS = ("name", "name_key", "postcode", "departement_code", "departement", "lat", "lon")


class Geocoder:
    def __init__(self, communes: list[Mapping], places: list[Mapping]):
        # Towns that hold many formations win ambiguous names (Saint-Denis 93 before a hamlet).
        weight = Counter((place_key(p["commune"]), p["departement_code"]) for p in places)
        self._by_key: dict[str, list[tuple[int, Town]]] = {}
        self._by_postcode: dict[str, list[Town]] = {}
        arrondissements: dict[str, list[Town]] = {}
        for c in communes:
            # 4 decimals (11 m): the offline snapshot ships these same points, so distances agree exactly.
            town = Town(c["name"], c["postcode"], c["departement_code"], c["departement"],
                        round(c["lat"], 4), round(c["lon"], 4))
            key = c["name_key"]
            self._by_key.setdefault(key, []).append((weight[(key, town.departement_code)], town))
            self._by_postcode.setdefault(town.postcode, []).append(town)
            m = _ARRONDISSEMENT.match(key)
            if m:
                arrondissements.setdefault(m.group(1), []).append(town)
        self._add_towns_of_places(places, weight)
        for city, parts in arrondissements.items():  # "Paris" = centre of its arrondissements
            lat = round(sum(t.lat for t in parts) / len(parts), 4)
            lon = round(sum(t.lon for t in parts) / len(parts), 4)
            first = parts[0]
            town = Town(city.capitalize(), first.postcode, first.departement_code, first.departement, lat, lon)
            self._by_key.setdefault(city, []).append((10**6, town))
        for entries in self._by_key.values():
            entries.sort(key=lambda e: (-e[0], e[1].postcode))
        self._keys = sorted(self._by_key)

    def _add_towns_of_places(self, places: list[Mapping], weight: Counter) -> None:
        """The towns Parcoursup names that the communes table does not know: communes merged or renamed since it
        was written (Évry-Courcouronnes, Montaigu-Vendée) and places beyond it (Papeete, Monaco). Each becomes a town
        at the middle of its places; a former commune's name within it, in its département, leads to it as the
        town with formations (« bts evry » is Évry-Courcouronnes (91), not Évry (89), a village without any)."""
        found: dict[tuple[str, str], list[Mapping]] = {}
        for p in places:
            key = place_key(p["commune"] or "")
            if key and key not in self._by_key:
                found.setdefault((key, p["departement_code"]), []).append(p)
        self.aliases: dict[str, str] = {}  # a former commune's key -> the key of the town it is part of now
        for (key, code), rows in found.items():
            points = [(r["lat"], r["lon"]) for r in rows if r.get("lat") is not None and r.get("lon") is not None]
            if not points:
                continue
            parts = self._former_communes(key, code)
            town = Town(rows[0]["commune"], parts[0].postcode if parts else "", code, rows[0].get("departement") or "",
                        round(sum(lat for lat, _ in points) / len(points), 4),
                        round(sum(lon for _, lon in points) / len(points), 4))
            self._by_key[key] = [(weight[(key, code)], town)]
            for part in {place_key(t.name) for t in parts}:
                if all(w < weight[(key, code)] for w, _ in self._by_key[part]):
                    self._by_key[part].append((weight[(key, code)], town))
                    self.aliases[part] = key

    def _former_communes(self, key: str, code: str) -> list[Town]:
        """The communes of this département whose names are runs of words of `key`, longest first, not overlapping
        (« ancenis saint gereon » -> Saint-Géréon, Ancenis; never « saint » inside « saint gereon »)."""
        words, taken, found = key.split(), set(), []
        for n in range(len(words) - 1, 0, -1):
            for i in range(len(words) - n + 1):
                span = set(range(i, i + n))
                towns = [t for _, t in self._by_key.get(" ".join(words[i:i + n]), ()) if t.departement_code == code]
                if towns and not span & taken:
                    found.append(towns[0])
                    taken |= span
        return found

    def postcodes(self) -> list[str]:
        return list(self._by_postcode)

    def towns(self):
        """Every town the geocoder knows (Paris, Lyon and Marseille as a whole too)."""
        return (town for entries in self._by_key.values() for _, town in entries)

    def keys(self) -> list[str]:
        """Every key (place_key() of a name) a town is known by, sorted."""
        return self._keys

    def has(self, key: str) -> bool:
        return key in self._by_key

    def lookup_key(self, key: str) -> Town | None:
        """lookup() of a text place_key() has already folded: the best known town of that name straight from the
        table, unless a postcode is the key or a département code or postcode ends it (lookup() reads those)."""
        if (digits_only(key) and len(key) == 5) or (_may_end_with_code(key) and _TRAILING_CODE.match(key)):
            return self.lookup(key)
        entries = self._by_key.get(key)
        return entries[0][1] if entries else None

    def departement_of(self, name: str, lat: float | None, lon: float | None) -> str | None:
        """The département of the town of this name nearest to the point (homonyms: Saint-Denis 93 / 974)."""
        towns = [t for _, t in self._by_key.get(place_key(name), [])]
        if not towns:
            return None
        if lat is None or lon is None:
            return towns[0].departement_code if len({t.departement_code for t in towns}) == 1 else None
        return min(towns, key=lambda t: (t.lat - lat) ** 2 + (t.lon - lon) ** 2).departement_code

    def homonyms(self, text: str) -> list[Town]:
        """Towns of exactly this name in several départements (Saint-Denis 93, 974…), best known first;
        empty when the name is unique or already says its département or postcode."""
        text = (text or "").strip()
        if re.fullmatch(r"\d{5}", text) or _TRAILING_CODE.match(text):
            return []
        towns: dict[str, Town] = {}
        for _, town in self._by_key.get(place_key(text), []):
            towns.setdefault(town.departement_code, town)
        return list(towns.values()) if len(towns) > 1 else []

    def lookup(self, text: str) -> Town | None:
        """'Lille', 'saint etienne', '59000', 'Saint-Denis (974)' -> the best matching town."""
        text = (text or "").strip()
        if not text:
            return None
        if re.fullmatch(r"\d{5}", text):
            towns = self._by_postcode.get(text)
            return towns[0] if towns else None
        code = None
        m = _TRAILING_CODE.match(text)
        if m:
            text, code = m.group(1), m.group(2).upper()
        entries = self._by_key.get(place_key(text), [])
        for _, town in entries:
            if code is None or town.postcode == code or town.departement_code == code.zfill(2):
                return town
        return None

    def close_to(self, text: str, limit: int = 3) -> list[Town]:
        """Towns whose name is one slip away from `text` (« Bordeau » -> Bordeaux), best known first.

        Only names sharing the first two letters are compared: a few hundred, not 35,000."""
        key = place_key(text)
        if len(key) < 3:
            return []
        lo = bisect.bisect_left(self._keys, key[:2])
        hi = bisect.bisect_left(self._keys, key[:2] + "\uffff")
        names = difflib.get_close_matches(key, self._keys[lo:hi], n=limit, cutoff=0.8)
        best = sorted(range(len(names)), key=lambda i: (-self._by_key[names[i]][0][0], i))  # towns with formations first
        return [self._by_key[names[i]][0][1] for i in best]

    def complete(self, prefix: str, limit: int = 8) -> list[Town]:
        """Towns whose name starts with `prefix`, most relevant first (for the profile form)."""
        key = place_key(prefix)
        if len(key) < 2:
            return []
        i = bisect.bisect_left(self._keys, key)
        found: list[tuple[int, Town]] = []
        while i < len(self._keys) and self._keys[i].startswith(key) and len(found) < 200:
            found.extend(self._by_key[self._keys[i]])
            i += 1
        found.sort(key=lambda e: (-e[0], len(e[1].name), e[1].name))
        seen, out = set(), []
        for _, town in found:
            if (town.name, town.departement_code) not in seen:
                seen.add((town.name, town.departement_code))
                out.append(town)
            if len(out) == limit:
                break
        return out

