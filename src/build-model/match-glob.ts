/**
 * The glob dialect of the selection flags, kept tiny on purpose: OpenAPI paths
 * are full of `{id}` and operationIds of `/` and `.`, so the brace, class and
 * extglob syntax of shell-glob libraries would change what a user typed.
 * `**` is any run of characters, `*` any run without `/`, `?` one character
 * other than `/`; every other character stands for itself.
 */

/** A matcher for `pattern`; `caseInsensitive` for names users type in any case. */
export function matchGlob(pattern: string, caseInsensitive = false): (value: string) => boolean {
  if (!/[*?]/.test(pattern)) {
    if (!caseInsensitive) return (value) => value === pattern;
    const wanted = pattern.toLowerCase();
    return (value) => value.toLowerCase() === wanted;
  }
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i] as string;
    if (char === '*' && pattern[i + 1] === '*') {
      // `/repos/**` also matches `/repos` itself: "this path and everything under it".
      if (pattern[i + 2] === undefined && source.endsWith('/')) source = `${source.slice(0, -1)}(?:/.*)?`;
      else source += '.*';
      i++;
    } else if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else source += char.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`, caseInsensitive ? 'iu' : 'u');
  return (value) => regex.test(value);
}
