// Offline /mes-voeux: the warnings and « ce qui manque » of the kept plan, brought up to the device's
// edits. The limits are the kept plan's (doc.counts.*_limit: the session's rules, as the server read
// them), so what depends only on the counts and the wishes listed is recomputed here; the rest (a
// filière's cap, the balance of chances) is kept and said to date from the last time online.

const nf = new Intl.NumberFormat('fr-FR');  // not from ./dom.js: this module draws nothing

export const LAST_ONLINE = ' (au dernier passage en ligne)';
const RECOUNTED = new Set(['too_many_wishes', 'too_many_apprenticeship', 'too_many_sub_wishes', 'duplicate', 'no_place']);
const voeux = (n) => `${nf.format(n)} vœu${n > 1 ? 'x' : ''}`;

/** Warnings of `now` (planNow's result: wishes, counts, gone) against the kept plan `doc`. */
export function warningsNow(doc, now) {
  const c = now.counts;
  const out = [];
  if (c.school > c.school_limit) {
    out.push(`Tu as ${voeux(c.school)} sous statut étudiant : Parcoursup en accepte ${nf.format(c.school_limit)} au plus. Garde ceux qui comptent le plus pour toi.`);
  }
  if (c.apprenticeship > c.apprenticeship_limit) {
    out.push(`Tu as ${voeux(c.apprenticeship)} en apprentissage : Parcoursup en accepte ${nf.format(c.apprenticeship_limit)} au plus sur cette liste.`);
  }
  if (c.sub_wishes > c.sub_wishes_limit) {
    out.push(`Tes vœux multiples comptent ${nf.format(c.sub_wishes)} sous-vœux : Parcoursup en accepte ${nf.format(c.sub_wishes_limit)} au plus en tout. Retire quelques établissements.`);
  }
  for (const w of now.wishes) {
    if (w.formation_ids.length > 1) {
      out.push(`« ${w.label} » vient de ${nf.format(w.formation_ids.length)} de tes favoris : sur Parcoursup, c'est un seul vœu (on ne le compte qu'une fois).`);
    }
    if (w.provisional) out.push(`« ${w.label} » : choisis au moins un établissement pour en faire un vœu précis (compté ici comme un vœu).`);
  }
  // Kept as counted online, unless every favourite it names has left the plan since.
  const present = new Set([...now.wishes.flatMap((w) => w.formation_ids), ...now.gone.map((g) => g.formation_id)]);
  for (const w of doc.warnings) {
    if (RECOUNTED.has(w.kind)) continue;
    if (w.formation_ids.length && !w.formation_ids.some((f) => present.has(f))) continue;
    out.push(`${w.text}${LAST_ONLINE}`);
  }
  return out;
}

/** « Ce qui manque » to the plan: counts recomputed, the rest (the balance of chances) dated. */
export function missingNow(doc, now) {
  if (!now.wishes.length) return ["Aucun vœu pour l'instant : ajoute des formations à tes favoris, elles apparaîtront ici."];
  const recounted = /de plus possibles? sous statut étudiant|^Aucun vœu pour l|^Des vœux sans établissement/;
  const out = doc.missing.filter((t) => !recounted.test(t)).map((t) => `${t}${LAST_ONLINE}`);
  const left = now.counts.school_limit - now.counts.school;
  if (left > 0) out.push(`${voeux(left)} de plus possible${left > 1 ? 's' : ''} sous statut étudiant.`);
  if (now.wishes.some((w) => w.provisional)) out.push('Des vœux sans établissement choisi : choisis où tu veux candidater.');
  return out;
}
