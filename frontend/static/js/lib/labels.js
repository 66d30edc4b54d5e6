// Formation labels from the offline catalogue stored in IndexedDB, without decoding the whole snapshot
// or building its search index (lib/catalogue.js does that for the offline pages): for short lists such
// as the favourites on the « Tu es hors ligne » page.

import { db } from './db.js';

/** Map formation id -> label for the ids given (those the snapshot does not hold are left out). */
export async function formationLabels(ids) {
  const wanted = new Set(ids);
  const out = new Map();
  const snap = await (await db()).get('catalogue', 'snapshot');
  if (!snap || !wanted.size) return out;
  const id = snap.formation_fields.indexOf('id');
  const label = snap.formation_fields.indexOf('label');
  for (const row of snap.formations) {
    if (wanted.has(row[id])) out.set(row[id], row[label]);
  }
  return out;
}
