// Town autocomplete for the profile's "villes" step: fills the <datalist> from /api/v1/communes.
// The form works without it (the server geocodes what was typed); this only saves keystrokes.
const input = document.querySelector('input[data-communes]');
const list = input && document.getElementById(input.getAttribute('list'));
let timer = null;
let lastQuery = '';

async function refresh() {
  const q = input.value.trim();
  if (q.length < 2 || q === lastQuery) return;
  lastQuery = q;
  try {
    const response = await fetch(`/api/v1/communes?q=${encodeURIComponent(q)}`, { headers: { accept: 'application/json' } });
    if (!response.ok) return;
    const towns = await response.json();
    list.replaceChildren(...towns.map((town) => {
      const option = document.createElement('option');
      option.value = `${town.nom} (${town.code_postal})`;
      return option;
    }));
  } catch {
    // offline: the plain form still works once back online
  }
}

if (input && list) {
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(refresh, 150);
  });
}
