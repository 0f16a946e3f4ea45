/** Shortens text for a tool list without cutting a word (or a surrogate pair) in half. */

/**
 * `text` when it fits `maxLength` (UTF-16 code units), else its longest prefix
 * ending a sentence or paragraph in the second half of the budget, else at a
 * word break, followed by "…".
 */
export function cutText(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let head = text.slice(0, maxLength - 1);
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  // Room for " …" after the sentence's last character.
  const room = head.slice(0, -1);
  const sentence = Math.max(room.lastIndexOf('. '), room.lastIndexOf('.\n'), room.lastIndexOf('\n\n'));
  if (sentence >= maxLength / 2) return `${head.slice(0, sentence + 1).trimEnd()} …`;
  const word = head.search(/\s\S*$/);
  if (word >= maxLength / 2) head = head.slice(0, word);
  return `${head.trimEnd()}…`;
}
