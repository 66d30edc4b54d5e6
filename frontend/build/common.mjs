// Part of the front-end build (frontend/build.mjs runs the parts in order); see README.md next to it.
// Shared by every part: the folders, the asset manifest and emit() that writes content-hashed files.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..'); // frontend/
export const REPO = resolve(ROOT, '..');
export const DIST = join(ROOT, 'dist');
export const STATIC = join(DIST, 'static');
export const SRC_STATIC = join(ROOT, 'static');
export const TEMPLATES = join(ROOT, 'templates');
export const SW_SRC = join(REPO, 'service-worker', 'src', 'sw.js');
export const DSFR = join(ROOT, 'node_modules', '@gouvfr', 'dsfr', 'dist');


export const HASH_LEN = 10;
export const HASHED_NAME = /\.[0-9a-f]{10}\.[a-z0-9]+$/;

// Browsers we target (esbuild).
export const JS_TARGET = ['chrome109', 'edge109', 'firefox115', 'safari15.4'];

export const manifest = {}; // logical name -> URL

export const sha256 = (data) => createHash('sha256').update(data).digest('hex');
export const posix = (p) => p.split(sep).join('/');

export async function emit(logical, content) {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
  const ext = extname(logical);
  const hashed = `${logical.slice(0, -ext.length)}.${sha256(buf).slice(0, HASH_LEN)}${ext}`;
  const out = join(STATIC, hashed);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, buf);
  manifest[logical] = `/static/${hashed}`;
  return manifest[logical];
}

export function walk(dir, filter = () => true) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name.startsWith('.') || entry.name === '__pycache__') continue;
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...walk(p, filter));
    else if (filter(p)) out.push(p);
  }
  return out;
}

export const stripBanner = (css) => css.replace(/\/\*![\s\S]*?\*\//g, '');
export const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

export function die(msg) {
  console.error(`\nbuild failed: ${msg}`);
  process.exit(1);
}


export function readFileSyncUtf8(p) {
  return readFileSync(p, 'utf8');
}
