// Sign-out (<form data-mps-send-queue-first>): the edits this device still holds are sent before the session ends,
// or they would be lost (the next page empties the device, lib/forget.js). Offline or refused, the person is told
// how many edits would be lost and chooses; without JavaScript the form posts as it is.

import { flush, pendingCount } from './sync-core.js';

const SEND_WAIT_MS = 8000; // a server that does not answer does not keep anyone signed in

function lostEditsMessage(count) {
  if (count === 1) {
    return '1 modification faite sur cet appareil n’a pas encore pu être envoyée (pas de réseau ?). '
      + 'Si tu te déconnectes maintenant, elle sera perdue. Te déconnecter quand même ?';
  }
  return `${count} modifications faites sur cet appareil n’ont pas encore pu être envoyées (pas de réseau ?). `
    + 'Si tu te déconnectes maintenant, elles seront perdues. Te déconnecter quand même ?';
}

async function sendFirst(form) {
  const pending = await pendingCount().catch(() => 0);
  if (pending) {
    await Promise.race([flush(), new Promise((resolve) => { setTimeout(resolve, SEND_WAIT_MS); })]);
    const left = await pendingCount().catch(() => 0);
    if (left && !window.confirm(lostEditsMessage(left))) return;
  }
  form.submit(); // the form's own post, without this handler again
}

export function initSignOut(form) {
  let busy = false;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    sendFirst(form).finally(() => { busy = false; });
  });
}
