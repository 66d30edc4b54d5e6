// The query string of /recherche read as the server reads it (backend/mps/domain/catalogue/params.py
// search_params(town_key="ville")): URLSearchParams -> the params of SearchIndex.search(), or an error
// naming the field. Also the town lookup the offline formation page sorts its places from.

import { fold, placeKey } from './text.js';

const MAX_Q = 200;
const TRUE = new Set(['1', 'true', 'oui', 'on', 'yes']);
const FALSE = new Set(['0', 'false', 'non', 'off', 'no']);

class ParamError extends Error {
  constructor(field, message) { super(`${field} : ${message}`); this.field = field; }
}

function parseBool(raw, name) {
  if (raw == null || raw === '') return null;
  const v = raw.trim().toLowerCase();
  if (TRUE.has(v)) return true;
  if (FALSE.has(v)) return false;
  throw new ParamError(name, 'attendu : true ou false');
}

function parseNear(raw) {
  if (raw == null || raw === '') return null;
  const raws = raw.split(',');
  const parts = raws.map(Number);
  if (parts.length !== 2 || raws.some((x) => !x.trim()) || parts.some((x) => Number.isNaN(x))) {
    throw new ParamError('near', 'attendu : latitude,longitude (par exemple 50.63,3.06)');
  }
  const [lat, lon] = parts;
  if (!(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180)) throw new ParamError('near', 'hors limites');
  return [lat, lon];
}

function parseRadius(raw, name) {
  if (raw == null || raw === '') return null;
  const r = Number(raw);
  if (raw.trim() === '' || Number.isNaN(r)) throw new ParamError(name, 'attendu : un nombre de kilomètres');
  if (!(r > 0 && r <= 1000)) throw new ParamError(name, 'attendu : entre 0 et 1000 km');
  return r;
}

/** geocode.py lookup(), over what the snapshot knows: towns that have places, every postcode. */
export function lookupTown(cat, text) {
  let t = String(text || '').trim();
  if (!t) return null;
  if (/^\d{5}$/.test(t)) return cat.postcodes.get(t) || null;
  let code = null;
  const m = t.match(/^(.*?)[\s(]+(\d{2,3}|2a|2b|\d{5})\)?$/i);
  if (m) { t = m[1]; code = m[2].toUpperCase(); }
  const town = cat.towns.get(placeKey(t));
  if (!town) return null;
  return code == null || town.postcode === code || town.departement_code === code.padStart(2, '0') ? town : null;
}

/** params.py parse_statut() (status.py): public, prive or sous_contrat, however written; null when none. */
export function readStatut(raw) {
  let key = fold(raw.replaceAll('_', ' '));
  if (key.startsWith('prive ') && key.endsWith('sous contrat')) key = 'sous contrat';
  return { public: 'public', publique: 'public', prive: 'prive', privee: 'prive', 'sous contrat': 'sous_contrat' }[key] || null;
}

/** URLSearchParams of /recherche -> search() params, or {error} naming the field (as the server page). */
export function searchParams(cat, query) {
  const get = (k) => query.get(k);
  try {
    const q = get('q') || '';
    if (q.length > MAX_Q) throw new ParamError('q', `${MAX_Q} caractères au plus`);
    let near = parseNear(get('near'));
    const radius = parseRadius(get('radius_km') || get('rayon'), get('rayon') ? 'rayon' : 'radius_km');
    if (near == null && get('ville')) {
      const town = lookupTown(cat, get('ville').slice(0, 100));
      if (!town) throw new ParamError('ville', `ville ou code postal inconnu : ${get('ville').slice(0, 100)}`);
      near = [town.lat, town.lon];
    }
    for (const key of ['academie', 'region']) if ((get(key) || '').length > 80) throw new ParamError(key, '80 caractères au plus');
    let family = null;
    if (get('famille')) {
      const raw = get('famille').trim().toLowerCase();
      // a browsing type, by code or name (params.py parse_family): every family code is one
      family = Object.keys(cat.types).find((code) => raw === code.toLowerCase() || raw === cat.types[code][0].toLowerCase());
      if (!family) throw new ParamError('famille', 'type de formation inconnu');
    }
    let departement = null;
    if (get('departement')) {
      const v = get('departement').trim();
      const found = cat.departementList.find(([code, name]) => [code.toLowerCase(), name.toLowerCase()].includes(v.toLowerCase()) || v.padStart(2, '0') === code);
      if (!found) throw new ParamError('departement', `département inconnu : ${v.slice(0, 40)}`);
      [departement] = found;
    }
    let statut = null;
    if (get('statut')) {
      statut = readStatut(get('statut').slice(0, 40));
      if (!statut) throw new ParamError('statut', 'attendu : public, prive ou sous_contrat');
    }
    return {
      statut, q: q.trim(), family, selective: parseBool(get('selective'), 'selective'),
      apprenticeship: parseBool(get('apprentissage'), 'apprentissage'), departement,
      academie: get('academie') || null, region: get('region') || null, near, radius,
    };
  } catch (e) {
    if (e instanceof ParamError) return { error: e.message, field: e.field };
    throw e;
  }
}
