import yaml from 'js-yaml';
import { ErrorCode, SpecLoadError } from '../errors.js';
import { setSafe } from '../safe-record.js';

/**
 * How many extra nodes YAML aliases may add when the document is expanded to a
 * tree. Real specs use a few anchors; a 300-byte "billion laughs" needs billions.
 */
const MAX_ALIAS_EXPANSION = 1_000_000;

/** Deepest nesting we accept; our own walkers recurse, so this bounds the stack. */
export const MAX_NESTING_DEPTH = 1_000;

/**
 * Parses one spec file (JSON or YAML, detected by content, not by extension) into
 * a plain tree: no shared nodes, no prototype tricks, bounded depth.
 *
 * @param text the file contents
 * @param file path or URL, used in error messages only
 * @throws SpecLoadError `OMCP_SPEC_PARSE` naming the file and line/column
 */
export function parseDocument(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.trimStart()[0];
  if (first === '{' || first === '[') {
    return parseJson(body, file);
  }
  return parseYaml(body, file);
}

function parseJson(text: string, file: string): unknown {
  try {
    // JSON.parse defines `__proto__` as an own data property, never as the prototype.
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(message);
    const where = position ? ` at ${lineColumn(text, Number(position[1]))}` : '';
    throw new SpecLoadError(ErrorCode.SPEC_PARSE, `${file}${where}: invalid JSON (${oneLine(message)}).`, {
      file,
      cause: error,
    });
  }
}

function parseYaml(text: string, file: string): unknown {
  let value: unknown;
  try {
    // CORE_SCHEMA: no timestamps (Date objects) or binary; js-yaml >= 4.1.1 keeps `__proto__` keys as data.
    value = yaml.load(text, { schema: yaml.CORE_SCHEMA, filename: file, maxDepth: MAX_NESTING_DEPTH });
  } catch (error) {
    if (error instanceof yaml.YAMLException) {
      const where = `line ${error.mark.line + 1}, column ${error.mark.column + 1}`;
      throw new SpecLoadError(ErrorCode.SPEC_PARSE, `${file} at ${where}: invalid YAML (${error.reason}).`, {
        file,
        cause: error,
      });
    }
    throw new SpecLoadError(ErrorCode.SPEC_PARSE, `${file}: invalid YAML (${String(error)}).`, {
      file,
      cause: error,
    });
  }
  return unshare(value, file);
}

/**
 * YAML anchors make one object appear at several places. Later stages mutate and
 * walk the tree, so expand aliases into copies, but only after checking that the
 * expansion is small (alias bombs stay as a few shared nodes until expanded).
 */
function unshare(value: unknown, file: string): unknown {
  const sizes = new Map<object, number>();
  let shared = false;
  const measure = (node: unknown): number => {
    if (node === null || typeof node !== 'object') return 1;
    const known = sizes.get(node);
    if (known !== undefined) {
      shared = true;
      return known;
    }
    // Marks the node while its children are measured; js-yaml cannot build cycles, but be safe.
    sizes.set(node, Number.POSITIVE_INFINITY);
    let size = 1;
    for (const child of Object.values(node)) size += measure(child);
    sizes.set(node, size);
    return size;
  };
  const expanded = measure(value);
  if (!shared) return value;
  if (expanded - sizes.size > MAX_ALIAS_EXPANSION) {
    throw new SpecLoadError(
      ErrorCode.SPEC_PARSE,
      `${file}: YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} extra nodes (alias bomb?); remove the anchors or inline them.`,
      { file },
    );
  }
  return cloneTree(value);
}

/** Deep copy that keeps `__proto__` as an own data key instead of setting the prototype. */
export function cloneTree(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(cloneTree);
  const copy: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    setSafe(copy, key, cloneTree(child));
  }
  return copy;
}

function lineColumn(text: string, offset: number): string {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return `line ${line}, column ${offset - lineStart + 1}`;
}

function oneLine(message: string): string {
  return message.replace(/\s+/g, ' ').trim();
}
