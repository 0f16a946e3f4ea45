/**
 * Which operations become tools, and the overlays applied first: options
 * `serve`, `gen` and `inspect` share (through the spec options). Resolving is
 * idempotent (the resolved fields keep their names), so a resolved object can
 * be resolved again by `loadModel`.
 */
import type { OperationSelection } from '../build-model/select-operations.js';
import { OptionsError } from '../errors.js';

/** One value or several (argv gives one string per repeated flag). */
type Many = string | readonly string[];

/** Selection options as a user gives them; each list is a repeatable flag. */
export interface SelectionUserOptions {
  /** `--tag`: keep operations with one of these tags (any case). */
  tag?: Many;
  /** `--exclude-tag`: drop operations with one of these tags. */
  excludeTag?: Many;
  /** `--operation`: keep operations whose operationId or tool name matches (exact or glob). */
  operation?: Many;
  /** `--exclude-operation`: drop those. */
  excludeOperation?: Many;
  /** `--path`: keep operations whose path template matches (exact or glob, `**` crosses `/`). */
  path?: Many;
  /** `--exclude-path`: drop those. */
  excludePath?: Many;
  /** `--method`: keep operations of these HTTP methods. */
  method?: Many;
  /** `--exclude-method`: drop those. */
  excludeMethod?: Many;
  /**
   * `--read-only`: keep only operations whose `readOnlyHint` is true
   * (GET/HEAD/OPTIONS/TRACE unless `x-mcp.annotations` says otherwise).
   * @default false
   */
  readOnly?: boolean;
  /** `--overlay`: OpenAPI Overlay 1.0 files applied to the spec, in order, before anything else. */
  overlay?: Many;
}

/** The selection with every list normalised. */
export interface ResolvedSelectionOptions {
  readonly tag: readonly string[];
  readonly excludeTag: readonly string[];
  readonly operation: readonly string[];
  readonly excludeOperation: readonly string[];
  readonly path: readonly string[];
  readonly excludePath: readonly string[];
  readonly method: readonly string[];
  readonly excludeMethod: readonly string[];
  readonly readOnly: boolean;
  readonly overlay: readonly string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Normalises and checks the selection; throws `OptionsError` naming the flag. */
export function resolveSelectionOptions(user: SelectionUserOptions): ResolvedSelectionOptions {
  const method = list(user.method, '--method').map((m) => toMethod(m, '--method'));
  const excludeMethod = list(user.excludeMethod, '--exclude-method').map((m) =>
    toMethod(m, '--exclude-method'),
  );
  if (user.readOnly !== undefined && typeof user.readOnly !== 'boolean') {
    throw new OptionsError('--read-only', `--read-only takes no value, got ${JSON.stringify(user.readOnly)}`);
  }
  return {
    tag: list(user.tag, '--tag'),
    excludeTag: list(user.excludeTag, '--exclude-tag'),
    operation: list(user.operation, '--operation'),
    excludeOperation: list(user.excludeOperation, '--exclude-operation'),
    path: list(user.path, '--path'),
    excludePath: list(user.excludePath, '--exclude-path'),
    method,
    excludeMethod,
    readOnly: user.readOnly ?? false,
    overlay: list(user.overlay, '--overlay'),
  };
}

/** The part of the resolved options the model builder takes. */
export function toOperationSelection(resolved: ResolvedSelectionOptions): OperationSelection {
  const { overlay: _overlay, ...selection } = resolved;
  return selection;
}

function list(value: Many | undefined, flag: string): string[] {
  if (value === undefined) return [];
  const values = typeof value === 'string' ? [value] : [...value];
  for (const v of values) {
    if (typeof v !== 'string' || v.trim() === '') {
      throw new OptionsError(flag, `${flag} needs a non-empty value, got ${JSON.stringify(v)}`);
    }
  }
  return values.map((v) => v.trim());
}

function toMethod(value: string, flag: string): string {
  const method = value.toLowerCase();
  if (!METHODS.includes(method)) {
    throw new OptionsError(flag, `${flag} must be an HTTP method (${METHODS.join(', ')}), got "${value}"`);
  }
  return method;
}
