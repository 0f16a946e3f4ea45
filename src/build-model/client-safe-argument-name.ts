/**
 * An argument name every client accepts: Claude Code and Bedrock refuse
 * property keys outside `^[a-zA-Z0-9_.-]{1,64}$` (issue 8), and real specs use
 * `include[]`, `actor_ids[]`, `EndTime<`. The wire keeps the spec's name; only
 * the tool's property key changes, readably.
 */
import { shortHash } from './tool-name.js';

export const CLIENT_SAFE_ARGUMENT_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const MAX_LENGTH = 64;

/** Comparison suffixes (Twilio's `DateCreated<`, `StartTime>=`) spelled as words. */
const COMPARISONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/<=/g, '_lte'],
  [/>=/g, '_gte'],
  [/</g, '_lt'],
  [/>/g, '_gt'],
];

/**
 * `name` itself when it fits, else a cleaned form: a trailing `[]` (PHP/Rails
 * list syntax) dropped, comparisons spelled out, accents stripped, other
 * characters as `_`; a hash of the original when nothing readable is left or
 * the name is too long.
 */
export function toClientSafeArgumentName(name: string): string {
  if (CLIENT_SAFE_ARGUMENT_NAME.test(name)) return name;
  let text = name.replace(/\[\]$/, '');
  for (const [pattern, word] of COMPARISONS) text = text.replace(pattern, word);
  text = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-zA-Z0-9_.-]+/g, '_')
    .replace(/_{2,}/g, '_')
    .replace(/^_+|_+$/g, '');
  if (text === '') return `arg_${shortHash(name)}`;
  if (text.length > MAX_LENGTH)
    return `${text.slice(0, MAX_LENGTH - 7).replace(/[_.-]+$/, '')}_${shortHash(name)}`;
  return text;
}
