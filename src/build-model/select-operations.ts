/**
 * Which operations become tools, by the user's selection (`--tag`,
 * `--operation`, `--path`, `--method`, `--read-only` and their `--exclude-`
 * twins). Values of one kind OR together, kinds AND together, and an exclude
 * wins over every include. Runs on what the spec says before any schema is
 * converted, so a small selection of a huge spec costs little, and after the
 * tool names are decided over the whole spec, so a name never depends on the
 * selection.
 */
import { DiagnosticCode } from '../diagnostics.js';
import { OptionsError } from '../errors.js';
import type { HttpMethod } from '../model/types.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import { matchGlob } from './match-glob.js';

/** The user's selection; every field optional, an empty list is no filter. */
export interface OperationSelection {
  /** Tags, exact, any case. */
  readonly tag?: readonly string[];
  readonly excludeTag?: readonly string[];
  /** operationIds or tool names, exact or glob. */
  readonly operation?: readonly string[];
  readonly excludeOperation?: readonly string[];
  /** Path templates as the spec writes them (`/pets/{petId}`), exact or glob. */
  readonly path?: readonly string[];
  readonly excludePath?: readonly string[];
  /** Lower-case HTTP methods. */
  readonly method?: readonly string[];
  readonly excludeMethod?: readonly string[];
  /** Only operations whose `readOnlyHint` annotation is true. */
  readonly readOnly?: boolean;
}

/** What selection needs of one operation. */
export interface SelectionCandidate {
  readonly operationId: string | undefined;
  readonly toolName: string;
  readonly method: HttpMethod;
  readonly pathTemplate: string;
  readonly tags: readonly string[];
  /** The operation's `readOnlyHint` (method default, or `x-mcp.annotations`). */
  readonly readOnly: boolean;
}

type ListKind = Exclude<keyof OperationSelection, 'readOnly'>;

const FLAGS: Record<ListKind, string> = {
  tag: '--tag',
  excludeTag: '--exclude-tag',
  operation: '--operation',
  excludeOperation: '--exclude-operation',
  path: '--path',
  excludePath: '--exclude-path',
  method: '--method',
  excludeMethod: '--exclude-method',
};

type Matcher = (candidate: SelectionCandidate) => boolean;

function matcherOf(kind: ListKind, value: string): Matcher {
  switch (kind) {
    case 'tag':
    case 'excludeTag': {
      const wanted = value.toLowerCase();
      return (c) => c.tags.some((tag) => tag.toLowerCase() === wanted);
    }
    case 'operation':
    case 'excludeOperation': {
      const match = matchGlob(value);
      return (c) => (c.operationId !== undefined && match(c.operationId)) || match(c.toolName);
    }
    case 'path':
    case 'excludePath': {
      const match = matchGlob(value);
      return (c) => match(c.pathTemplate);
    }
    case 'method':
    case 'excludeMethod': {
      const wanted = value.toLowerCase();
      return (c) => c.method === wanted;
    }
  }
}

/** True when the selection filters anything. */
export function isSelectionActive(selection: OperationSelection | undefined): boolean {
  if (selection === undefined) return false;
  if (selection.readOnly === true) return true;
  return (Object.keys(FLAGS) as ListKind[]).some((kind) => (selection[kind]?.length ?? 0) > 0);
}

/**
 * Which candidates the selection keeps (one boolean each, in order). Adds a
 * warning for every flag value that matches no operation of the spec (a typo
 * would otherwise go unseen) and one info line counting what was left out.
 * Throws `OptionsError` when nothing is left: a server with no tools is never
 * what the user meant.
 */
export function selectOperations(
  candidates: readonly SelectionCandidate[],
  selection: OperationSelection | undefined,
  sink: DiagnosticSink,
): boolean[] {
  if (selection === undefined || !isSelectionActive(selection)) return candidates.map(() => true);
  const includes: Matcher[][] = [];
  const excludes: Matcher[] = [];
  const used: string[] = [];
  const unmatched: string[] = [];
  for (const kind of Object.keys(FLAGS) as ListKind[]) {
    const values = selection[kind] ?? [];
    if (values.length === 0) continue;
    const matchers = values.map((value) => {
      const matcher = matcherOf(kind, value);
      if (!candidates.some(matcher)) {
        unmatched.push(`${FLAGS[kind]} ${value}`);
        sink.add(
          DiagnosticCode.SELECTION_UNMATCHED,
          `${FLAGS[kind]} ${JSON.stringify(value)} matches none of the spec's ${candidates.length} operation(s).`,
        );
      }
      used.push(`${FLAGS[kind]} ${value}`);
      return matcher;
    });
    if (kind.startsWith('exclude')) excludes.push(...matchers);
    else includes.push(matchers);
  }
  if (selection.readOnly === true) {
    includes.push([(c) => c.readOnly]);
    used.push('--read-only');
  }
  const keep = candidates.map(
    (c) => includes.every((anyOf) => anyOf.some((m) => m(c))) && !excludes.some((m) => m(c)),
  );
  const kept = keep.filter(Boolean).length;
  const flags = used.join(', ');
  if (kept === 0) {
    throw new OptionsError(
      used[0]?.split(' ')[0] ?? '--tag',
      `The selection (${flags}) leaves no tool from the spec's ${candidates.length} operation(s)${unmatched.length > 0 ? ` (${unmatched.join(', ')} match${unmatched.length === 1 ? 'es' : ''} nothing)` : ''}; loosen it (\`openapi-mcp inspect\` lists the tags, operationIds and paths).`,
    );
  }
  if (kept < candidates.length) {
    sink.add(
      DiagnosticCode.OPERATIONS_DESELECTED,
      `${candidates.length - kept} of ${candidates.length} operation(s) left out by the selection (${flags}).`,
    );
  }
  return keep;
}
