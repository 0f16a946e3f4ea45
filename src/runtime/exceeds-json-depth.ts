/**
 * Whether JSON text nests arrays and objects deeper than `maxDepth`. Read by
 * counting brackets outside strings, in one pass and no recursion: parsing
 * such a body is fine, but re-serialising or validating it recurses once per
 * level and overflows the stack (a 1 MiB body can nest 500,000 levels).
 */
export function exceedsJsonDepth(text: string, maxDepth: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (inString) {
      if (code === 0x5c /* \ */) index += 1;
      else if (code === 0x22 /* " */) inString = false;
    } else if (code === 0x22) inString = true;
    else if (code === 0x5b /* [ */ || code === 0x7b /* { */) {
      depth += 1;
      if (depth > maxDepth) return true;
    } else if (code === 0x5d /* ] */ || code === 0x7d /* } */) depth -= 1;
  }
  return false;
}
