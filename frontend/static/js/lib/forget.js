// Sign-out and account deletion (pages marked data-mps-forget-device): this device forgets the person. The page
// empties IndexedDB itself (works without a service worker) and posts CLEAR_USER_DATA to the worker, which drops
// the pages it cached and empties IndexedDB too; it answers on a MessageChannel. The Clear-Site-Data header of
// those answers does the same where the browser honours it (not every browser, never on plain http).

import { clearUserData } from './db.js';

const WORKER_WAIT_MS = 5000;

function tellWorker(worker) {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = setTimeout(resolve, WORKER_WAIT_MS); // a worker that never answers holds nothing up
    channel.port1.onmessage = () => { clearTimeout(timer); resolve(); };
    worker.postMessage({ type: 'CLEAR_USER_DATA' }, [channel.port2]);
  });
}

export async function forgetDevice() {
  await clearUserData().catch(() => {}); // IndexedDB unavailable: nothing kept there
  if (!('serviceWorker' in navigator)) return;
  const registration = await navigator.serviceWorker.getRegistration().catch(() => undefined);
  const worker = registration && (registration.active || registration.waiting || registration.installing);
  if (worker) await tellWorker(worker);
}
