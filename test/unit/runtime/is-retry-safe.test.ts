import { describe, expect, it } from 'vitest';
import type { BuiltRequest } from '../../../src/runtime/build-request.js';
import { isRetrySafe } from '../../../src/runtime/is-retry-safe.js';
import { arg, operation } from '../../helpers/model-factory.js';

function request(method: string, headers: Record<string, string> = {}): BuiltRequest {
  return { method, url: 'http://127.0.0.1:9/v1/x', headers };
}

describe('isRetrySafe', () => {
  it.each(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE'])('%s is safe to repeat', (method) => {
    expect(isRetrySafe(operation({ method: method.toLowerCase() as 'get' }), request(method))).toBe(true);
  });

  it.each(['POST', 'PATCH'])('%s without a declared idempotency key is not', (method) => {
    expect(isRetrySafe(operation({ method: method.toLowerCase() as 'post' }), request(method))).toBe(false);
  });

  it('a POST whose spec declares Idempotency-Key (any case) and whose request carries one is', () => {
    const op = operation({
      method: 'post',
      arguments: [arg({ name: 'key', in: 'header', wireName: 'Idempotency-Key' })],
    });
    expect(isRetrySafe(op, request('POST', { 'idempotency-key': 'k-1' }))).toBe(true);
    const prefixed = operation({
      method: 'patch',
      arguments: [arg({ name: 'k', in: 'header', wireName: 'x-idempotency-key' })],
    });
    expect(isRetrySafe(prefixed, request('PATCH', { 'x-idempotency-key': 'k-2' }))).toBe(true);
  });

  it('a declared key the call did not send, or a blank one, does not count', () => {
    const op = operation({
      method: 'post',
      arguments: [arg({ name: 'key', in: 'header', wireName: 'Idempotency-Key' })],
    });
    expect(isRetrySafe(op, request('POST'))).toBe(false);
    expect(isRetrySafe(op, request('POST', { 'idempotency-key': ' ' }))).toBe(false);
  });

  it('a key header the spec does not declare (a hook added it) or a query parameter of that name does not count', () => {
    expect(isRetrySafe(operation({ method: 'post' }), request('POST', { 'idempotency-key': 'k' }))).toBe(
      false,
    );
    const inQuery = operation({
      method: 'post',
      arguments: [arg({ name: 'Idempotency-Key', in: 'query' })],
    });
    expect(isRetrySafe(inQuery, request('POST', { 'idempotency-key': 'k' }))).toBe(false);
  });
});
