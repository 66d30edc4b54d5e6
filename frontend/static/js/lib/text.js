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
