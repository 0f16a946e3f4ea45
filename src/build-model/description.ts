/**
 * The tool description the model reads. Spec text is a prompt (SECURITY.md T3):
 * HTML becomes Markdown, invisible characters go, the length is capped at
 * {@link MAX_TOOL_DESCRIPTION_LENGTH}. A tool list in compact detail (the
 * default) cuts it again at 1,024 characters; `describe_operation` and
 * `--detail full` give the text up to this cap.
 */
import type { HttpMethod } from '../model/types.js';
import { toDescriptionText } from './description-text.js';
import { sanitizeText } from './sanitize-text.js';

/** The longest tool description the model keeps (Kubernetes' and DigitalOcean's longest run to about 3,000). */
export const MAX_TOOL_DESCRIPTION_LENGTH = 4096;

/** Inputs for {@link buildToolDescription}. */
export interface DescriptionInput {
  summary?: unknown;
  description?: unknown;
  deprecated: boolean;
  method: HttpMethod;
  pathTemplate: string;
}

/** `summary\n\ndescription` (deduplicated), "Deprecated. " prefix, fallback `METHOD /path`. */
export function buildToolDescription(input: DescriptionInput): string {
  const summary =
    typeof input.summary === 'string' ? toDescriptionText(input.summary, Number.MAX_SAFE_INTEGER) : '';
  const description =
    typeof input.description === 'string'
      ? toDescriptionText(input.description, Number.MAX_SAFE_INTEGER)
      : '';
  let text: string;
  if (summary === '' || description === '' || description === summary) text = summary || description;
  else if (description.startsWith(summary)) text = description;
  else text = `${summary}\n\n${description}`;
  if (text === '') text = `${input.method.toUpperCase()} ${input.pathTemplate}`;
  if (input.deprecated) text = `Deprecated. ${text}`;
  return sanitizeText(text, MAX_TOOL_DESCRIPTION_LENGTH);
}
