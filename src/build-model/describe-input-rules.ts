/**
 * One short line naming the argument rules a tool's published schema leaves
 * out (see published-input-schema.ts), for its description: the model reads
 * it before calling, and the server's check names the same rule if a call
 * breaks it.
 */
import { isRecord } from '../safe-record.js';

const MAX_LENGTH = 300;

/** `Argument rules (checked by the server): give at least one of: file_ids; files.` */
export function describeInputRules(rules: Readonly<Record<string, unknown>>): string {
  const parts = describeNode(rules);
  const text = `Argument rules (checked by the server): ${parts.length > 0 ? parts.join(' ') : 'some combinations of arguments are not allowed.'}`;
  return text.length <= MAX_LENGTH ? text : `${text.slice(0, MAX_LENGTH - 3).trimEnd()}...`;
}

function describeNode(node: Record<string, unknown>): string[] {
  const parts: string[] = [];
  for (const [key, lead] of [
    ['anyOf', 'give at least one of'],
    ['oneOf', 'give exactly one of'],
  ] as const) {
    const branches = node[key];
    if (!Array.isArray(branches)) continue;
    const sets = branches.map(requiredOnly);
    parts.push(
      sets.every((set) => set !== undefined)
        ? `${lead}: ${sets.map((set) => set.join(' + ')).join('; ')}.`
        : `the arguments must match ${key === 'anyOf' ? 'at least' : 'exactly'} one of ${branches.length} alternative shapes.`,
    );
  }
  if (Array.isArray(node.allOf)) {
    for (const member of node.allOf) if (isRecord(member)) parts.push(...describeNode(member));
  }
  if (isRecord(node.dependentRequired)) {
    for (const [name, needs] of Object.entries(node.dependentRequired)) {
      if (Array.isArray(needs)) parts.push(`${name} needs ${needs.join(' + ')}.`);
    }
  }
  if (node.not !== undefined) {
    const set = requiredOnly(node.not);
    parts.push(
      set !== undefined ? `do not give ${set.join(' + ')} together.` : 'one combination is not allowed.',
    );
  }
  if (node.if !== undefined || isRecord(node.dependentSchemas)) {
    parts.push('some arguments depend on the values of others.');
  }
  return parts;
}

/** The names of `{ required: [...] }` (nothing else), else `undefined`. */
function requiredOnly(schema: unknown): string[] | undefined {
  if (!isRecord(schema)) return undefined;
  const keys = Object.keys(schema);
  if (keys.length !== 1 || keys[0] !== 'required' || !Array.isArray(schema.required)) return undefined;
  const names = schema.required.filter((r): r is string => typeof r === 'string');
  return names.length > 0 ? names : undefined;
}
