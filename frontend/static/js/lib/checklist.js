// The stage preparation checklist, ticked without reloading and without a network:
//
//   <form data-mps-checklist="<application id>" action="/stages/mon-stage/<id>/preparer">
//     <p data-mps-checklist-progress>…</p>  <input type="checkbox" name="fait" value="<item>"> …
//
// Each tick is an operation {item, done, ts, op} kept on this device (IndexedDB, lib/checklist-sync.js) and
// sent to POST /api/v1/stages/preparation/<id>/coches now or, offline, by the service worker on Background
// Sync when the network is back, even if the page was closed (browsers without Background Sync: on the
// next page load or the "online" event). The server keeps, per item, the tick with the latest (ts, op):
// two devices merge, a replay changes nothing. Without JavaScript the form's button posts the whole list.

import { announce } from './announce.js';
import { CHECKLIST_TAG, queueTick, queuedTicks, sendTicks } from './checklist-sync.js';
import { rememberCsrf } from './sync-core.js';

const oldKey = (id) => `mps-checklist-${id}`; // where an earlier release kept the queue

function csrf() {
  const m = document.cookie.match(/(?:^|;\s*)mps_csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

function opId() {
  return (crypto.randomUUID ? crypto.randomUUID() : `${Date.now()}-${Math.random()}`).replace(/[^A-Za-z0-9_-]/g, '');
}

function showProgress(form) {
  const progress = form.querySelector('[data-mps-checklist-progress]');
  const boxes = form.querySelectorAll('input[name="fait"]');
  const done = [...boxes].filter((b) => b.checked).length;
  if (progress) progress.textContent = `${done} sur ${boxes.length} points cochés`;
}

async function adoptOldQueue(id) {
  let ops = [];
  try {
    ops = JSON.parse(localStorage.getItem(oldKey(id)) || '[]');
  } catch {
    ops = [];
  }
  for (const op of ops) await queueTick(id, op);
  localStorage.removeItem(oldKey(id));
}

async function askBackgroundSync() {
  if (!('serviceWorker' in navigator)) return;
  try {
    const reg = await navigator.serviceWorker.ready;
    if (reg.sync) await reg.sync.register(CHECKLIST_TAG);
  } catch {
    // no Background Sync: the "online" listener and the next page load send them
  }
}

async function send(id) {
  await rememberCsrf(csrf()); // where the service worker reads it
  const outcome = navigator.onLine === false ? 'offline' : await sendTicks(id);
  if (outcome === 'offline' || outcome === 'error') await askBackgroundSync();
  return outcome;
}

export async function initChecklist(form) {
  const id = form.dataset.mpsChecklist;
  try {
    await adoptOldQueue(id);
    // Ticks still waiting show as the student left them.
    for (const op of await queuedTicks(id)) {
      const box = form.querySelector(`input[name="fait"][value="${CSS.escape(op.item)}"]`);
      if (box) box.checked = op.done;
    }
  } catch {
    // IndexedDB unavailable (private mode of some browsers): ticks are sent at once or not at all
  }
  showProgress(form);
  form.addEventListener('change', async (event) => {
    const box = event.target;
    if (!box.matches('input[name="fait"]')) return;
    showProgress(form);
    await queueTick(id, { item: box.value, done: box.checked, ts: Date.now(), op: opId() });
    const outcome = await send(id);
    announce(outcome === 'offline' || outcome === 'error'
      ? 'Coché sur cet appareil : ce sera enregistré dès que tu seras en ligne, même si tu fermes la page.'
      : (box.checked ? 'Coché et enregistré.' : 'Décoché et enregistré.'));
  });
  window.addEventListener('online', () => { send(id); });
  send(id);
}
