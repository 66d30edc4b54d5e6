// Forms that update their part of the page in place (RGAA 7.1, 7.5; WCAG 4.1.3, 2.4.3).
//
//   <form method="post" action="…" data-mps-inline="#f-123, #equilibre">
//
// Without JavaScript the form posts, the server redirects to the page with the message rendered
// where the action was (an element with data-mps-status, tabindex="-1") and a #fragment that moves
// focus to it. With JavaScript the same request is sent with fetch; the listed regions of the
// returned page replace (or remove, when gone) the current ones, nothing else on the page changes
// (text typed elsewhere stays), the message is read from the live region that was empty at load,
// and focus stays on the control that was used (same id), or goes to the message when that
// control is gone (a removed item). When the answer holds an error summary, the whole content is
// swapped and focus goes to the summary, as on a full page load. data-mps-inline-focus="#field"
// names where focus goes when the control used is gone or was the form's hidden default button
// (Enter in a field); a form that leads to another page is followed. A form saved this way dispatches
// "mps:inline-saved" on document with detail {action}.

import { announce } from './announce.js';

// Replace the region `selector` by its new version (or remove it); returns the inserted element.
function swap(selector, doc) {
  const current = document.querySelector(selector);
  const fresh = doc.querySelector(selector);
  if (current && fresh) {
    const node = document.importNode(fresh, true);
    current.replaceWith(node);
    return node;
  }
  if (current) current.remove();
  return null;
}

function showWholePage(doc) {
  const content = document.querySelector('.mps-content');
  const fresh = doc.querySelector('.mps-content');
  if (!content || !fresh) return false;
  content.replaceWith(document.importNode(fresh, true));
  document.title = doc.title;
  const summary = document.querySelector('[data-mps-error-summary]');
  if (summary) summary.focus();
  document.dispatchEvent(new CustomEvent('mps:content-replaced'));
  return true;
}

async function submitInline(form, submitter) {
  const action = (submitter && submitter.getAttribute('formaction')) || form.getAttribute('action');
  const body = new FormData(form);
  if (submitter && submitter.name) body.append(submitter.name, submitter.value);
  const response = await fetch(action, { method: 'POST', body, credentials: 'same-origin' });
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  if (!response.ok || doc.querySelector('[data-mps-error-summary]')) {
    if (!showWholePage(doc)) throw new Error(`HTTP ${response.status}`);
    return;
  }
  if (new URL(response.url, window.location.href).pathname !== window.location.pathname) {
    window.location.assign(response.url); // the form led to another page (« Continuer »)
    return;
  }
  const focusId = submitter && submitter.id && !submitter.classList.contains('fr-sr-only') ? submitter.id : '';
  const regions = form.dataset.mpsInline.split(',').map((s) => s.trim()).filter(Boolean);
  const inserted = regions.map((s) => swap(s, doc)).filter(Boolean);
  const status = inserted.flatMap((el) => [el, ...el.querySelectorAll('[data-mps-status]')])
    .find((el) => el.matches('[data-mps-status]') && el.textContent.trim());
  const again = focusId ? document.getElementById(focusId) : null;
  const home = form.dataset.mpsInlineFocus && document.querySelector(form.dataset.mpsInlineFocus);
  if (again) again.focus();
  else if (home) home.focus();
  else if (status) status.focus();
  if (status) announce(status.textContent.trim());
  document.dispatchEvent(new CustomEvent('mps:content-replaced'));
  document.dispatchEvent(new CustomEvent('mps:inline-saved', { detail: { action } }));
}

export function initInlineForms(root = document) {
  root.addEventListener('submit', (event) => {
    const form = event.target.closest && event.target.closest('form[data-mps-inline]');
    if (!form || form.dataset.mpsInlineOff || !window.fetch || !window.DOMParser) return;
    event.preventDefault();
    const submitter = event.submitter || null;
    if (submitter) submitter.setAttribute('aria-disabled', 'true');
    submitInline(form, submitter)
      .catch(() => {
        // Offline or the server failed: post the form as without JavaScript.
        form.dataset.mpsInlineOff = '1';
        form.requestSubmit(submitter && submitter.form === form ? submitter : undefined);
      })
      .finally(() => submitter && submitter.removeAttribute('aria-disabled'));
  });
}
