// The stage preparation checklist, ticked without reloading and without a network:
//
//   <form data-mps-checklist="<application id>" action="/stages/mon-stage/<id>/preparer">
//     <p data-mps-checklist-progress>…</p>  <input type="checkbox" name="fait" value="<item>"> …
//
// Each tick is an operation {item, done, ts, op} kept in this device's queue (localStorage, one key per
// stage) and sent to POST /api/v1/stages/preparation/<id>/coches now, on the next page load, or when the
// network comes back. The server keeps, per item, the tick with the latest (ts, op): two devices merge,
// a replay changes nothing. Without JavaScript the form's button posts the whole list instead.

import { announce } from './announce.js';

const key = (id) => `mps-checklist-${id}`;

function queue(id) {
  try {
    return JSON.parse(localStorage.getItem(key(id)) || '[]');
  } catch {
    return [];
  }
}

function store(id, ops) {
  if (ops.length) localStorage.setItem(key(id), JSON.stringify(ops));
  else localStorage.removeItem(key(id));
}

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

async function send(id) {
  const ops = queue(id);
  if (!ops.length || navigator.onLine === false) return ops.length ? 'queued' : 'empty';
  try {
    const response = await fetch(`/api/v1/stages/preparation/${id}/coches`, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrftoken': csrf() },
      body: JSON.stringify({ ticks: ops }),
    });
    if (response.status >= 500 || response.status === 429) return 'queued'; // try again later
    // Answered (applied, stale, duplicate or refused for good): these ops are done with.
    const sent = new Set(ops.map((o) => o.op));
    store(id, queue(id).filter((o) => !sent.has(o.op)));
    return response.ok ? 'sent' : 'refused';
  } catch {
    return 'queued'; // no network: the queue stays
  }
}

export function initChecklist(form) {
  const id = form.dataset.mpsChecklist;
  // Ticks still queued from an earlier visit show as the student left them.
  for (const op of queue(id)) {
    const box = form.querySelector(`input[name="fait"][value="${CSS.escape(op.item)}"]`);
    if (box) box.checked = op.done;
  }
  showProgress(form);
  form.addEventListener('change', async (event) => {
    const box = event.target;
    if (!box.matches('input[name="fait"]')) return;
    store(id, [...queue(id), { item: box.value, done: box.checked, ts: Date.now(), op: opId() }]);
    showProgress(form);
    const outcome = await send(id);
    announce(outcome === 'queued'
      ? 'Coché sur cet appareil : ce sera enregistré dès que tu seras en ligne.'
      : (box.checked ? 'Coché et enregistré.' : 'Décoché et enregistré.'));
  });
  window.addEventListener('online', () => send(id));
  send(id);
}
