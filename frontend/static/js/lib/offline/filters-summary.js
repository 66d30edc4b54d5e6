// The closed search filters' summary offline (« Modifier les filtres (2) : BTS, près de Lyon (30 km) »): the words
// and the rule of mps/domain/catalogue/filters_summary.py, the words read from the page (catalogue/_filters.html
// embeds them as JSON in data-mps-summary), so the two cannot say it differently.

/** The parts set, as summary_parts() does: `values` the form's fields, `labels[name](value)` the words of a value a
 * list knows, "" for one it does not. */
export function summaryParts(wording, values, labels) {
  const part = (name) => {
    let value = (values[name] || '').trim();
    const words = wording.parts[name];
    if (typeof words !== 'string') return words[value] || '';
    if (value && labels[name]) value = labels[name](value);
    return value ? words.split('{}').join(value) : '';
  };
  return wording.order.map((name) => {
    const said = part(name);
    return said && name === 'ville' ? said + part('rayon') : said;
  }).filter(Boolean);
}

/** Writes the summary of the filters of `form` (the page's own words), its lists filled by lib/offline/search-page.js. */
export function writeSummary(form, cat) {
  const details = form.querySelector('details[data-mps-summary]');
  const wording = JSON.parse(details.dataset.mpsSummary);
  const values = Object.fromEntries([...wording.order, 'rayon'].map((name) => [name, form.elements[name].value]));
  const chosen = (name) => (value) => {
    const option = [...form.elements[name].options].find((o) => o.value === value);
    return option ? option.textContent : '';
  };
  const labels = {
    famille: (value) => (cat.types[value] ? cat.types[value][0] : ''), // the option says « BTS (1 234) »
    departement: chosen('departement'), // « 75 – Paris », as the server's list
    academie: chosen('academie'),
    region: chosen('region'),
    rayon: (value) => (chosen('rayon')(value) ? value : ''),
  };
  const parts = summaryParts(wording, values, labels);
  const summary = details.querySelector('summary');
  if (!parts.length) {
    summary.replaceChildren(wording.none);
    return;
  }
  const set = Object.assign(document.createElement('span'), { className: 'mps-filters__set', textContent: ` : ${parts.join(', ')}` });
  summary.replaceChildren(wording.some.split('{}').join(String(parts.length)), set);
}
