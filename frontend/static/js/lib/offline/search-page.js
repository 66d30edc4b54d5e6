// Offline /recherche: the search of lib/search.js over the stored catalogue, drawn as catalogue/search.html.

import { clone, km, nf, show, slot, tags } from './dom.js';
import { leftOutText } from '../search.js';
import { searchParams as readSearch } from '../search-params.js';

const PAGE_SIZE = 20;

function placeLine(p, d, f) {
  const li = clone('tpl-place-line');
  const a = slot(li, 'link');
  a.href = `/fiches/${p.cod_aff_form}`;
  a.textContent = p.option ? `${p.etablissement} – ${p.option}` : p.etablissement;
  const mixed = f.selective_places && f.selective_places < f.places.length;
  slot(li, 'where').textContent = `— ${p.commune} (${p.departement_code})${d != null ? `, à ${km(d)}` : p.remote ? ', à distance' : ''}`
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

function leftOut(result) {
  const text = leftOutText(result);
  if (!text) return [];
  const span = document.createElement('span');
  span.textContent = text;
  return [document.createElement('br'), span];
}

export function renderSearch(cat, params) {
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
  if (result.apprenticeship) status += ' — en apprentissage'; // set by the parameter or a word (« alternance »)
  slot(page, 'status').replaceChildren(`${status} (recherche hors ligne)`, ...leftOut(result));
  slot(page, 'empty').hidden = n > 0;
  slot(page, 'results').replaceChildren(...result.hits.slice(0, PAGE_SIZE).map((hit) => {
    const f = cat.byId.get(hit.fid);
    const item = clone('tpl-search-item');
    const a = slot(item, 'link');
    a.href = `/formations/${f.id}`;
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
