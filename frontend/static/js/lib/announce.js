// Messages for screen readers: one polite live region, present and empty at load (#mps-update in
// base.html, role="status"), whose text changes when something happened. A region created or filled
// at the same time as its text is often not read, so messages always go through this one.

let timer;

export function statusRegion() {
  let region = document.getElementById('mps-update');
  if (!region) {
    region = document.createElement('div');
    region.id = 'mps-update';
    region.setAttribute('role', 'status');
    document.body.prepend(region);
  }
  return region;
}

/** Where the notices that come while a page is read go (« Le catalogue a été mis à jour », « Tu es hors ligne »):
 * one bar fixed over the bottom of the window (.mps-bars, app.css) in which they stack, never one over the other. */
export function barSlot() {
  const region = statusRegion();
  let bars = region.querySelector('.mps-bars');
  if (!bars) {
    bars = document.createElement('div');
    bars.className = 'mps-bars';
    region.append(bars);
  }
  return bars;
}

export function announce(text) {
  const region = statusRegion();
  let span = region.querySelector('.mps-announce');
  if (!span) {
    span = document.createElement('span');
    span.className = 'fr-sr-only mps-announce';
    region.append(span);
  }
  span.textContent = '';
  // A new text node a moment later: the same sentence twice in a row is read twice.
  window.setTimeout(() => {
    span.textContent = text;
  }, 50);
  clearTimeout(timer);
  timer = setTimeout(() => {
    span.textContent = '';
  }, 7000);
}
