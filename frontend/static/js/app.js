// MonProjetSup progressive enhancements. Every feature is opt-in through a
// data attribute, so pages work without JavaScript.
//
//   <button type="button" data-mps-favori data-id="…" data-titre="…" data-url="/formations/…"
//           class="fr-btn fr-btn--secondary fr-btn--icon-left fr-icon-heart-line">Ajouter à mes favoris</button>
//       toggles a favourite: recorded on this device (IndexedDB) and sent to
//       POST /api/v1/sync now or when back online (lib/sync-core.js), and asks
//       the service worker to keep the page for offline use. Dispatches
//       "mps:favori" on document with detail {id, titre, url, favori}.
//   <button type="button" data-mps-pas-interesse data-id="…" data-titre="…">Pas intéressé</button>
//       toggles « pas intéressé » the same way.
//   <ul data-mps-favoris-list data-empty="Tu n’as pas encore de favori."></ul>
//       filled with the favourites stored on this device.
//   <ul data-mps-offline-pages data-empty="…"></ul>
//       filled with the pages available offline (service worker cache).
//   <textarea data-mps-counter="2000" aria-describedby="hint-id messages-id">
//       counts characters and refuses to send past the limit (lib/counter.js).
//   <button type="button" data-mps-reload>Réessayer</button>
//       reloads the page.
//   <form data-mps-plan-form data-id="<formation id>" …> (« Mes vœux »: déjà sur Parcoursup, note, partage)
//       offline, kept on this device as sync operations instead of posted; sent back online.
//   <form data-mps-plan-move="<formation id>" …> (« Mes vœux »: Monter / Descendre) offline,
//       recorded as set_position operations, then the offline shell draws the new order.
//   <form data-mps-checklist="<application id>"> (a stage's preparation checklist)
//       each tick saved at once, or queued on this device offline and sent back online (lib/checklist.js).
//   <div data-mps-keep-plan> (« Mes vœux », « Tes étapes »): the marks are pulled and the plan kept on this device for
//       the offline page (lib/offline/plan-page.js).
//   <button type="button" data-mps-print hidden>Imprimer</button>
//       shown and wired to the browser's print dialog (the page's print CSS makes it one A4 document).
//   <button type="button" data-mps-copy="<field id>" data-mps-copied="…" hidden>Copier le lien</button>
//       copies a read-only field (a family link); <input readonly data-mps-select-all> selects it all (lib/copy.js).
//   <form data-mps-send-queue-first> (sign-out): the edits still queued on this device are sent first; if they
//       cannot be, the person is asked before they are lost (lib/sign-out.js).
//   <div data-mps-forget-device> (after sign-out, account deleted): this device forgets the person's data,
//       IndexedDB and the service worker's page caches (lib/forget.js), and no sync runs; then the element
//       gets data-mps-forgotten.
// Going offline / back online shows / hides a DSFR notice.

import { addFavori, listFavoris, setPreference } from './lib/db.js';
import { announce, barSlot, statusRegion } from './lib/announce.js';
import { initChecklist } from './lib/checklist.js';
import { initCopy, initSelectAll } from './lib/copy.js';
import { initCounter } from './lib/counter.js';
import { initErrorSummary } from './lib/form-errors.js';
import { initInlineForms } from './lib/inline-forms.js';
import { formationLabels } from './lib/labels.js';
import { initSkipLinks } from './lib/skiplinks.js';
import { bootOffline, keepPlanFresh, requestSync } from './lib/offline-boot.js';
import { getMark, listMarks, record } from './lib/sync-core.js';
import { initPlanForm, initPlanMove } from './lib/plan-form.js';
import { forgetDevice } from './lib/forget.js';
import { initSignOut } from './lib/sign-out.js';

const PAGES_CACHE = 'mps-pages-v1'; // keep in sync with service-worker/src/sw.js
const FAVORIS_CACHE = 'mps-favoris-v1';
const ICON_OFF = 'fr-icon-heart-line';
const ICON_ON = 'fr-icon-heart-fill';

function postToServiceWorker(message) {
  if (!('serviceWorker' in navigator)) return;
  navigator.serviceWorker.ready.then((reg) => reg.active && reg.active.postMessage(message)).catch(() => {});
}

// ---------------------------------------------------------------------------
// Favourites
// ---------------------------------------------------------------------------

function renderFavoriButton(button, isFavori) {
  button.dataset.mpsFavoriState = isFavori ? 'on' : 'off';
  button.classList.toggle(ICON_ON, isFavori);
  button.classList.toggle(ICON_OFF, !isFavori);
  button.textContent = isFavori ? 'Retirer de mes favoris' : 'Ajouter à mes favoris';
}

const isOn = (mark, kind) => Boolean(mark && mark.kind === kind && !mark.deleted);

async function initFavoriButton(button) {
  const { id, titre, url } = button.dataset;
  if (!id) return;
  try {
    renderFavoriButton(button, isOn(await getMark(id), 'favori'));
  } catch {
    return; // IndexedDB unavailable (private browsing on some browsers): leave the button as rendered
  }
  button.addEventListener('click', async (event) => {
    event.preventDefault();
    const wasFavori = button.dataset.mpsFavoriState === 'on';
    try {
      await record(wasFavori ? 'remove_favourite' : 'add_favourite', id);
    } catch {
      announce('Impossible d’enregistrer ce favori sur cet appareil.');
      return;
    }
    requestSync().catch(() => {});
    if (!wasFavori) addFavori({ id, titre, url: url || window.location.pathname }).catch(() => {}); // title for lists
    renderFavoriButton(button, !wasFavori);
    const pageUrl = url || window.location.pathname;
    postToServiceWorker({ type: wasFavori ? 'UNCACHE_URLS' : 'CACHE_URLS', urls: [pageUrl] });
    announce(wasFavori ? `${titre || 'Formation'} retirée de tes favoris.` : `${titre || 'Formation'} ajoutée à tes favoris.`);
    document.dispatchEvent(new CustomEvent('mps:favori', { detail: { id, titre, url: pageUrl, favori: !wasFavori } }));
  });
}

function renderLinks(list, items) {
  list.replaceChildren(
    ...items.map(({ titre, url }) => {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'fr-link';
      a.href = url;
      a.textContent = titre || url;
      li.append(a);
      return li;
    }),
  );
  if (!items.length && list.dataset.empty) {
    const li = document.createElement('li');
    li.textContent = list.dataset.empty;
    list.append(li);
  }
  list.hidden = false;
}

function renderAsideButton(button, aside) {
  button.dataset.mpsAsideState = aside ? 'on' : 'off';
  button.setAttribute('aria-pressed', aside ? 'true' : 'false');
}

async function initAsideButton(button) {
  const { id, titre } = button.dataset;
  if (!id) return;
  try {
    renderAsideButton(button, isOn(await getMark(id), 'corbeille'));
  } catch {
    return;
  }
  button.addEventListener('click', async (event) => {
    event.preventDefault();
    const wasAside = button.dataset.mpsAsideState === 'on';
    try {
      await record(wasAside ? 'restore' : 'not_interested', id);
    } catch {
      announce('Impossible d’enregistrer ce choix sur cet appareil.');
      return;
    }
    requestSync().catch(() => {});
    renderAsideButton(button, !wasAside);
    announce(wasAside ? `${titre || 'Formation'} remise dans ta liste.` : `${titre || 'Formation'} mise de côté (pas intéressé).`);
    document.dispatchEvent(new CustomEvent('mps:pas-interesse', { detail: { id, aside: !wasAside } }));
  });
}

async function initFavorisList(list) {
  try {
    const titles = new Map((await listFavoris()).map((f) => [f.id, f.titre]));
    const marks = (await listMarks()).filter((m) => isOn(m, 'favori'))
      .sort((a, b) => (a.position ?? 2e12) - (b.position ?? 2e12));
    // Favourites added on another device or on a page have no stored title: the catalogue knows their label.
    const labels = await formationLabels(marks.map((m) => m.formation_id).filter((id) => !titles.get(id)))
      .catch(() => new Map());
    renderLinks(list, marks.map((m) => ({ titre: titles.get(m.formation_id) || labels.get(m.formation_id)
      || 'Formation plus proposée', url: `/formations/${m.formation_id}` })));
  } catch {
    // IndexedDB unavailable
  }
}

// ---------------------------------------------------------------------------
// Offline
// ---------------------------------------------------------------------------

async function cachedPages() {
  if (!('caches' in window)) return [];
  const pages = [];
  for (const name of [FAVORIS_CACHE, PAGES_CACHE]) {
    if (!(await caches.has(name))) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const url = new URL(request.url);
      if (url.origin !== window.location.origin || url.pathname === '/hors-ligne') continue;
      const path = url.pathname + url.search;
      if (pages.some((p) => p.url === path)) continue;
      let titre = path;
      try {
        const html = await (await cache.match(request)).text();
        const m = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
        if (m) {
          const text = new DOMParser().parseFromString(m[1], 'text/html').documentElement.textContent;
          titre = text.replace(/\s*[—–-]\s*MonProjetSup\s*$/, '').trim() || path;
        }
      } catch {
        // keep the path as title
      }
      pages.push({ titre, url: path });
      if (pages.length >= 50) return pages;
    }
  }
  return pages;
}

async function initOfflinePages(list) {
  try {
    renderLinks(list, await cachedPages());
  } catch {
    // Cache API unavailable
  }
}

/** « Tu es hors ligne »: at the top of a page opened offline; when the network goes while a page is read, a bar
 * over the bottom of the window (lib/announce.js barSlot, shared with lib/catalogue-notice.js), so that nothing under the
 * thumb moves. */
function offlineNotice(show, midPage = false) {
  const region = statusRegion();
  const existing = region.querySelector('.mps-offline-notice');
  if (!show) {
    if (existing) existing.remove();
    return;
  }
  if (existing) return;
  const notice = document.createElement('div');
  // a normal situation, not an alarm
  notice.className = `fr-notice fr-notice--info mps-offline-notice${midPage ? ' mps-bar-notice' : ''}`;
  notice.innerHTML =
    '<div class="fr-container"><div class="fr-notice__body"><p><span class="fr-notice__title">Tu es hors ligne.</span> ' +
    '<span class="fr-notice__desc">Les pages déjà consultées et tes favoris restent disponibles.</span></p>' +
    (midPage ? '<button type="button" class="fr-btn--close fr-btn" title="Masquer le message">Masquer le message</button>' : '') +
    '</div></div>';
  if (midPage) notice.querySelector('button').addEventListener('click', () => notice.remove());
  if (midPage) barSlot().prepend(notice); // above a catalogue notice, never over it
  else region.prepend(notice);
}

// ---------------------------------------------------------------------------

function init() {
  initErrorSummary();
  initInlineForms();
  initSkipLinks();
  const counters = () => document.querySelectorAll('textarea[data-mps-counter]:not([data-mps-counted])').forEach(initCounter);
  counters();
  document.addEventListener('mps:content-replaced', counters);
  document.querySelectorAll('[data-mps-favori]').forEach(initFavoriButton);
  document.querySelectorAll('[data-mps-pas-interesse]').forEach(initAsideButton);
  document.querySelectorAll('[data-mps-favoris-list]').forEach(initFavorisList);
  document.querySelectorAll('[data-mps-offline-pages]').forEach(initOfflinePages);
  const home = document.querySelector('[data-mps-home]');
  if (home) { // the profile's first town: the offline formation page sorts places from it
    setPreference('home', { nom: home.dataset.nom, lat: Number(home.dataset.lat), lon: Number(home.dataset.lon) })
      .catch(() => {});
  }
  document.querySelectorAll('[data-mps-reload]').forEach((b) => b.addEventListener('click', () => window.location.reload()));
  document.querySelectorAll('form[data-mps-plan-form]').forEach(initPlanForm);
  document.querySelectorAll('form[data-mps-plan-move]').forEach(initPlanMove);
  document.querySelectorAll('form[data-mps-checklist]').forEach(initChecklist);
  document.querySelectorAll('form[data-mps-send-queue-first]').forEach(initSignOut);
  if (document.querySelector('[data-mps-keep-plan]')) keepPlanFresh().catch(() => {});
  document.querySelectorAll('[data-mps-print]').forEach((b) => { // hidden without JavaScript: no dead button
    b.hidden = false;
    b.addEventListener('click', () => window.print());
  });
  document.querySelectorAll('[data-mps-copy]').forEach(initCopy);
  document.querySelectorAll('input[data-mps-select-all]').forEach(initSelectAll);
  // A favourite or « pas intéressé » saved by a form changed the marks on the server only: pull them now, so that this
  // device has them if the network goes (the next pull waits for a page 30 s later).
  document.addEventListener('mps:inline-saved', (event) => {
    if (/^\/(favoris|suggestions)\//.test(event.detail.action)) requestSync().catch(() => {});
  });
  window.addEventListener('offline', () => offlineNotice(true, true));
  window.addEventListener('online', () => offlineNotice(false));
  if (navigator.onLine === false) offlineNotice(true);
  const forget = document.querySelector('[data-mps-forget-device]');
  if (!forget) {
    bootOffline();
    return;
  }
  // No sync on this page: it would send the previous person's queue under the next identity, or start a new one
  // before the device is empty. The next page starts afresh.
  forgetDevice().catch(() => {}).then(() => { forget.dataset.mpsForgotten = '1'; });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init, { once: true });
else init();
