// The service worker's reminders (service-worker/src/push.js) on a fake worker global.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { installPush, notificationFor, safePath } from '../../service-worker/src/push.js';

function fakeWorker(windows = []) {
  const listeners = {};
  const shown = [];
  const opened = [];
  const sw = {
    location: { origin: 'https://mps.example.fr' },
    addEventListener: (type, fn) => { listeners[type] = fn; },
    registration: { showNotification: async (title, options) => shown.push({ title, options }) },
    clients: {
      matchAll: async () => windows,
      openWindow: async (url) => { opened.push(url); return { url }; },
    },
  };
  const fire = async (type, event) => {
    const waits = [];
    listeners[type]({ ...event, waitUntil: (p) => waits.push(p) });
    await Promise.all(waits);
  };
  return { sw, shown, opened, fire };
}

test('a reminder push shows a French notification with an action and its page', async () => {
  const { sw, shown, fire } = fakeWorker();
  installPush(sw);
  const doc = { title: 'Tes vœux Parcoursup', body: 'Plus que 3 jours.', url: '/etapes#voeux', tag: 'abc', action: 'Voir' };
  await fire('push', { data: { json: () => doc } });
  assert.equal(shown.length, 1);
  assert.equal(shown[0].title, 'Tes vœux Parcoursup');
  assert.equal(shown[0].options.body, 'Plus que 3 jours.');
  assert.equal(shown[0].options.tag, 'abc');
  assert.deepEqual(shown[0].options.actions, [{ action: 'open', title: 'Voir' }]);
  assert.equal(shown[0].options.data.url, '/etapes#voeux');
});

test('an unreadable push still shows something, never nothing (browsers punish silent pushes)', async () => {
  const { sw, shown, fire } = fakeWorker();
  installPush(sw);
  await fire('push', { data: { json: () => { throw new SyntaxError('bad'); } } });
  await fire('push', { data: null });
  assert.equal(shown.length, 2);
  assert.equal(shown[0].title, 'MonProjetSup');
  assert.equal(shown[0].options.data.url, '/rappels');
});

test('a click opens the page, or focuses the tab already on it', async () => {
  let focused = false;
  const open = { url: 'https://mps.example.fr/favoris', focus: async () => { focused = true; } };
  const { sw, opened, fire } = fakeWorker([open]);
  installPush(sw);
  const notification = (url) => ({ close() {}, data: { url } });
  await fire('notificationclick', { notification: notification('/favoris') });
  assert.ok(focused);
  assert.deepEqual(opened, []);
});

test('a click on a reminder for another page opens it when no tab of ours can navigate', async () => {
  const { sw, opened, fire } = fakeWorker([]);
  installPush(sw);
  await fire('notificationclick', { notification: { close() {}, data: { url: '/etapes' } } });
  assert.deepEqual(opened, ['https://mps.example.fr/etapes']);
});

test('only our own paths are opened', () => {
  assert.equal(safePath('/etapes'), '/etapes');
  for (const bad of ['https://evil.example', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 42]) {
    assert.equal(safePath(bad), '/');
  }
  assert.equal(notificationFor({ title: 'x'.repeat(90), url: 'https://evil.example' }).options.data.url, '/');
  assert.equal(notificationFor({ title: 'x'.repeat(90) }).title.length, 60);
});
