/**
 * The rules every published tool must keep whatever its spec says (issue 8,
 * "client-safe tools"), written independently of the builder so a test can
 * hold the builder to them: each broken rule is one readable line.
 */
import { ToolSchema as ToolSchemaV1 } from '@modelcontextprotocol/sdk/types.js';

/** What Claude Code and Bedrock accept as a property key of a tool's input. */
export const CLIENT_SAFE_ARGUMENT_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

/** Keywords the Anthropic API refuses at the root of `input_schema` (and mcp-use drops arguments for). */
export const ROOT_COMPOSITION_KEYWORDS = ['anyOf', 'oneOf', 'allOf', 'not', 'if', 'then', 'else'] as const;

/** A tool as `tools/list` gives it. */
export interface PublishedTool {
  name: string;
  inputSchema: unknown;
  outputSchema?: unknown;
}

/** Every rule `tool` breaks, as `"<tool>: <rule> at <where>"`; empty when it is client-safe. */
export function clientSafetyViolations(tool: PublishedTool): string[] {
  const out: string[] = [];
  const report = (rule: string, where = '') => out.push(`${tool.name}: ${rule}${where && ` at ${where}`}`);
  const input = tool.inputSchema;
  if (!isRecord(input) || input.type !== 'object') {
    report('inputSchema root is not `type: object`');
    return out;
  }
  for (const key of ROOT_COMPOSITION_KEYWORDS) {
    if (input[key] !== undefined) report(`\`${key}\` at the inputSchema root`);
  }
  if (isRecord(input.properties)) {
    for (const name of Object.keys(input.properties)) {
      if (!CLIENT_SAFE_ARGUMENT_NAME.test(name))
        report(`argument name ${JSON.stringify(name)} outside [a-zA-Z0-9_.-]{1,64}`);
    }
  }
  for (const [label, schema] of [
    ['inputSchema', input],
    ['outputSchema', tool.outputSchema],
  ] as const) {
    if (schema === undefined) continue;
    walk(schema, label, (node, where) => {
      if (Array.isArray(node.allOf) && node.allOf.length === 1) report('single-element `allOf`', where);
      if (isRecord(node.properties)) {
        for (const [name, value] of Object.entries(node.properties)) {
          if (typeof value === 'boolean')
            report(`boolean property schema (${value})`, `${where}/properties/${name}`);
        }
      }
    });
  }
  const parsed = ToolSchemaV1.safeParse({
    name: tool.name,
    inputSchema: input,
    outputSchema: tool.outputSchema,
  });
  if (!parsed.success)
    report(`SDK 1.32 ToolSchema refuses it: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return out;
}

/** Keywords whose value maps names to schemas (the names are not keywords). */
const SCHEMA_MAPS = new Set(['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas']);
/** Keywords whose value is data, not schemas. */
const DATA_KEYWORDS = new Set(['enum', 'const', 'default', 'examples', 'example']);

/** Visits every schema object below `schema` (through every keyword whose value holds schemas). */
function walk(
  schema: unknown,
  where: string,
  visit: (node: Record<string, unknown>, where: string) => void,
): void {
  const seen = new Set<unknown>();
  const go = (node: unknown, at: string): void => {
    if (!isRecord(node) || seen.has(node)) return;
    seen.add(node);
    visit(node, at);
    for (const [key, value] of Object.entries(node)) {
      if (DATA_KEYWORDS.has(key)) continue;
      if (SCHEMA_MAPS.has(key) && isRecord(value)) {
        for (const [name, child] of Object.entries(value)) go(child, `${at}/${key}/${name}`);
      } else if (Array.isArray(value)) {
        for (const [i, item] of value.entries()) go(item, `${at}/${key}/${i}`);
      } else if (isRecord(value)) go(value, `${at}/${key}`);
    }
  };
  go(schema, where);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
