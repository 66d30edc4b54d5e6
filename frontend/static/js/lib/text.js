// Text folding shared with the server (backend/mps/lib/text.py): the same keys on both sides.

/** Lower-case, strip accents, map ligatures and odd apostrophes: 'Écoles d’Ingé' -> 'ecoles d inge'. */
export function fold(text) {
  const t = String(text || '').replace(/[œŒ]/g, 'oe').replace(/[æÆ]/g, 'ae');
  return t.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^a-z0-9]+/g, ' ').trim();
}

/** Key for town names: 'Saint-Étienne' == 'st etienne' == 'SAINT ETIENNE'. */
export function placeKey(name) {
  return fold(name).split(' ').filter(Boolean).map((w) => (w === 'st' ? 'saint' : w === 'ste' ? 'sainte' : w)).join(' ');
}

const COMPOUND = /[\p{L}\p{N}_]+(?:-[\p{L}\p{N}_]+)+/gu;

/** The words a text is found by (backend/mps/lib/text.py index_words): folded words, runs of single
 * letters joined ("B/L" -> "bl"), hyphenated compounds joined ("audio-visuel" -> "audiovisuel"). */
export function indexWords(text) {
  const words = fold(text).split(' ').filter(Boolean);
  const out = [...words];
  let run = [];
  for (const w of [...words, '']) {
    if (w.length === 1 && /[a-z]/.test(w)) {
      run.push(w);
      continue;
    }
    if (run.length >= 2) out.push(run.join(''));
    run = [];
  }
  for (const c of String(text || '').match(COMPOUND) || []) out.push(fold(c).replace(/ /g, ''));
  return out;
}

const SINGULAR = [['eaux', 'eau'], ['aux', 'al'], ['s', ''], ['x', '']];
const MASCULINE = [['ieres', 'ier'], ['iere', 'ier'], ['trices', 'teur'], ['trice', 'teur'], ['euses', 'eur'],
  ['euse', 'eur'], ['iennes', 'ien'], ['ienne', 'ien'], ['ives', 'if'], ['ive', 'if'], ['elles', 'el'],
  ['elle', 'el'], ['ettes', 'et'], ['ette', 'et'], ['onnes', 'on'], ['onne', 'on'], ['eres', 'er'], ['ere', 'er'], ['ee', 'e'], ['e', '']];
const FIELD = [['icien', 'ique'], ['cien', 'cie'], ['logue', 'logie'], ['iste', 'isme'], ['iste', 'ie'], ['able', 'abilite'],
  ['culteur', 'culture']];

/** Other forms of a folded word (text.py variants): singular, masculine, the field of a job's name. */
export function variants(word) {
  const out = [];
  const add = (w) => { if (w.length >= 3 && w !== word && !out.includes(w)) out.push(w); };
  const forms = [word];
  for (const [end, repl] of SINGULAR) {
    if (word.length > 3 && word.endsWith(end)) { forms.push(word.slice(0, -end.length) + repl); break; }
  }
  for (const form of [...forms]) {
    for (const [end, repl] of MASCULINE) {
      if (form.length > 4 && form.endsWith(end)) { forms.push(form.slice(0, -end.length) + repl); break; }
    }
  }
  for (const form of [...forms]) {
    for (const [end, repl] of FIELD) if (form.endsWith(end)) forms.push(form.slice(0, -end.length) + repl);
  }
  for (const f of forms) add(f);
  return out;
}

// text.py sound_key(): how a folded word sounds, roughly, in French spelling (« veterinere »).
const SOUNDS = [['ph', 'f'], ['th', 't'], ['qu', 'k'], ['eau', 'o'], ['au', 'o'], ['ai', 'e'], ['ei', 'e'],
  ['ce', 'se'], ['ci', 'si'], ['cy', 'si'], ['c', 'k'], ['y', 'i'], ['h', ''], ['tion', 'sion']];

export function soundKey(word) {
  let w = word;
  for (const [spelled, sound] of SOUNDS) w = w.replaceAll(spelled, sound);
  return w.replace(/(.)\1+/g, '$1').replace(/[es]+$/, '');
}
