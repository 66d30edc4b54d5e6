// The « Menu » skip link on a phone: the navigation sits in DSFR's closed menu panel there, so the
// link opens the panel (as its « Menu » button does) and puts focus on the first menu link,
// instead of landing on hidden content. On a wide screen the navigation is visible: the link
// works as a plain anchor.

const PANEL_OPENED = 'fr-modal--opened';

export function initSkipLinks() {
  const link = document.querySelector('.fr-skiplinks a[href="#header-navigation"]');
  const button = document.getElementById('header-menu-button');
  const panel = document.getElementById('header-menu');
  if (!link || !button || !panel) return;
  link.addEventListener('click', (event) => {
    if (!button.getClientRects().length) return; // no menu button: the navigation is on screen
    event.preventDefault();
    if (!panel.classList.contains(PANEL_OPENED)) button.click();
    const first = () => panel.querySelector('#header-navigation a[aria-current]') || panel.querySelector('#header-navigation a');
    let tries = 0;
    const focusWhenOpen = () => {
      tries += 1;
      const target = first();
      if (panel.classList.contains(PANEL_OPENED) && target && target.getClientRects().length) target.focus();
      else if (tries < 20) window.setTimeout(focusWhenOpen, 50);
    };
    focusWhenOpen();
  });
}
