/**
 * Every operation of the spec that may become a tool, in spec order, with
 * what naming and selection read of it, before its (costly) build. Path-item
 * `$ref`s are resolved here; what is not an operation is reported and left out.
 */
import { DiagnosticCode } from '../diagnostics.js';
import { escapePointerSegment } from '../json-pointer.js';
import type { HttpMethod } from '../model/types.js';
import { isRecord } from '../safe-record.js';
import type { DiagnosticSink } from './diagnostic-sink.js';
import {
  type McpExtension,
  type OperationContext,
  type OperationLocation,
  readMcpExtension,
} from './operation.js';
import { resolveRef } from './resolve-ref.js';

const METHODS = new Set<string>(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** An operation of the spec that may become a tool, before its (costly) build. */
export interface OperationCandidate {
  location: OperationLocation;
  extension: McpExtension;
  operationId: string | undefined;
  preferredName: string | undefined;
  tags: string[];
}

export function listOperations(context: OperationContext): OperationCandidate[] {
  const { document, sink } = context;
  const out: OperationCandidate[] = [];
  if (!isRecord(document.paths)) return out;
  for (const [pathTemplate, rawItem] of Object.entries(document.paths)) {
    const pathItemPointer = `/paths/${escapePointerSegment(pathTemplate)}`;
    const pathItem = resolvePathItem(document, rawItem, pathItemPointer, sink);
    if (pathItem === undefined) continue;
    for (const [method, operation] of Object.entries(pathItem)) {
      if (!METHODS.has(method)) continue;
      const pointer = `${pathItemPointer}/${method}`;
      if (!isRecord(operation)) {
        sink.add(DiagnosticCode.OPERATION_SKIPPED, 'The operation is not an object.', { pointer });
        continue;
      }
      const extension = readMcpExtension(operation);
      if (extension.exclude === true) {
        sink.add(DiagnosticCode.OPERATION_SKIPPED, 'Excluded by `x-mcp.exclude`.', {
          pointer,
          severity: 'info',
        });
        continue;
      }
      const operationId =
        typeof operation.operationId === 'string' && operation.operationId.trim() !== ''
          ? operation.operationId
          : undefined;
      const preferred = extension.name ?? operationId;
      out.push({
        location: {
          method: method as HttpMethod,
          pathTemplate,
          pathItem,
          operation,
          pathItemPointer,
          pointer,
        },
        extension,
        operationId,
        preferredName: preferred !== undefined && preferred.trim() !== '' ? preferred : undefined,
        tags: Array.isArray(operation.tags)
          ? operation.tags.filter((t): t is string => typeof t === 'string')
          : [],
      });
    }
  }
  return out;
}

function resolvePathItem(
  document: Record<string, unknown>,
  raw: unknown,
  pointer: string,
  sink: DiagnosticSink,
): Record<string, unknown> | undefined {
  if (!isRecord(raw)) return undefined;
  if (typeof raw.$ref !== 'string') return raw;
  const resolved = resolveRef(document, raw.$ref);
  if (!resolved.ok || !isRecord(resolved.value)) {
    sink.add(
      DiagnosticCode.OPERATION_SKIPPED,
      `Path item ${resolved.ok ? 'reference is not an object' : resolved.reason}; its operations were skipped.`,
      { pointer },
    );
    return undefined;
  }
  // 3.1 allows siblings beside a path-item $ref; they override the target.
  const { $ref: _ignored, ...siblings } = raw;
  return { ...resolved.value, ...siblings };
}
