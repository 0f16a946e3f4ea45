/**
 * A model's tool surface as short text, one line per tool, for the snapshot
 * files of surface.test.ts: what a client sees of each tool, without schemas,
 * so a change in naming, arguments or hints shows up as a one-line diff.
 */
import type { ApiModel, ArgumentModel, OperationModel } from '../../src/model/types.js';

const LOCATION: Record<ArgumentModel['in'], string> = {
  path: 'path',
  query: 'query',
  header: 'header',
  cookie: 'cookie',
  body: 'body',
  'body-property': 'prop',
};

export const SURFACE_LEGEND =
  '# tool METHOD /path | argument[*=required][(wire name)]:path|query|header|cookie|body|prop(body property) | ro idem destr open (hints) depr out (outputSchema) body=<media type>';

function formatArgument(arg: ArgumentModel): string {
  const wire = arg.wireName !== '' && arg.wireName !== arg.name ? `(${arg.wireName})` : '';
  return `${arg.name}${arg.required ? '*' : ''}${wire}:${LOCATION[arg.in]}`;
}

function formatFlags(op: OperationModel): string {
  const hints = op.annotations;
  return [
    hints.readOnlyHint && 'ro',
    hints.idempotentHint && 'idem',
    hints.destructiveHint && 'destr',
    hints.openWorldHint && 'open',
    op.deprecated && 'depr',
    op.outputSchema !== undefined && 'out',
    op.requestBody !== undefined && `body=${op.requestBody.mediaType}`,
  ]
    .filter((flag) => flag !== false)
    .join(' ');
}

/** `operations` is the number of operations under the spec's `paths`, to show how many did not become tools. */
export function formatSurface(name: string, model: ApiModel, operations: number): string {
  const tools = model.operations;
  const args = tools.reduce((sum, op) => sum + op.arguments.length, 0);
  const header = `# ${name}: ${tools.length} tools from ${operations} operations (${operations - tools.length} skipped), ${args} arguments`;
  const lines = tools.map(
    (op) =>
      `${op.toolName} ${op.method.toUpperCase()} ${op.pathTemplate} | ${op.arguments.map(formatArgument).join(' ') || '-'} | ${formatFlags(op)}`,
  );
  return `${[header, SURFACE_LEGEND, ...lines].join('\n')}\n`;
}
