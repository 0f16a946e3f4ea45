/**
 * Text → search terms: identifiers split at camelCase, snake_case, kebab-case,
 * path slashes and braces; lower-cased; stop words dropped; stemmed.
 */
import { stemWord } from './stem-word.js';

/**
 * Words that say nothing about which operation is meant. Verbs such as "get"
 * and "list" are kept: they are what tells a read from a write.
 */
const STOP_WORDS = new Set([
  'a',
  'an',
  'and',
  'are',
  'as',
  'at',
  'be',
  'by',
  'can',
  'do',
  'for',
  'from',
  'how',
  'i',
  'in',
  'into',
  'is',
  'it',
  'its',
  'me',
  'my',
  'of',
  'on',
  'or',
  'our',
  'so',
  'that',
  'the',
  'this',
  'to',
  'want',
  'we',
  'which',
  'with',
  'you',
  'your',
]);

/** The stemmed terms of `text`, in order, repeats kept (term frequency counts them). */
export function tokenizeText(text: string): string[] {
  return splitWords(text)
    .filter((word) => !STOP_WORDS.has(word))
    .map(stemWord);
}

/** Lower-case words of `text`, identifiers split: `listCoreV1NamespacedPod` → list, core, v1, namespaced, pod. */
export function splitWords(text: string): string[] {
  const spaced = text
    // HTTPServer → HTTP Server; getPetById → get Pet By Id; v1Pod → v1 Pod.
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-z\d])([A-Z])/g, '$1 $2');
  return spaced.toLowerCase().match(/[a-z0-9]+/g) ?? [];
}
