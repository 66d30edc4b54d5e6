// The student's marks on this device and the queue of edits for POST /api/v1/sync (docs/sync.md).
// Shared by the pages (record an edit, flush on load / "online") and the service worker (Background
// Sync: the "sync" event with tag mps-sync calls flush()).
//
// An edit updates the local mark at once and is queued with an op id; flush() sends the queue with
// the last cursor, drops every op the server answered (applied, duplicate or rejected), stores the
// marks it sent back and re-applies the edits queued meanwhile. Sending twice is harmless. When the
// marks changed it keeps « Mes vœux » as the server counts it, for the offline page (meta "plan").

import { db } from './db.js';

export const SYNC_TAG = 'mps-sync';
const BATCH = 200;

function newId() {
  if (self.crypto && self.crypto.randomUUID) return self.crypto.randomUUID();
  return `${Date.now().toString(16)}-${Math.random().toString(16).slice(2)}-${Math.random().toString(16).slice(2)}`;
}

export async function deviceId() {
  const database = await db();
  let id = await database.get('meta', 'device_id');
  if (!id) {
    id = `d-${newId()}`;
    await database.put('meta', id, 'device_id');
  }
  return id;
}

function emptyMark(formationId) {
  return { formation_id: formationId, kind: 'favori', deleted: true, ambition: null, note: '', note_heads: [], places: [], added_places: [], version: 0, seq: 0 };
}

/** The same meaning as the server's merge, for one device's own edits in order. */
export function applyLocal(mark, op) {
  const m = { ...mark, places: [...(mark.places || [])], pending: true };
  const favourite = () => {
    // A new favourite goes to the end of the student's order, as the server does (position > any of its own).
    if (m.kind !== 'favori' || m.deleted) m.position = 1e12 + op.ts;
    m.kind = 'favori';
    m.deleted = false;
  };
  switch (op.kind) {
    case 'add_favourite': favourite(); break;
    case 'not_interested': m.kind = 'corbeille'; m.deleted = false; break;
    case 'remove_favourite': if (m.kind === 'favori') m.deleted = true; break;
    case 'restore': if (m.kind === 'corbeille') m.deleted = true; break;
    case 'set_ambition': favourite(); m.ambition = op.value; break;
    case 'set_note': favourite(); m.note = op.value || ''; m.note_heads = [op.op_id]; break;
    case 'add_place':
      favourite();
      if (!m.places.length && m.on_parcoursup) { // the first place takes the favourite's « déjà sur Parcoursup »
        m.added_places = [...new Set([...(m.added_places || []), op.value])].sort((a, b) => a - b);
        m.on_parcoursup = false;
      }
      if (!m.places.includes(op.value)) m.places.push(op.value);
      break;
    case 'remove_place': favourite(); m.places = m.places.filter((c) => c !== op.value); break;
    case 'set_on_parcoursup': favourite(); m.on_parcoursup = Boolean(op.value); break;
    case 'set_note_shared': favourite(); m.note_shared = Boolean(op.value); break;
    case 'mark_place_added': favourite(); m.added_places = [...new Set([...(m.added_places || []), op.value])].sort((a, b) => a - b); break;
    case 'set_position': m.position = op.value; m.moved = true; break; // never brings a favourite back
    case 'unmark_place_added': favourite(); m.added_places = (m.added_places || []).filter((c) => c !== op.value); break;
    default: break;
  }
  return m;
}

export async function getMark(formationId) {
  return (await db()).get('marks', String(formationId));
}

export async function listMarks() {
  return (await db()).getAll('marks');
}

export async function pendingCount() {
  return (await db()).count('queue');
}

/** Record one edit (kind as in docs/sync.md) and update the local mark. Returns the new mark. A note's `base` is
 * the note versions the student saw when typing (default: the device's now; a page that drew the note earlier
 * passes those it drew, so that a version pulled meanwhile is kept beside the edit, not replaced). */
export async function record(kind, formationId, value = null, base = null) {
  const database = await db();
  const device = await deviceId();
  const fid = String(formationId);
  const tx = database.transaction(['marks', 'queue'], 'readwrite');
  const mark = (await tx.objectStore('marks').get(fid)) || emptyMark(fid);
  const op = { op_id: newId(), device_id: device, ts: Date.now(), kind, formation_id: fid, value,
    base: kind === 'set_note' ? [...(base || mark.note_heads || [])] : [] };
  const next = applyLocal(mark, op);
  await Promise.all([tx.objectStore('marks').put(next), tx.objectStore('queue').put(op), tx.done]);
  return next;
}

export async function rememberCsrf(token) {
  if (token) await (await db()).put('meta', token, 'csrf');
}

let running = null;

/** Send the queue (and pull changes). Resolves to "done", "offline" or "error". Never throws. */
export function flush() {
  if (!running) running = doFlush().finally(() => { running = null; });
  return running;
}

async function post(database, ops) {
  const since = (await database.get('meta', 'cursor')) || 0;
  const csrf = (await database.get('meta', 'csrf')) || '';
  return fetch('/api/v1/sync', {
    method: 'POST', credentials: 'same-origin', cache: 'no-store',
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrftoken': csrf },
    body: JSON.stringify({ since, ops }),
  });
}

async function doFlush() {
  const database = await db();
  const seen = { changed: false };
  const result = await sendQueue(database, seen);
  if (result === 'done' && (await planWanted(database, seen.changed))) await keepPlan(database);
  return result;
}

// After a sync, the plan kept is refreshed when the marks changed; none is kept yet only once the device
// has marks: a student with no favourite has nothing to count (3 KB less on every first visit). Opening
// « Mes vœux » or « Tes étapes » online keeps it anyway (keepPlanFresh in lib/offline-boot.js).
async function planWanted(database, changed) {
  if (await database.get('meta', 'plan')) return changed;
  return (await database.count('marks')) > 0;
}

/** « Mes vœux » as the server counts it now (GET /api/v1/plan), kept for the offline page
 * (lib/offline/plan-page.js). */
export async function keepPlan(database) {
  try {
    const response = await fetch('/api/v1/plan', { credentials: 'same-origin', cache: 'no-store', headers: { accept: 'application/json' } });
    if (response.ok) await database.put('meta', { doc: await response.json(), at: Date.now() }, 'plan');
  } catch {
    // offline again: the plan kept stays
  }
}

export async function keptPlan() {
  return (await db()).get('meta', 'plan');
}

async function sendQueue(database, seen) {
  for (let round = 0; round < 20; round += 1) {
    const ops = (await database.getAllFromIndex('queue', 'ts')).slice(0, BATCH);
    let response;
    try {
      response = await post(database, ops);
      if (response.status === 400 && ops.length > 1) {
        // One op the server cannot read refuses the batch: send them one by one, so that only
        // that op (which can never be applied) is dropped, and every other edit goes through.
        for (const op of ops) {
          const single = await post(database, [op]);
          if (single.ok) seen.changed = (await store(database, await single.json())) || seen.changed;
          else if (single.status === 400) await database.delete('queue', op.op_id);
          else return 'error';
        }
        continue;
      }
    } catch {
      return 'offline';
    }
    if (response.status === 400) {
      await database.delete('queue', ops[0].op_id);
      return 'error';
    }
    if (!response.ok) return 'error'; // 403 (CSRF token to refresh), 5xx: kept, retried later
    seen.changed = (await store(database, await response.json())) || seen.changed;
    if (ops.length < BATCH) return 'done';
  }
  return 'done';
}

async function store(database, out) {
  const tx = database.transaction(['marks', 'queue', 'meta'], 'readwrite');
  const marks = tx.objectStore('marks');
  const queue = tx.objectStore('queue');
  for (const r of out.results) await queue.delete(r.op_id);
  const left = await queue.index('ts').getAll();
  if (out.full) await marks.clear();
  const touched = new Set();
  for (const m of out.marks) {
    await marks.put(m);
    touched.add(m.formation_id);
  }
  // Edits queued while the request was on its way stay applied on top of the server's marks.
  for (const op of left) {
    if (!touched.has(op.formation_id) && !out.full) continue;
    const current = (await marks.get(op.formation_id)) || emptyMark(op.formation_id);
    await marks.put(applyLocal(current, op));
  }
  await tx.objectStore('meta').put(out.cursor, 'cursor');
  await tx.objectStore('meta').put(Date.now(), 'lastSync');
  await tx.done;
  return Boolean(out.full || out.marks.length || out.results.length); // what « Mes vœux » is counted from changed
}

export async function lastSync() {
  return (await db()).get('meta', 'lastSync');
}
