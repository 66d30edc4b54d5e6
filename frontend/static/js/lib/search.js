// Offline catalogue search: a port of backend/mps/domain/catalogue/search.py (and params.py for the
// query string) over the snapshot stored in IndexedDB, so that offline a query finds what it finds
// online, filters included: words (lib/words.js), a place at the end of the query, famille, ville,
// rayon, near, département, académie, région, sélective, apprentissage.
// One golden corpus checks both: tests/data/search_golden.json (pytest and frontend/tests/search.test.js).
// Known difference: offline only knows the towns that have places and every postcode (the server
// knows every commune), so "licence village-sans-formation" is read as words offline.
// The query string of /recherche is read by lib/search-params.js.

import { fold, indexWords, placeKey, variants } from './text.js';
import { ALL, WordIndex, combineAll, withinOneEdit } from './words.js';

const TOWN_RADIUS_KM = 30.0;
const PARTIAL_BONUS = 10;
const EARTH_RADIUS_KM = 6371.0088;
const CELL = 0.25;
const MISSPELT_TOWN_MIN = 5; // search.py MISSPELT_TOWN_MIN
const MAX_PLACE_WORDS = 6; // search.py MAX_PLACE_WORDS
const SCHOOL_NOUNS = new Set(['ecole', 'ecoles', 'school']); // search.py SCHOOL_NOUNS
// query_words.py _DOTTED: « B.T.S. », « L.AS » are one word each
const DOTTED = /^(?:\p{L}{1,3}\.)+\p{L}{0,3}\.?$/u;
const LINK_WEIGHT = 0.5; // metiers.py: a métier's linked formation, as a share of its name's best label match
const LINK_STEP = 0.05; // less this per rank in the links' order

export function distanceKm(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const p1 = lat1 * r;
  const p2 = lat2 * r;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * r;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
}

/** search.py tenth(): relevance rounded to a tenth, halves up in both languages. */
const tenth = (x) => Math.floor(x * 10 + 0.5) / 10;
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** search.py query_tokens(): folded words, single letters joined, dictionary phrases kept whole. */
export function queryTokens(q, phrases, stop) {
  return queryWords(q, phrases).filter((w) => !stop.has(w));
}

/** search.py query_words(): queryTokens() with the stop words still there (Le Mans, Aix-en-Provence). */
export function queryWords(q, phrases) {
  if (q.includes('.')) q = q.split(/\s+/u).map((w) => (DOTTED.test(w) ? w.replaceAll('.', '') : w)).join(' ');
  let words = fold(q).split(' ').filter(Boolean);
  if (indexWords(words.join(' ')).length > words.length) {
    const out = [];
    let run = [];
    for (const w of [...words, '']) {
      if (w.length === 1 && /[a-z]/.test(w)) { run.push(w); continue; }
      if (run.length >= 2) out.push(run.join('')); else out.push(...run);
      run = [];
      if (w) out.push(w);
    }
    words = out;
  }
  const out = [];
  for (let i = 0; i < words.length;) {
    const phrase = phrases.find((p) => words.slice(i, i + p.split(' ').length).join(' ') === p);
    if (phrase) { out.push(phrase); i += phrase.split(' ').length; } else { out.push(words[i]); i += 1; }
  }
  return out;
}

export class SearchIndex {
  /** @param {object} cat decoded snapshot (lib/catalogue.js) */
  constructor(cat) {
    this.cat = cat;
    this.words = new WordIndex(cat);
    this.stop = new Set(cat.stopWords);
    const keys = [...Object.keys(cat.synonyms), ...cat.stopWords].filter((k) => k.includes(' ')); // vocabulary.py PHRASES
    this.phrases = keys.map((k, i) => [k, i]).sort((a, b) => b[0].split(' ').length - a[0].split(' ').length || a[1] - b[1]).map((t) => t[0]);
    this.prior = new Map(cat.formations.map((f) => [f.id, 0.15 * Math.log(1 + f.places.length)]));
    // search.py apprentice_shift: in apprenticeship, a formation weighs by its places in apprenticeship
    this.apprenticeShift = new Map(cat.formations.map((f) => [f.id,
      0.15 * Math.log(1 + f.places.filter((p) => p.apprenticeship).length) - this.prior.get(f.id)]));
    this.metierLinks = cat.metierLinks; // vocabulary.py METIER_LINKS: a métier's name -> its linked formations
    this.metierWords = new Set([...this.metierLinks.keys()].flatMap((k) => k.split(' ')));
    this.metierPrefixes = new Set([...this.metierWords].map((w) => w.slice(0, 3))); // metiers.py PREFIXES
    this.metierWordOf = new Map();
    this.jobTowns = cat.jobTowns; // vocabulary.py JOB_WORDS that name a town with places (offline knows no other)
    this.locations = new Map();
    this.placeTowns = new Set();
    this.byDepartement = new Map();
    this.grid = new Map();
    this.remote = cat.places.filter((p) => p.remote); // search.py _remote: taught at a distance, no km
    for (const p of cat.places) {
      for (const [kind, name, value] of [['region', p.region, p.region], ['academie', p.academie, p.academie],
        ['departement', p.departement, p.departement_code]]) {
        const key = placeKey(name);
        if (!this.locations.has(key)) this.locations.set(key, [kind, value]);
      }
      const code = p.departement_code.toLowerCase(); // search.py _location_keys: « bts 69 », « 2a »
      if (!this.locations.has(code)) this.locations.set(code, ['departement', p.departement_code]);
      this.placeTowns.add(placeKey(p.commune));
      if (!this.byDepartement.has(p.departement_code)) this.byDepartement.set(p.departement_code, []);
      this.byDepartement.get(p.departement_code).push(p);
      if (p.lat == null) continue;
      const k = `${Math.floor(p.lat / CELL)},${Math.floor(p.lon / CELL)}`;
      if (!this.grid.has(k)) this.grid.set(k, []);
      this.grid.get(k).push(p);
    }
    const counts = new Map(); // search.py _towns_by_start: a misspelt town (« bts bordeau »)
    for (const p of cat.places) { const k = placeKey(p.commune); counts.set(k, (counts.get(k) || 0) + 1); }
    this.townsByStart = new Map();
    for (const k of [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || cmp(a, b))) {
      if (!this.townsByStart.has(k.slice(0, 2))) this.townsByStart.set(k.slice(0, 2), []);
      this.townsByStart.get(k.slice(0, 2)).push(k);
    }
    for (const [name, place] of Object.entries(cat.placeNames)) { // « paca », « rhone alpes » (place_names.csv)
      const target = this.locations.get(placeKey(place));
      if (target && !this.locations.has(name)) this.locations.set(name, target);
    }
  }

  town(key) {
    if (/^\d{5}$/.test(key)) return this.cat.postcodes.get(key) || null;
    return this.cat.towns.get(key) || null;
  }

  /** search.py _split_place(): a place at the end (stop words count in its name, never alone), the
   * other words without their stop words. */
  splitPlace(words) {
    const [rest, location, town] = this.placeAtEnd(words);
    return [rest.filter((w) => !this.stop.has(w)), location, town];
  }

  placeAtEnd(words) {
    const tokens = words.filter((w) => !this.stop.has(w));
    const run = this.metierRun(tokens);
    // search.py: a job's name to the end, unless one word after a word that names formations
    if (run && run[1] === tokens.length && (run[1] - run[0] > 1 || !this.namesFormations(tokens.slice(0, run[0])))) {
      return [words, null, null];
    }
    for (let n = Math.min(MAX_PLACE_WORDS, words.length); n > 0; n -= 1) {
      if (words.slice(-n).every((w) => this.stop.has(w))) continue;
      const key = placeKey(words.slice(-n).join(' '));
      const rest = words.slice(0, -n);
      const town = this.town(key);
      // search.py: a town named as a job (Avion, Mâcon) is a place only after a word that names formations
      if (town && this.placeTowns.has(placeKey(town.name)) && (!this.jobTowns.has(key) || this.namesFormations(rest))) {
        return [rest, null, town];
      }
      if (this.locations.has(key)) {
        const [kind, value] = this.locations.get(key);
        if (kind === 'departement' && key === value.toLowerCase() && n < words.length) { // search.py: « valence 26 »
          const [before, , town2] = this.placeAtEnd(rest);
          if (town2) return town2.departement_code === value ? [before, null, town2] : [before, [kind, value], null];
        }
        return [rest, [kind, value], null];
      }
      if (town && !this.words.knows(key) && !this.jobTowns.has(key)) return [rest, null, town];
      if (n === 1 && !town && key.length >= MISSPELT_TOWN_MIN) {
        const near = this.misspeltTown(key);
        if (near) return [rest, null, near];
      }
    }
    let stopRun = 0; // search.py: « bts lyon en (alternance) », « … lyon svp »: the place before them
    while (stopRun < words.length && this.stop.has(words[words.length - 1 - stopRun])) stopRun += 1;
    if (stopRun > 0 && stopRun < words.length) return this.placeAtEnd(words.slice(0, -stopRun));
    return [words, null, null];
  }

  /** search.py _misspelt_town(): the town with places one slip away, when the word names no formation itself. */
  misspeltTown(key) {
    // « montaigne » is a school's word, « parcs » a job's (not Paris)
    if (this.words.knows(key) || this.words.schools.has(key) || this.metierWords.has(this.metierWord(key))) return null;
    for (const [, [, places]] of this.words.token(key)) if (places === ALL) return null;
    for (const name of this.townsByStart.get(key.slice(0, 2)) || []) {
      if (withinOneEdit(key, name)) {
        const town = this.town(name);
        return town && this.placeTowns.has(placeKey(town.name)) ? town : null;
      }
    }
    return null;
  }

  /** search.py _without_idle_school_word(): « école d'orthophonie » is the orthophonie formation; « école » stays
   * when a formation named a school (label or type) has the other words (« école de commerce »). */
  withoutIdleSchoolWord(words) {
    if (words.length < 2 || !words.some((w) => SCHOOL_NOUNS.has(w))) return words;
    const rest = words.filter((w) => !SCHOOL_NOUNS.has(w));
    let named = new Set();
    for (const w of new Set(words.filter((x) => SCHOOL_NOUNS.has(x)))) {
      for (const [fid, [, places]] of this.words.token(w)) if (places === ALL) named.add(fid);
    }
    for (const w of rest) {
      const found = this.words.token(w);
      named = new Set([...named].filter((fid) => found.has(fid)));
    }
    return named.size ? words : rest;
  }

  /** search.py _names_formations(): some word names formations. */
  namesFormations(words) {
    return words.some((w) => !this.stop.has(w) && this.words.knows(w));
  }

  /** metiers.py metier_word(): the word of a métier's name a query word stands for, else itself. */
  metierWord(word) {
    let found = this.metierWordOf.get(word);
    if (found === undefined) {
      found = this.metierWords.has(word) || !this.metierPrefixes.has(word.slice(0, 3)) ? word
        : (variants(word).find((v) => this.metierWords.has(v)) ?? word);
      this.metierWordOf.set(word, found);
    }
    return found;
  }

  /** metiers.py metier_run(): [start, end, name] of the first, longest run of tokens spelling a métier's name. */
  metierRun(tokens) {
    const spelt = tokens.map((t) => t.split(' ').filter((w) => !this.stop.has(w)).map((w) => this.metierWord(w)));
    if (!spelt.some((ws) => ws.some((w) => this.metierWords.has(w)))) return null;
    for (let i = 0; i < tokens.length; i += 1) {
      for (let j = tokens.length; j > i; j -= 1) {
        const name = spelt.slice(i, j).flat().join(' ');
        if (this.metierLinks.has(name)) return [i, j, name];
      }
    }
    return null;
  }

  /** metiers.py metier_matches(): what all the run's tokens name, then the linked ones, each raised by the mean of
   * what the name's tokens find in it. */
  metierMatches(parts, linked) {
    const out = combineAll(parts);
    let ref = 0;
    for (const [s, places] of out.values()) if (places === ALL) ref = Math.max(ref, s); // a school's name sets no bar
    if (!ref) ref = Math.log(1 + this.words.n / Math.max(1, linked.length));
    linked.forEach((fid, rank) => {
      if (out.has(fid)) return; // one the whole name finds keeps its label's rank
      let named = 0;
      for (const p of parts) if (p.has(fid)) named += p.get(fid)[0];
      out.set(fid, [LINK_WEIGHT * ref * (1 - LINK_STEP * rank) + named / parts.length, ALL]);
    });
    return out;
  }

  resolve(kind, value) {
    if (!value) return null;
    const found = this.locations.get(placeKey(value));
    return found && found[0] === kind ? found[1] : value;
  }

  /** params: {q, family, selective, apprenticeship, departement, academie, region, near, radius} (searchParams). */
  search({ q = '', family = null, selective = null, apprenticeship = null, departement = null, academie = null,
    region = null, near = null, radius = null } = {}, wordFilters = true) {
    const params = { q, family, selective, apprenticeship, departement, academie, region, near, radius };
    let all = queryWords(q, this.phrases);
    let asked = false;
    if (all.some((w) => Object.hasOwn(this.cat.filterWords, w))) { // search.py: « en alternance » is a filter
      all = all.filter((w) => !Object.hasOwn(this.cat.filterWords, w));
      asked = wordFilters && apprenticeship == null;
      if (asked) apprenticeship = true;
    }
    const [placeless, location, town] = this.splitPlace(all);
    const words = this.withoutIdleSchoolWord(placeless);
    const flt = { selective, apprenticeship, departement, academie, region, near, radius };
    let placeFilter = null;
    if (location) {
      const [kind, value] = location;
      placeFilter = kind !== 'departement' ? value : `département ${value}`;
      flt[kind] = value;
    }
    if (town && near == null) {
      flt.near = [town.lat, town.lon];
      flt.radius = radius ?? TOWN_RADIUS_KM;
      placeFilter = town.departement_code ? `${town.name} (${town.departement_code})` : town.name;
    }
    flt.academie = this.resolve('academie', flt.academie);
    flt.region = this.resolve('region', flt.region);
    let [scores, partial, only] = this.score(words);
    if (family) {
      const fam = fold(family);
      scores = new Map([...scores].filter(([fid]) => fold(this.cat.byId.get(fid).type) === fam)); // the browsing type
    }
    const eligible = this.eligiblePlaces(flt, scores);
    const hits = [];
    const shift = flt.apprenticeship ? this.apprenticeShift : null;
    for (const [fid, raw] of scores) {
      const score = shift ? raw + shift.get(fid) : raw;
      let places = eligible ? eligible.get(fid) : this.cat.byId.get(fid).places.map((p) => [p, null]);
      if (places && only.has(fid)) places = places.filter(([p]) => only.get(fid).has(p.cod_aff_form));
      if (places && places.length) hits.push({ fid, score, places, nearest: flt.near ? places[0][1] : null });
    }
    const label = (h) => this.cat.byId.get(h.fid).label;
    if (flt.near) {
      hits.sort((a, b) => tenth(b.score) - tenth(a.score) || (a.nearest ?? 1e9) - (b.nearest ?? 1e9) || cmp(label(a), label(b)));
    } else {
      hits.sort((a, b) => b.score - a.score || cmp(label(a), label(b)));
    }
    // Words that matched no formation and were not read as a place: said to the student, never dropped
    // silently (as the server's page does: catalogue/pages.py « unknown »).
    if (asked && !hits.length) return this.search(params, false); // none in apprenticeship: said so, as search.py
    const unknown = partial ? words.filter((w) => !this.words.token(w).size) : [];
    return { hits, town, placeFilter, partial, words, unknown, apprenticeship };
  }

  eligiblePlaces(flt, scores) {
    if (![flt.selective, flt.apprenticeship, flt.departement, flt.academie, flt.region, flt.near].some((v) => v != null && v !== '')) return null;
    let pool;
    if (flt.near && flt.radius != null) pool = [...this.around(flt.near[0], flt.near[1], flt.radius), ...this.remote];
    else if (flt.departement) pool = this.byDepartement.get(flt.departement) || [];
    else if (flt.near) pool = [...scores.keys()].flatMap((fid) => this.cat.byId.get(fid).places);
    else pool = this.cat.places;
    const out = new Map();
    for (const p of pool) {
      if (!scores.has(p.formation_id)) continue;
      // taught at a distance (last in the pool): listed with the formations found around the point, as search.py
      // (a radius without a town or point limits nothing, as search.py)
      if (p.remote && flt.near && flt.radius != null && !out.has(p.formation_id)) continue;
      if ((flt.selective != null && p.selective !== flt.selective) || (flt.apprenticeship != null && p.apprenticeship !== flt.apprenticeship)
        || (flt.departement && p.departement_code !== flt.departement) || (flt.academie && p.academie !== flt.academie)
        || (flt.region && p.region !== flt.region)) continue;
      let dist = null;
      if (flt.near) {
        if (p.lat == null) {
          if (flt.radius != null && !p.remote) continue;
        } else {
          dist = distanceKm(flt.near[0], flt.near[1], p.lat, p.lon);
          if (flt.radius != null && dist > flt.radius) continue;
        }
      }
      if (!out.has(p.formation_id)) out.set(p.formation_id, []);
      out.get(p.formation_id).push([p, dist]);
    }
    // equal distances (one establishment): the formation's own order, as on the server
    for (const places of out.values()) {
      places.sort((a, b) => (a[1] === null) - (b[1] === null) || (a[1] ?? 0) - (b[1] ?? 0) || a[0].order - b[0].order);
    }
    return out;
  }

  around(lat, lon, radiusKm) {
    const dlat = radiusKm / 110.0;
    const dlon = radiusKm / (111.32 * Math.max(0.05, Math.cos((lat * Math.PI) / 180)));
    const i0 = Math.floor((lat - dlat) / CELL);
    const i1 = Math.floor((lat + dlat) / CELL);
    const j0 = Math.floor((lon - dlon) / CELL);
    const j1 = Math.floor((lon + dlon) / CELL);
    if ((i1 - i0 + 1) * (j1 - j0 + 1) > this.grid.size) return [...this.grid.values()].flat();
    const out = [];
    for (let i = i0; i <= i1; i += 1) for (let j = j0; j <= j1; j += 1) out.push(...(this.grid.get(`${i},${j}`) || []));
    return out;
  }

  score(words) {
    if (!words.length) return [new Map(this.prior), false, new Map()];
    const perWord = words.map((w) => this.words.token(w));
    const run = this.metierRun(words);
    if (run) { // search.py: a job's name, then the formations ONISEP links it to
      const [start, end, name] = run;
      perWord.splice(start, end - start, this.metierMatches(perWord.slice(start, end), this.metierLinks.get(name)));
    }
    let common = [...perWord[0].keys()].filter((fid) => perWord.every((m) => m.has(fid)));
    const only = new Map();
    for (const fid of common) {
      let allowed = ALL;
      for (const m of perWord) {
        const places = m.get(fid)[1];
        allowed = allowed === ALL ? places : places === ALL ? allowed : new Set([...allowed].filter((c) => places.has(c)));
      }
      if (allowed !== ALL) only.set(fid, allowed);
    }
    common = common.filter((fid) => !only.has(fid) || only.get(fid).size);
    const partial = !common.length;
    let candidates = common;
    if (partial) {
      const all = new Set();
      for (const m of perWord) for (const fid of m.keys()) all.add(fid);
      candidates = [...all];
    }
    const scores = new Map();
    for (const fid of candidates) {
      let sum = 0;
      let n = 0;
      for (const m of perWord) if (m.has(fid)) { sum += m.get(fid)[0]; n += 1; }
      const s = sum / (1 + 0.04 * this.words.labelLen.get(fid)) + this.prior.get(fid);
      scores.set(fid, s + (partial ? n * PARTIAL_BONUS : 0));
    }
    return [scores, partial, partial ? new Map() : only];
  }
}

/** What a search() result leaves out, in the online page's words (catalogue/search.html): words that match nothing are named. */
export function leftOutText({ unknown, partial }) {
  if (unknown.length) {
    const words = unknown.map((w) => `« ${w} »`).join(', ');
    return `${words} : aucune formation ni aucune ville ne correspond à ${unknown.length > 1 ? 'ces mots' : 'ce mot'}. `
      + 'Vérifie l’orthographe ; voici les formations les plus proches de tes autres mots.';
  }
  return partial ? 'Aucune formation ne contient tous tes mots : voici les plus proches.' : '';
}
