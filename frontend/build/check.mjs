// Part of the front-end build (frontend/build.mjs runs the parts in order); see README.md next to it.
// Checks of dist/ (every file present, sw.js parses and loads nothing remote) and the page-weight report.

import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';

import { DIST, die, kb } from './common.mjs';
import { OFFLINE_URL, SHELL_URL } from './service-worker.mjs';

// What a page loads on a first visit (for the size report) and what the
// service worker precaches (the app shell). Logical names.
const PAGE_ASSETS = [
  'css/dsfr.css', 'css/app.css',
  'js/dsfr.js', 'js/app.js', 'js/sw-register.js',
  'fonts/Marianne-Regular.woff2', 'fonts/Marianne-Bold.woff2', // no Medium: see mergeMediumFace in css.mjs
  'icons/favicon.svg',
];
const PAGE_BUDGET_BYTES = 150 * 1024; // gzip, whole page (HTML included)
const GZIP_LEVEL = 6; // as the app serves it (Litestar CompressionConfig in backend/mps/asgi.py)


export async function check() {
  const problems = [];
  const am = JSON.parse(await readFile(join(DIST, 'asset-manifest.json'), 'utf8'));
  for (const [logical, url] of Object.entries(am)) {
    if (!url.startsWith('/static/')) problems.push(`${logical}: URL must start with /static/`);
    if (!existsSync(join(DIST, url.slice(1)))) problems.push(`${logical}: ${url} missing in dist/`);
  }
  for (const name of PAGE_ASSETS) if (!am[name]) problems.push(`asset-manifest lacks ${name}`);

  const sw = await readFile(join(DIST, 'sw.js'), 'utf8');
  try {
    new vm.Script(sw, { filename: 'sw.js' });
  } catch (e) {
    problems.push(`dist/sw.js does not parse: ${e.message}`);
  }
  if (sw.includes('self.__WB_MANIFEST')) problems.push('dist/sw.js: injection point left in place');
  if (/https?:\/\//.test(sw.replace(/http:\/\/www\.w3\.org\/[^"'\s]*/g, ''))) {
    problems.push(`dist/sw.js contains an absolute URL: ${sw.match(/https?:\/\/[^"'\s]*/)[0]}`);
  }
  if (/importScripts\s*\(/.test(sw)) problems.push('dist/sw.js calls importScripts (nothing may be loaded at run time)');
  for (const name of ['css/dsfr.css', 'css/app.css', 'js/app.js', 'js/dsfr.js', 'js/sw-register.js', 'fonts/Marianne-Regular.woff2']) {
    if (am[name] && !sw.includes(JSON.stringify(am[name]).slice(1, -1))) problems.push(`dist/sw.js does not precache ${am[name]}`);
  }
  for (const page of [OFFLINE_URL, SHELL_URL]) if (!sw.includes(`"${page}"`)) problems.push(`dist/sw.js does not precache ${page}`);

  const wm = JSON.parse(await readFile(join(DIST, 'manifest.webmanifest'), 'utf8'));
  for (const icon of wm.icons) if (!existsSync(join(DIST, icon.src.slice(1)))) problems.push(`manifest icon missing: ${icon.src}`);

  const cssText = await readFile(join(DIST, am['css/dsfr.css'].slice(1)), 'utf8');
  for (const m of cssText.matchAll(/url\(([^)]+)\)/g)) {
    const ref = m[1].replace(/["']/g, '');
    if (ref.startsWith('data:')) continue;
    if (!existsSync(resolve(DIST, 'static', 'css', ref))) problems.push(`css/dsfr.css: broken url(${ref})`);
  }
  if (/\.woff\)/.test(cssText)) problems.push('css/dsfr.css still references .woff files');

  if (problems.length) die(`checks failed:\n  - ${problems.join('\n  - ')}`);
  const entries = sw.match(/\{(?:"revision":(?:null|"[^"]*"),"url":"[^"]*"|"url":"[^"]*","revision":(?:null|"[^"]*"))\}/g) || [];
  console.log(`checks: ok (sw.js parses, ${entries.length} precache entries, no remote URL, all files present)`);
}

export async function report() {
  const am = JSON.parse(await readFile(join(DIST, 'asset-manifest.json'), 'utf8'));
  const rows = [];
  let raw = 0;
  let gz = 0;
  for (const name of PAGE_ASSETS) {
    const buf = await readFile(join(DIST, am[name].slice(1)));
    const g = zlib.gzipSync(buf, { level: GZIP_LEVEL }).length;
    const z = name.endsWith('.woff2') || name.endsWith('.png') ? buf.length : g; // already compressed
    rows.push([name, buf.length, z]);
    raw += buf.length;
    gz += z;
  }
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log('\nWhat a page loads on a first visit (besides the HTML):');
  console.log(`  ${'asset'.padEnd(w)}  ${'raw'.padStart(9)}  ${`gzip -${GZIP_LEVEL}`.padStart(9)}`);
  for (const [n, r, z] of rows) console.log(`  ${n.padEnd(w)}  ${kb(r).padStart(9)}  ${kb(z).padStart(9)}`);
  console.log(`  ${'total'.padEnd(w)}  ${kb(raw).padStart(9)}  ${kb(gz).padStart(9)}`);
  console.log(`  (fonts are woff2, already compressed: counted as is; DSFR icons are inlined in dsfr.css)`);
  const left = PAGE_BUDGET_BYTES - gz;
  console.log(`  budget ${kb(PAGE_BUDGET_BYTES)} gzip per page, HTML included: ${kb(left)} left for the HTML`);
  if (left < 10 * 1024) console.warn('  warning: less than 10 KB left for the HTML');
}

