// The offline catalogue: GET /api/v1/catalogue/snapshot stored in IndexedDB (store "catalogue"),
// refreshed when the server's version changes (If-None-Match / ETag: an unchanged catalogue costs a
// 304), decoded once per page into plain objects, searched with lib/search.js.
// Used by the service worker (refreshCatalogue) and by the offline pages (loadCatalogue).

import { db } from './db.js';
import { fold } from './text.js';
import { SearchIndex } from './search.js';

const URL_SNAPSHOT = '/api/v1/catalogue/snapshot';
const FORMAT = 9; // snapshot format this code was written for (backend/mps/domain/catalogue/snapshot.py)
// Formats it reads: a device holding an older copy keeps searching it (without what came later: format 8 has no
// place status, so no public/privé filter) until the worker stores the new one.
export const READABLE = new Set([8, FORMAT]);

/** A snapshot this code can draw pages from: it decodes, and holds formations and places. A download cut
 * short or garbled (a proxy's page, a server bug) must never replace the good copy on the device. */
function readable(snap) {
  try {
    const cat = decode(snap);
    return cat.formations.length > 0 && cat.places.length > 0 && cat.places.every((p) => p.formation_id);
  } catch {
    return false;
  }
}

/** What a snapshot holds, kept beside it ("summary") to say what the next one changed without reading it back. */
const summary = (snap) => ({ session: snap.session, formations: snap.formations.length, places: snap.places.length });

/** The stored snapshot's summary; a device whose copy came before summaries were kept reads it once. */
async function storedSummary(database) {
  const kept = await database.get('catalogue', 'summary');
  if (kept) return kept;
  const old = await database.get('catalogue', 'snapshot');
  return old && old.formations ? summary(old) : null;
}

/** Download the snapshot if the server has a newer one. Resolves to { result, change }: result "updated",
 * "unchanged", "offline" or "corrupt" (the download was refused: the stored snapshot stays); change, when a
 * snapshot replaced an earlier one, { before, after } summaries (lib/catalogue-notice.js tells the student). */
export async function refreshCatalogue() {
  const database = await db();
  const etag = await database.get('catalogue', 'etag');
  let response;
  try {
    response = await fetch(URL_SNAPSHOT, { headers: etag ? { 'If-None-Match': etag } : {}, credentials: 'omit', cache: 'no-store' });
  } catch {
    return { result: 'offline' };
  }
  if (response.status === 304) return { result: 'unchanged' };
  if (!response.ok) return { result: 'offline' };
  let snap;
  try {
    snap = await response.json();
  } catch {
    return { result: 'corrupt' }; // cut mid-way: not JSON
  }
  if (!snap || !READABLE.has(snap.format)) return { result: 'unchanged' }; // another release's format: keep what works
  if (!readable(snap)) return { result: 'corrupt' };
  const before = etag ? await storedSummary(database) : null;
  const after = summary(snap);
  const tx = database.transaction('catalogue', 'readwrite');
  await Promise.all([tx.store.put(snap, 'snapshot'), tx.store.put(response.headers.get('ETag'), 'etag'),
    tx.store.put(Date.now(), 'fetchedAt'), tx.store.put(after, 'summary'), tx.done]);
  return { result: 'updated', change: before ? { before, after } : null };
}

export async function hasCatalogue() {
  return Boolean(await (await db()).getKey('catalogue', 'snapshot'));
}

/** Plain objects from the compact document (rows are arrays, repeated strings go through a table). */
export function decode(snap) {
  const s = snap.strings;
  const fi = Object.fromEntries(snap.formation_fields.map((name, i) => [name, i]));
  const pi = Object.fromEntries(snap.place_fields.map((name, i) => [name, i]));
  const depNames = new Map(snap.departements);
  const statuts = pi.statut != null && snap.statuts ? snap.statuts : null; // status.py ORDER
  const formations = snap.formations.map((r) => ({
    id: r[fi.id], label: r[fi.label], family: s[r[fi.family]], group_label: s[r[fi.group_label]],
    detail_label: s[r[fi.detail_label]], selective: Boolean(r[fi.selective]), apprenticeship: Boolean(r[fi.apprenticeship]),
    type: s[r[fi.type]], type_label: (snap.types[s[r[fi.type]]] || [s[r[fi.type]]])[0], places: [],
  }));
  const places = snap.places.map((r) => {
    const f = formations[r[pi.formation]];
    const p = {
      cod_aff_form: r[pi.cod_aff_form], formation_id: f.id, etablissement: s[r[pi.etablissement]], commune: s[r[pi.commune]],
      departement_code: r[pi.departement_code], departement: depNames.get(r[pi.departement_code]) || '',
      lat: r[pi.lat], lon: r[pi.lon], taux_acces: r[pi.taux_acces], capacity: r[pi.capacity], candidates: r[pi.candidates],
      pct_general: r[pi.pct_general], pct_techno: r[pi.pct_techno], pct_pro: r[pi.pct_pro],
      selective: Boolean(r[pi.selective]), apprenticeship: Boolean(r[pi.apprenticeship]),
      academie: s[r[pi.academie]], region: s[r[pi.region]], option: s[r[pi.option]] || '',
      health_access: s[r[pi.family]] === 'Licence_Las', remote: Boolean(r[pi.remote]), order: 0,
      statut: statuts ? statuts[r[pi.statut]] : null, // (format 8: unknown)
    };
    f.places.push(p);
    return p;
  });
  for (const f of formations) {
    // the server's order of a formation's places: town, then establishment
    const keyed = f.places.map((p) => [fold(p.commune), fold(p.etablissement), p.cod_aff_form, p]);
    keyed.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[2] - b[2]));
    f.places = keyed.map((k, i) => Object.assign(k[3], { order: i }));
    f.selective_places = f.places.filter((p) => p.selective).length;
    f.selectivity = selectivity(f.selective_places, f.places.length);
  }
  const tf = Object.fromEntries(snap.town_fields.map((name, i) => [name, i]));
  const towns = new Map(snap.towns.map((r) => [r[tf.key], {
    name: r[tf.name], postcode: r[tf.postcode], departement_code: r[tf.departement_code], lat: r[tf.lat], lon: r[tf.lon] }]));
  const postcodes = new Map(snap.postcodes.map(([code, name, dep, lat, lon]) => [code, {
    name, postcode: code, departement_code: dep, lat, lon }]));
  return {
    version: snap.version, session: snap.session, formations, places, types: snap.types, synonyms: snap.synonyms,
    stopWords: snap.stop_words, filterWords: snap.filter_words || {}, optionWords: new Set(snap.option_words || []), acronymSkip: snap.acronym_skip, towns, postcodes, departementList: snap.departements,
    byId: new Map(formations.map((f) => [f.id, f])),
    metierLinks: new Map(Object.entries(snap.metier_links || {}).map(([k, ix]) => [k, ix.map((i) => formations[i].id)])),
    jobTowns: new Set(snap.job_towns || []),
    placeNames: snap.place_names || {},
    schoolKinds: new Set(snap.school_kinds || []),
    hasStatus: Boolean(statuts), statusWords: snap.status_words || {}, statusKept: new Set(snap.status_kept || []),
    byCod: new Map(places.map((p) => [p.cod_aff_form, p])),
  };
}

/** The server's summary (FormationRec.selectivity): "Sélective dans 12 lieux sur 30". */
export function selectivity(n, total) {
  if (n === 0) return 'Non sélective';
  if (n === total) return total === 1 ? 'Sélective' : 'Sélective partout';
  return `Sélective dans ${n} lieu${n > 1 ? 'x' : ''} sur ${total}`;
}

let loaded;

/** The decoded catalogue with its search index (null when nothing is stored yet). */
export function loadCatalogue() {
  if (!loaded) {
    loaded = (async () => {
      const snap = await (await db()).get('catalogue', 'snapshot');
      if (!snap || !READABLE.has(snap.format)) {
        loaded = undefined; // not there yet: look again next time
        return null;
      }
      const cat = decode(snap);
      cat.search = new SearchIndex(cat);
      return cat;
    })();
  }
  return loaded;
}
