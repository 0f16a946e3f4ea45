/**
 * Whether a spec's `pattern` could make a backtracking regex engine (V8's, so
 * Ajv's) run for exponential time on a short input (ReDoS, SECURITY.md T13).
 * A spec is untrusted and argument values come from a model that may be
 * prompt-injected, so one `pattern: '^(a+)+$'` and a 41-character argument
 * would block the server's event loop for hours.
 */

/**
 * True when `pattern` repeats, without an upper bound of one, a group that
 * itself holds a quantifier or an alternation: `(a+)+`, `(a|a)*`, `(\w+\s?)*$`,
 * `([a-z]+\.){2,}`. That star-height rule is the classic sufficient shape of
 * catastrophic backtracking; it also flags some patterns that a real engine
 * would survive (`^([a-z0-9]+\.)*[a-z]+$`), which is the price of a check that
 * needs no second regex engine. A group repeated a fixed number of times
 * (`{4}`) or at most once (`?`) is polynomial and passes.
 */
export function isBacktrackingPattern(pattern: string): boolean {
  /** Per open group: does it hold a quantifier or an alternation? */
  const open: boolean[] = [];
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\') {
      i += 1;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      continue;
    }
    if (c === '(') {
      open.push(false);
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: the `?` is syntax, not a quantifier.
      const prefix = /^\?(:|=|!|<=|<!|<[^>]*>)/.exec(pattern.slice(i + 1));
      if (prefix !== null) i += prefix[0].length;
      continue;
    }
    if (c === '|') {
      if (open.length > 0) open[open.length - 1] = true;
      continue;
    }
    if (c !== ')' && repetitionAt(pattern, i) === 'unbounded' && open.length > 0)
      open[open.length - 1] = true;
    if (c === ')') {
      const risky = open.pop() ?? false;
      const after = repetitionAt(pattern, i + 1);
      if (risky && after === 'unbounded') return true;
      // What this group holds, or its own repetition, counts for the enclosing group.
      if ((risky || after === 'unbounded') && open.length > 0) open[open.length - 1] = true;
    }
  }
  return false;
}

/** The quantifier starting at `index`: `unbounded` (may repeat more than once), `bounded` (`?`, `{n}`), or none. */
function repetitionAt(pattern: string, index: number): 'unbounded' | 'bounded' | undefined {
  const c = pattern[index];
  if (c === '*' || c === '+') return 'unbounded';
  if (c === '?') return 'bounded';
  if (c !== '{') return undefined;
  const match = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(index));
  if (match === null) return undefined;
  if (match[2] === undefined) return 'bounded';
  if (match[3] === '' || match[3] === undefined) return 'unbounded';
  return Number(match[3]) > 1 && Number(match[3]) > Number(match[1]) ? 'unbounded' : 'bounded';
}
