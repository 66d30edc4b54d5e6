// A character counter for a textarea with a limit: <textarea data-mps-counter="2000"
// aria-describedby="…-hint …-messages">. The hint (first id) shows « 1 234 / 2 000 caractères »; past
// the limit the field says so in its messages group (second id) and its form refuses to send, so a
// note is never cut: the server refuses it too (nothing is truncated, on any path).

const nf = new Intl.NumberFormat('fr-FR');

// `what` (data-mps-counter-what, « Ce texte ») names a field that is not a note, in the server's words.
export function tooLong(length, max, what = '') {
  const [subject, pronoun] = what ? [what, 'le'] : ['Ta note', 'la'];
  return `${subject} fait ${nf.format(length)} caractères : ${nf.format(max)} au plus. Raccourcis-${pronoun} pour l’enregistrer (rien n’a été coupé).`;
}

export function initCounter(textarea) {
  const max = Number(textarea.dataset.mpsCounter);
  const [hintId, messagesId] = (textarea.getAttribute('aria-describedby') || '').split(/\s+/);
  const root = textarea.getRootNode(); // the document, or a template's fragment not yet in the page
  const hint = hintId && root.getElementById(hintId);
  const messages = messagesId && root.getElementById(messagesId);
  if (!max || !hint) return;
  textarea.dataset.mpsCounted = '1';
  const group = textarea.closest('.fr-input-group');
  let wasOver = false;
  const update = () => {
    const n = textarea.value.length;
    const over = n > max;
    hint.textContent = `${nf.format(n)} / ${nf.format(max)} caractères`;
    if (over === wasOver) return;
    wasOver = over;
    textarea.toggleAttribute('aria-invalid', over);
    textarea.classList.toggle('fr-input--error', over);
    if (group) group.classList.toggle('fr-input-group--error', over);
    if (messages) {
      messages.replaceChildren();
      if (over) {
        const p = document.createElement('p');
        p.className = 'fr-message fr-message--error';
        p.textContent = tooLong(n, max, textarea.dataset.mpsCounterWhat);
        messages.append(p);
      }
    }
  };
  textarea.addEventListener('input', update);
  if (textarea.form) {
    textarea.form.addEventListener('submit', (event) => {
      const elsewhere = event.submitter && event.submitter.hasAttribute('formaction'); // « Retirer » still works
      if (textarea.value.length > max && !elsewhere) {
        event.preventDefault();
        event.stopImmediatePropagation();
        update();
        textarea.focus();
      }
    }, true);
  }
  update();
}
