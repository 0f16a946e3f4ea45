/**
 * Entry of build-model: an OpenAPI 3.0/3.1 document (bundled, only internal
 * `#/...` refs left) → ApiModel + diagnostics. Pure and deterministic: no I/O,
 * spec order throughout, the same document gives byte-identical JSON.
 */
import type { OpenAPIV3, OpenAPIV3_1 } from 'openapi-types';
import { type Diagnostic, DiagnosticCode } from '../diagnostics.js';
import { OptionsError } from '../errors.js';
import type { ApiModel, InfoModel, OperationModel } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import { buildAnnotations } from './annotations.js';
import { createDiagnosticSink } from './diagnostic-sink.js';
import { listOperations, type OperationCandidate } from './list-operations.js';
import { buildOperation, type OperationContext } from './operation.js';
import { sanitizeLine, sanitizeText } from './sanitize-text.js';
import { createSchemaConverter } from './schema-converter.js';
import { buildSecuritySchemes } from './security.js';
import { type OperationSelection, selectOperations } from './select-operations.js';
import { buildServers } from './servers.js';
import { buildToolNames, DEFAULT_MAX_TOOL_NAME_LENGTH } from './tool-name.js';

/** Options of {@link buildApiModel}. */
export interface BuildModelOptions {
  /**
   * Max tool name length (some clients cap below MCP's 128).
   * @default 64
   */
  maxToolNameLength?: number;
  /** Which operations become tools (`--tag`, `--operation`, ...); names are decided before it applies. */
  selection?: OperationSelection;
}

/** Info descriptions can be long API guides; they are not per-tool text, so the cap is looser. */
const MAX_INFO_DESCRIPTION_LENGTH = 4096;

/**
 * Builds the model. Never throws on a spec: an operation that cannot be
 * modelled is skipped with `OMCP_OPERATION_SKIPPED`. Throws `OptionsError` for
 * an invalid option.
 */
export function buildApiModel(
  document: OpenAPIV3.Document | OpenAPIV3_1.Document,
  options: BuildModelOptions = {},
): { model: ApiModel; diagnostics: Diagnostic[]; deselected: number } {
  const maxToolNameLength = options.maxToolNameLength ?? DEFAULT_MAX_TOOL_NAME_LENGTH;
  if (!Number.isInteger(maxToolNameLength) || maxToolNameLength < 8 || maxToolNameLength > 128) {
    throw new OptionsError(
      'maxToolNameLength',
      `maxToolNameLength must be an integer from 8 to 128, got ${String(options.maxToolNameLength)}.`,
    );
  }
  const doc: Record<string, unknown> = isRecord(document)
    ? (document as unknown as Record<string, unknown>)
    : {};
  const sink = createDiagnosticSink();

  const servers = buildServers(doc.servers);
  if (servers.length === 0) {
    sink.add(DiagnosticCode.NO_SERVER, 'The spec declares no server URL.', {
      pointer: '/servers',
    });
  }
  const securitySchemes = buildSecuritySchemes(doc, sink);
  const context: OperationContext = {
    document: doc,
    sink,
    converter: createSchemaConverter(doc, sink),
    securitySchemes,
  };

  // Names over the whole spec, then the selection, then the (costly) build of what is kept.
  const candidates = listOperations(context);
  const names = buildToolNames(
    candidates.map((c) => ({
      id: c.operationId ?? `${c.location.method.toUpperCase()} ${c.location.pathTemplate}`,
      method: c.location.method,
      pathTemplate: c.location.pathTemplate,
      preferred: c.preferredName,
    })),
    maxToolNameLength,
  );
  const keep = selectOperations(
    candidates.map((c, i) => ({
      operationId: c.operationId,
      toolName: names[i]!.name,
      method: c.location.method,
      pathTemplate: c.location.pathTemplate,
      tags: c.tags,
      readOnly: buildAnnotations(c.location.method, undefined, c.extension.annotations).readOnlyHint,
    })),
    options.selection,
    sink,
  );
  const operations: OperationModel[] = [];
  candidates.forEach((candidate, i) => {
    if (!keep[i]) return;
    const model = buildCandidate(context, candidate);
    if (model === undefined) return;
    const result = names[i]!;
    model.toolName = result.name;
    if (result.renamedBecause !== undefined) {
      sink.add(
        DiagnosticCode.TOOL_RENAMED,
        `Tool for "${model.id}" is named "${result.name}": ${result.renamedBecause}.`,
        { pointer: model.source },
      );
    }
    operations.push(model);
  });

  const { input, output } = context.converter.truncated;
  if (input + output > 0) {
    sink.add(
      DiagnosticCode.SCHEMA_TRUNCATED,
      `${input} input and ${output} output schema(s) passed their size budget; the referenced schemas beyond it accept any value.`,
    );
  }

  if (isRecord(doc.webhooks) && Object.keys(doc.webhooks).length > 0) {
    sink.add(
      DiagnosticCode.OPERATION_SKIPPED,
      `The spec's ${Object.keys(doc.webhooks).length} webhook(s) are requests the API sends, not tools.`,
      { pointer: '/webhooks', severity: 'info' },
    );
  }

  return {
    model: {
      info: buildInfo(doc.info),
      servers,
      securitySchemes,
      operations,
    },
    diagnostics: sink.list,
    deselected: keep.filter((kept) => !kept).length,
  };
}

function buildInfo(info: unknown): InfoModel {
  const raw = isRecord(info) ? info : {};
  const title = typeof raw.title === 'string' && raw.title.trim() !== '' ? sanitizeLine(raw.title) : 'API';
  const version =
    (typeof raw.version === 'string' && raw.version.trim() !== '') || typeof raw.version === 'number'
      ? sanitizeLine(String(raw.version))
      : '0.0.0';
  const description =
    typeof raw.description === 'string' ? sanitizeText(raw.description, MAX_INFO_DESCRIPTION_LENGTH) : '';
  return { title, version, ...(description !== '' && { description }) };
}

function buildCandidate(
  context: OperationContext,
  candidate: OperationCandidate,
): OperationModel | undefined {
  try {
    return buildOperation(context, candidate.location, candidate.extension);
  } catch (error) {
    context.sink.add(
      DiagnosticCode.OPERATION_SKIPPED,
      `The operation could not be modelled: ${error instanceof Error ? error.message : String(error)}.`,
      { pointer: candidate.location.pointer },
    );
    return undefined;
  }
}
