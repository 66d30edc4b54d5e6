// Offline /formations/<id> (places nearest first, favourite and « pas intéressé » recorded on the
// device) and /fiches/<cod> (a place's figures), drawn as catalogue/formation.html and place.html.

import { announce } from '../announce.js';
import { getPreference } from '../db.js';
import { requestSync } from '../offline-boot.js';
import { distanceKm } from '../search.js';
import { lookupTown } from '../search-params.js';
import { getMark, record } from '../sync-core.js';
import { clone, count, figures, isOn, km, missing, show, slot, tags } from './dom.js';

function keyFigures(p) {
  const out = [];
  if (p.taux_acces != null) out.push(['Taux d\'accès', `${Math.round(p.taux_acces)}\u00a0% des candidats ont pu recevoir une proposition d'admission.`]);
  if (p.capacity) out.push(['Places', `${count(p.capacity, 'place')}${p.candidates ? ` pour ${count(p.candidates, 'candidat')}` : ''}.`]);
  out.push(['Sélection', p.selective ? 'Formation sélective : les dossiers sont examinés et classés par l\'établissement.'
    : 'Formation non sélective : un bachelier y a accès dans la limite des places.']);
  return out;
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

export async function renderFormation(cat, id, params) {
  const f = cat.byId.get(id);
  if (!f) return missing('Cette formation n’est pas dans le catalogue enregistré sur ton appareil.');
  const page = clone('tpl-formation');
  slot(page, 'label').textContent = f.label;
  tags(slot(page, 'tags'), [f.type_label, f.selectivity, ...(f.apprenticeship ? ['En apprentissage'] : [])]);
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
    // An option that only repeats the establishment's name is not said twice (as on the server's pages).
    a.textContent = p.option && p.option !== p.etablissement ? `${p.etablissement} – ${p.option}` : p.etablissement;
    slot(li, 'where').textContent = `${p.commune || p.departement} (${p.departement_code})${d != null ? ` · à ${km(d)}` : p.remote ? ' · à distance' : ''}`
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

export function renderPlace(cat, cod) {
  const p = cat.byCod.get(cod);
  if (!p) return missing('Ce lieu de formation n’est pas dans le catalogue enregistré sur ton appareil.');
  const f = cat.byId.get(p.formation_id);
  const page = clone('tpl-place');
  slot(page, 'etablissement').textContent = p.etablissement;
  const a = slot(page, 'formation');
  a.href = `/formations/${f.id}`;
  a.textContent = f.label;
  slot(page, 'where').textContent = `${p.commune || p.departement} (${p.departement_code}) · ${p.academie} · ${p.region}`;
  figures(slot(page, 'figures'), keyFigures(p));
  const bacs = [['Bac général', p.pct_general], ['Bac technologique', p.pct_techno], ['Bac professionnel', p.pct_pro]]
    .filter(([, pct]) => pct != null);
  slot(page, 'bacs').replaceChildren(...bacs.map(([label, pct]) => {
    const li = document.createElement('li');
    li.textContent = `${label} : ${Math.round(pct)}\u00a0% des admis`;
    return li;
  }));
  show(page, `${p.etablissement} – ${f.label}`);
}
