// Offline /favoris: the marks stored on the device, drawn as favourites/list.html; ambition, note,
// « retirer » and « remettre » are recorded as sync operations (lib/sync-core.js).

import { announce } from '../announce.js';
import { initCounter, tooLong } from '../counter.js';
import { requestSync } from '../offline-boot.js';
import { getMark, listMarks, record } from '../sync-core.js';
import { clone, isOn, show, slot } from './dom.js';

const MAX_NOTE = 2000; // backend/mps/domain/favourites/schemas.py

// After an edit the list is drawn again: `after` says where focus goes (an element id) and which
// message to show where the action was ({ id, text }); the same text goes to the live region.
export async function renderFavourites(cat, after = null) {
  const marks = await listMarks();
  const label = (id) => (cat && cat.byId.get(id) ? cat.byId.get(id).label : id);
  // The student's own order (as online): position, then label for marks that have none yet.
  const rank = (m) => (m.position == null ? 2e12 : m.position);
  const favs = marks.filter((m) => isOn(m, 'favori'))
    .sort((a, b) => rank(a) - rank(b) || label(a.formation_id).localeCompare(label(b.formation_id), 'fr'));
  const aside = marks.filter((m) => isOn(m, 'corbeille'));
  const page = clone('tpl-favourites');
  slot(page, 'pending').hidden = !marks.some((m) => m.pending);
  slot(page, 'count').textContent = `Formations (${favs.length})`;
  slot(page, 'empty').hidden = favs.length > 0;
  slot(page, 'list').replaceChildren(...favs.map((m, i) => {
    const li = clone('tpl-favourite');
    const fid = m.formation_id;
    li.firstElementChild.id = `f-${fid}`;
    const a = slot(li, 'link');
    a.href = `/formations/${fid}`;
    a.id = `lien-${fid}`;
    a.textContent = label(fid);
    li.querySelectorAll('[data-slot="name"]').forEach((span) => { span.textContent = ` : ${label(fid)}`; });
    slot(li, 'amb-label').htmlFor = `amb-${i + 1}`;
    slot(li, 'ambition').id = `amb-${i + 1}`;
    slot(li, 'ambition').value = m.ambition || '';
    slot(li, 'note-label').htmlFor = `note-${i + 1}`;
    slot(li, 'note').id = `note-${i + 1}`;
    slot(li, 'note').value = m.note || '';
    slot(li, 'save').id = `save-${fid}`;
    slot(li, 'status').id = `statut-${fid}`;
    slot(li, 'note-hint').id = `note-${i + 1}-hint`;
    slot(li, 'note-messages').id = `note-${i + 1}-messages`;
    slot(li, 'note').setAttribute('aria-describedby', `note-${i + 1}-hint note-${i + 1}-messages`);
    slot(li, 'form').addEventListener('submit', async (event) => {
      event.preventDefault();
      const form = event.currentTarget;
      const current = await getMark(fid);
      const ambition = form.elements.ambition.value || null;
      const note = form.elements.note.value;
      if (note.length > MAX_NOTE) { // refused whole, never cut (the server would refuse it too)
        announce(tooLong(note.length, MAX_NOTE));
        form.elements.note.focus();
        return;
      }
      if (ambition !== (current.ambition || null)) await record('set_ambition', fid, ambition);
      // Against the note drawn (m), not the device's now: a sync may have pulled another device's version since.
      if (note !== (m.note || '')) await record('set_note', fid, note, m.note_heads || []);
      requestSync().catch(() => {});
      renderFavourites(cat, { focus: `save-${fid}`, status: { id: `statut-${fid}`, text: 'C’est enregistré sur ton appareil.' } });
    });
    slot(li, 'remove').addEventListener('click', async () => {
      await record('remove_favourite', fid);
      requestSync().catch(() => {});
      const next = favs[i + 1] || favs[i - 1];
      renderFavourites(cat, {
        focus: next ? `lien-${next.formation_id}` : 'statut-formations',
        status: { id: 'statut-formations', text: `${label(fid)} : retirée de tes favoris.` },
      });
    });
    initCounter(slot(li, 'note'));
    return li;
  }));
  slot(page, 'aside-count').textContent = `Pas intéressé (${aside.length})`;
  slot(page, 'aside').replaceChildren(...aside.map((m) => {
    const li = clone('tpl-aside');
    slot(li, 'label').textContent = label(m.formation_id);
    const b = slot(li, 'restore');
    slot(li, 'name').textContent = ` ${label(m.formation_id)}`;
    b.addEventListener('click', async () => {
      await record('restore', m.formation_id);
      requestSync().catch(() => {});
      renderFavourites(cat, {
        focus: 'statut-pas-interesse',
        status: { id: 'statut-pas-interesse', text: `${label(m.formation_id)} : remise dans ta liste.` },
      });
    });
    return li;
  }));
  show(page, 'Mes favoris');
  if (after) {
    const status = after.status && document.getElementById(after.status.id);
    if (status) {
      status.className = 'fr-alert fr-alert--success fr-alert--sm fr-my-1w';
      const p = document.createElement('p');
      p.textContent = after.status.text;
      status.replaceChildren(p);
      announce(after.status.text);
    }
    const target = document.getElementById(after.focus);
    if (target) target.focus();
  }
}
