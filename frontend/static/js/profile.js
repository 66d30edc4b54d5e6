// Town field of the profile's « villes » step (and any input[data-mps-communes]): an accessible
// combobox fed by /api/v1/communes (lib/combobox.js). The form works without it: the server
// geocodes what was typed and keeps it in the field when it finds nothing.
import { makeCombobox } from './lib/combobox.js';

async function communes(text) {
  const response = await fetch(`/api/v1/communes?q=${encodeURIComponent(text)}`, { headers: { accept: 'application/json' } });
  if (!response.ok) return [];
  return (await response.json()).map((town) => `${town.nom} (${town.code_postal})`);
}

function init() {
  document.querySelectorAll('input[data-mps-communes]:not([role="combobox"])').forEach((input) => {
    makeCombobox(input, { suggest: communes, noun: ['ville', 'villes'] });
  });
}

init();
document.addEventListener('mps:content-replaced', init); // the field is redrawn after a town is added

