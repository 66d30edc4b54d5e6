// Offline catalogue search: a port of backend/mps/domain/catalogue/search.py (and params.py for the
// query string) over the snapshot stored in IndexedDB, so that offline a query finds what it finds
// online, filters included: words (lib/words.js), a place at the end of the query, famille, ville,
// rayon, near, département, académie, région, sélective, apprentissage.
// One golden corpus checks both: tests/data/search_golden.json (pytest and frontend/tests/search.test.js).
// Known difference: offline only knows the towns that have places and every postcode (the server
// knows every commune), so "licence village-sans-formation" is read as words offline.
// The query string of /recherche is read by lib/search-params.js; the query's words by lib/query-reading.js.

import { QueryReading, isOverseas, queryWords } from './query-reading.js';
import { fold, placeKey } from './text.js';
import { ALL, combineAll } from './matches.js';
import { WordIndex } from './words.js';

const TOWN_RADIUS_KM = 30.0;
const PARTIAL_BONUS = 10;
const EARTH_RADIUS_KM = 6371.0088;
const CELL = 0.25;
const LINK_WEIGHT = 0.5; // metiers.py: a métier's linked formation, as a share of its name's best label match
const LINK_STEP = 0.05; // less this per rank in the links' order
// status.py FILTERS: a statut filter value -> the place status codes it keeps
const STATUS_FILTERS = {
  public: new Set(['public']), prive: new Set(['sous_contrat', 'superieur', 'hors_contrat', 'prive']), sous_contrat: new Set(['sous_contrat']),
};
/** status.py _singular(): the key of a word before a status word. */
const singular = (w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w);

/** status.py read_status(): the words without those asking for a status, and the first status asked; one after a
 * word it makes a formation's name with (« santé publique », the snapshot's status_kept) stays a word. */
export function readStatus(words, statusWords, kept) {
  const out = [];
  let said = null;
  words.forEach((w, i) => {
    const value = Object.hasOwn(statusWords, w) ? statusWords[w] : null;
    if (value == null || (i && kept.has(`${singular(words[i - 1])} ${value}`))) out.push(w);
    else if (said == null) said = value;
  });
  return [out, said];
}

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
const townLabel = (town) => (town.departement_code ? `${town.name} (${town.departement_code})` : town.name);

/** search.py _either(): the places around either of two towns, each at its distance from the nearer, nearest first. */
function either(a, b) {
  const out = new Map();
  for (const fid of new Set([...a.keys(), ...b.keys()])) {
    const best = new Map();
    for (const [p, dist] of [...(a.get(fid) || []), ...(b.get(fid) || [])]) {
      const old = best.get(p.cod_aff_form);
      if (!old || (dist !== null && (old[1] === null || dist < old[1]))) best.set(p.cod_aff_form, [p, dist]);
    }
    out.set(fid, [...best.values()].sort((x, y) => (x[1] === null) - (y[1] === null) || (x[1] ?? 0) - (y[1] ?? 0) || x[0].order - y[0].order));
  }
  return out;
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

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
    this.byDepartement = new Map();
    this.grid = new Map();
    this.remote = cat.places.filter((p) => p.remote); // search.py _remote: taught at a distance, no km
    this.reading = new QueryReading(cat, this.words, this.stop); // the place at the end, « école », a job's name
    for (const p of cat.places) {
      if (!this.byDepartement.has(p.departement_code)) this.byDepartement.set(p.departement_code, []);
      this.byDepartement.get(p.departement_code).push(p);
      if (p.lat == null) continue;
      const k = `${Math.floor(p.lat / CELL)},${Math.floor(p.lon / CELL)}`;
      if (!this.grid.has(k)) this.grid.set(k, []);
      this.grid.get(k).push(p);
    }
  }

  /** metiers.py metier_matches(): what all the run's tokens name, then the linked ones, each raised by the mean of
   * what the name's tokens find in it. */
  metierMatches(parts, linked, schools) {
    // metiers.py: a job's name means the job, not the places whose school names have its words (« maçon »)
    const out = new Map([...combineAll(parts)].filter(([fid, [, places]]) => places === ALL || !schools.has(fid)));
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
    const found = this.reading.locations.get(placeKey(value));
    return found && found[0] === kind ? found[1] : value;
  }

  /** params: {q, family, selective, apprenticeship, departement, academie, region, near, radius, statut}
   * (searchParams). result.statutUnknown: a status was asked of a stored catalogue that has none (format 8). */
  search({ q = '', family = null, selective = null, apprenticeship = null, departement = null, academie = null,
    region = null, near = null, radius = null, statut = null } = {}, wordFilters = true) {
    const params = { q, family, selective, apprenticeship, departement, academie, region, near, radius, statut };
    let all = this.reading.schoolNumbers(queryWords(q, this.phrases, this.stop));
    let asked = false;
    if (all.some((w) => Object.hasOwn(this.cat.filterWords, w))) { // search.py: « en alternance » is a filter
      all = all.filter((w) => !Object.hasOwn(this.cat.filterWords, w));
      asked = wordFilters && apprenticeship == null;
      if (asked) apprenticeship = true;
    }
    if (all.some((w) => Object.hasOwn(this.cat.statusWords, w))) { // search.py: « bts public lyon » is a filter
      const [rest, said] = readStatus(all, this.cat.statusWords, this.cat.statusKept);
      all = rest;
      statut = statut || said;
    }
    const statutUnknown = Boolean(statut) && !this.cat.hasStatus;
    const [placeless, location, town] = this.reading.splitPlace(all);
    let words = this.reading.plainWords(placeless);
    let other = null;
    const flt = { selective, apprenticeship, departement, academie, region, near, radius, statut: statutUnknown ? null : statut };
    let placeFilter = null;
    if (location) {
      const [kind, value] = location;
      placeFilter = kind !== 'departement' ? value : `département ${value}`;
      flt[kind] = value;
    }
    if (town && near == null) {
      flt.near = [town.lat, town.lon];
      flt.radius = radius ?? TOWN_RADIUS_KM;
      placeFilter = townLabel(town);
      const before = words.length ? this.reading.townBefore(words) : null;
      if (before) { // search.py: « bts lyon ou grenoble », around either
        [words, other] = before;
        placeFilter = `${townLabel(other)} ou ${placeFilter}`;
      }
    }
    flt.academie = this.resolve('academie', flt.academie);
    flt.region = this.resolve('region', flt.region);
    let [scores, partial, only] = this.score(words);
    if (family) {
      const fam = fold(family);
      scores = new Map([...scores].filter(([fid]) => fold(this.cat.byId.get(fid).type) === fam)); // the browsing type
    }
    let eligible = this.eligiblePlaces(flt, scores);
    if (other) eligible = either(eligible, this.eligiblePlaces({ ...flt, near: [other.lat, other.lon] }, scores));
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
    return { hits, town, placeFilter, partial, words, unknown, apprenticeship, statut: flt.statut, statutUnknown };
  }

  eligiblePlaces(flt, scores) {
    if (![flt.selective, flt.apprenticeship, flt.departement, flt.academie, flt.region, flt.overseas, flt.near, flt.statut].some((v) => v != null && v !== '')) return null;
    const statuts = flt.statut ? STATUS_FILTERS[flt.statut] : null;
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
        || (flt.region && p.region !== flt.region) || (flt.overseas && !isOverseas(p.departement_code))
        || (statuts && !statuts.has(p.statut))) continue;
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
    const run = this.reading.metierRun(words);
    if (run) { // search.py: a job's name, then the formations ONISEP links it to
      const [start, end, name] = run;
      const schools = new Set(); // search.py: the formations the name's words find in school names
      for (const t of words.slice(start, end)) {
        for (const w of t.split(' ')) {
          for (const form of new Set([w, this.reading.metierWord(w)])) for (const fid of (this.words.schools.get(form) || new Map()).keys()) schools.add(fid);
        }
      }
      perWord.splice(start, end - start, this.metierMatches(perWord.slice(start, end), this.metierLinks.get(name), schools));
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
