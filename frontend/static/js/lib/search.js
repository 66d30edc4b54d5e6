// Offline catalogue search: a faithful port of backend/mps/domain/catalogue/search.py over the
// snapshot stored in IndexedDB, so that offline a query finds what it finds online. Same folding,
// stop words, synonyms, family aliases, plural, prefix, one-typo matching, scores and ordering; a
// town, département, académie or région at the end of the query becomes a place filter.
// Known difference: offline only knows the towns that have places and every postcode (the server
// knows every commune), so "licence village-sans-formation" is read as words offline.
// Keep in step with search.py (tests/browser/test_offline_search.py compares both).

import { fold, placeKey } from './text.js';

const FIELD_WEIGHTS = [['label', 1.0], ['detail_label', 0.6], ['group_label', 0.5]];
const FAMILY_ALIAS_WEIGHT = 0.9;
const PREFIX_FACTOR = 0.85;
const PLURAL_FACTOR = 0.95;
const TYPO_FACTOR = 0.6;
const TOWN_RADIUS_KM = 30.0;
const EARTH_RADIUS_KM = 6371.0088;
const CELL = 0.25;

export function distanceKm(lat1, lon1, lat2, lon2) {
  const r = Math.PI / 180;
  const p1 = lat1 * r;
  const p2 = lat2 * r;
  const dp = p2 - p1;
  const dl = (lon2 - lon1) * r;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
}

function deletes(word) {
  const out = new Set();
  for (let i = 0; i < word.length; i += 1) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

function withinOneEdit(a, b) {
  if (Math.abs(a.length - b.length) > 1) return false;
  if (a.length === b.length) {
    const diff = [];
    for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
    return diff.length === 1 || (diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]]);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  for (let i = 0; i < long.length; i += 1) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

function bisectRight(sorted, x) {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (x < sorted[mid]) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

export class SearchIndex {
  /** @param {import('./catalogue.js').Catalogue} cat decoded snapshot */
  constructor(cat) {
    this.cat = cat;
    this.stop = new Set(cat.stopWords);
    this.synonyms = cat.synonyms;
    const postings = new Map();
    const post = (word, fid, weight) => {
      let m = postings.get(word);
      if (!m) postings.set(word, (m = new Map()));
      if ((m.get(fid) || 0) < weight) m.set(fid, weight);
    };
    this.labelLen = new Map();
    this.prior = new Map();
    for (const f of cat.formations) {
      for (const [attr, weight] of FIELD_WEIGHTS) {
        for (const word of fold(f[attr]).split(' ')) if (word && !this.stop.has(word)) post(word, f.id, weight);
      }
      for (const alias of (cat.families[f.family] || ['', []])[1]) {
        for (const word of alias.split(' ')) if (word) post(word, f.id, FAMILY_ALIAS_WEIGHT);
      }
      this.labelLen.set(f.id, fold(f.label).split(' ').filter(Boolean).length);
      this.prior.set(f.id, 0.15 * Math.log(1 + f.places.length));
    }
    this.postings = postings;
    this.vocab = [...postings.keys()].sort(cmp);
    this.byDelete = null; // built on the first typo
    this.locations = new Map();
    this.placeTowns = new Set();
    this.byDepartement = new Map();
    for (const p of cat.places) {
      for (const [kind, name, value] of [['region', p.region, p.region], ['academie', p.academie, p.academie],
        ['departement', p.departement, p.departement_code]]) {
        const key = placeKey(name);
        if (!this.locations.has(key)) this.locations.set(key, [kind, value]);
      }
      this.placeTowns.add(placeKey(p.commune));
      if (!this.byDepartement.has(p.departement_code)) this.byDepartement.set(p.departement_code, []);
      this.byDepartement.get(p.departement_code).push(p);
    }
    this.grid = new Map();
    for (const p of cat.places) {
      if (p.lat == null) continue;
      const k = `${Math.floor(p.lat / CELL)},${Math.floor(p.lon / CELL)}`;
      if (!this.grid.has(k)) this.grid.set(k, []);
      this.grid.get(k).push(p);
    }
    this.wordCache = new Map();
  }

  // -- query words ---------------------------------------------------------------------------
  word(word) {
    const cached = this.wordCache.get(word);
    if (cached) return cached;
    let scores = new Map();
    const add = (term, factor) => {
      for (const [fid, w] of this.postings.get(term)) if (w * factor > (scores.get(fid) || 0)) scores.set(fid, w * factor);
    };
    if (this.postings.has(word)) add(word, 1.0);
    if (word.length > 3 && (word.endsWith('s') || word.endsWith('x'))) {
      const singular = word.slice(0, -1);
      if (this.postings.has(singular)) add(singular, PLURAL_FACTOR);
    }
    if (word.length >= 3) {
      for (let i = bisectRight(this.vocab, word); i < this.vocab.length && this.vocab[i].startsWith(word); i += 1) {
        add(this.vocab[i], PREFIX_FACTOR);
      }
    }
    if (!scores.size && word.length >= 5) {
      const byDelete = this.deleteIndex();
      const candidates = new Set(byDelete.get(word) || []);
      for (const d of deletes(word)) {
        for (const t of byDelete.get(d) || []) candidates.add(t);
        if (this.postings.has(d)) candidates.add(d);
      }
      for (const term of candidates) if (withinOneEdit(word, term)) add(term, TYPO_FACTOR);
    }
    const idf = Math.log(1 + this.cat.formations.length / Math.max(1, scores.size));
    const out = new Map();
    for (const [fid, s] of scores) out.set(fid, s * idf);
    scores = out;
    if (this.wordCache.size > 20000) this.wordCache.clear();
    this.wordCache.set(word, scores);
    return scores;
  }

  deleteIndex() {
    if (!this.byDelete) {
      this.byDelete = new Map();
      for (const w of this.vocab) {
        if (w.length < 4) continue;
        for (const d of deletes(w)) {
          if (!this.byDelete.has(d)) this.byDelete.set(d, []);
          this.byDelete.get(d).push(w);
        }
      }
    }
    return this.byDelete;
  }

  token(token) {
    const alternatives = [token, ...(this.synonyms[token] || []).filter((alt) => alt !== token)];
    const best = new Map();
    for (const alt of alternatives) {
      const words = alt.split(' ');
      let acc = new Map(this.word(words[0]));
      for (const w of words.slice(1)) {
        const other = this.word(w);
        const next = new Map();
        for (const [fid, s] of acc) if (other.has(fid)) next.set(fid, s + other.get(fid));
        acc = next;
      }
      for (let [fid, s] of acc) {
        s /= words.length;
        if (s > (best.get(fid) || 0)) best.set(fid, s);
      }
    }
    return best;
  }

  town(key) {
    if (/^\d{5}$/.test(key)) return this.cat.postcodes.get(key) || null;
    return this.cat.towns.get(key) || null;
  }

  splitPlace(words) {
    for (let n = Math.min(4, words.length); n > 0; n -= 1) {
      const key = placeKey(words.slice(-n).join(' '));
      const rest = words.slice(0, -n);
      const town = this.town(key);
      if (town && this.placeTowns.has(placeKey(town.name))) return [rest, null, town];
      if (this.locations.has(key)) return [rest, this.locations.get(key), null];
      if (town && !this.postings.has(key)) return [rest, null, town];
    }
    return [words, null, null];
  }

  // -- search --------------------------------------------------------------------------------
  /** {q, family}: -> {hits: [{fid, score, places: [[place, km|null]], nearest}], town, placeFilter, partial, words} */
  search({ q = '', family = null } = {}) {
    let words = fold(q).split(' ').filter((w) => w && !this.stop.has(w));
    let location;
    let town;
    [words, location, town] = this.splitPlace(words);
    const flt = { departement: null, academie: null, region: null, near: null, radius: null };
    let placeFilter = null;
    if (location) {
      const [kind, value] = location;
      placeFilter = kind !== 'departement' ? value : `département ${value}`;
      flt[kind] = value;
    }
    if (town) {
      flt.near = [town.lat, town.lon];
      flt.radius = TOWN_RADIUS_KM;
      placeFilter = `${town.name} (${town.departement_code})`;
    }
    let [scores, partial] = this.score(words);
    if (family) {
      const fam = fold(family);
      scores = new Map([...scores].filter(([fid]) => fold(this.cat.byId.get(fid).family) === fam));
    }
    const eligible = this.eligiblePlaces(flt, scores);
    const hits = [];
    for (const [fid, score] of scores) {
      const places = eligible ? eligible.get(fid) : this.cat.byId.get(fid).places.map((p) => [p, null]);
      if (places && places.length) hits.push({ fid, score, places, nearest: flt.near ? places[0][1] : null });
    }
    if (flt.near) {
      const r1 = (x) => Math.round(x * 10) / 10;
      // Equal on both: the label decides, as on the server (search.py), so both orders agree.
      hits.sort((a, b) => r1(b.score) - r1(a.score) || (a.nearest ?? 1e9) - (b.nearest ?? 1e9)
        || cmp(this.cat.byId.get(a.fid).label, this.cat.byId.get(b.fid).label));
    } else {
      hits.sort((a, b) => b.score - a.score || cmp(this.cat.byId.get(a.fid).label, this.cat.byId.get(b.fid).label));
    }
    return { hits, town, placeFilter, partial, words };
  }

  eligiblePlaces(flt, scores) {
    if (!(flt.departement || flt.academie || flt.region || flt.near)) return null;
    let pool;
    if (flt.near && flt.radius != null) pool = this.around(flt.near[0], flt.near[1], flt.radius);
    else if (flt.departement) pool = this.byDepartement.get(flt.departement) || [];
    else pool = this.cat.places;
    const out = new Map();
    for (const p of pool) {
      if (!scores.has(p.formation_id)) continue;
      if ((flt.departement && p.departement_code !== flt.departement) || (flt.academie && p.academie !== flt.academie)
        || (flt.region && p.region !== flt.region)) continue;
      let dist = null;
      if (flt.near) {
        if (p.lat == null) continue;
        dist = distanceKm(flt.near[0], flt.near[1], p.lat, p.lon);
        if (dist > flt.radius) continue;
      }
      if (!out.has(p.formation_id)) out.set(p.formation_id, []);
      out.get(p.formation_id).push([p, dist]);
    }
    for (const places of out.values()) {
      if (flt.near) places.sort((a, b) => a[1] - b[1]);
      else places.sort((a, b) => a[0].order - b[0].order);
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
    if ((i1 - i0 + 1) * (j1 - j0 + 1) > this.grid.size) return this.cat.places;
    const out = [];
    for (let i = i0; i <= i1; i += 1) for (let j = j0; j <= j1; j += 1) out.push(...(this.grid.get(`${i},${j}`) || []));
    return out;
  }

  score(words) {
    if (!words.length) return [new Map(this.prior), false];
    const perWord = words.map((w) => this.token(w));
    let common = [...perWord[0].keys()];
    for (const m of perWord.slice(1)) common = common.filter((fid) => m.has(fid));
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
      for (const m of perWord) if (m.has(fid)) { sum += m.get(fid); n += 1; }
      const s = sum / (1 + 0.04 * this.labelLen.get(fid)) + this.prior.get(fid);
      scores.set(fid, s + (partial ? n * 10 : 0));
    }
    return [scores, partial];
  }
}
