// MonProjetSup service worker.
//
// Built by frontend/build.mjs: bundled with esbuild (Workbox included, nothing
// is loaded from elsewhere at run time), then workbox-build.injectManifest
// replaces self.__WB_MANIFEST with the precache list generated from
// frontend/dist/static plus the offline page. MPS_BUILD_ID and MPS_OFFLINE_URL
// are replaced at build time.
//
// Strategies
//   precache (app shell)  CSS (DSFR icons inlined), JS, Marianne Regular/Bold, icons, /hors-ligne
//   navigations           network first (3 s timeout) -> cached page -> favourites cache -> /hors-ligne;
//                         search, formation, place, favourites and « Mes vœux » offline -> the offline shell
//                         /hors-ligne/app, which renders them from IndexedDB (js/offline.js)
//                         the pages open when the worker first activates are fetched into the pages cache
// Offline data            the catalogue snapshot in IndexedDB (refreshed on REFRESH_CATALOGUE, ETag; a download that
//                         does not decode is refused and the stored one stays);
//                         queued edits sent on the Background Sync event "sync" (tag mps-sync), and the
//                         stage checklist's ticks (tag mps-checklist)
//   /static/              cache first (hashed, immutable files); an old hashed URL that is
//                         neither cached nor on the server (error or 404) falls back to the current version
//                         of the same asset, so pages cached before an update keep their styles
//
// Reminders (push.js): push shows the notification, notificationclick opens or focuses its page,
//                      pushsubscriptionchange re-subscribes and tells the server.
//
// Updates: the new worker waits. The page shows "Une nouvelle version est
// disponible" and posts {type: "SKIP_WAITING"} when the user accepts.

import { clientsClaim, setCacheNameDetails } from 'workbox-core';
import { enable as enableNavigationPreload, isSupported as navigationPreloadSupported } from 'workbox-navigation-preload';
import { matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { CacheFirst, NetworkFirst } from 'workbox-strategies';
import { ExpirationPlugin } from 'workbox-expiration';
import { CacheableResponsePlugin } from 'workbox-cacheable-response';
import { refreshCatalogue } from '../../frontend/static/js/lib/catalogue.js';
import { clearUserData } from '../../frontend/static/js/lib/db.js';
import { SYNC_TAG, flush } from '../../frontend/static/js/lib/sync-core.js';
import { CHECKLIST_TAG, sendTicks } from '../../frontend/static/js/lib/checklist-sync.js';
import { installPush } from './push.js';

/* global MPS_BUILD_ID, MPS_OFFLINE_URL, MPS_SHELL_URL */

const PREFIX = 'mps';
const CACHE_VERSION = 'v1'; // bump only when the layout of our caches changes
setCacheNameDetails({ prefix: PREFIX, suffix: CACHE_VERSION, precache: 'precache', runtime: 'runtime' });

const CACHES = {
  precache: `${PREFIX}-precache-${CACHE_VERSION}`,
  runtime: `${PREFIX}-runtime-${CACHE_VERSION}`,
  pages: `${PREFIX}-pages-${CACHE_VERSION}`,
  static: `${PREFIX}-static-${CACHE_VERSION}`,
  favoris: `${PREFIX}-favoris-${CACHE_VERSION}`,
};
const KEEP = new Set(Object.values(CACHES));

const PRECACHE = self.__WB_MANIFEST;
const HASHED = /\.[0-9a-f]{10}(\.[a-z0-9]+)$/;

// ---------------------------------------------------------------------------
// Precache (app shell + offline page)
// ---------------------------------------------------------------------------

precacheAndRoute(PRECACHE);

// Old hashed URL -> current URL of the same logical asset.
const currentByLogical = new Map();
for (const entry of PRECACHE) {
  const url = typeof entry === 'string' ? entry : entry.url;
  if (HASHED.test(url)) currentByLogical.set(url.replace(HASHED, '$1'), url);
}

// ---------------------------------------------------------------------------
// Navigations: network first, then cache, then the offline page
// ---------------------------------------------------------------------------

/** Never store pages the server marks as private (personal data on a shared device). */
const respectPrivate = {
  cacheWillUpdate: async ({ response }) => {
    const cc = response.headers.get('Cache-Control') || '';
    return /\b(no-store|private)\b/i.test(cc) ? null : response;
  },
};

const pagesStrategy = new NetworkFirst({
  cacheName: CACHES.pages,
  networkTimeoutSeconds: 3,
  plugins: [
    new CacheableResponsePlugin({ statuses: [200] }),
    respectPrivate,
    new ExpirationPlugin({ maxEntries: 60, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
  ],
});

// Pages the offline shell can draw from IndexedDB. /favoris and /mes-voeux always come from there when
// offline: a cached copy would not show the edits made since.
const SHELL_ROUTES = /^\/(recherche\/?$|formations\/[^/]+\/?$|fiches\/\d+\/?$|favoris\/?$|mes-voeux\/?$)/;
const SHELL_FIRST = /^\/(favoris|mes-voeux)\/?$/;

async function shell() {
  return matchPrecache(MPS_SHELL_URL);
}

async function handleNavigation(options) {
  const { pathname } = new URL(options.request.url);
  const drawable = SHELL_ROUTES.test(pathname);
  if (SHELL_FIRST.test(pathname)) {
    try {
      const response = await fetch(options.request);
      if (response) return response;
    } catch {
      const page = await shell();
      if (page) return page;
    }
  }
  try {
    const response = await pagesStrategy.handle(options);
    if (response) return response;
  } catch {
    // offline and not in the pages cache: the shell, the favourites, then the offline page
  }
  if (drawable) {
    const page = await shell();
    if (page) return page;
  }
  const favori = await (await caches.open(CACHES.favoris)).match(options.request);
  if (favori) return favori;
  const offline = await matchPrecache(MPS_OFFLINE_URL);
  return offline || Response.error();
}

if (navigationPreloadSupported()) enableNavigationPreload();
registerRoute(new NavigationRoute(handleNavigation, { denylist: [/^\/api\//, /^\/admin/] }));

// ---------------------------------------------------------------------------
// Static assets: cache first
// ---------------------------------------------------------------------------

// A page kept in the cache may reference assets of an older release. When
// such a file is neither cached nor on the server any more (network error or
// 404), serve the current version of the same asset from the precache.
async function currentVersionOf(request) {
  const { pathname } = new URL(request.url);
  const current = currentByLogical.get(pathname.replace(HASHED, '$1'));
  return current && current !== pathname ? matchPrecache(current) : undefined;
}

const fallbackToCurrentVersion = {
  fetchDidSucceed: async ({ request, response }) =>
    response.status === 404 ? (await currentVersionOf(request)) || response : response,
  handlerDidError: async ({ request }) => currentVersionOf(request),
};

registerRoute(
  ({ url, request }) => url.origin === self.location.origin && url.pathname.startsWith('/static/') && request.method === 'GET',
  new CacheFirst({
    cacheName: CACHES.static,
    plugins: [
      new CacheableResponsePlugin({ statuses: [200] }),
      new ExpirationPlugin({ maxEntries: 120, maxAgeSeconds: 60 * 24 * 3600, purgeOnQuotaError: true }),
      fallbackToCurrentVersion,
    ],
  }),
);

// ---------------------------------------------------------------------------
// Lifecycle
// ---------------------------------------------------------------------------

// Take control of open pages once activated (first install, or an update the
// user accepted). skipWaiting is never called on its own: see "message".
clientsClaim();

// A first visit's page loaded before this worker existed, so the pages cache lacks it and, offline at once,
// the home showed « Tu es hors ligne ». Fetch the open pages the cache lacks once, through the pages strategy
// (private answers are still skipped); the offline shell draws its own routes from IndexedDB.
async function keepOpenPages(event) {
  const cache = await caches.open(CACHES.pages);
  const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  await Promise.all(windows.map(async (client) => {
    const url = new URL(client.url);
    if (url.origin !== self.location.origin || SHELL_ROUTES.test(url.pathname) || /^\/(api|admin)\//.test(url.pathname)
      || (await cache.match(url.href))) return;
    await pagesStrategy.handle({ event, request: new Request(url.href, { credentials: 'same-origin' }) }).catch(() => null);
  }));
}

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys().then((names) =>
      Promise.all(names.filter((n) => n.startsWith(`${PREFIX}-`) && !KEEP.has(n)).map((n) => caches.delete(n))),
    ).then(() => keepOpenPages(event)),
  );
});

// ---------------------------------------------------------------------------
// Messages from the pages
// ---------------------------------------------------------------------------

function sameOriginUrls(urls) {
  if (!Array.isArray(urls)) return [];
  return urls
    .map((u) => {
      try {
        return new URL(u, self.location.origin);
      } catch {
        return null;
      }
    })
    .filter((u) => u && u.origin === self.location.origin && !u.pathname.startsWith('/api/'))
    .map((u) => u.href);
}

async function cacheFavoris(urls) {
  const cache = await caches.open(CACHES.favoris);
  await Promise.all(
    sameOriginUrls(urls).map(async (url) => {
      try {
        const response = await fetch(url, { credentials: 'same-origin' });
        const cc = response.headers.get('Cache-Control') || '';
        if (response.ok && !/\b(no-store|private)\b/i.test(cc)) await cache.put(url, response);
      } catch {
        // offline: the page will be cached next time it is visited
      }
    }),
  );
}

async function uncacheFavoris(urls) {
  const cache = await caches.open(CACHES.favoris);
  await Promise.all(sameOriginUrls(urls).map((url) => cache.delete(url)));
}

self.addEventListener('message', (event) => {
  const data = event.data || {};
  switch (data.type) {
    case 'SKIP_WAITING':
      self.skipWaiting();
      break;
    case 'CACHE_URLS': // {type, urls: ["/formations/…"]}: keep these pages for offline use (favourites)
      event.waitUntil(cacheFavoris(data.urls));
      break;
    case 'UNCACHE_URLS':
      event.waitUntil(uncacheFavoris(data.urls));
      break;
    case 'CLEAR_USER_DATA': // sign-out, account deleted: forget the pages seen and the person's data, then say so
      event.waitUntil(Promise.all([caches.delete(CACHES.pages), caches.delete(CACHES.favoris), clearUserData()])
        .catch(() => 'partly')
        .then(() => event.ports && event.ports[0] && event.ports[0].postMessage({ type: 'USER_DATA_CLEARED' })));
      break;
    case 'REFRESH_CATALOGUE': // {type, maxAgeMs}: download the catalogue snapshot if it changed; the outcome
      // ({result, change}) goes back on the message's port when it has one: the page tells the student
      // (lib/catalogue-notice.js; tests/browser/test_catalogue_update.py)
      event.waitUntil(refreshCatalogue().catch(() => ({ result: 'offline' }))
        .then(({ result, change }) => event.ports && event.ports[0]
          && event.ports[0].postMessage({ type: 'CATALOGUE', result, change })));
      break;
    case 'SYNC_NOW':
      event.waitUntil(flush());
      break;
    case 'GET_VERSION':
      if (event.ports && event.ports[0]) event.ports[0].postMessage({ type: 'VERSION', version: MPS_BUILD_ID });
      break;
    default:
      break;
  }
});

// ---------------------------------------------------------------------------
// Background Sync: send the edits queued offline (lib/sync-core.js, docs/sync.md)
// ---------------------------------------------------------------------------

self.addEventListener('sync', (event) => {
  if (event.tag !== SYNC_TAG) return;
  // Rejecting tells the browser to retry later (with back-off) when we could not reach the server.
  event.waitUntil(flush().then((result) => (result === 'offline' ? Promise.reject(new Error('offline')) : result)));
});

// The stage preparation checklist's ticks made offline (lib/checklist-sync.js): sent even if the page was closed.
self.addEventListener('sync', (event) => {
  if (event.tag !== CHECKLIST_TAG) return;
  event.waitUntil(sendTicks().then((result) => (
    result === 'offline' || result === 'error' ? Promise.reject(new Error(result)) : result)));
});

// Reminders: Web Push (push.js)
installPush(self);
