/**
 * Whether sending a request twice can do no more harm than sending it once.
 */
import type { OperationModel } from '../model/types.js';
import type { BuiltRequest } from './build-request.js';

/** Methods HTTP defines as idempotent (RFC 9110 §9.2.2) that an OpenAPI operation can have. */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/**
 * Header names that carry an idempotency key (IETF draft-ietf-httpapi-idempotency-key-header;
 * Adyen's spec declares `Idempotency-Key`, some APIs prefix it with `X-`).
 */
const IDEMPOTENCY_KEY_HEADERS = new Set(['idempotency-key', 'x-idempotency-key']);

/**
 * True for GET, HEAD, OPTIONS, PUT and DELETE. A POST or PATCH only when the
 * spec declares an idempotency key header parameter for this operation and the
 * request carries a value for it: the upstream then promises to run it once.
 * A key added by a request hook without the spec declaring one does not count.
 */
export function isRetrySafe(operation: OperationModel, request: BuiltRequest): boolean {
  if (IDEMPOTENT_METHODS.has(request.method.toUpperCase())) return true;
  return operation.arguments.some((argument) => {
    if (argument.in !== 'header') return false;
    const name = argument.wireName.toLowerCase();
    if (!IDEMPOTENCY_KEY_HEADERS.has(name)) return false;
    const value = request.headers[name];
    return typeof value === 'string' && value.trim() !== '';
  });
}
