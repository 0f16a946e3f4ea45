/** The text blocks of a tool result joined by newlines (other blocks count as empty lines). */
export function textOf(result: { content: ReadonlyArray<{ text?: string }> }): string {
  return result.content.map((block) => block.text ?? '').join('\n');
}
