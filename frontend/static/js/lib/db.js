// Local storage for the student's data on this device (IndexedDB via idb).
//
// Stores
//   favoris      {id, titre, url, ajouteLe}  keyPath "id", index "ajouteLe"
//   preferences  key -> any value
//   catalogue    "snapshot" -> the offline catalogue document, "etag" -> its ETag, "summary" -> its counts (lib/catalogue.js)
//   marks        {formation_id, kind, deleted, ambition, note, note_heads, places, version, seq}
//                keyPath "formation_id": the student's marks as last synced + local edits (lib/sync-core.js)
//   queue        {op_id, device_id, ts, kind, formation_id, value, base} keyPath "op_id", index "ts":
//                edits not yet acknowledged by POST /api/v1/sync
//   meta         key -> value: device_id, cursor, csrf, lastSync, plan ({doc: GET /api/v1/plan, at})
//   checklist    {op, stage, item, done, ts} keyPath "op", index "stage": stage preparation ticks not yet
//                acknowledged by POST /api/v1/stages/preparation/<stage>/coches (lib/checklist-sync.js)

import { openDB } from 'idb';

const DB_NAME = 'mps';
const DB_VERSION = 3;

let dbPromise;

export function db() {
  if (!dbPromise) {
    dbPromise = openDB(DB_NAME, DB_VERSION, {
      // Another tab (or the service worker) of a newer release needs to upgrade: let it.
      blocking(currentVersion, blockedVersion, event) {
        event.target.close();
        dbPromise = undefined;
      },
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const favoris = database.createObjectStore('favoris', { keyPath: 'id' });
          favoris.createIndex('ajouteLe', 'ajouteLe');
          database.createObjectStore('preferences');
        }
        if (oldVersion < 2) {
          database.createObjectStore('catalogue');
          database.createObjectStore('marks', { keyPath: 'formation_id' });
          database.createObjectStore('queue', { keyPath: 'op_id' }).createIndex('ts', 'ts');
          database.createObjectStore('meta');
        }
        if (oldVersion < 3) {
          database.createObjectStore('checklist', { keyPath: 'op' }).createIndex('stage', 'stage');
        }
      },
    });
  }
  return dbPromise;
}

export async function listFavoris() {
  const all = await (await db()).getAllFromIndex('favoris', 'ajouteLe');
  return all.reverse(); // most recent first
}

export async function getFavori(id) {
  return (await db()).get('favoris', String(id));
}

export async function addFavori({ id, titre, url }) {
  const favori = { id: String(id), titre: String(titre || ''), url: String(url || ''), ajouteLe: Date.now() };
  await (await db()).put('favoris', favori);
  return favori;
}

export async function removeFavori(id) {
  await (await db()).delete('favoris', String(id));
}

export async function getPreference(key) {
  return (await db()).get('preferences', key);
}

export async function setPreference(key, value) {
  await (await db()).put('preferences', value, key);
}

// Everything of the person on this device; the catalogue (public, long to download) stays.
export const USER_STORES = ['favoris', 'preferences', 'marks', 'queue', 'meta', 'checklist'];

/** Sign-out and account deletion: the next person on a shared phone finds nothing of the previous one. */
export async function clearUserData() {
  const database = await db();
  const tx = database.transaction(USER_STORES, 'readwrite');
  await Promise.all([...USER_STORES.map((store) => tx.objectStore(store).clear()), tx.done]);
}
