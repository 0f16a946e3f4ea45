/** The `<spec>` positional and the spec-loading and selection flags every command shares. */
import type { Argv } from 'yargs';
import type { SelectionUserOptions } from '../options/selection-options.js';

/** Arguments {@link withSpecOptions} adds (yargs gives a repeated flag as an array). */
export interface SpecArgs {
  spec: string;
  refRoot?: string;
  allowRemoteRefs?: boolean;
  maxSpecSize?: string;
  verbose?: boolean;
  tag?: string | string[];
  excludeTag?: string | string[];
  operation?: string | string[];
  excludeOperation?: string | string[];
  path?: string | string[];
  excludePath?: string | string[];
  method?: string | string[];
  excludeMethod?: string | string[];
  readOnly?: boolean;
  overlay?: string | string[];
}

const SELECTION_FLAGS = {
  tag: 'Keep operations with this tag (repeatable; any case)',
  'exclude-tag': 'Leave out operations with this tag (repeatable)',
  operation: 'Keep operations whose operationId or tool name matches, exact or glob (repeatable)',
  'exclude-operation': 'Leave out operations whose operationId or tool name matches (repeatable)',
  path: "Keep operations whose path matches, exact or glob: '/repos/**' (repeatable)",
  'exclude-path': 'Leave out operations whose path matches (repeatable)',
  method: 'Keep operations of this HTTP method (repeatable)',
  'exclude-method': 'Leave out operations of this HTTP method (repeatable)',
  overlay: 'Apply an OpenAPI Overlay 1.0 file to the spec first (repeatable, in order)',
} as const;

/** Adds `<spec>`, the spec-loading flags, `--verbose` and the selection flags to a command. */
export function withSpecOptions(yargs: Argv): Argv {
  return yargs
    .positional('spec', {
      type: 'string',
      demandOption: true,
      describe: 'OpenAPI file path or http(s) URL',
    })
    .options({
      'ref-root': { type: 'string', describe: 'Folder local $refs may read from' },
      'allow-remote-refs': { type: 'boolean', describe: 'Allow $refs to http(s) URLs' },
      'max-spec-size': {
        type: 'string',
        describe: 'Largest spec read, all $ref files counted: bytes or 100MB, 256MiB (default 256MiB)',
      },
      verbose: { type: 'boolean', describe: 'Print every spec diagnostic, not one example per kind' },
      // Not `array: true`: that would swallow the `<spec>` typed after the flag.
      ...Object.fromEntries(
        Object.entries(SELECTION_FLAGS).map(([name, describe]) => [
          name,
          { type: 'string', describe, group: 'Selection:' },
        ]),
      ),
      'read-only': {
        type: 'boolean',
        describe:
          'Keep only read-only operations (readOnlyHint: GET/HEAD/OPTIONS/TRACE unless x-mcp says otherwise)',
        group: 'Selection:',
      },
    });
}

/** The selection and overlay flags as library options. */
export function readSelectionArgs(args: SpecArgs): SelectionUserOptions {
  return {
    ...(args.tag !== undefined && { tag: args.tag }),
    ...(args.excludeTag !== undefined && { excludeTag: args.excludeTag }),
    ...(args.operation !== undefined && { operation: args.operation }),
    ...(args.excludeOperation !== undefined && { excludeOperation: args.excludeOperation }),
    ...(args.path !== undefined && { path: args.path }),
    ...(args.excludePath !== undefined && { excludePath: args.excludePath }),
    ...(args.method !== undefined && { method: args.method }),
    ...(args.excludeMethod !== undefined && { excludeMethod: args.excludeMethod }),
    ...(args.readOnly !== undefined && { readOnly: args.readOnly }),
    ...(args.overlay !== undefined && { overlay: args.overlay }),
  };
}
