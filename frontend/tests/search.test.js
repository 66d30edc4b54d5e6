// Offline search (lib/search.js) gives the server's results on the golden corpus, filters included.
// Run by infra/test.sh:  MPS_SNAPSHOT=var/test/catalogue-snapshot.json node --test frontend/tests/
// (the snapshot is `mps snapshot --out …`: the document the server sends to devices). The corpus is
// tests/data/search_golden.json, written from the server's search by bench/search_golden.py and
// checked against the Python search by tests/integration/catalogue/test_search_golden.py.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

import { decode } from '../static/js/lib/catalogue.js';
import { SearchIndex, searchParams } from '../static/js/lib/search.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..', '..');
const snapshotPath = process.env.MPS_SNAPSHOT || path.join(root, 'var', 'test', 'catalogue-snapshot.json');
const golden = JSON.parse(readFileSync(path.join(root, 'tests', 'data', 'search_golden.json'), 'utf8'));

function offlineAnswer(cat, params) {
  const parsed = searchParams(cat, new URLSearchParams(params));
  if (parsed.error) return { params, error: true };
  const result = cat.search.search(parsed);
  return {
    params, error: false, total: result.hits.length, partial: result.partial, place_filter: result.placeFilter,
    hits: result.hits.slice(0, 10).map((h) => [h.fid, h.places.slice(0, 3).map(([p]) => p.cod_aff_form)]),
  };
}

test('offline search agrees with the server on every golden case', () => {
  let snap;
  try {
    snap = JSON.parse(readFileSync(snapshotPath, 'utf8'));
  } catch (e) {
    assert.fail(`no catalogue snapshot at ${snapshotPath}: run \`mps snapshot --out ${snapshotPath}\` first (${e.message})`);
  }
  const cat = decode(snap);
  cat.search = new SearchIndex(cat);
  assert.ok(golden.length >= 150, 'golden corpus too small');
  const differ = [];
  for (const expected of golden) {
    const got = offlineAnswer(cat, expected.params);
    try {
      assert.deepStrictEqual(got, expected);
    } catch {
      differ.push(`${JSON.stringify(expected.params)}: expected ${JSON.stringify(expected.hits?.slice(0, 3))} got ${JSON.stringify(got.hits?.slice(0, 3))} (total ${expected.total} / ${got.total})`);
    }
  }
  assert.deepStrictEqual(differ, [], `${differ.length} of ${golden.length} cases differ:\n${differ.join('\n')}`);
});
