/**
 * Query terms → weighted search terms: each term itself, plus the other words
 * of its synonym group at a lower weight, so "remove a pet" finds `deletePet`
 * while an operation that says "remove" still ranks first.
 */
import { stemWord } from './stem-word.js';

/** A search term and how much a match on it counts. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Words an API author and an assistant use for the same thing. */
const SYNONYM_GROUPS: readonly (readonly string[])[] = [
  ['delete', 'remove', 'destroy', 'erase', 'drop', 'purge'],
  // Not "all": Kubernetes' "…ForAllNamespaces" would then outrank the namespaced list asked for.
  ['list', 'enumerate', 'browse', 'index'],
  ['create', 'add', 'new', 'make', 'insert', 'register'],
  ['update', 'modify', 'edit', 'patch', 'change', 'set', 'replace', 'alter'],
  ['get', 'fetch', 'retrieve', 'show', 'read', 'view', 'find', 'lookup', 'describe', 'detail'],
  ['search', 'query', 'filter'],
  ['start', 'run', 'launch', 'begin'],
  ['stop', 'halt', 'end', 'terminate'],
  ['repo', 'repository'],
  ['org', 'organization', 'organisation'],
  ['config', 'configuration', 'setting'],
  ['user', 'account'],
  ['image', 'picture', 'photo'],
  ['log', 'logs'],
];

/** Phrases that stand for one word (before the query is split into terms). */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/\b(get|show|fetch|retrieve) (all|every)\b/gi, 'list'],
  [/\blook up\b/gi, 'lookup'],
  [/\b(log|sign) ?in\b/gi, 'login'],
  [/\b(log|sign) ?out\b/gi, 'logout'],
];

/** How much a synonym's match counts next to the word the user wrote. */
const SYNONYM_WEIGHT = 0.6;

/**
 * Words a query leans on without naming what it wants ("list *all* customers"):
 * rare in API text, so at full weight they would outrank the resource itself.
 */
const WEAK_WORDS = new Set([
  'all',
  'every',
  'each',
  'any',
  'some',
  'across',
  'new',
  'existing',
  'specific',
  'one',
]);
const WEAK_WEIGHT = 0.3;

const GROUP_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const group of SYNONYM_GROUPS) {
    const stems = [...new Set(group.map(stemWord))];
    for (const stem of stems) map.set(stem, [...(map.get(stem) ?? []), ...stems.filter((s) => s !== stem)]);
  }
  return map;
})();

/** Rewrites the phrases of {@link PHRASES} in a raw query. */
export function rewritePhrases(query: string): string {
  return PHRASES.reduce((text, [pattern, word]) => text.replace(pattern, word), query);
}

/**
 * Each of `terms` (stemmed) with its variants: itself, and the other words of
 * its synonym group at a lower weight. A query term counts once, by its best
 * variant, so a word with many synonyms does not outweigh one with none.
 */
export function expandSynonyms(terms: readonly string[]): WeightedTerm[][] {
  return terms.map((term) => {
    const weight = WEAK_WORDS.has(term) ? WEAK_WEIGHT : 1;
    return [
      { term, weight },
      ...(GROUP_OF.get(term) ?? []).map((synonym) => ({ term: synonym, weight: weight * SYNONYM_WEIGHT })),
    ];
  });
}
