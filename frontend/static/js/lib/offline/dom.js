// What every page of the offline shell draws with: the <template>s of templates/offline/ cloned and
// filled by their data-slot names, and the few words and figures they share.

export const root = document.getElementById('mps-offline-app');
export const slot = (node, name) => node.querySelector(`[data-slot="${name}"]`);
export const clone = (id) => document.getElementById(id).content.cloneNode(true);
export const nf = new Intl.NumberFormat('fr-FR');
export const km = (d) => `${d < 10 ? d.toFixed(1).replace('.', ',') : Math.round(d)} km`;
export const isOn = (mark, kind) => Boolean(mark && mark.kind === kind && !mark.deleted);
/** As mps.lib.french.count: « 1 place », « 1 858 candidats », « 2 sous-vœux » (nf: French thousands). */
export const count = (n, singular, plural = `${singular}s`) => `${nf.format(n)} ${Math.abs(n) < 2 ? singular : plural}`;

export function tags(list, texts, small) {
  list.replaceChildren(...texts.map((text) => {
    const li = document.createElement('li');
    const p = document.createElement('p');
    p.className = small ? 'fr-tag fr-tag--sm' : 'fr-tag';
    p.textContent = text;
    li.append(p);
    return li;
  }));
}

export function figures(dl, rows) {
  dl.replaceChildren(...rows.map(([title, text]) => {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = title;
    dd.textContent = text;
    div.append(dt, dd);
    return div;
  }));
}

export function show(fragment, title) {
  root.replaceChildren(fragment);
  document.title = `${title} – MonProjetSup (hors ligne)`;
}

export function missing(why) {
  const page = clone('tpl-missing');
  if (why) slot(page, 'why').textContent = why;
  show(page, 'Page indisponible hors ligne');
}
