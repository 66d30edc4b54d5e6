// « Mes vœux »: one favourite's form (déjà sur Parcoursup for each of its places in the wish — or for the
// favourite itself when no place is chosen —, note, partage) kept on this device as sync
// operations (docs/sync.md) instead of posted. The online page does it when the network is gone
// (app.js); the offline shell always (lib/offline/plan-page.js), then draws the plan again.

import { announce } from './announce.js';
import { requestSync } from './offline-boot.js';
import { getMark, record } from './sync-core.js';

export const SAVED_ON_DEVICE = 'C’est enregistré sur ton appareil : envoyé dès le retour du réseau.';

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
  if (note !== (mark.note || '')) await record('set_note', fid, note);
  if (shared !== Boolean(mark.note_shared)) await record('set_note_shared', fid, shared ? 1 : 0);
  requestSync().catch(() => {});
  return true;
}

/** The message where the server puts its own after a post (#statut-<id>), and in the live region. */
export function sayPlanSaved(fid) {
  const status = document.getElementById(`statut-${fid}`);
  if (status) {
    status.className = 'mps-status fr-alert fr-alert--success fr-alert--sm fr-my-1w';
    const p = document.createElement('p');
    p.textContent = SAVED_ON_DEVICE;
    status.replaceChildren(p);
  }
  announce(SAVED_ON_DEVICE);
}

/** The online page's forms: posted as without JavaScript, recorded on the device when offline. */
export function initPlanForm(form) {
  form.addEventListener('submit', async (event) => {
    if (navigator.onLine !== false) return;
    event.preventDefault();
    if (await recordPlanForm(form)) sayPlanSaved(form.dataset.id);
  });
}
