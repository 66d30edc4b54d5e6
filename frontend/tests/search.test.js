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

import { READABLE, decode } from '../static/js/lib/catalogue.js';
import { SearchIndex, leftOutText, readStatus } from '../static/js/lib/search.js';
import { searchParams } from '../static/js/lib/search-params.js';

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

let catalogue;
function readSnapshot() {
  try {
    return JSON.parse(readFileSync(snapshotPath, 'utf8'));
  } catch (e) {
    return assert.fail(`no catalogue snapshot at ${snapshotPath}: run \`mps snapshot --out ${snapshotPath}\` first (${e.message})`);
  }
}

function loadCat() {
  if (catalogue) return catalogue;
  catalogue = decode(readSnapshot());
  catalogue.search = new SearchIndex(catalogue);
  return catalogue;
}

test('offline search agrees with the server on every golden case', () => {
  const cat = loadCat();
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

// The online page names a word that matches nothing (catalogue/pages.py « unknown »): offline too,
// never a silent drop. "atlantide" is neither a formation word nor a town; "compta" and "bts" are.
test('offline search names the words that match nothing, and only those', () => {
  const cat = loadCat();
  const typo = cat.search.search(searchParams(cat, new URLSearchParams({ q: 'bts compta atlantide' })));
  assert.deepStrictEqual(typo.unknown, ['atlantide']);
  assert.ok(typo.hits.length > 0, 'the other words still find formations');
  const said = leftOutText(typo);
  assert.match(said, /« atlantide » : aucune formation ni aucune ville ne correspond à ce mot/);

  const two = cat.search.search({ q: 'licence zorglub psychologie blorpf' });
  assert.deepStrictEqual(two.unknown, ['zorglub', 'blorpf']);
  assert.match(leftOutText(two), /« zorglub », « blorpf » : .* ces mots/);

  for (const q of ['bts compta lille', 'informatque', 'licence psycho lyon']) { // typos and towns are not unknown
    const r = cat.search.search({ q });
    assert.deepStrictEqual(r.unknown, [], q);
    assert.ok(!leftOutText(r).includes('aucune ville'), q);
  }
});

// Browsing types (backend formation_types.py): each formation carries its type, and `famille=` takes a
// type's code or name, as on the server; « Autre formation » is what no finer type names.
test('offline famille= filters the browsing type, by code or name', () => {
  const cat = loadCat();
  const codes = Object.keys(cat.types);
  assert.ok(codes.includes('DN_MADE') && codes.includes('Autre formation') && codes.includes('BTS'));
  for (const code of codes) {
    const n = cat.formations.filter((f) => f.type === code).length;
    for (const raw of [code, cat.types[code][0].toUpperCase()]) {
      const parsed = searchParams(cat, new URLSearchParams({ famille: raw }));
      const hits = cat.search.search(parsed).hits;
      assert.equal(hits.length, n, raw);
      assert.ok(hits.every((h) => cat.byId.get(h.fid).type === code), raw);
    }
  }
  const dnMade = cat.formations.find((f) => f.type === 'DN_MADE');
  assert.equal(dnMade.family, 'Autre formation'); // Parcoursup's family is kept
  assert.equal(dnMade.type_label, cat.types.DN_MADE[0]);
  assert.equal(searchParams(cat, new URLSearchParams({ famille: 'Licorne' })).field, 'famille');
});

// « en alternance » is the apprenticeship filter, as on the server (search.py): the word is read out, the filter
// set unless the page chose one, and dropped when no place is in apprenticeship.
test('offline an alternance word sets the apprenticeship filter', () => {
  const cat = loadCat();
  const key = (r) => r.hits.map((h) => [h.fid, h.places.map(([p]) => p.cod_aff_form)]);
  const asked = cat.search.search({ q: 'bts compta en alternance' });
  assert.equal(asked.apprenticeship, true);
  assert.ok(asked.hits.length && asked.hits.every((h) => h.places.every(([p]) => p.apprenticeship)));
  assert.deepEqual(key(asked), key(cat.search.search({ q: 'bts compta', apprenticeship: true })));
  const chosen = cat.search.search({ q: 'bts compta alternance', apprenticeship: false });
  assert.equal(chosen.apprenticeship, false);
  const none = cat.search.search({ q: 'licence philosophie en alternance' });
  assert.equal(none.apprenticeship, null);
  assert.deepEqual(key(none), key(cat.search.search({ q: 'licence philosophie' })));
});

// Public or private (backend status.py): a status word is the filter, unless it makes a formation's name with the word
// before it (the snapshot's status_kept); the golden corpus compares the results with the server's.
test('offline a status word sets the statut filter, never a formation word', () => {
  const cat = loadCat();
  const asked = cat.search.search({ q: 'bts public lyon' });
  assert.equal(asked.statut, 'public');
  assert.deepEqual(asked.words, ['bts']);
  assert.ok(asked.hits.length && asked.hits.every((h) => h.places.every(([p]) => p.statut === 'public')));
  for (const q of ['santé publique', 'licence droit public', 'relations publiques', 'bts travaux publics']) {
    const r = cat.search.search({ q });
    assert.equal(r.statut, null, q);
    assert.ok(r.words.length >= 2, q);
  }
  assert.deepEqual(readStatus(['ecole', 'commerce', 'privee'], cat.statusWords, cat.statusKept), [['ecole', 'commerce'], 'prive']);
  assert.equal(searchParams(cat, new URLSearchParams({ statut: 'Privé sous contrat' })).statut, 'sous_contrat');
  assert.equal(searchParams(cat, new URLSearchParams({ statut: 'gratuit' })).field, 'statut');
});

// A device that stored the previous format (8: no place status) keeps searching it until the new one arrives: it
// decodes, finds what it found, and a statut filter is set aside (said by the page) rather than emptying the results.
test('offline a stored format 8 snapshot still works, without the statut filter', () => {
  const snap = readSnapshot();
  const at = snap.place_fields.indexOf('statut');
  assert.ok(at >= 0 && READABLE.has(8) && READABLE.has(snap.format));
  const old = { ...snap, format: 8, place_fields: snap.place_fields.filter((f) => f !== 'statut'),
    places: snap.places.map((r) => r.filter((_, i) => i !== at)) };
  for (const key of ['statuts', 'status_words', 'status_kept']) delete old[key];
  const cat = decode(old);
  cat.search = new SearchIndex(cat);
  assert.equal(cat.hasStatus, false);
  const key = (r) => r.hits.map((h) => [h.fid, h.places.map(([p]) => p.cod_aff_form)]);
  const filtered = cat.search.search({ q: 'bts compta', statut: 'public' });
  assert.equal(filtered.statutUnknown, true);
  assert.deepEqual(key(filtered), key(cat.search.search({ q: 'bts compta' })));
  assert.ok(cat.search.search({ q: 'licence psycho lyon' }).hits.length > 0);
});
