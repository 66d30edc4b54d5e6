// What a query word finds, and how matches combine (formation -> [score, the places that qualify]), and the
// one-typo test the word index and the readers share: a port of backend/mps/domain/catalogue/matches.py.

export const ALL = null; // a match on the formation itself: every place qualifies

export function deletes(word) {
  const out = new Set();
  for (let i = 0; i < word.length; i += 1) out.add(word.slice(0, i) + word.slice(i + 1));
  return out;
}

export function withinOneEdit(a, b) {
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

const union = (a, b) => new Set([...a, ...b]);
const inter = (a, b) => new Set([...a].filter((x) => b.has(x)));

/** Keep the best score; a match on the formation itself beats a match on some of its places. */
export function better(into, fid, score, places) {
  const old = into.get(fid);
  if (!old) { into.set(fid, [score, places]); return; }
  const merged = old[1] === ALL || places === ALL ? ALL : union(old[1], places);
  into.set(fid, [Math.max(old[0], score), merged]);
}

/** Formations every part matched: scores added, places narrowed to those every part allows. */
export function combineAll(parts) {
  if (!parts.length) return new Map();
  let out = new Map(parts[0]);
  for (const part of parts.slice(1)) {
    const next = new Map();
    for (const [fid, [s, places]] of out) {
      const other = part.get(fid);
      if (!other) continue;
      const narrowed = places === ALL ? other[1] : other[1] === ALL ? places : inter(places, other[1]);
      if (narrowed === ALL || narrowed.size) next.set(fid, [s + other[0], narrowed]);
    }
    out = next;
  }
  return out;
}
