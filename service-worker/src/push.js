// Reminders in the service worker: show a pushed reminder, open its page on a click, and re-subscribe
// when the browser replaces the subscription. The server's payload (backend mps/domain/reminders/
// scheduler.py payload_of): {title, body, url, tag, kind, action}.

const FALLBACK = { title: 'MonProjetSup', body: 'Tu as un rappel : ouvre MonProjetSup pour le voir.', url: '/rappels' };

/** Only our own pages are opened: a payload never sends the student elsewhere. */
export function safePath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.includes('\\') ? url : '/';
}

/** The notification for a push message's data (already parsed JSON, or null when unreadable). */
export function notificationFor(data) {
  const doc = data && typeof data === 'object' ? data : FALLBACK;
  const url = safePath(doc.url || FALLBACK.url);
  return {
    title: String(doc.title || FALLBACK.title).slice(0, 60),
    options: {
      body: String(doc.body || '').slice(0, 200),
      tag: doc.tag || undefined, // the same reminder again replaces the one shown, never stacks
      lang: 'fr',
      data: { url },
      actions: [{ action: 'open', title: String(doc.action || 'Voir') }],
    },
  };
}

function readData(event) {
  if (!event.data) return null;
  try {
    return event.data.json();
  } catch {
    return null;
  }
}

async function openOrFocus(sw, path) {
  const target = new URL(path, sw.location.origin).href;
  const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
  const same = windows.find((client) => client.url === target);
  if (same) return same.focus();
  const ours = windows.find((client) => new URL(client.url).origin === sw.location.origin);
  if (ours && 'navigate' in ours) {
    const navigated = await ours.navigate(target).catch(() => null);
    if (navigated) return navigated.focus();
  }
  return sw.clients.openWindow(target);
}

function keyBytes(base64url) {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

async function resubscribe(sw, event) {
  const old = event.oldSubscription;
  let fresh = event.newSubscription;
  if (!fresh) {
    const response = await fetch('/api/v1/reminders', { credentials: 'same-origin', headers: { accept: 'application/json' } });
    const { public_key: key } = await response.json();
    fresh = await sw.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(key) });
  }
  if (!old) return; // nothing to prove who we are with: the page's button will register the new one
  const json = fresh.toJSON();
  await fetch('/api/v1/reminders/renew', {
    method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ old_endpoint: old.endpoint, endpoint: json.endpoint, keys: json.keys }),
  });
}

export function installPush(sw) {
  sw.addEventListener('push', (event) => {
    const { title, options } = notificationFor(readData(event));
    event.waitUntil(sw.registration.showNotification(title, options));
  });
  sw.addEventListener('notificationclick', (event) => {
    event.notification.close();
    event.waitUntil(openOrFocus(sw, safePath(event.notification.data && event.notification.data.url)));
  });
  sw.addEventListener('pushsubscriptionchange', (event) => {
    event.waitUntil(resubscribe(sw, event).catch(() => undefined));
  });
}
