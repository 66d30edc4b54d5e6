// Offline plumbing every page runs (imported by app.js): keep the CSRF token where the service
// worker can read it, send queued edits on load and when the network comes back (browsers without
// Background Sync), ask for Background Sync after an edit, and have the worker refresh the offline
// catalogue once the page is idle (a new one is said: lib/catalogue-notice.js).

import { showCatalogueNotice } from './catalogue-notice.js';
import { db } from './db.js';
import { SYNC_TAG, flush, keepPlan, lastSync, pendingCount, rememberCsrf } from './sync-core.js';

const PULL_EVERY_MS = 30 * 1000; // changes made on another device show up on the next page
const CATALOGUE_EVERY_MS = 6 * 60 * 60 * 1000;

function csrfCookie() {
  const m = document.cookie.match(/(?:^|;\s*)mps_csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

async function syncNow() {
  await rememberCsrf(csrfCookie());
  const result = await flush();
  document.dispatchEvent(new CustomEvent('mps:synced', { detail: { result } }));
  return result;
}

/** After an edit: send it now if we can, else let Background Sync (or the next "online") do it. */
export async function requestSync() {
  await rememberCsrf(csrfCookie());
  if ('serviceWorker' in navigator) {
    try {
      const reg = await navigator.serviceWorker.ready;
      if (reg.sync) await reg.sync.register(SYNC_TAG);
    } catch {
      // no Background Sync: the "online" listener below covers it
    }
  }
  if (navigator.onLine !== false) return syncNow();
  return 'offline';
}

/** « Mes vœux » seen online: the device's marks pulled (edits made with the page's forms) and the plan
 * kept as the server counts it now, so that the offline page (lib/offline/plan-page.js) shows this. */
export async function keepPlanFresh() {
  if (navigator.onLine === false) return;
  await syncNow();
  await keepPlan(await db());
}

function whenIdle(fn, delay) {
  setTimeout(() => ('requestIdleCallback' in window ? requestIdleCallback(fn, { timeout: 5000 }) : fn()), delay);
}

export function bootOffline() {
  window.addEventListener('online', () => { syncNow().catch(() => {}); });
  whenIdle(async () => {
    try {
      if (navigator.onLine === false) return;
      const [pending, last] = [await pendingCount(), await lastSync()];
      if (pending || !last || Date.now() - last > PULL_EVERY_MS) await syncNow();
    } catch {
      // IndexedDB unavailable: nothing to sync
    }
  }, 500);
  whenIdle(async () => {
    if (!('serviceWorker' in navigator) || navigator.onLine === false) return;
    const reg = await navigator.serviceWorker.ready;
    if (!reg.active) return;
    const channel = new MessageChannel(); // the outcome: a snapshot that replaced the device's is said
    channel.port1.onmessage = (event) => { if (event.data && event.data.change) showCatalogueNotice(event.data.change); };
    reg.active.postMessage({ type: 'REFRESH_CATALOGUE', maxAgeMs: CATALOGUE_EVERY_MS }, [channel.port2]);
  }, 3000);
}
