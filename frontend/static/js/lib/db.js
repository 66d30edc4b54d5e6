// Local storage for the student's data on this device (IndexedDB via idb).
//
// Stores
//   favoris      {id, titre, url, ajouteLe}  keyPath "id", index "ajouteLe"
//   preferences  key -> any value

import { openDB } from 'idb';

const DB_NAME = 'mps';
const DB_VERSION = 1;

let dbPromise;

export function db() {
  if (!dbPromise) {
    dbPromise = openDB(DB_NAME, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          const favoris = database.createObjectStore('favoris', { keyPath: 'id' });
          favoris.createIndex('ajouteLe', 'ajouteLe');
          database.createObjectStore('preferences');
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

export async function clearAll() {
  const database = await db();
  await Promise.all([database.clear('favoris'), database.clear('preferences')]);
}
