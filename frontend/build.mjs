#!/usr/bin/env node
// MonProjetSup front-end build.
//
//   node build.mjs          build everything into frontend/dist/ and check the result
//   node build.mjs --check  only run the checks on an existing frontend/dist/
//
// Output (frontend/dist/, never committed):
//   static/…                 content-hashed assets (CSS, JS, fonts, SVG, PNG)
//   asset-manifest.json      {"css/dsfr.css": "/static/css/dsfr.0123456789.css", …}
//   manifest.webmanifest     PWA manifest (served at /manifest.webmanifest)
//   sw.js                    service worker (served at /sw.js), Workbox bundled in,
//                            precache list injected by workbox-build.injectManifest
//
// See README.md next to this file.

import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { buildJs } from './build/bundle.mjs';
import { check, report } from './build/check.mjs';
import { DIST, DSFR, STATIC, die, emit, kb, manifest, walk } from './build/common.mjs';
import { FONT_SUBSET, buildAppCss, buildDsfrCss } from './build/css.mjs';
import { buildIcons } from './build/icons.mjs';
import { OFFLINE_URL, buildServiceWorker, buildWebManifest } from './build/service-worker.mjs';

// Parts, one concern each: build/common.mjs (folders, emit), icons.mjs, css.mjs (CSS and fonts),
// bundle.mjs (JS), service-worker.mjs (PWA manifest and Workbox), check.mjs (checks and size report).

async function main() {
  if (process.argv.includes('--check')) {
    await check();
    await report();
    return;
  }
  if (!existsSync(DSFR)) die('node_modules/@gouvfr/dsfr is missing: run `npm ci` first');
  const t0 = Date.now();
  await rm(DIST, { recursive: true, force: true });
  await mkdir(STATIC, { recursive: true });

  await buildIcons(emit);
  const icons = await buildDsfrCss();
  await buildAppCss();
  await buildJs();
  await buildWebManifest();

  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(join(DIST, 'asset-manifest.json'), `${JSON.stringify(sorted, null, 2)}\n`);

  const sw = await buildServiceWorker();
  const files = walk(STATIC).length;
  console.log(`built frontend/dist in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${files} static files, ${icons.length} DSFR icons, fonts ${FONT_SUBSET ? 'subset' : 'full'}`);
  console.log(`sw.js: build ${sw.buildId}, ${sw.count} precache entries (${kb(sw.size)}), ${OFFLINE_URL} revision ${sw.revision}`);
  await check();
  await report();
}

main().catch((e) => die(e.stack || String(e)));
