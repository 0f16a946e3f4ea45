/**
 * The tool's inputSchema: a closed object with one property per argument
 * (MCP-SDK.md §5 "Tool surface"). Root is always `type: "object"`.
 */
import type { ArgumentModel, JsonSchema } from '../model/types.js';
import { setSafe } from '../safe-record.js';
import type { SchemaScope } from './schema-converter.js';

/** Assembles the root from the argument map and finishes the scope's `$defs`. */
export function buildInputSchema(
  args: readonly ArgumentModel[],
  schemas: readonly JsonSchema[],
  scope: SchemaScope,
  rootKeywords: Readonly<Record<string, unknown>> = {},
): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  args.forEach((arg, i) => {
    setSafe(properties, arg.name, schemas[i] ?? {});
  });
  const required = args.filter((a) => a.required).map((a) => a.name);
  const { $schema, ...constraints } = rootKeywords;
  const root: Record<string, unknown> = {
    ...($schema !== undefined && { $schema }),
    type: 'object',
    properties,
    ...(required.length > 0 && { required }),
    additionalProperties: false,
    ...constraints,
  };
  return scope.finish(root);
}
