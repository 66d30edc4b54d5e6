// Which formations a query word finds, and how well: a port of backend/mps/domain/catalogue/words.py
// (same weights, same order of trials, same rarity), so that offline search ranks as the server does.
// tests/data/search_golden.json is checked against both (frontend/tests/search.test.js, pytest).

import { ALL, better, combineAll, deletes, withinOneEdit } from './matches.js';
import { fold, indexWords, soundKey, variants } from './text.js';

/** words.py school_index_words(): a school name's words, and each word with the number after it (« paris8 »). */
export function schoolIndexWords(name) {
  const words = indexWords(name);
  const out = [...words];
  for (let i = 1; i < words.length; i += 1) {
    const [a, b] = [words[i - 1], words[i]];
    if (b.length <= 2 && /^[0-9]+$/.test(b) && /^[a-z]+$/.test(a)) out.push(a + b);
  }
  return out;
}

const FIELD_WEIGHTS = [['label', 1.0], ['detail_label', 0.6], ['group_label', 0.5]];
const FAMILY_WEIGHT = 0.9;
const ACRONYM_WEIGHT = 1.0;
const OPTION_WEIGHT = 0.45;
const SCHOOL_WEIGHT = 0.4; // words.py: a word of a place's school name, those places only
const SCHOOL_WORD_SHARE = 1 / 40; // words.py: a word in more places' school names tells no school apart
const PREFIX_FACTOR = 0.85;
const VARIANT_FACTOR = 0.95;
const TYPO_FACTOR = 0.6;
const MEANING_STEP = 0.03;
const SELF_FACTOR = 0.9;
// vocabulary.py OPTION_START: where a name stops and its option begins.
const OPTION_START = /\s+(?:-\s+)?(?:parcours|option|opt|sp[ée]cialit[ée]|mention)(?=$|[\s:.,;()-]).*$|\(.*?\)/giu;

const maxScore = (matches) => Math.max(...[...matches.values()].map((m) => m[0]));

/** vocabulary.py acronyms(): "Gestion des entreprises et des administrations" -> ["gea"]; a name's first part too
 * ("Génie civil - Construction durable" -> ["gccd", "gc"]). */
export function acronyms(name, skip) {
  const base = String(name || '').replace(OPTION_START, '');
  const first = base.split(' - ')[0];
  const out = initials(base, skip);
  if (first !== base) for (const a of initials(first, skip)) if (!out.includes(a)) out.push(a);
  return out;
}

function initials(base, skip) {
  const letters = [];
  for (const raw of base.split(/[\s\-/'’,:.]+/u)) {
    if (!raw) continue;
    if (raw.length >= 2 && /^\p{L}+$/u.test(raw) && raw === raw.toUpperCase() && raw !== raw.toLowerCase()) {
      letters.push(fold(raw));
      continue;
    }
    const word = fold(raw);
    if (word && !skip.has(word) && !/^\d+$/.test(word)) letters.push(word[0]);
  }
  const initials = letters.join('');
  return initials.length >= 2 ? [initials] : [];
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

export class WordIndex {
  constructor(cat) {
    this.stop = new Set(cat.stopWords);
    this.synonyms = cat.synonyms;
    this.optionWords = cat.optionWords || new Set(); // vocabulary.py OPTION_WORDS
    const skip = new Set(cat.acronymSkip);
    const postings = new Map();
    const options = new Map();
    const schools = new Map();
    const placeWord = (into, word, fid, cod) => {
      if (this.stop.has(word)) return;
      let byF = into.get(word);
      if (!byF) into.set(word, (byF = new Map()));
      if (!byF.has(fid)) byF.set(fid, new Set());
      byF.get(fid).add(cod);
    };
    const post = (word, fid, weight) => {
      if (!word || this.stop.has(word)) return;
      let m = postings.get(word);
      if (!m) postings.set(word, (m = new Map()));
      if ((m.get(fid) || 0) < weight) m.set(fid, weight);
    };
    this.labelLen = new Map();
    this.placesCount = new Map();
    for (const f of cat.formations) {
      for (const [attr, weight] of FIELD_WEIGHTS) for (const word of indexWords(f[attr])) post(word, f.id, weight);
      for (const alias of (cat.types[f.type] || ['', []])[1]) {
        for (const word of alias.split(' ')) post(word, f.id, FAMILY_WEIGHT);
      }
      const parts = f.label.split(' - ');
      for (const name of new Set([f.detail_label, parts[parts.length - 1]])) {
        for (const acronym of acronyms(name, skip)) post(acronym, f.id, ACRONYM_WEIGHT);
      }
      for (const p of f.places) {
        for (const word of indexWords(p.option)) placeWord(options, word, f.id, p.cod_aff_form);
        for (const word of schoolIndexWords(p.etablissement)) placeWord(schools, word, f.id, p.cod_aff_form);
      }
      this.placesCount.set(f.id, f.places.length);
      this.labelLen.set(f.id, fold(f.label).split(' ').filter(Boolean).length);
    }
    this.postings = postings;
    this.options = options;
    const most = SCHOOL_WORD_SHARE * cat.formations.reduce((n, f) => n + f.places.length, 0);
    const placesOf = (byF) => [...byF.values()].reduce((n, c) => n + c.size, 0);
    const kinds = cat.schoolKinds || new Set(); // words.py _telling: « lycée » tells its places from the others
    this.schools = new Map([...schools].filter(([w, byF]) => kinds.has(w) || placesOf(byF) <= most));
    const shared = new Map(); // equal sets shared, as words.py does: the words of one name keep the same places
    for (const byF of this.schools.values()) {
      for (const [fid, cods] of byF) {
        const key = cods.size === 1 ? cods.values().next().value : [...cods].join(' ');
        if (!shared.has(key)) shared.set(key, cods);
        byF.set(fid, shared.get(key));
      }
    }
    this.schoolPlaces = new Map([...this.schools].map(([w, byF]) => [w, placesOf(byF)]));
    this.vocab = [...new Set([...postings.keys(), ...options.keys(), ...this.schools.keys()])].sort();
    this.n = Math.max(1, cat.formations.length);
    this.byDelete = null;
    this.bySound = null;
    this.cache = new Map();
    this.cacheNamed = new Map(); // words.py _cache_named: word() without schools' names
  }

  knows(key) {
    return this.postings.has(key) || this.options.has(key) || Object.hasOwn(this.synonyms, key);
  }

  /** words.py _term(): `named` gets the formations found by more than a school's name. */
  term(term, factor, into, named, schools = true) {
    for (const [fid, w] of this.postings.get(term) || []) { better(into, fid, w * factor, ALL); named.add(fid); }
    for (const [fid, cods] of this.options.get(term) || []) {
      const share = cods.size / this.placesCount.get(fid);
      better(into, fid, OPTION_WEIGHT * (1 + share) * factor, cods);
      named.add(fid);
    }
    if (!schools) return;
    for (const [fid, cods] of this.schools.get(term) || []) {
      const share = cods.size / Math.min(this.placesCount.get(fid), this.schoolPlaces.get(term));
      better(into, fid, SCHOOL_WEIGHT * (1 + share) * factor, cods);
    }
  }

  prefixed(word, factor, into, named, schools) {
    schools = schools && !this.schools.has(word); // "polytech" names its schools, not "Polytechnique"'s
    for (let i = bisectRight(this.vocab, word); i < this.vocab.length && this.vocab[i].startsWith(word); i += 1) {
      this.term(this.vocab[i], PREFIX_FACTOR * factor, into, named, schools);
    }
  }

  /** words.py _forms(): the word, by prefix, and its other forms (plural, feminine, a job's field); a word corrected
   * from a typo finds schools by its own name only. */
  forms(word, factor, into, named, schools, corrected = false) {
    this.term(word, factor, into, named, schools);
    schools = schools && !corrected;
    if (word.length >= 5 || (word.length >= 3 && !into.size)) this.prefixed(word, factor, into, named, schools);
    for (const form of variants(word)) {
      this.term(form, VARIANT_FACTOR * factor, into, named, schools);
      if (form.length >= 5) this.prefixed(form, VARIANT_FACTOR * factor, into, named, schools);
    }
  }

  /** words.py word(): without `schools`, not by the word in a school's name (a dictionary word's own match). */
  word(word, schools = true) {
    const cache = schools ? this.cache : this.cacheNamed;
    const cached = cache.get(word);
    if (cached) return cached;
    const matches = new Map();
    const named = new Set();
    this.forms(word, 1.0, matches, named, schools);
    if (!matches.size && word.length >= 5) { // one typo in the word, else in its other forms (words.py)
      let terms = this.typos(word);
      if (!terms.length) terms = [...new Set(variants(word).filter((v) => v.length >= 5).flatMap((v) => this.typos(v)))];
      if (!terms.length) terms = [...this.soundsLike(word)]; // typed by ear: « veterinere »
      // each found as the word typed right would be (« immobillier »: immobilières), in words.py's order
      for (const t of terms.sort()) this.forms(t, TYPO_FACTOR, matches, named, schools, true);
    }
    const idf = Math.log(1 + this.n / Math.max(1, named.size));
    const found = new Map();
    for (const [fid, [s, places]] of matches) found.set(fid, [s * idf, places]);
    if (cache.size > 20000) cache.clear();
    cache.set(word, found);
    return found;
  }

  /** words.py _sounds_like(): the catalogue's words (5 letters or more) that sound as `word` does. */
  soundsLike(word) {
    if (!this.bySound) {
      this.bySound = new Map();
      for (const t of this.vocab) {
        if (t.length < 5) continue;
        const k = soundKey(t);
        if (!this.bySound.has(k)) this.bySound.set(k, []);
        this.bySound.get(k).push(t);
      }
    }
    return this.bySound.get(soundKey(word)) || [];
  }

  typos(word) {
    if (!this.byDelete) {
      this.byDelete = new Map();
      for (const t of this.vocab) {
        if (t.length < 4) continue;
        for (const d of deletes(t)) {
          if (!this.byDelete.has(d)) this.byDelete.set(d, new Set());
          this.byDelete.get(d).add(t);
        }
      }
    }
    const candidates = new Set(this.byDelete.get(word) || []);
    for (const d of deletes(word)) {
      for (const t of this.byDelete.get(d) || []) candidates.add(t);
      if (this.postings.has(d) || this.options.has(d) || this.schools.has(d)) candidates.add(d);
    }
    return [...candidates].filter((t) => withinOneEdit(word, t));
  }

  /** words.py dictionary_meanings(): the dictionary's meanings of a token, or of one of its other forms. */
  meanings(token) {
    if (Object.hasOwn(this.synonyms, token)) return this.synonyms[token];
    if (token.includes(' ')) return [];
    const form = variants(token).find((v) => Object.hasOwn(this.synonyms, v));
    return form ? this.synonyms[form] : [];
  }

  /** words.py _token(): a query token through the students' dictionary (each meaning needs all its words), then the
   * word itself, after its meanings and by formations' names only. */
  token(token) {
    const meanings = this.meanings(token);
    const best = new Map();
    meanings.forEach((m, i) => {
      const all = m.split(' ').filter(Boolean);
      const kept = all.filter((w) => !this.stop.has(w));
      const words = kept.length ? kept : all;
      for (const [fid, [s, places]] of combineAll(words.map((w) => this.word(w)))) {
        better(best, fid, (s / words.length) * (1.0 - MEANING_STEP * i), places);
      }
    });
    if (meanings.includes(token) || token.includes(' ')) return best;
    if (!meanings.length) return this.word(token);
    const own = this.word(token, false);
    let factor = SELF_FACTOR;
    if (best.size && own.size) factor *= Math.min(1.0, maxScore(best) / maxScore(own));
    const narrows = this.optionWords.has(token); // the meaning names the formation, the word its places' options
    for (const [fid, [s, places]] of own) {
      const old = best.get(fid);
      if (narrows && old && old[1] === ALL && places !== ALL) best.set(fid, [Math.max(old[0], s * factor), places]);
      else better(best, fid, s * factor, places);
    }
    return best;
  }
}
