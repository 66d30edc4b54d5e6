// How the words of a query are read before they are searched (lib/search.js): a place named at the end (a town,
// misspelt or not, a postcode, a département, an académie, a région), « école » left out when it names no school,
// a job's name read as one token. A port of backend/mps/domain/catalogue/query_reading.py, metiers.py metier_run and
// query_words.py, kept parallel: the golden corpus checks both (tests/data/search_golden.json).

import { fold, indexWords, placeKey, variants } from './text.js';
import { ALL, withinOneEdit } from './matches.js';

const MISSPELT_TOWN_MIN = 5; // query_reading.py MISSPELT_TOWN_MIN
const MAX_PLACE_WORDS = 6; // query_reading.py MAX_PLACE_WORDS
const [OVERSEAS, OVERSEAS_KEY] = ['Outre-mer', 'outre mer']; // query_reading.py: « outre-mer », « dom tom »
/** places.py is_overseas(): 971 to 989 (« 99 » is abroad, 2A and 2B Corsica). */
export const isOverseas = (code) => code.length === 3;
const SCHOOL_NOUNS = new Set(['ecole', 'ecoles', 'school']); // query_reading.py SCHOOL_NOUNS
// query_words.py _DOTTED: « B.T.S. », « L.AS » are one word each
const DOTTED = /^(?:\p{L}{1,3}\.)+\p{L}{0,3}\.?$/u;
const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

/** query_words.py query_tokens(): folded words, single letters joined, dictionary phrases kept whole. */
export function queryTokens(q, phrases, stop) {
  return queryWords(q, phrases, stop).filter((w) => !stop.has(w));
}

/** query_words.py query_words(): queryTokens() with the stop words still there (Le Mans, Aix-en-Provence). */
export function queryWords(q, phrases, stop = new Set()) {
  if (q.includes('.')) q = q.split(/\s+/u).map((w) => (DOTTED.test(w) ? w.replaceAll('.', '') : w)).join(' ');
  let words = fold(q).split(' ').filter(Boolean);
  if (indexWords(words.join(' ')).length > words.length) {
    const out = [];
    let run = [];
    for (const w of [...words, '']) {
      if (w.length === 1 && /[a-z]/.test(w)) { run.push(w); continue; }
      // query_words.py: letters that are all stop words (« a l etranger ») are no label's letters (« b l »)
      if (run.length >= 2 && !run.every((l) => stop.has(l))) out.push(run.join('')); else out.push(...run);
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

export class QueryReading {
  /** query_reading.py QueryReading: what reading a query needs, worked out once per catalogue.
   * @param {object} cat decoded snapshot (lib/catalogue.js) @param {WordIndex} words @param {Set<string>} stop */
  constructor(cat, words, stop) {
    this.cat = cat;
    this.words = words;
    this.stop = stop;
    // vocabulary.py TEACHER_WORDS: « prof de » is filler (filler_words.txt), so « prof eps » reads as « prof d'eps »
    this.teacherWords = new Set([...stop].filter((p) => p.endsWith(' de')).map((p) => p.slice(0, -3)));
    this.metierLinks = cat.metierLinks; // vocabulary.py METIER_LINKS: a métier's name -> its linked formations
    this.metierWords = new Set([...this.metierLinks.keys()].flatMap((k) => k.split(' ')));
    this.metierPrefixes = new Set([...this.metierWords].map((w) => w.slice(0, 3))); // metiers.py PREFIXES
    this.metierWordOf = new Map();
    this.jobTowns = cat.jobTowns; // vocabulary.py JOB_WORDS that name a town with places (offline knows no other)
    this.locations = new Map();
    this.placeTowns = new Set();
    const counts = new Map(); // query_reading.py towns_by_start: a misspelt town (« bts bordeau »)
    for (const p of cat.places) {
      for (const [kind, name, value] of [['region', p.region, p.region], ['academie', p.academie, p.academie],
        ['departement', p.departement, p.departement_code]]) {
        const key = placeKey(name);
        if (!this.locations.has(key)) this.locations.set(key, [kind, value]);
      }
      const code = p.departement_code.toLowerCase(); // query_reading.py _location_keys: « bts 69 », « 2a »
      if (!this.locations.has(code)) this.locations.set(code, ['departement', p.departement_code]);
      if (isOverseas(p.departement_code) && !this.locations.has(OVERSEAS_KEY)) this.locations.set(OVERSEAS_KEY, ['overseas', OVERSEAS]);
      const k = placeKey(p.commune);
      this.placeTowns.add(k);
      counts.set(k, (counts.get(k) || 0) + 1);
    }
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

  /** query_reading.py split_place(): a place at the end (stop words count in its name, never alone), the
   * other words without their stop words. */
  splitPlace(words) {
    let found = this.placeAtEnd(words);
    if (!found[1] && !found[2] && words.length > 1) found = this.placeAtStart(words) || found;
    const [rest, location, town] = found;
    return [rest.filter((w) => !this.stop.has(w)), location, town];
  }

  /** query_reading.py place_at_start(): « toulouse bts »: a place first, read as at the end, when the words after
   * it name formations; its name as written, stop words before it kept when they begin it (« les ponts de cé »). */
  placeAtStart(words) {
    let lead = 0;
    while (lead < words.length && this.stop.has(words[lead])) lead += 1;
    for (let n = Math.min(MAX_PLACE_WORDS, words.length - lead - 1); n > 0; n -= 1) {
      const rest = words.slice(lead + n);
      // query_reading.py: a school named from its town on (« paris saclay ») is no place
      if (this.words.schools.has(words.slice(lead, lead + n + 1).join('')) || !this.namesFormations(rest)) continue;
      for (const start of lead ? [0, lead] : [0]) {
        const got = this.placeAtEnd(rest.concat(words.slice(start, lead + n)), true);
        if (got[0].length === rest.length
            && (got[1] || (got[2] && this.placeTowns.has(placeKey(got[2].name))))) return got;
      }
    }
    return null;
  }

  placeAtEnd(words, exact = false) {
    const tokens = words.filter((w) => !this.stop.has(w));
    const run = this.metierRun(tokens);
    // query_reading.py: a job's name to the end, unless one word after a word that names formations
    if (run && run[1] === tokens.length && (run[1] - run[0] > 1 || !this.namesFormations(tokens.slice(0, run[0])))) {
      return [words, null, null];
    }
    for (let n = Math.min(MAX_PLACE_WORDS, words.length); n > 0; n -= 1) {
      if (words.slice(-n).every((w) => this.stop.has(w))) continue;
      const key = placeKey(words.slice(-n).join(' '));
      const rest = words.slice(0, -n);
      const town = this.town(key);
      // query_reading.py: a town named as a job (Avion, Mâcon) is a place only after a word that names formations
      if (town && this.placeTowns.has(placeKey(town.name)) && (!this.jobTowns.has(key) || this.namesFormations(rest))) {
        return [rest, null, town];
      }
      if (this.locations.has(key) && !(n === 1 && this.namedWith(rest, key))) {
        const [kind, value] = this.locations.get(key);
        if (kind === 'academie' && n > 1 && !rest.includes('academie')) { // query_reading.py: « droit nancy metz »
          const two = this.twoTowns(words, n);
          if (two) return two;
        }
        if (kind === 'departement' && key === value.toLowerCase() && n < words.length) { // query_reading.py: « valence 26 »
          const [before, , town2] = this.placeAtEnd(rest);
          if (town2) return town2.departement_code === value ? [before, null, town2] : [before, [kind, value], null];
        }
        return [rest, [kind, value], null];
      }
      if (town && !this.words.knows(key) && !this.jobTowns.has(key)) return [rest, null, town];
      if (n <= 2 && !exact && !town && key.length >= MISSPELT_TOWN_MIN) { // « bordeau », « clermont ferran »
        const near = this.misspeltTown(key);
        if (near) return [rest, null, near];
      }
    }
    let stopRun = 0; // query_reading.py: « bts lyon en (alternance) », « … lyon svp »: the place before them
    while (stopRun < words.length && this.stop.has(words[words.length - 1 - stopRun])) stopRun += 1;
    if (stopRun > 0 && stopRun < words.length) return this.placeAtEnd(words.slice(0, -stopRun), exact);
    return [words, null, null];
  }

  /** query_reading.py two_towns(): an académie named after two towns with places (Nancy-Metz): the second town, with
   * the first left for townBefore(). */
  twoTowns(words, n) {
    for (let k = 1; k < n; k += 1) {
      const end = words.length - n + k;
      const [first, last] = [words.slice(-n, end), words.slice(end)].map((part) => this.townWithPlaces(placeKey(part.join(' '))));
      if (first && last) return [words.slice(0, end), null, last];
    }
    return null;
  }

  townWithPlaces(key) {
    const town = this.cat.towns.get(key);
    return town && this.placeTowns.has(placeKey(town.name)) ? town : null;
  }

  /** query_reading.py town_before(): « bts lyon ou grenoble »: a second town before the one read at the end (its
   * name exactly, a town with places and no job's word), and the words before it. */
  townBefore(words) {
    let end = words.length;
    while (end > 0 && this.stop.has(words[end - 1])) end -= 1; // « ou », « et »
    for (let n = Math.min(MAX_PLACE_WORDS, end); n > 0; n -= 1) {
      const key = placeKey(words.slice(end - n, end).join(' '));
      const town = this.town(key);
      if (town && !/^\d{5}$/.test(key) && this.placeTowns.has(placeKey(town.name)) && !this.jobTowns.has(key)) {
        return [words.slice(0, end - n).filter((w) => !this.stop.has(w)), town];
      }
    }
    return null;
  }

  /** query_reading.py misspelt_town(): the town with places one slip away, when the word names no formation itself. */
  misspeltTown(key) {
    // « montaigne » is a school's word, « parcs » a job's (not Paris)
    const cut = key.lastIndexOf(' '); // « clermont ferran »: a town's first word, then the slip
    const first = key.slice(0, Math.max(cut, 0));
    const last = key.slice(cut + 1);
    if (this.words.knows(last) || this.words.schools.has(last) || this.metierWords.has(this.metierWord(last))) return null;
    for (const [, [, places]] of this.words.token(last)) if (places === ALL) return null;
    for (const name of this.townsByStart.get(key.slice(0, 2)) || []) {
      if (withinOneEdit(key, name) && (!first || name.startsWith(`${first} `))) {
        const town = this.town(name);
        return town && this.placeTowns.has(placeKey(town.name)) ? town : null;
      }
    }
    return null;
  }

  /** query_reading.py plain_words(): « dinge » is « d'inge », « prof eps » is « prof d'eps », « école » idle. */
  plainWords(words) {
    const knows = (w) => this.words.knows(w);
    words = words.map((w) => ('dl'.includes(w[0]) && w.length > 3 && !knows(w) && !this.words.schools.has(w)
      && knows(w.slice(1)) ? w.slice(1) : w));
    if (words.slice(0, -1).some((w) => this.teacherWords.has(w))) {
      const run = this.metierRun(words) || [0, 0]; // « professeur de sport » is a métier's name: kept whole
      words = words.filter((w, i) => !this.teacherWords.has(w) || i + 1 === words.length
        || (run[0] <= i && i < run[1]) || SCHOOL_NOUNS.has(words[i + 1]) || !knows(words[i + 1]));
    }
    return this.withoutIdleSchoolWord(words);
  }

  /** query_reading.py without_idle_school_word(): « école d'orthophonie » is the orthophonie formation; « école » stays
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

  /** query_reading.py school_numbers(): « paris 8 » is a university by its number, one word as schools are indexed. */
  schoolNumbers(words) {
    for (let i = words.length - 1; i > 0; i -= 1) {
      const number = words[i];
      if (number.length <= 2 && /^[0-9]+$/.test(number) && this.words.schools.has(words[i - 1] + number)) {
        words = [...words.slice(0, i - 1), words[i - 1] + number, ...words.slice(i + 1)];
      }
    }
    return words;
  }

  /** query_reading.py named_with(): a label's word the other words find with it (« licence droit étranger »). */
  namedWith(words, key) {
    let named = new Set();
    for (const [fid, [, places]] of this.words.token(key)) if (places === ALL) named.add(fid);
    const rest = words.filter((w) => !this.stop.has(w));
    for (const w of rest) {
      if (!named.size) break;
      const found = this.words.token(w);
      named = new Set([...named].filter((fid) => found.has(fid)));
    }
    return rest.length > 0 && named.size > 0;
  }

  /** query_reading.py names_formations(): some word names formations. */
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
}
