// Form errors (server-rendered by frontend/templates/_partials/forms.html).
// The error summary carries `autofocus`; where a browser ignored it (older engines, or a page
// restored from the back-forward cache), focus it here so a screen reader starts with the errors.
// Its links move focus to their field (a fragment link only scrolls in some browsers); delegated
// from the document, so a summary drawn later (lib/inline-forms.js) behaves the same.

export function initErrorSummary(root = document) {
  const summary = root.querySelector('[data-mps-error-summary]');
  if (summary && (document.activeElement === document.body || document.activeElement === null)) summary.focus();
  root.addEventListener('click', (event) => {
    const link = event.target.closest && event.target.closest('[data-mps-error-summary] a[href^="#"]');
    const field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault();
    field.focus();
    field.scrollIntoView({ block: 'center' });
  });
}
