/** The `<spec>` positional and the spec-loading flags every command shares. */
import type { Argv } from 'yargs';

/** Arguments {@link withSpecOptions} adds. */
export interface SpecArgs {
  spec: string;
  refRoot?: string;
  allowRemoteRefs?: boolean;
  maxSpecSize?: string;
  verbose?: boolean;
}

/** Adds `<spec>`, `--ref-root`, `--allow-remote-refs` and `--verbose` to a command. */
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
    });
}
