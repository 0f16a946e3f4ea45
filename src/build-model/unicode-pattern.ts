/**
 * Whether a spec's `pattern` can be used as JSON Schema validators use it
 * (ECMAScript, unicode mode), and how a common near-miss is repaired.
 */

/** True when `pattern` compiles as an ECMAScript regular expression in unicode mode. */
export function isValidPattern(pattern: string): boolean {
  try {
    new RegExp(pattern, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Outside unicode mode `\:` simply means `:`; unicode mode (which JSON Schema
 * validators use) refuses such identity escapes. Dropping the needless
 * backslashes keeps the pattern's meaning (DigitalOcean: `^[a-zA-Z0-9_\-\:]+$`).
 * Undefined when the pattern is still invalid.
 */
export function toUnicodePattern(pattern: string): string | undefined {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i += 1) {
    const c = pattern[i] as string;
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[i + 1] as string;
      const keep = /[A-Za-z0-9^$\\.*+?()[\]{}|/]/.test(next) || (inClass && next === '-');
      out += keep ? c + next : next;
      i += 1;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    out += c;
  }
  return out !== pattern && isValidPattern(out) ? out : undefined;
}
