/**
 * The text a description publishes, for tools and for every schema and
 * argument they carry: spec HTML as Markdown (html-to-markdown.ts), then the
 * prompt-safety cleaning every spec string gets (sanitize-text.ts, SECURITY.md T3).
 */
import { htmlToMarkdown } from './html-to-markdown.js';
import { MAX_DESCRIPTION_LENGTH, sanitizeText } from './sanitize-text.js';

/** `text` as Markdown, cleaned and capped at `maxLength`. */
export function toDescriptionText(text: string, maxLength: number = MAX_DESCRIPTION_LENGTH): string {
  return sanitizeText(htmlToMarkdown(text), maxLength);
}
