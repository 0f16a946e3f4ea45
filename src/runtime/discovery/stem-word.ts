/**
 * A light English stemmer for operation search: enough that "refunds",
 * "refunded" and "refunding" meet "refund", and "creating" meets "create",
 * without a stemming library's weight. Both sides of a match go through it, so
 * a stem need not be a word ("creat"), only the same for a word's forms.
 */

/** Lower-case `word`'s stem; words of three letters or fewer are kept as they are. */
export function stemWord(word: string): string {
  let w = word.toLowerCase();
  if (w.length <= 3 || /\d/.test(w)) return w;
  // Plurals and third person: -ies → -y, -sses/-xes/-ches/-shes → drop -es, else a lone -s.
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (/(ss|x|z|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // Participles: -ied → -y, -ing/-ed dropped when a stem of three letters stays.
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length > 5) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4) w = undouble(w.slice(0, -2));
  // Nouns of action: "eviction" meets "evict", "creation" meets "creat(e)".
  else if (/[st]ion$/.test(w) && w.length > 6) w = w.slice(0, -3);
  // A final silent e: "create" and "creat(ing)" meet at "creat".
  if (w.endsWith('e') && w.length > 4 && !w.endsWith('ee')) w = w.slice(0, -1);
  return w;
}

/** "stopp" → "stop", "gett" → "get"; "install", "pass" and "buzz" keep their pair. */
function undouble(stem: string): string {
  return /([b-df-hj-km-rtv-y])\1$/.test(stem) && !/(ll|ss|zz)$/.test(stem) ? stem.slice(0, -1) : stem;
}
