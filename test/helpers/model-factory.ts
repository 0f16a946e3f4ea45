/**
 * Hand-built model objects for runtime tests: a complete `OperationModel` /
 * `ApiModel` from the few fields a test cares about.
 */
import type { ApiModel, ArgumentModel, OperationModel } from '../../src/model/types.js';

/** An argument; `name` doubles as `wireName` unless given. */
export function arg(partial: Partial<ArgumentModel> & Pick<ArgumentModel, 'name' | 'in'>): ArgumentModel {
  return { wireName: partial.in === 'body' ? '' : partial.name, required: false, ...partial };
}

/** An operation `GET /` named `op` with no arguments, overridden by `partial`. */
export function operation(partial: Partial<OperationModel> = {}): OperationModel {
  const toolName = partial.toolName ?? 'op';
  return {
    id: toolName,
    toolName,
    description: `Calls ${toolName}.`,
    method: 'get',
    pathTemplate: '/',
    tags: [],
    deprecated: false,
    arguments: [],
    inputSchema: { type: 'object' },
    outputWrapped: false,
    annotations: { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    security: [],
    source: `#/paths/~1/get`,
    ...partial,
  };
}

/** A model with the given operations under `serverUrl`. */
export function apiModel(operations: OperationModel[], partial: Partial<ApiModel> = {}): ApiModel {
  return {
    info: { title: 'Test API', version: '1.0.0' },
    servers: [{ url: 'https://api.example.com/v1', variables: {} }],
    securitySchemes: {},
    operations,
    ...partial,
  };
}
