// An accessible combobox over a plain text input (WAI-ARIA 1.2 « list autocomplete with automatic
// selection »). Without JavaScript the input stays a plain field that the server reads.
//
//   makeCombobox(input, { suggest: async (text) => ['Lille (59000)', …], noun: ['ville', 'villes'] })
//
// Typing asks `suggest` (debounced), shows the list under the field (aria-expanded="true"), marks the
// first option as active (aria-activedescendant) and says the count in the page's live region.
// Up/Down move the active option, Enter picks it (instead of sending the partial text), Escape
// closes the list, a click or tap picks an option. Enter with the list closed sends the form.

import { announce } from './announce.js';

let counter = 0;

export function makeCombobox(input, { suggest, noun = ['proposition', 'propositions'], delay = 150 }) {
  const id = input.id || `mps-combobox-${(counter += 1)}`;
  const list = document.createElement('ul');
  list.id = `${id}-options`;
  list.className = 'mps-combobox__list';
  list.setAttribute('role', 'listbox');
  const label = input.labels && input.labels[0];
  if (label) {
    label.id = label.id || `${id}-label`;
    list.setAttribute('aria-labelledby', label.id);
  }
  list.hidden = true;
  input.insertAdjacentElement('afterend', list);
  input.parentElement.classList.add('mps-combobox');
  input.setAttribute('role', 'combobox');
  input.setAttribute('aria-autocomplete', 'list');
  input.setAttribute('aria-expanded', 'false');
  input.setAttribute('aria-controls', list.id);
  input.setAttribute('autocomplete', 'off');

  let options = [];
  let active = -1;
  let timer = null;
  let asked = '';

  const setActive = (index) => {
    active = index;
    options.forEach((li, i) => li.setAttribute('aria-selected', i === index ? 'true' : 'false'));
    if (index >= 0) {
      input.setAttribute('aria-activedescendant', options[index].id);
      options[index].scrollIntoView({ block: 'nearest' });
    } else input.removeAttribute('aria-activedescendant');
  };

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    setActive(-1);
  };

  const pick = (index) => {
    const value = options[index] && options[index].dataset.value;
    if (!value) return;
    input.value = value;
    asked = value;
    close();
    announce(`${value} choisie.`);
  };

  const show = (values) => {
    options = values.map((value, i) => {
      const li = document.createElement('li');
      li.id = `${list.id}-${i}`;
      li.className = 'mps-combobox__option';
      li.setAttribute('role', 'option');
      li.dataset.value = value;
      li.textContent = value;
      li.addEventListener('mousedown', (event) => event.preventDefault()); // keep focus in the field
      li.addEventListener('click', () => pick(i));
      return li;
    });
    list.replaceChildren(...options);
    if (!options.length) {
      close();
      announce(`Aucune ${noun[0]} trouvée.`);
      return;
    }
    list.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    setActive(0);
    const n = options.length;
    announce(`${n} ${n > 1 ? noun[1] : noun[0]} ${n > 1 ? 'proposées' : 'proposée'}. Flèches haut et bas pour choisir, Entrée pour valider.`);
  };

  const refresh = async () => {
    const text = input.value.trim();
    if (text.length < 2) {
      close();
      return;
    }
    if (text === asked) return;
    asked = text;
    try {
      const values = await suggest(text);
      if (input.value.trim() === text && document.activeElement === input) show(values);
    } catch {
      close(); // offline: the plain field still works
    }
  };

  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, delay);
  });
  input.addEventListener('keydown', (event) => {
    const open = !list.hidden && options.length > 0;
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      if (!open && options.length) {
        list.hidden = false;
        input.setAttribute('aria-expanded', 'true');
        setActive(0);
      } else if (open) setActive((active + 1) % options.length);
    } else if (event.key === 'ArrowUp' && open) {
      event.preventDefault();
      setActive((active - 1 + options.length) % options.length);
    } else if (event.key === 'Enter' && open && active >= 0) {
      event.preventDefault();
      pick(active);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      close();
    }
  });
  input.addEventListener('blur', () => setTimeout(close, 100));
  return { close };
}
