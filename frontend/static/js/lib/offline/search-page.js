// Offline /recherche: the search of lib/search.js over the stored catalogue, drawn as catalogue/search.html.

import { clone, km, nf, show, slot, tags } from './dom.js';
import { writeSummary } from './filters-summary.js';
import { leftOutText } from '../search.js';
import { searchParams as readSearch } from '../search-params.js';
import { fold } from '../text.js';

const PAGE_SIZE = 20;
const CATCH_ALL = 'Autre formation'; // backend/mps/domain/catalogue/formation_types.py

function placeLine(p, d, f) {
  const li = clone('tpl-place-line');
  const a = slot(li, 'link');
  a.href = `/fiches/${p.cod_aff_form}`;
  a.textContent = p.option ? `${p.etablissement} – ${p.option}` : p.etablissement;
  const mixed = f.selective_places && f.selective_places < f.places.length;
  const where = slot(li, 'where');
  // « public », « privé sous contrat »…: the server's words (status.py LINE), set on the template by the page
  const status = p.statut ? JSON.parse(where.dataset.statuts)[p.statut] : null;
  // The distance stays on one line, as online (catalogue/_place_line.html): « 0,9 » / « km » split at 375 px.
  const distance = d != null && Object.assign(document.createElement('span'), { className: 'mps-nowrap', textContent: km(d) });
  where.replaceChildren(`— ${p.commune || p.departement} (${p.departement_code})${distance ? ', à ' : p.remote ? ', à distance' : ''}`,
    ...(distance ? [distance] : []), mixed ? ` · ${p.selective ? 'sélective' : 'non sélective'}` : '', status ? ` · ${status}` : '');
  if (p.taux_acces != null) {
    const badge = slot(li, 'badge');
    const t = p.taux_acces;
    // The thresholds come from the page (mps.domain.vocabulary), the same as the server's badge and ambition check.
    const safe = Number(badge.dataset.safe), reach = Number(badge.dataset.reach);
    badge.classList.add(t >= safe ? 'fr-badge--success' : t < reach ? 'fr-badge--warning' : 'fr-badge--info');
    badge.textContent = `accès ${Math.round(t)}\u00a0%`;
    badge.hidden = false;
  }
  return li;
}

function leftOut(result) {
  const text = leftOutText(result);
  if (!text) return [];
  const span = document.createElement('span');
  span.textContent = text;
  return [document.createElement('br'), span];
}

const FILTERS = ['famille', 'ville', 'rayon', 'departement', 'academie', 'region', 'selective', 'apprentissage', 'statut'];
const byFold = (a, b) => (fold(a) < fold(b) ? -1 : fold(a) > fold(b) ? 1 : 0);

function options(select, rows) {
  select.append(...rows.map(([value, text]) => Object.assign(document.createElement('option'), { value, textContent: text })));
}

/** The online page's filters (catalogue/_filters.html), their lists from the stored catalogue as the server
 * makes them (catalogue/index.py build), set from the URL: a new search offline keeps the town, radius, type… */
function fillFilters(page, cat, params, apprenticeship, family, statut) {
  const count = new Map();
  for (const f of cat.formations) count.set(f.type, (count.get(f.type) || 0) + 1);
  const types = [...count].map(([code, n]) => [code, (cat.types[code] || [code])[0], n])
    .sort((a, b) => (a[0] === CATCH_ALL) - (b[0] === CATCH_ALL) || byFold(a[1], b[1]));
  const form = page.querySelector('form');
  options(form.elements.famille, types.map(([code, label, n]) => [code, `${label} (${n})`]));
  options(form.elements.departement, cat.departementList.map(([code, name]) => [code, `${code} – ${name}`]));
  for (const name of ['academie', 'region']) {
    options(form.elements[name], [...new Set(cat.places.map((p) => p[name]))].sort(byFold).map((v) => [v, v]));
  }
  for (const name of FILTERS) form.elements[name].value = params.get(name) || '';
  if (family) form.elements.famille.value = family; // its code however it was written (« bts »), as online
  if (apprenticeship && !params.get('apprentissage')) form.elements.apprentissage.value = 'true'; // « bts en alternance »
  if (statut) form.elements.statut.value = statut; // as read (« Privé » is prive), or asked by a word (« bts public »)
  writeSummary(form, cat);
}

export function renderSearch(cat, params) {
  const q = (params.get('q') || '').trim();
  const page = clone('tpl-search');
  slot(page, 'q').value = q;
  const parsed = readSearch(cat, params); // every filter of the online page: famille, ville, rayon…
  if (parsed.error) {
    fillFilters(page, cat, params, false, null);
    slot(page, 'status').textContent = parsed.error;
    show(page, 'Rechercher une formation');
    return;
  }
  const result = cat.search.search(parsed);
  fillFilters(page, cat, params, result.apprenticeship, parsed.family, result.statut);
  // The town typed in the words or in « Près de » goes on to the formation page, as online (catalogue/search.html).
  const near = result.town ? result.town.postcode : (params.get('ville') || '').trim();
  const nearQuery = near ? `?ville=${encodeURIComponent(near)}` : '';
  const n = result.hits.length;
  let status = `${nf.format(n)} formation${n > 1 ? 's' : ''}`;
  if (result.placeFilter) status += ` — lieux : ${result.placeFilter}`;
  if (result.apprenticeship) status += ' — en apprentissage'; // set by the parameter or a word (« alternance »)
  if (result.statut) { // the parameter or a word (« public »), in the page's words (filters_summary.py WORDING)
    status += ` — ${JSON.parse(page.querySelector('details[data-mps-summary]').dataset.mpsSummary).parts.statut[result.statut]}`;
  }
  // A catalogue stored before places had a status (format 8): the filter waits for the next one, said so.
  const noStatus = result.statutUnknown ? ' Le filtre public / privé sera disponible hors ligne à la prochaine mise à jour du catalogue.' : '';
  slot(page, 'status').replaceChildren(`${status} (recherche hors ligne)${noStatus}`, ...leftOut(result));
  slot(page, 'empty').hidden = n > 0;
  slot(page, 'results').replaceChildren(...result.hits.slice(0, PAGE_SIZE).map((hit) => {
    const f = cat.byId.get(hit.fid);
    const item = clone('tpl-search-item');
    const a = slot(item, 'link');
    a.href = `/formations/${f.id}${nearQuery}`;
    a.textContent = f.label;
    tags(slot(item, 'tags'), [f.type_label, ...(f.apprenticeship ? ['Apprentissage'] : []), f.selectivity], true);
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
