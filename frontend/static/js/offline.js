// The offline shell's renderer (templates/offline/app.html, served by the service worker when the
// network is gone): reads the URL and draws the search results, a formation, a place, the favourites
// or « Mes vœux » from IndexedDB (one module per page in lib/offline/). Edits are recorded on the
// device and sent by Background Sync or when the connection comes back (lib/sync-core.js).

import { decode, loadCatalogue } from './lib/catalogue.js';
import { db } from './lib/db.js';
import { SearchIndex } from './lib/search.js';
import { missing, root } from './lib/offline/dom.js';
import { renderFavourites } from './lib/offline/favourites-page.js';
import { renderFormation, renderPlace } from './lib/offline/formation-page.js';
import { renderPlan } from './lib/offline/plan-page.js';
import { MOVED_ON_DEVICE } from './lib/plan-form.js';
import { renderSearch } from './lib/offline/search-page.js';

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
  if (/^\/mes-voeux\/?$/.test(pathname)) {
    // ?deplace=<id>: the online page's « Monter / Descendre » recorded offline (lib/plan-form.js)
    const moved = searchParams.get('deplace');
    return renderPlan(cat, moved ? { fid: moved, text: MOVED_ON_DEVICE } : null);
  }
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
