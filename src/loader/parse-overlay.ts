/**
 * Checks that a parsed file is an OpenAPI Overlay 1.0 document and returns
 * its actions, so a broken overlay stops before it half-changes the spec.
 * @see https://spec.openapis.org/overlay/v1.0.0.html
 */
import parseJsonPath from 'jsonpath-rfc9535/parser';
import { ErrorCode, SpecLoadError } from '../errors.js';
import { isRecord } from '../safe-record.js';

/** One action: a JSONPath target and what to do to every node it selects. */
export interface OverlayAction {
  readonly target: string;
  /** Merged into objects, appended to arrays; ignored when `remove` is true. */
  readonly update?: unknown;
  readonly remove: boolean;
}

/** A checked overlay document. */
export interface Overlay {
  readonly title: string;
  readonly actions: readonly OverlayAction[];
}

/**
 * @param value the parsed file
 * @param file path or URL, for messages
 * @throws SpecLoadError `OMCP_OVERLAY_INVALID` naming the file and the JSON pointer at fault
 */
export function parseOverlay(value: unknown, file: string): Overlay {
  const fail = (pointer: string, problem: string): never => {
    throw new SpecLoadError(
      ErrorCode.OVERLAY_INVALID,
      `Overlay ${file} at ${pointer === '' ? '/' : pointer}: ${problem}; an overlay is \`overlay: 1.0.0\`, \`info: { title, version }\` and \`actions: [{ target, update | remove: true }]\`.`,
      { file, pointer },
    );
  };
  if (!isRecord(value)) return fail('', 'expected an object');
  if (typeof value.overlay !== 'string' || !/^1\.0\.\d+$/.test(value.overlay)) {
    return fail('/overlay', `expected a 1.0.x version string, got ${JSON.stringify(value.overlay ?? null)}`);
  }
  const info = value.info;
  if (!isRecord(info)) return fail('/info', 'expected an object with `title` and `version`');
  for (const key of ['title', 'version'] as const) {
    if (typeof info[key] !== 'string') return fail(`/info/${key}`, 'expected a string');
  }
  if (!Array.isArray(value.actions) || value.actions.length === 0) {
    return fail('/actions', 'expected a non-empty array of actions');
  }
  const actions = value.actions.map((action: unknown, i: number): OverlayAction => {
    const pointer = `/actions/${i}`;
    if (!isRecord(action)) return fail(pointer, 'expected an object');
    const { target, remove, update } = action;
    if (typeof target !== 'string' || !target.startsWith('$')) {
      return fail(`${pointer}/target`, 'expected a JSONPath string starting with `$`');
    }
    try {
      parseJsonPath(target);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return fail(`${pointer}/target`, `"${target}" is not a JSONPath (RFC 9535): ${reason}`);
    }
    if (remove !== undefined && typeof remove !== 'boolean') {
      return fail(`${pointer}/remove`, 'expected true or false');
    }
    if (remove !== true && update === undefined) {
      return fail(pointer, 'the action needs `update` or `remove: true`');
    }
    return { target, remove: remove === true, ...(update !== undefined && { update }) };
  });
  return { title: info.title as string, actions };
}
