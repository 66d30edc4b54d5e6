// « Le catalogue a été mis à jour »: said when a new catalogue snapshot replaced the one on this device (the offline
// search and pages use it from now on), with what the counts say changed. A bar fixed at the bottom of the window
// (lib/announce.js barSlot, shared with « Tu es hors ligne »), so that nothing the student is reading or about to tap moves; read out by the live region; closed by a tap.

import { announce, barSlot } from './announce.js';

const nf = new Intl.NumberFormat('fr-FR');
const COUNTS = [['formations', 'formation', 'formations'], ['places', 'lieu de formation', 'lieux de formation']];

/** « 3 formations en plus, 1 lieu de formation en moins » from the summaries before and after (lib/catalogue.js). */
export function changeText({ before, after }) {
  const parts = COUNTS.map(([key, one, many]) => {
    const d = after[key] - before[key];
    return d && `${nf.format(Math.abs(d))} ${Math.abs(d) > 1 ? many : one} en ${d > 0 ? 'plus' : 'moins'}`;
  }).filter(Boolean);
  const session = after.session !== before.session ? `Données Parcoursup ${after.session}. ` : '';
  return `${session}${parts.length ? `${parts.join(', ')}.` : 'Les informations des formations sont actualisées.'}`;
}

export function showCatalogueNotice(change) {
  const bars = barSlot();
  const old = bars.querySelector('.mps-catalogue-notice');
  if (old) old.remove();
  const notice = document.createElement('div');
  notice.className = 'fr-notice fr-notice--info mps-catalogue-notice mps-bar-notice';
  notice.innerHTML = '<div class="fr-container"><div class="fr-notice__body"><p><span class="fr-notice__title">'
    + 'Le catalogue a été mis à jour.</span> <span class="fr-notice__desc"></span></p>'
    + '<button type="button" class="fr-btn--close fr-btn" title="Masquer le message">Masquer le message</button></div></div>';
  const text = `${changeText(change)} Ta recherche hors connexion en tient compte.`;
  notice.querySelector('.fr-notice__desc').textContent = text;
  notice.querySelector('button').addEventListener('click', () => notice.remove());
  bars.append(notice);
  announce(`Le catalogue a été mis à jour. ${text}`);
}
