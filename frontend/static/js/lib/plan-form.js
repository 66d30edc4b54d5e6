// « Mes vœux »: one favourite's form (déjà sur Parcoursup for each of its places in the wish — or for the
// favourite itself when no place is chosen —, note, partage) kept on this device as sync
// operations (docs/sync.md) instead of posted. The online page does it when the network is gone
// (app.js); the offline shell always (lib/offline/plan-page.js), then draws the plan again.

import { announce } from './announce.js';
import { requestSync } from './offline-boot.js';
import { getMark, listMarks, record } from './sync-core.js';

export const SAVED_ON_DEVICE = 'C’est enregistré sur ton appareil : envoyé dès le retour du réseau.';
export const MOVED_ON_DEVICE = 'Ordre enregistré sur ton appareil : envoyé dès le retour du réseau.';

/** Keep on the form the note versions its note was drawn from (docs/sync.md rule 4: an edit replaces only the
 * versions the student saw): the device's, whenever it holds that very text (drawn, or pulled by the page's first
 * sync). A version another device wrote, pulled later, is then kept beside the edit instead of replaced unseen. */
export function keepNoteSeen(form, mark) {
  if (mark && (mark.note || '') === form.elements.note.defaultValue) form.dataset.noteHeads = (mark.note_heads || []).join(' ');
}

/** The versions the student typed on: the device's now if it holds the text drawn, else those kept when drawn
 * (none when the device never held it: every version stays, nothing is lost). */
function seenHeads(form, mark) {
  if ((mark.note || '') === form.elements.note.defaultValue) return mark.note_heads || [];
  return (form.dataset.noteHeads || '').split(' ').filter(Boolean);
}

/** Record the form's edits; resolves to false when the note is too long (the counter says why). */
export async function recordPlanForm(form) {
  const fid = form.dataset.id;
  const mark = (await getMark(fid)) || {};
  const onParcoursup = Boolean(form.elements.sur_parcoursup && form.elements.sur_parcoursup.checked);
  const shared = form.elements.partager.checked;
  const note = form.elements.note.value;
  if (note.length > Number(form.elements.note.dataset.mpsCounter || 2000)) return false;
  const places = [...form.querySelectorAll('input[name=ajoute]')];
  if (!places.length && onParcoursup !== Boolean(mark.on_parcoursup)) await record('set_on_parcoursup', fid, onParcoursup ? 1 : 0);
  const added = new Set(mark.added_places || []);
  for (const box of places) {
    // Changed on the page, or unlike the device's copy (which may lag behind edits posted online).
    const cod = Number(box.value);
    if (box.checked !== box.defaultChecked || box.checked !== added.has(cod)) {
      await record(box.checked ? 'mark_place_added' : 'unmark_place_added', fid, cod);
    }
    box.defaultChecked = box.checked;
  }
  const textarea = form.elements.note;
  if (note !== textarea.defaultValue) { // changed on the page (the device's copy may lag behind the page's text)
    const next = await record('set_note', fid, note, seenHeads(form, mark));
    textarea.defaultValue = note; // what the page now shows, on the version just recorded
    keepNoteSeen(form, next);
  }
  if (shared !== Boolean(mark.note_shared)) await record('set_note_shared', fid, shared ? 1 : 0);
  requestSync().catch(() => {});
  return true;
}

/** Move a favourite `step` places (-1: up) in the student's order, as the website's « Monter /
 * Descendre » does, recorded as set_position operations: the new rank of each favourite whose rank
 * changed. False when there is nothing to move. */
export async function recordMove(fid, step) {
  const favourites = (await listMarks()).filter((m) => m.kind === 'favori' && !m.deleted)
    .sort((a, b) => (a.position ?? 0) - (b.position ?? 0) || (a.formation_id < b.formation_id ? -1 : 1));
  const i = favourites.findIndex((m) => m.formation_id === fid);
  const j = Math.min(Math.max(i + step, 0), favourites.length - 1);
  if (i < 0 || i === j) return false;
  favourites.splice(j, 0, ...favourites.splice(i, 1));
  for (const [index, mark] of favourites.entries()) {
    if (mark.position !== index + 1) await record('set_position', mark.formation_id, index + 1);
  }
  requestSync().catch(() => {});
  return true;
}

/** The message where the server puts its own after a post (the form's data-status: #statut-<favourite>
 * or #statut-<favourite>-<first place in the wish>), and in the live region. */
export function sayPlanSaved(statusId, text = SAVED_ON_DEVICE) {
  const status = statusId && document.getElementById(statusId);
  if (status) {
    status.className = 'mps-status fr-alert fr-alert--success fr-alert--sm fr-my-1w';
    const p = document.createElement('p');
    p.textContent = text;
    status.replaceChildren(p);
  }
  announce(text);
}

/** The online page's forms: posted as without JavaScript, recorded on the device when offline. */
export function initPlanForm(form) {
  const seen = () => getMark(form.dataset.id).then((mark) => keepNoteSeen(form, mark)).catch(() => {});
  seen();
  document.addEventListener('mps:synced', seen);
  form.addEventListener('submit', async (event) => {
    if (navigator.onLine !== false) return;
    event.preventDefault();
    if (await recordPlanForm(form)) sayPlanSaved(form.dataset.status);
  });
}

/** The online page's « Monter / Descendre » offline: recorded on the device, then the page is drawn
 * again by the service worker's offline shell (lib/offline/plan-page.js), in the new order. */
export function initPlanMove(form) {
  form.addEventListener('submit', async (event) => {
    if (navigator.onLine !== false) return;
    event.preventDefault();
    const up = event.submitter && event.submitter.value === 'haut';
    if (!(await recordMove(form.dataset.mpsPlanMove, up ? -1 : 1))) return;
    const fid = form.dataset.mpsPlanMove;
    const status = document.querySelector(`form[data-mps-plan-form][data-id="${CSS.escape(fid)}"]`);
    if (navigator.serviceWorker && navigator.serviceWorker.controller) {
      window.location.assign(`/mes-voeux?deplace=${encodeURIComponent(fid)}`);
    } else {
      sayPlanSaved(status && status.dataset.status, MOVED_ON_DEVICE);
    }
  });
}
