// The offline shell's renderer (templates/offline/app.html, served by the service worker when the
// network is gone): reads the URL and draws the search results, a formation, a place or the
// favourites from IndexedDB. Edits (favourites, ambition, note, « pas intéressé ») are recorded on
// the device and sent by Background Sync or when the connection comes back (lib/sync-core.js).

import { decode, loadCatalogue } from './lib/catalogue.js';
import { initCounter, tooLong } from './lib/counter.js';
import { db, getPreference } from './lib/db.js';
import { SearchIndex, distanceKm, lookupTown, searchParams as readSearch } from './lib/search.js';
import { requestSync } from './lib/offline-boot.js';
import { listMarks, getMark, record } from './lib/sync-core.js';
import { announce } from './lib/announce.js';

const root = document.getElementById('mps-offline-app');
const PAGE_SIZE = 20;
const MAX_NOTE = 2000; // backend/mps/domain/favourites/schemas.py

const slot = (node, name) => node.querySelector(`[data-slot="${name}"]`);
const clone = (id) => document.getElementById(id).content.cloneNode(true);
const nf = new Intl.NumberFormat('fr-FR');
const km = (d) => `${d < 10 ? d.toFixed(1).replace('.', ',') : Math.round(d)} km`;
const isOn = (mark, kind) => Boolean(mark && mark.kind === kind && !mark.deleted);

function tags(list, texts, small) {
  list.replaceChildren(...texts.map((text) => {
    const li = document.createElement('li');
    const p = document.createElement('p');
    p.className = small ? 'fr-tag fr-tag--sm' : 'fr-tag';
    p.textContent = text;
    li.append(p);
    return li;
  }));
}

function figures(dl, rows) {
  dl.replaceChildren(...rows.map(([title, text]) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = title;
    dd.textContent = text;
    div.append(dt, dd);
    return div;
  }));
}

function keyFigures(p) {
  const out = [];
  if (p.taux_acces != null) out.push(['Taux d\'accès', `${Math.round(p.taux_acces)} % des candidats ont pu recevoir une proposition d'admission.`]);
  if (p.capacity) out.push(['Places', `${p.capacity} places${p.candidates ? ` pour ${p.candidates} candidats` : ''}.`]);
  out.push(['Sélection', p.selective ? 'Formation sélective : les dossiers sont examinés et classés par l\'établissement.'
    : 'Formation non sélective : un bachelier y a accès dans la limite des places.']);
  return out;
}

function show(fragment, title) {
  root.replaceChildren(fragment);
  document.title = `${title} – MonProjetSup (hors ligne)`;
}

function missing(why) {
  const page = clone('tpl-missing');
  if (why) slot(page, 'why').textContent = why;
  show(page, 'Page indisponible hors ligne');
}

function placeLine(p, d, f) {
  const li = clone('tpl-place-line');
  const a = slot(li, 'link');
  a.href = `/fiches/${p.cod_aff_form}`;
  a.textContent = p.option ? `${p.etablissement} – ${p.option}` : p.etablissement;
  const mixed = f.selective_places && f.selective_places < f.places.length;
  slot(li, 'where').textContent = `— ${p.commune} (${p.departement_code})${d != null ? `, à ${km(d)}` : ''}`
    + (mixed ? ` · ${p.selective ? 'sélective' : 'non sélective'}` : '');
  if (p.taux_acces != null) {
    const badge = slot(li, 'badge');
    const t = p.taux_acces;
    // The thresholds come from the page (mps.domain.vocabulary), the same as the server's badge and ambition check.
    const safe = Number(badge.dataset.safe), reach = Number(badge.dataset.reach);
    badge.classList.add(t >= safe ? 'fr-badge--success' : t < reach ? 'fr-badge--warning' : 'fr-badge--info');
    badge.textContent = `accès ${Math.round(t)} %`;
    badge.hidden = false;
  }
  return li;
}

// ---------------------------------------------------------------------------

function renderSearch(cat, params) {
  const q = (params.get('q') || '').trim();
  const page = clone('tpl-search');
  slot(page, 'q').value = q;
  const parsed = readSearch(cat, params); // every filter of the online page: famille, ville, rayon…
  if (parsed.error) {
    slot(page, 'status').textContent = parsed.error;
    show(page, 'Rechercher une formation');
    return;
  }
  const result = cat.search.search(parsed);
  const n = result.hits.length;
  let status = `${nf.format(n)} formation${n > 1 ? 's' : ''}`;
  if (result.placeFilter) status += ` — lieux : ${result.placeFilter}`;
  slot(page, 'status').textContent = `${status} (recherche hors ligne)`;
  slot(page, 'empty').hidden = n > 0;
  slot(page, 'results').replaceChildren(...result.hits.slice(0, PAGE_SIZE).map((hit) => {
    const f = cat.byId.get(hit.fid);
    const item = clone('tpl-search-item');
    const a = slot(item, 'link');
    a.href = `/formations/${f.id}`;
    a.textContent = f.label;
    tags(slot(item, 'tags'), [f.family_label, ...(f.apprenticeship ? ['Apprentissage'] : []), f.selectivity], true);
    const np = hit.places.length;
    slot(item, 'count').textContent = `${np} lieu${np > 1 ? 'x' : ''} de formation${hit.nearest != null ? `, le plus proche à ${km(hit.nearest)}` : ''}`;
    slot(item, 'places').replaceChildren(...hit.places.slice(0, 3).map(([p, d]) => placeLine(p, d, f)));
    return item;
  }));
  if (n > PAGE_SIZE) {
    const more = slot(page, 'more');
    more.textContent = `Hors ligne, seules les ${PAGE_SIZE} premières formations sont affichées : précise ta recherche.`;
    more.hidden = false;
  }
  show(page, q ? `« ${q} » – Rechercher une formation` : 'Rechercher une formation');
}

function markButtons(button, aside, f, mark) {
  const fav = isOn(mark, 'favori');
  button.textContent = fav ? 'Retirer de mes favoris' : 'Ajouter à mes favoris';
  button.className = `fr-btn fr-btn--secondary fr-btn--icon-left ${fav ? 'fr-icon-heart-fill' : 'fr-icon-heart-line'}`;
  button.setAttribute('aria-pressed', String(fav));
  const set = isOn(mark, 'corbeille');
  aside.textContent = set ? 'Remettre dans ma liste' : 'Pas intéressé';
  aside.setAttribute('aria-pressed', String(set));
}

/** The town places are sorted from: ?ville= (name or postcode) if the device knows it, else the profile's. */
async function homeTown(cat, ville) {
  const v = (ville || '').trim();
  if (v) {
    const town = lookupTown(cat, v); // as the server reads ?ville= (name, postcode, "Saint-Denis (974)")
    if (town) return { nom: `${town.name} (${town.departement_code})`, lat: town.lat, lon: town.lon };
  }
  try {
    return (await getPreference('home')) || null;
  } catch {
    return null;
  }
}

async function renderFormation(cat, id, params) {
  const f = cat.byId.get(id);
  if (!f) return missing('Cette formation n’est pas dans le catalogue enregistré sur ton appareil.');
  const page = clone('tpl-formation');
  slot(page, 'label').textContent = f.label;
  tags(slot(page, 'tags'), [f.family_label, f.selectivity, ...(f.apprenticeship ? ['En apprentissage'] : [])]);
  const n = f.places.length;
  slot(page, 'count').textContent = `${n} lieu${n > 1 ? 'x' : ''} de formation`;
  // Offline too, places come nearest first from the profile's town (or ?ville=), as on the server.
  const home = await homeTown(cat, params.get('ville'));
  const rows = f.places.map((p) => [p, home && p.lat != null ? distanceKm(home.lat, home.lon, p.lat, p.lon) : null]);
  if (home) rows.sort((a, b) => (a[1] == null) - (b[1] == null) || (a[1] || 0) - (b[1] || 0));
  if (home) {
    const sorted = slot(page, 'sorted');
    sorted.textContent = `Lieux triés du plus proche au plus éloigné de ${home.nom}.`;
    sorted.hidden = false;
  }
  slot(page, 'places').replaceChildren(...rows.slice(0, 50).map(([p, d]) => {
    const li = clone('tpl-formation-place');
    const a = slot(li, 'link');
    a.href = `/fiches/${p.cod_aff_form}`;
    a.textContent = p.option ? `${p.etablissement} – ${p.option}` : p.etablissement;
    slot(li, 'where').textContent = `${p.commune} (${p.departement_code})${d != null ? ` · à ${km(d)}` : ''}`
      + ` · ${p.selective ? 'sélective' : 'non sélective'}`;
    figures(slot(li, 'figures'), keyFigures(p).slice(0, 3));
    return li;
  }));
  const button = slot(page, 'favori');
  const aside = slot(page, 'aside');
  markButtons(button, aside, f, await getMark(f.id));
  button.addEventListener('click', async () => {
    const fav = isOn(await getMark(f.id), 'favori');
    markButtons(button, aside, f, await record(fav ? 'remove_favourite' : 'add_favourite', f.id));
    announce(fav ? 'Retirée de tes favoris.' : 'Ajoutée à tes favoris.');
    requestSync().catch(() => {});
  });
  aside.addEventListener('click', async () => {
    const set = isOn(await getMark(f.id), 'corbeille');
    markButtons(button, aside, f, await record(set ? 'restore' : 'not_interested', f.id));
    announce(set ? 'Remise dans ta liste.' : 'Mise de côté : pas intéressé.');
    requestSync().catch(() => {});
  });
  show(page, f.label);
}

function renderPlace(cat, cod) {
  const p = cat.byCod.get(cod);
  if (!p) return missing('Ce lieu de formation n’est pas dans le catalogue enregistré sur ton appareil.');
  const f = cat.byId.get(p.formation_id);
  const page = clone('tpl-place');
  slot(page, 'etablissement').textContent = p.etablissement;
  const a = slot(page, 'formation');
  a.href = `/formations/${f.id}`;
  a.textContent = f.label;
  slot(page, 'where').textContent = `${p.commune} (${p.departement_code}) · ${p.academie} · ${p.region}`;
  figures(slot(page, 'figures'), keyFigures(p));
  const bacs = [['Bac général', p.pct_general], ['Bac technologique', p.pct_techno], ['Bac professionnel', p.pct_pro]]
    .filter(([, pct]) => pct != null);
  slot(page, 'bacs').replaceChildren(...bacs.map(([label, pct]) => {
    const li = document.createElement('li');
    li.textContent = `${label} : ${Math.round(pct)} % des admis`;
    return li;
  }));
  show(page, `${p.etablissement} – ${f.label}`);
}

// After an edit the list is drawn again: `after` says where focus goes (an element id) and which
// message to show where the action was ({ id, text }); the same text goes to the live region.
async function renderFavourites(cat, after = null) {
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
      if (note !== (current.note || '')) await record('set_note', fid, note);
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

// ---------------------------------------------------------------------------

async function main() {
  const { pathname, searchParams } = new URL(window.location.href);
  let cat = null;
  // The worker may be writing a new snapshot right now: look again for a moment before giving up.
  for (let attempt = 0; attempt < 10 && !cat; attempt += 1) {
    try {
      cat = await loadCatalogue();
    } catch {
      cat = null;
    }
    if (!cat) await new Promise((resolve) => { setTimeout(resolve, 200); });
  }
  if (/^\/favoris\/?$/.test(pathname)) return renderFavourites(cat);
  if (!cat) return missing('Le catalogue n’a pas encore été enregistré sur ton appareil : reviens une fois en ligne.');
  let m;
  if (/^\/recherche\/?$/.test(pathname)) return renderSearch(cat, searchParams);
  if ((m = pathname.match(/^\/formations\/([^/]+)\/?$/))) return renderFormation(cat, decodeURIComponent(m[1]), searchParams);
  if ((m = pathname.match(/^\/fiches\/(\d+)\/?$/))) return renderPlace(cat, Number(m[1]));
  return missing();
}

// Exposed for tests/browser and bench/offline_search.py: the same search the pages use.
window.mpsOffline = {
  loadCatalogue,
  /** ms to decode the stored snapshot and build the index (what opening an offline page costs). */
  async timeBuild() {
    const snap = await (await db()).get('catalogue', 'snapshot');
    const t0 = performance.now();
    new SearchIndex(decode(snap)).search({ q: 'informatque' }); // a typo builds the typo index too
    return performance.now() - t0;
  },
};

if (root) main();
