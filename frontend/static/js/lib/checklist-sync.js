// The stage preparation checklist's ticks waiting to reach the server, in IndexedDB (store "checklist")
// where the service worker reads them too: the page sends them at once when it can, and otherwise asks
// for Background Sync (tag mps-checklist), so the worker sends them when the network is back even if
// the page was closed. Shared by lib/checklist.js and the service worker (sw.js).
//
// A tick is {op, stage, item, done, ts}; the server keeps per item the tick with the latest (ts, op), so
// sending one twice, or from two devices, changes nothing (domain/stages/preparation/checklist.py).

import { db } from './db.js';

export const CHECKLIST_TAG = 'mps-checklist';

export async function queueTick(stage, tick) {
  await (await db()).put('checklist', { ...tick, stage: String(stage) });
}

export async function queuedTicks(stage) {
  const ticks = await (await db()).getAllFromIndex('checklist', 'stage', String(stage));
  return ticks.sort((a, b) => a.ts - b.ts);
}

async function sendStage(database, stage, ticks, csrf) {
  let response;
  try {
    response = await fetch(`/api/v1/stages/preparation/${encodeURIComponent(stage)}/coches`, {
      method: 'POST', credentials: 'same-origin', cache: 'no-store',
      headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrftoken': csrf },
      body: JSON.stringify({ ticks: ticks.map(({ item, done, ts, op }) => ({ item, done, ts, op })) }),
    });
  } catch {
    return 'offline';
  }
  // 5xx, 429, 403 (a CSRF token to refresh on the next page): kept, tried again later.
  if (response.status >= 500 || response.status === 429 || response.status === 403) return 'error';
  // Answered (applied, stale, duplicate or refused for good): these ticks are done with.
  const tx = database.transaction('checklist', 'readwrite');
  await Promise.all([...ticks.map((t) => tx.store.delete(t.op)), tx.done]);
  return response.ok ? 'sent' : 'refused';
}

/** Send the queued ticks (of one stage, or all). Resolves to "sent", "refused", "offline", "error" or
 * "empty"; never throws. */
export async function sendTicks(stage = null) {
  const database = await db();
  const all = stage === null ? await database.getAll('checklist') : await queuedTicks(stage);
  if (!all.length) return 'empty';
  const csrf = (await database.get('meta', 'csrf')) || '';
  const byStage = new Map();
  for (const t of all.sort((a, b) => a.ts - b.ts)) byStage.set(t.stage, [...(byStage.get(t.stage) || []), t]);
  let outcome = 'sent';
  for (const [id, ticks] of byStage) {
    const result = await sendStage(database, id, ticks, csrf);
    if (result === 'offline') return 'offline';
    if (result !== 'sent') outcome = result;
  }
  return outcome;
}
