// Registers the service worker (/sw.js, scope /) and handles updates.
//
// A new version never takes over on its own: when one is installed and
// waiting, we show a DSFR notice "Une nouvelle version est disponible" with a
// "Mettre à jour" button. Accepting posts {type: "SKIP_WAITING"} to the waiting
// worker; when it takes control (controllerchange) the page reloads once.

const REGION_ID = 'mps-update';
const UPDATE_CHECK_MS = 60 * 60 * 1000; // look for a new version at most once an hour

let accepted = false;
let reloading = false;

function region() {
  let el = document.getElementById(REGION_ID);
  if (!el) {
    el = document.createElement('div');
    el.id = REGION_ID;
    el.setAttribute('role', 'status');
    document.body.prepend(el);
  }
  return el;
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  node.append(...children);
  return node;
}

function showUpdatePrompt(worker) {
  const container = region();
  if (container.querySelector('.mps-update-notice')) return;

  const accept = el('button', { type: 'button', class: 'fr-btn fr-btn--sm fr-ml-md-2w mps-update-notice__btn' }, 'Mettre à jour');
  const close = el('button', { type: 'button', class: 'fr-btn--close fr-btn', title: 'Masquer le message' }, 'Masquer le message');
  const notice = el(
    'div',
    { class: 'fr-notice fr-notice--info mps-update-notice' },
    el(
      'div',
      { class: 'fr-container' },
      el(
        'div',
        { class: 'fr-notice__body' },
        el('p', {}, el('span', { class: 'fr-notice__title' }, 'Une nouvelle version est disponible.'), ' ', accept),
        close,
      ),
    ),
  );

  accept.addEventListener('click', () => {
    accepted = true;
    accept.disabled = true;
    accept.textContent = 'Mise à jour…';
    worker.postMessage({ type: 'SKIP_WAITING' });
  });
  close.addEventListener('click', () => notice.remove());
  container.append(notice);
}

function watch(registration) {
  if (registration.waiting && navigator.serviceWorker.controller) showUpdatePrompt(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const worker = registration.installing;
    if (!worker) return;
    worker.addEventListener('statechange', () => {
      // With no controller this is the first install, not an update.
      if (worker.state === 'installed' && navigator.serviceWorker.controller) showUpdatePrompt(worker);
    });
  });

  let lastCheck = Date.now();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible' && Date.now() - lastCheck > UPDATE_CHECK_MS) {
      lastCheck = Date.now();
      registration.update().catch(() => {});
    }
  });
}

async function register() {
  try {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
    watch(registration);
  } catch (error) {
    console.warn('MonProjetSup : service worker non enregistré', error);
  }
}

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // Only reload for an update this page accepted, never on the first install.
    if (!accepted || reloading) return;
    reloading = true;
    window.location.reload();
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
