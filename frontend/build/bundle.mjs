// Part of the front-end build (frontend/build.mjs runs the parts in order); see README.md next to it.
// JS: the DSFR modules in one bundle, and each of our ES modules bundled with its imports (idb).

import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';

import { DSFR, JS_TARGET, ROOT, SRC_STATIC, die, emit } from './common.mjs';

// DSFR JS: core + the components that need behaviour (menus, modals, tabs…).
const DSFR_JS_COMPONENTS = [
  'button', 'navigation', 'modal', 'header', 'breadcrumb', 'tag', 'table', 'tab', 'accordion',
];


export async function buildJs() {
  const esbuild = await import('esbuild');

  // DSFR: core.module + components, each kept in its own module scope.
  const dsfrFiles = [
    join(SRC_STATIC, 'js', 'lib', 'dsfr-config.js'), // window.dsfr settings, before core reads them
    join(DSFR, 'core', 'core.module.min.js'),
    ...DSFR_JS_COMPONENTS.map((c) => join(DSFR, 'component', c, `${c}.module.min.js`)),
  ];
  for (const f of dsfrFiles) if (!existsSync(f)) die(`DSFR file not found: ${f}`);
  const dsfr = await esbuild.build({
    stdin: { contents: dsfrFiles.map((f) => `import ${JSON.stringify(f)};`).join('\n'), resolveDir: ROOT, loader: 'js' },
    bundle: true, format: 'esm', minify: true, write: false, target: JS_TARGET, legalComments: 'none',
  });
  const dsfrVersion = JSON.parse(await readFile(join(DSFR, '..', 'package.json'), 'utf8')).version;
  await emit('js/dsfr.js', `/*! DSFR v${dsfrVersion} | SPDX-License-Identifier: Etalab-2.0 | restricted use (see terms and conditions) */\n${dsfr.outputFiles[0].text}`);

  // Our modules: every static/js/*.js is an entry point (bundled with its
  // imports, e.g. lib/ and idb); static/js/lib/ holds internal modules.
  const jsDir = join(SRC_STATIC, 'js');
  const entries = (await readdir(jsDir)).filter((f) => f.endsWith('.js'));
  for (const f of entries) {
    const res = await esbuild.build({
      entryPoints: [join(jsDir, f)],
      bundle: true, format: 'esm', minify: true, write: false, target: JS_TARGET,
      legalComments: 'none', nodePaths: [join(ROOT, 'node_modules')],
    });
    await emit(`js/${f}`, res.outputFiles[0].text);
  }
}

