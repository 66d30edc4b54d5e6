// Offline /mes-voeux: the plan the server counted at the last sync (lib/sync-core.js keeps it) with the
// marks on this device on top, drawn as plan/page.html. Counting stays the server's (the rules are data
// per Parcoursup session): offline, only what the student changed since is applied — a favourite
// removed leaves the plan, one added is listed apart until it can be counted, « déjà sur
// Parcoursup », the note and its sharing come from the device, and so does the order once moved here
// (« Monter / Descendre »); warnings and « N vœux de plus possibles » follow (./plan-warnings.js).
// Edits are sync operations, as online.

import { initCounter } from '../counter.js';
import { MOVED_ON_DEVICE, keepNoteSeen, recordMove, recordPlanForm, sayPlanSaved } from '../plan-form.js';
import { keptPlan, listMarks } from '../sync-core.js';
import { clone, count, isOn, show, slot } from './dom.js';
import { LAST_ONLINE, missingNow, warningsNow } from './plan-warnings.js';

const LISTS = [['etudiant', 'Vœux sous statut étudiant'], ['apprentissage', 'Vœux en apprentissage']];
const when = (ms) => new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short' }).format(new Date(ms));

function badge(text, kind, icon = false) {
  const p = document.createElement('span');
  p.className = `fr-badge fr-badge--sm${kind ? ` fr-badge--${kind}` : ''}${icon ? '' : ' fr-badge--no-icon'}`;
  p.textContent = text;
  return p;
}

function items(list, texts) {
  list.replaceChildren(...texts.map((text) => {
    const li = document.createElement('li');
    li.textContent = text;
    return li;
  }));
}

/** The kept plan with the device's edits since applied. The plan is fetched after every sync that
 * changed a mark, so only marks with edits not yet sent (pending) are newer than it; the marks store may
 * also lag behind edits made online with forms, which the plan already holds. */
export function planNow(doc, marks, kept = true) {
  const newer = new Map(marks.filter((m) => m.pending || !kept).map((m) => [m.formation_id, m]));
  const stays = (fid) => !newer.has(fid) || isOn(newer.get(fid), 'favori');
  const known = new Set([...doc.wishes.flatMap((w) => w.formation_ids), ...doc.gone.map((g) => g.formation_id)]);
  const wishes = doc.wishes.filter((w) => w.formation_ids.some(stays)).map((w) => {
    const ids = w.formation_ids.filter(stays);
    if (!ids.some((f) => newer.has(f))) return w;
    const own = ids.map((f) => newer.get(f) || { on_parcoursup: w.on_parcoursup, note: w.note, note_shared: w.note_shared });
    const notes = own.map((m) => m.note).filter(Boolean);
    // « Déjà sur Parcoursup » belongs to each place (wish or sub-wish): the device's mark when it has one.
    const places = w.places.map((p) => {
      const mark = newer.get(p.formation_id || ids[0]);
      return mark ? { ...p, on_parcoursup: (mark.added_places || []).includes(p.cod_aff_form) } : p;
    });
    const added = places.filter((p) => p.on_parcoursup).length;
    return { ...w, formation_ids: ids, places, places_on_parcoursup: added,
      on_parcoursup: places.length ? added === places.length : own.every((m) => Boolean(m.on_parcoursup)),
      note: notes.length ? notes.join('\n\n') : null, note_shared: own.every((m) => Boolean(m.note_shared)) };
  });
  if (marks.some((m) => m.pending && m.moved)) {
    // Moved on this device: the server lists the wishes in the order of the favourite each comes from
    // first (then in the order of its places), so a stable sort on that favourite's rank draws it.
    const rank = new Map(marks.map((m) => [m.formation_id, m.position ?? Infinity]));
    wishes.sort((a, b) => (rank.get(a.formation_ids[0]) ?? Infinity) - (rank.get(b.formation_ids[0]) ?? Infinity));
  }
  const counted = (status) => wishes.filter((w) => w.status === status).length;
  const counts = { ...doc.counts, school: counted('etudiant'), apprenticeship: counted('apprentissage'),
    sub_wishes: wishes.reduce((n, w) => n + (w.multiple && w.sub_wishes_counted ? w.places.length : 0), 0),
    on_parcoursup: wishes.filter((w) => w.on_parcoursup).length };
  const added = [...newer.values()].filter((m) => isOn(m, 'favori') && !known.has(m.formation_id)).map((m) => m.formation_id);
  return { wishes, counts, added, gone: doc.gone.filter((g) => stays(g.formation_id)) };
}

function counters(list, counts, total) {
  const line = (value, limit, text) => {
    const li = document.createElement('li');
    if (limit != null && value > limit) li.className = 'mps-over';
    const strong = document.createElement('strong');
    strong.textContent = `${value} / ${limit ?? total}`;
    li.append(strong, ` ${text}`);
    return li;
  };
  // « n / total », like the other counters: « 0 vœu déjà ajouté sur 0 » read oddly on an empty plan.
  const added = line(counts.on_parcoursup, null, 'vœux déjà ajoutés sur Parcoursup');
  added.dataset.count = 'on-parcoursup';
  list.replaceChildren(line(counts.school, counts.school_limit, 'vœux sous statut étudiant'),
    line(counts.apprenticeship, counts.apprenticeship_limit, 'vœux en apprentissage'),
    line(counts.sub_wishes, counts.sub_wishes_limit, 'sous-vœux comptés'), added);
}

function wishItem(w, key, redraw, all, marks) {
  const li = clone('tpl-plan-wish');
  li.firstElementChild.id = `voeu-${key}`;
  slot(li, 'rank').textContent = `${w.rank}.`;
  slot(li, 'label').textContent = w.label;
  const badges = [w.multiple
    ? badge(`Vœu multiple · ${w.places.length ? count(w.places.length, 'sous-vœu', 'sous-vœux') : 'sous-vœux à choisir'}${w.sub_wishes_counted ? '' : ' · hors des 20'}`, 'info')
    : badge('Vœu simple', '')];
  if (w.status === 'apprentissage') badges.push(badge('Apprentissage', 'new'));
  if (w.on_parcoursup) badges.push(badge('Déjà sur Parcoursup', 'success', true));
  else if (w.places_on_parcoursup) badges.push(badge(`${w.places_on_parcoursup} sur ${count(w.places.length, 'sous-vœu', 'sous-vœux')} déjà sur Parcoursup`, ''));
  if (w.a_verifier) badges.push(badge('Règle à vérifier', 'warning'));
  slot(li, 'badges').replaceChildren(...badges.flatMap((b) => [b, ' ']));
  if (w.rule_label) Object.assign(slot(li, 'rule'), { textContent: w.rule_label, hidden: false });
  else if (w.to_check) Object.assign(slot(li, 'rule'), { textContent: `Compté ici comme un vœu simple. ${w.to_check}`, hidden: false });
  if (w.note) {
    const strong = document.createElement('strong');
    strong.textContent = `Note${w.note_shared ? ' (partagée)' : ' (rien que pour toi)'} :`;
    slot(li, 'note').replaceChildren(strong, ` ${w.note}`);
    slot(li, 'note').hidden = false;
  }
  slot(li, 'provisional').hidden = !w.provisional;
  slot(li, 'places').replaceChildren(...w.places.map((p) => {
    const item = document.createElement('li');
    const em = document.createElement('em');
    em.textContent = p.position_label;
    item.append(`${p.etablissement} — ${p.commune} (${p.departement_code})${p.option ? `, ${p.option}` : ''} · `, em);
    if (w.multiple) {
      const mark = document.createElement(p.on_parcoursup ? 'strong' : 'span');
      mark.textContent = p.on_parcoursup ? 'déjà ajouté sur Parcoursup' : 'pas encore ajouté';
      item.append(' · ', mark);
    }
    return item;
  }));
  slot(li, 'forms').replaceChildren(...w.formation_ids.map((fid, i) => wishForm(w, `${key}-${i + 1}`, fid, redraw, marks.get(fid))));
  const order = slot(li, 'order');
  if (all.length > 1) {
    order.hidden = false;
    // As plan/page.html: no « Monter » for the first favourite, no « Descendre » for the last (they moved nothing).
    const fid = w.formation_ids[0];
    if (fid === all[0].formation_ids[0]) order.querySelector('[value="haut"]').parentElement.remove();
    if (fid === all.at(-1).formation_ids[0]) order.querySelector('[value="bas"]').parentElement.remove();
    order.querySelectorAll('[data-slot="name"]').forEach((span) => { span.textContent = ` : ${w.label}`; });
    order.addEventListener('submit', async (event) => {
      event.preventDefault();
      const up = event.submitter && event.submitter.value === 'haut';
      if (await recordMove(w.formation_ids[0], up ? -1 : 1)) redraw({ fid: w.formation_ids[0], text: MOVED_ON_DEVICE });
    });
  } else order.remove();
  return li;
}

/** The id of a favourite's message in a wish, as plan/page.html names it: by its first place there. */
function statusId(fid, mine) {
  return `statut-${fid}${mine.length ? `-${mine[0].cod_aff_form}` : ''}`;
}

/** `mark`: the device's mark of the favourite when the page is drawn (its note versions go on the form). */
function wishForm(w, key, fid, redraw, mark) {
  const part = clone('tpl-plan-form');
  const form = slot(part, 'form');
  form.dataset.id = fid;
  part.querySelectorAll('[data-slot="name"]').forEach((span) => { span.textContent = ` : ${w.label}`; });
  for (const [name, input] of [['sur', 'sur'], ['partage', 'partage'], ['note', 'note']]) {
    slot(part, input).id = `${name}-${key}`;
    slot(part, `${input}-label`).htmlFor = `${name}-${key}`;
  }
  slot(part, 'sur').checked = w.on_parcoursup;
  const mine = w.places.filter((p) => (p.formation_id || w.formation_ids[0]) === fid);
  if (mine.length) placeBoxes(part, w, mine, key);
  slot(part, 'partage').checked = w.note_shared;
  const note = slot(part, 'note');
  note.defaultValue = w.note || '';
  slot(part, 'note-hint').id = `note-${key}-hint`;
  slot(part, 'note-messages').id = `note-${key}-messages`;
  note.setAttribute('aria-describedby', `note-${key}-hint note-${key}-messages`);
  slot(part, 'status').id = statusId(fid, mine);
  form.dataset.status = statusId(fid, mine);
  keepNoteSeen(form, mark);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (await recordPlanForm(form)) redraw({ statusId: form.dataset.status });
  });
  initCounter(note);
  return part;
}

/** The favourite's places in this wish, each its own « déjà ajouté » box (as plan/page.html draws them). */
function placeBoxes(part, w, mine, key) {
  const box = (p, text) => {
    const group = document.createElement('div');
    group.className = 'fr-checkbox-group fr-checkbox-group--sm';
    const input = Object.assign(document.createElement('input'), { type: 'checkbox', name: 'ajoute',
      value: String(p.cod_aff_form), id: `sur-${key}-${p.cod_aff_form}`, checked: Boolean(p.on_parcoursup) });
    input.defaultChecked = input.checked;
    const label = Object.assign(document.createElement('label'), { className: 'fr-label', htmlFor: input.id, textContent: text });
    group.append(input, label);
    return group;
  };
  const holder = slot(part, 'sur').parentElement;
  if (!w.multiple) {
    holder.replaceWith(box(mine[0], 'Déjà ajouté sur Parcoursup'));
    return;
  }
  const fieldset = Object.assign(document.createElement('fieldset'), { className: 'fr-fieldset fr-mb-0' });
  const legend = Object.assign(document.createElement('legend'), { className: 'fr-fieldset__legend fr-text--sm fr-mb-0',
    textContent: 'Sous-vœux déjà ajoutés sur Parcoursup' });
  fieldset.append(legend, ...mine.map((p) => {
    const element = document.createElement('div');
    element.className = 'fr-fieldset__element fr-mb-0';
    element.append(box(p, `${p.etablissement} — ${p.commune}${p.option ? `, ${p.option}` : ''}`));
    return element;
  }));
  holder.replaceWith(fieldset);
}

/** `saved`: what was just recorded, said where the page says it: { statusId } (a form) or { fid, text }
 * (a move: at the first form of that favourite). */
export async function renderPlan(cat, saved = null) {
  const [kept, marks] = await Promise.all([keptPlan(), listMarks()]);
  const doc = kept ? kept.doc : { wishes: [], gone: [], counts: { school_limit: 10, apprenticeship_limit: 10, sub_wishes_limit: 20 },
    warnings: [], missing: [], balance: { text: '' }, deadlines: [] };
  const now = planNow(doc, marks, Boolean(kept));
  const page = clone('tpl-plan');
  slot(page, 'when').textContent = kept
    ? `Tu es hors ligne : voici tes vœux comptés lors de ton dernier passage en ligne (${when(kept.at)}), avec tes modifications depuis.`
    : 'Tu es hors ligne et tes vœux n’ont pas encore été comptés sur cet appareil : tes favoris sont listés plus bas, ils seront comptés au retour de la connexion.';
  counters(slot(page, 'counts'), now.counts, now.wishes.length);
  const warnings = warningsNow(doc, now);
  if (warnings.length) {
    items(slot(page, 'warnings'), warnings);
    slot(page, 'warnings-box').hidden = false;
  }
  items(slot(page, 'missing'), missingNow(doc, now));
  slot(page, 'balance').textContent = doc.balance.text && `${doc.balance.text}${LAST_ONLINE}`;
  slot(page, 'missing-box').hidden = !kept;
  items(slot(page, 'deadlines'), doc.deadlines.map((d) => `${d.title} : ${d.day_label}${d.a_verifier ? ' (date à confirmer)' : ''}`));
  const redraw = (what) => renderPlan(cat, what);
  const byId = new Map(marks.map((m) => [m.formation_id, m]));
  slot(page, 'lists').replaceChildren(...LISTS.map(([status, title]) => {
    const wishes = now.wishes.filter((w) => w.status === status).map((w, i) => ({ ...w, rank: i + 1 }));
    const part = clone('tpl-plan-list');
    if (!wishes.length && status !== 'etudiant') return document.createDocumentFragment();
    Object.assign(slot(part, 'title'), { id: `liste-${status}`, textContent: `${title} (${wishes.length})` });
    slot(part, 'empty').hidden = wishes.length > 0;
    slot(part, 'wishes').replaceChildren(...wishes.map((w) => wishItem(w, `${status}-${w.rank}`, redraw, now.wishes, byId)));
    return part;
  }));
  if (now.added.length) {
    const label = (fid) => (cat && cat.byId.get(fid) ? cat.byId.get(fid).label : fid);
    items(slot(page, 'added'), now.added.map(label));
    slot(page, 'added-box').hidden = false;
  }
  show(page, 'Mes vœux');
  if (saved) {
    const form = saved.fid && document.querySelector(`form[data-mps-plan-form][data-id="${CSS.escape(saved.fid)}"]`);
    const id = saved.statusId || (form && form.dataset.status);
    sayPlanSaved(id, saved.text);
    const status = id && document.getElementById(id);
    if (status) status.focus();
  }
}
