// Part of the front-end build (frontend/build.mjs runs the parts in order); see README.md next to it.
// CSS: DSFR core + the components and icons the sources use, Marianne subset to French text, url()s
// rewritten to hashed files; our own CSS.

import { existsSync, readdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';

import { DSFR, REPO, SRC_STATIC, TEMPLATES, die, emit, manifest, posix, readFileSyncUtf8, stripBanner, walk } from './common.mjs';

// DSFR CSS components bundled into css/dsfr.css (after core). Order matters a
// little (DSFR's own dist order): keep core first, then these.
const DSFR_CSS_COMPONENTS = [
  'link', 'button', 'form', 'input', 'select', 'checkbox', 'radio', 'search',
  'skiplink', 'logo', 'modal', 'navigation', 'header', 'footer', 'breadcrumb',
  'card', 'tile', 'tag', 'badge', 'alert', 'callout', 'highlight', 'notice', 'stepper', 'table', 'pagination',
  'tab', 'accordion',
];

// DSFR icon classes (fr-icon-*) are collected automatically from the
// templates, our JS and the backend sources. Add here the ones built
// dynamically (e.g. "fr-icon-{{ name }}"), which a scan cannot see.
const EXTRA_ICONS = [
  // e.g. 'map-pin-2-line',
];
const ICON_SCAN_DIRS = [TEMPLATES, join(SRC_STATIC, 'js'), join(REPO, 'backend')];

// Fonts: only woff2, subset to the characters French text needs. Marianne's
// full files are ~58 KB each; the subsets are ~13 KB.
// MPS_FONT_SUBSET=0 ships the original files instead.
export const FONT_SUBSET = process.env.MPS_FONT_SUBSET !== '0';
const FONT_UNICODE_RANGES = [
  [0x0020, 0x007e], // Basic Latin
  [0x00a0, 0x00ff], // Latin-1 (é è à ç ù « » ° …)
  [0x0152, 0x0153], // Œ œ
  [0x0178, 0x0178], // Ÿ
  [0x02c6, 0x02c6], [0x02dc, 0x02dc],
  [0x2013, 0x2014], // – —
  [0x2018, 0x201e], // ‘ ’ ‚ “ ” „
  [0x2020, 0x2022], // † ‡ •
  [0x2026, 0x2026], // …
  [0x202f, 0x2030], // narrow no-break space, ‰
  [0x2032, 0x2033], // ′ ″
  [0x2039, 0x203a], // ‹ ›
  [0x20ac, 0x20ac], // €
  [0x2122, 0x2122], // ™
  [0x2190, 0x2193], // ← ↑ → ↓
  [0x2212, 0x2212], // −
  [0x2248, 0x2248], // ≈
  [0x2264, 0x2265], // ≤ ≥
];
const FONT_FEATURES = ['kern', 'liga', 'ccmp', 'locl', 'mark', 'mkmk'];

// Marianne Medium (weight 500) is only used by DSFR buttons, yet its file cost 14 KB on every first
// visit (the header's search button has hidden text). The Bold face, loaded on every page anyway, is
// declared for "500 700" and the Medium faces are dropped: buttons are drawn in Bold, never synthesised.
// MPS_FONT_MEDIUM=keep ships Medium again.
function mergeMediumFace(css) {
  if (process.env.MPS_FONT_MEDIUM === 'keep') return css;
  return css.replace(/@font-face\{[^}]*font-family:Marianne;[^}]*\}/g, (rule) => {
    if (/font-weight:500[;}]/.test(rule)) return '';
    return rule.replace('font-weight:700;', 'font-weight:500 700;');
  });
}

// DSFR icons are SVGs of 150–750 bytes: each cost ~1 KB on the wire, mostly response headers, and was
// missing offline until first seen. Every SVG the DSFR CSS references is inlined once, as a data: URI in
// a custom property on :root, and the rules use var() (DSFR itself inlines a few SVGs as data: URIs).
const inlinedSvgs = new Map(); // logical name -> custom property name and data: URI

function svgDataUri(svg) {
  const text = svg.toString('utf8').trim().replace(/\s*\n\s*/g, ' ').replace(/"/g, "'");
  return `url("data:image/svg+xml;charset=utf-8,${text.replace(/[%#<>]/g, (c) => encodeURIComponent(c))}")`;
}

const fontCache = new Map(); // absolute source path -> logical name

async function subsetFontFile(srcPath) {
  const buf = await readFile(srcPath);
  if (!FONT_SUBSET) return buf;
  const { default: subsetFont } = await import('subset-font');
  let text = '';
  for (const [a, b] of FONT_UNICODE_RANGES) for (let c = a; c <= b; c++) text += String.fromCodePoint(c);
  return subsetFont(buf, text, { targetFormat: 'woff2', noHinting: true, keepFeatures: FONT_FEATURES });
}

/** Copy the file referenced by url() (fonts, svg) into dist/static and return its logical name. */
async function emitReferenced(absPath) {
  if (fontCache.has(absPath)) return fontCache.get(absPath);
  if (!existsSync(absPath)) die(`missing file referenced from DSFR CSS: ${absPath}`);
  let logical;
  let content;
  if (absPath.startsWith(join(DSFR, 'fonts') + sep)) {
    logical = `fonts/${basename(absPath)}`;
    content = await subsetFontFile(absPath);
  } else if (absPath.startsWith(DSFR + sep)) {
    logical = `dsfr/${posix(relative(DSFR, absPath))}`;
    content = await readFile(absPath);
    if (logical.endsWith('.svg')) {
      const prop = `--mps-svg-${logical.replace(/^dsfr\/(icons\/)?/, '').slice(0, -'.svg'.length).replace(/[^a-z0-9-]+/gi, '-')}`;
      inlinedSvgs.set(logical, { prop, uri: svgDataUri(content) });
      fontCache.set(absPath, logical);
      return logical;
    }
  } else if (absPath.startsWith(SRC_STATIC + sep)) {
    logical = posix(relative(SRC_STATIC, absPath));
    content = await readFile(absPath);
  } else {
    die(`url() outside the allowed folders: ${absPath}`);
  }
  await emit(logical, content);
  fontCache.set(absPath, logical);
  return logical;
}

/**
 * Rewrite url(...) in `css` (whose source file lives in `srcDir`) to hashed
 * files, relative to the output folder static/css/. Drops woff fallbacks
 * (every browser we target has woff2) and adds unicode-range to @font-face.
 */
async function rewriteUrls(css, srcDir) {
  // @font-face: keep only the woff2 source.
  css = css.replace(/,\s*url\(([^)]+)\.woff\)\s*format\(["']?woff["']?\)/g, '');
  if (FONT_SUBSET) {
    const range = FONT_UNICODE_RANGES.map(([a, b]) =>
      a === b ? `U+${a.toString(16).toUpperCase()}` : `U+${a.toString(16).toUpperCase()}-${b.toString(16).toUpperCase()}`,
    ).join(',');
    css = css.replace(/@font-face\s*\{([^}]*)\}/g, (m, body) =>
      /unicode-range/.test(body) ? m : `@font-face{${body.replace(/;?\s*$/, '')};unicode-range:${range}}`,
    );
  }
  const urls = new Map();
  for (const m of css.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)) {
    const ref = m[2].trim();
    if (/^(data:|#|https?:|\/\/)/.test(ref)) {
      if (/^(https?:|\/\/)/.test(ref)) die(`remote url() in CSS: ${ref}`);
      continue;
    }
    const clean = ref.split(/[?#]/)[0];
    if (!urls.has(ref)) urls.set(ref, await emitReferenced(resolve(srcDir, clean)));
  }
  return css.replace(/url\(\s*(["']?)([^"')]+)\1\s*\)/g, (m, _q, ref) => {
    const logical = urls.get(ref.trim());
    if (!logical) return m;
    if (inlinedSvgs.has(logical)) return `var(${inlinedSvgs.get(logical).prop})`;
    return `url(${posix(relative('/static/css', manifest[logical]))})`;
  });
}

function collectIconNames() {
  const available = new Map(); // name -> rule
  const iconsCss = stripBanner(readFileSyncUtf8(join(DSFR, 'utility', 'icons', 'icons.main.min.css')));
  for (const m of iconsCss.matchAll(/\.fr-icon-([a-z0-9-]+):after,\.fr-icon-\1:before\{[^}]*\}/g)) available.set(m[1], m[0]);
  const wanted = new Set(EXTRA_ICONS);
  const unknown = new Set();
  for (const m of scanSources().matchAll(/\bfr-icon-([a-z0-9]+(?:-[a-z0-9]+)*)/g)) {
    if (available.has(m[1])) wanted.add(m[1]);
    else unknown.add(m[1]);
  }
  for (const name of EXTRA_ICONS) if (!available.has(name)) die(`EXTRA_ICONS: unknown DSFR icon "${name}"`);
  if (unknown.size) console.warn(`warning: ignored unknown DSFR icon names: ${[...unknown].sort().join(', ')}`);
  return [...wanted].sort().map((name) => ({ name, rule: available.get(name) }));
}

/** All text of the files that may use DSFR classes (templates, our JS, backend). */
let scannedText;
function scanSources() {
  if (scannedText === undefined) {
    scannedText = ICON_SCAN_DIRS.flatMap((d) => walk(d, (p) => /\.(html|jinja2?|js|mjs|py)$/.test(p)))
      .map((f) => readFileSyncUtf8(f))
      .join('\n');
  }
  return scannedText;
}

// DSFR spacing utilities (fr-mt-4w, fr-px-md-2v, fr-m-auto…): ~9 KB gzip for
// ~1,200 classes. Only the ones found in the sources are kept. A class built
// dynamically ("fr-mt-{{ n }}w") cannot be seen: write it out in full.
// MPS_CSS_PURGE=0 keeps them all.
const SPACING_CLASS = /^\.fr-[mp][trblxy]?(?:-(?:xs|sm|md|lg|xl))?-(?:n?\d+[vw]|auto)$/;
const SPACING_TOKEN = /\bfr-[mp][trblxy]?(?:-(?:xs|sm|md|lg|xl))?-(?:n?\d+[vw]|auto)\b/g;

function purgeSpacingUtilities(css) {
  if (process.env.MPS_CSS_PURGE === '0') return { css, removed: 0, kept: 'all' };
  const used = new Set((scanSources().match(SPACING_TOKEN) || []).map((t) => `.${t}`));
  let removed = 0;
  const out = css.replace(/([^{}]+)\{([^{}]*)\}/g, (rule, selectorList, body) => {
    const selectors = selectorList.split(',').map((x) => x.trim());
    if (!selectors.every((x) => SPACING_CLASS.test(x))) return rule;
    const kept = selectors.filter((x) => used.has(x));
    if (kept.length === selectors.length) return rule;
    removed += selectors.length - kept.length;
    return kept.length ? `${kept.join(',')}{${body}}` : '';
  });
  // Media queries left empty by the purge.
  return { css: out.replace(/@media[^{}]*\{\s*\}/g, ''), removed, kept: used.size };
}

async function minifyCss(css) {
  const esbuild = await import('esbuild');
  const out = await esbuild.transform(css, {
    loader: 'css',
    minify: true,
    legalComments: 'none',
    target: ['chrome109', 'edge109', 'firefox115', 'safari15.4'],
  });
  return out.code;
}

export async function buildDsfrCss() {
  const parts = [];
  const sources = [
    join(DSFR, 'core', 'core.main.min.css'),
    ...DSFR_CSS_COMPONENTS.map((c) => join(DSFR, 'component', c, `${c}.main.min.css`)),
  ];
  for (const src of sources) {
    if (!existsSync(src)) die(`DSFR file not found: ${src}`);
    const part = basename(src).split('.')[0];
    const text = stripBanner(await readFile(src, 'utf8')).replace(/@charset[^;]*;/g, '');
    parts.push(await rewriteUrls(part === 'core' ? mergeMediumFace(text) : text, dirname(src)));
  }
  // Warn about DSFR components the sources use but the bundle leaves out.
  for (const name of readdirSync(join(DSFR, 'component'))) {
    if (DSFR_CSS_COMPONENTS.includes(name) || !existsSync(join(DSFR, 'component', name, `${name}.main.min.css`))) continue;
    if (new RegExp(`\\bfr-${name}(?![\\w-])`).test(scanSources())) {
      console.warn(`warning: the sources use "fr-${name}" but the DSFR "${name}" component is not bundled: add it to DSFR_CSS_COMPONENTS (and DSFR_JS_COMPONENTS if it has JS) in build/css.mjs and build/bundle.mjs`);
    }
  }
  const icons = collectIconNames();
  const iconsCssDir = join(DSFR, 'utility', 'icons'); // DSFR icon rules are relative to this folder
  for (const icon of icons) parts.push(await rewriteUrls(icon.rule, iconsCssDir));
  parts.push(`:root{${[...inlinedSvgs.values()].map(({ prop, uri }) => `${prop}:${uri}`).join(';')}}`);
  const version = JSON.parse(await readFile(join(DSFR, '..', 'package.json'), 'utf8')).version;
  const banner = `/*! DSFR v${version} | SPDX-License-Identifier: Etalab-2.0 | restricted use (see terms and conditions) | subset for MonProjetSup: core, ${DSFR_CSS_COMPONENTS.join(', ')}, ${icons.length} icons */\n`;
  const purged = purgeSpacingUtilities(await minifyCss(parts.join('\n')));
  console.log(`dsfr.css: kept ${purged.kept} spacing utility classes used in the sources, dropped ${purged.removed}`);
  const css = banner + (await minifyCss(purged.css));
  await emit('css/dsfr.css', css);
  return icons.map((i) => i.name);
}

// The widths of bars (<span class="mps-bar" data-w="42">), one rule per whole percent: the CSP has no
// 'unsafe-inline' for style attributes, and CSS cannot read a length from an attribute in every browser yet.
// Rules rather than a script setting the width, so bars show without JavaScript too.
export const BAR_WIDTHS = Array.from({ length: 101 }, (_, w) => `.mps-bar[data-w="${w}"]{--w:${w}%}`).join('\n');

export async function buildAppCss() {
  const srcDir = join(SRC_STATIC, 'css');
  for (const f of await readdir(srcDir)) {
    if (!f.endsWith('.css')) continue;
    const source = await readFile(join(srcDir, f), 'utf8');
    const css = await rewriteUrls(f === 'app.css' ? `${source}\n${BAR_WIDTHS}\n` : source, srcDir);
    await emit(`css/${f}`, await minifyCss(css));
  }
}

