// « Copier le lien »: <button type="button" data-mps-copy="<input id>" hidden> copies that read-only field's
// text. Hidden without JavaScript or without a clipboard (the field stays, selectable by hand); a field
// marked data-mps-select-all selects its whole text when touched, so a phone user never has to drag
// handles along a 100-character link.

import { announce } from './announce.js';

export function initCopy(button) {
  const field = document.getElementById(button.dataset.mpsCopy);
  if (!field || !navigator.clipboard) return;
  button.hidden = false;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(field.value).then(
      () => announce(button.dataset.mpsCopied || 'Copié.'),
      () => { field.focus(); field.select(); },
    );
  });
}

export function initSelectAll(field) {
  field.addEventListener('focus', () => field.select());
}
