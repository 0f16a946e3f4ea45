/**
 * The inputSchema a tool publishes, apart from the one its calls are checked
 * against. Clients refuse composition at the root (the Anthropic API fails a
 * whole request over one tool with a root `anyOf`; mcp-use drops the tool's
 * arguments), so a root that carries a flattened body's cross-property rules
 * is published without them; the runtime still validates every call against
 * the full schema (`OperationModel.validationSchema`), and the description
 * names the rules in one line.
 */
import type { JsonSchema } from '../model/types.js';
import { ROOT_RULE_KEYWORDS } from '../runtime/root-rule-keywords.js';
import { isRecord } from '../safe-record.js';

const DEFS_PREFIX = '#/$defs/';

/** The published schema and, when it had to leave rules out, the full one and those rules. */
export interface PublishedInputSchema {
  inputSchema: JsonSchema;
  /** The full schema calls are validated against; only when it differs from `inputSchema`. */
  validationSchema?: JsonSchema;
  /** The root rules left out, for the description. */
  rules?: Record<string, unknown>;
}

/** Splits `schema` (the full tool input schema, root `type: object`) into what is published and what is checked. */
export function toPublishedInputSchema(schema: JsonSchema): PublishedInputSchema {
  if (!isRecord(schema) || !ROOT_RULE_KEYWORDS.some((k) => schema[k] !== undefined)) {
    return { inputSchema: schema };
  }
  const published: Record<string, unknown> = {};
  const rules: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if ((ROOT_RULE_KEYWORDS as readonly string[]).includes(key)) rules[key] = value;
    else published[key] = value;
  }
  if (isRecord(published.$defs)) {
    const defs = reachableDefs(published, published.$defs);
    if (defs === undefined) delete published.$defs;
    else published.$defs = defs;
  }
  return { inputSchema: published, validationSchema: schema, rules };
}

/** The `$defs` entries `root` (without its `$defs`) still reaches, or `undefined` when none. */
function reachableDefs(
  root: Record<string, unknown>,
  defs: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const used = new Set<string>();
  const pending: unknown[] = [{ ...root, $defs: undefined }];
  while (pending.length > 0) {
    const node = pending.pop();
    if (Array.isArray(node)) {
      pending.push(...node);
      continue;
    }
    if (!isRecord(node)) continue;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref.startsWith(DEFS_PREFIX)) {
      const name = decodeToken(ref.slice(DEFS_PREFIX.length));
      if (!used.has(name) && Object.hasOwn(defs, name)) {
        used.add(name);
        pending.push(defs[name]);
      }
    }
    for (const value of Object.values(node))
      if (typeof value === 'object' && value !== null) pending.push(value);
  }
  if (used.size === 0) return undefined;
  return Object.fromEntries(Object.entries(defs).filter(([name]) => used.has(name)));
}

function decodeToken(token: string): string {
  let text = token;
  try {
    text = decodeURIComponent(token);
  } catch {
    // Not percent-encoded: use as is.
  }
  return text.replace(/~1/g, '/').replace(/~0/g, '~');
}
