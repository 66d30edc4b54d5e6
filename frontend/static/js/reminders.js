// The « Activer les rappels » button of /rappels: asks for the notification permission only when it is
// pressed (never on page load), subscribes this device to Web Push with the server's VAPID key and sends
// the subscription to /api/v1/reminders/devices. On iPhone/iPad outside the installed app, Web Push does
// not exist (iOS 16.4+ gives it to home-screen apps only): the page explains how to install first.

const section = document.querySelector('[data-mps-push]');

function csrf() {
  const m = document.cookie.match(/(?:^|;\s*)mps_csrftoken=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : '';
}

function part(name) {
  return section.querySelector(`[data-mps-push-${name}]`);
}

function say(text, kind = 'success') {
  const box = document.getElementById('statut-push');
  box.className = `mps-status fr-alert fr-alert--${kind} fr-alert--sm fr-my-1w`;
  box.replaceChildren(Object.assign(document.createElement('p'), { textContent: text }));
}

export function isAppleMobile(nav = navigator) {
  // iPadOS presents itself as a Mac; a touch screen tells them apart.
  return /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && nav.maxTouchPoints > 1);
}

function installed() {
  return window.matchMedia('(display-mode: standalone)').matches || navigator.standalone === true;
}

export function deviceLabel(ua = navigator.userAgent) {
  const browser = /Edg\//.test(ua) ? 'Edge' : /Firefox\//.test(ua) ? 'Firefox' : /SamsungBrowser/.test(ua) ? 'Samsung Internet'
    : /Chrome\//.test(ua) ? 'Chrome' : /Safari\//.test(ua) ? 'Safari' : 'Navigateur';
  const system = /Android/.test(ua) ? 'Android' : /iPhone/.test(ua) ? 'iPhone' : /iPad/.test(ua) ? 'iPad'
    : /Windows/.test(ua) ? 'Windows' : /Mac OS X/.test(ua) ? 'Mac' : /Linux/.test(ua) ? 'Linux' : '';
  return system ? `${browser} sur ${system}` : browser;
}

export function keyBytes(base64url) {
  const padded = (base64url + '='.repeat((4 - (base64url.length % 4)) % 4)).replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(padded), (c) => c.charCodeAt(0));
}

async function post(url, body) {
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin', body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-csrftoken': csrf() },
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response;
}

async function currentSubscription() {
  const registration = await navigator.serviceWorker.ready;
  return [registration, await registration.pushManager.getSubscription()];
}

async function enable() {
  const button = part('enable');
  button.disabled = true;
  try {
    const permission = await Notification.requestPermission();
    if (permission !== 'granted') {
      part('denied').hidden = false;
      say("Les notifications n'ont pas été autorisées : aucun rappel ne sera envoyé sur cet appareil.", 'warning');
      return;
    }
    const [registration, existing] = await currentSubscription();
    const subscription = existing || await registration.pushManager.subscribe({
      userVisibleOnly: true, applicationServerKey: keyBytes(section.dataset.publicKey),
    });
    await post('/api/v1/reminders/devices', {
      ...subscription.toJSON(), label: deviceLabel(),
      time_zone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    window.location.assign('/rappels?ok=active#statut-rappels');
  } catch (error) {
    say("Les rappels n'ont pas pu être activés. Vérifie ta connexion et réessaie.", 'error');
    console.warn('MonProjetSup : abonnement impossible', error);
  } finally {
    button.disabled = false;
  }
}

async function disable() {
  try {
    const [, subscription] = await currentSubscription();
    if (subscription) {
      await post('/api/v1/reminders/devices/forget', { endpoint: subscription.endpoint });
      await subscription.unsubscribe();
    }
    window.location.assign('/rappels?ok=desactive#statut-rappels');
  } catch (error) {
    say("Les rappels n'ont pas pu être désactivés. Réessaie.", 'error');
  }
}

async function start() {
  const supported = 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
  if (isAppleMobile() && !installed()) {
    part('ios').hidden = false;
    return;
  }
  if (!supported) {
    part('unsupported').hidden = false;
    return;
  }
  if (Notification.permission === 'denied') part('denied').hidden = false;
  const [, subscription] = await currentSubscription();
  part(subscription ? 'disable' : 'enable').hidden = false;
  part('state').textContent = subscription
    ? 'Cet appareil reçoit tes rappels.'
    : "Cet appareil ne reçoit pas encore tes rappels. Ton navigateur te demandera l'autorisation.";
  part('enable').addEventListener('click', enable);
  part('disable').addEventListener('click', disable);
}

if (section) start();
