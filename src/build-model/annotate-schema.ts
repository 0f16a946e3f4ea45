import type { JsonSchema } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import { toDescriptionText } from './description-text.js';

/**
 * Copies `schema` with parameter- or body-level annotations (description,
 * deprecated, example); never mutates (converted schemas are shared).
 */
export function annotateSchema(
  schema: JsonSchema,
  extra: {
    description?: unknown;
    deprecated?: boolean;
    example?: unknown;
    hasExample?: boolean;
    keepExisting?: boolean;
  },
): JsonSchema {
  const base: Record<string, unknown> = schema === true ? {} : schema === false ? { not: {} } : { ...schema };
  if (typeof extra.description === 'string' && !(extra.keepExisting && base.description !== undefined)) {
    const text = toDescriptionText(extra.description);
    if (text !== '') base.description = text;
  }
  if (extra.deprecated) base.deprecated = true;
  const example = extra.example;
  const isExampleRef = isRecord(example) && typeof example.$ref === 'string';
  if (extra.hasExample && example !== undefined && !isExampleRef && base.examples === undefined) {
    base.examples = [example];
  }
  return base;
}
