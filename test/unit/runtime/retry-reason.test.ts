import { describe, expect, it } from 'vitest';
import type { UpstreamOutcome } from '../../../src/runtime/call-upstream.js';
import { retryReason } from '../../../src/runtime/retry-reason.js';

function status(code: number): UpstreamOutcome {
  return {
    kind: 'response',
    status: code,
    statusText: '',
    headers: {},
    body: new Uint8Array(),
    truncated: false,
  };
}

describe('retryReason', () => {
  it.each([429, 502, 503, 504])('HTTP %d may pass', (code) => {
    expect(retryReason(status(code))).toBe(`HTTP ${code}`);
  });

  it.each([200, 204, 301, 400, 401, 404, 409, 500, 501])('HTTP %d will not', (code) => {
    expect(retryReason(status(code))).toBeUndefined();
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET'])(
    '%s before any response byte may pass; after the headers it may not (the upstream acted)',
    (code) => {
      expect(retryReason({ kind: 'network', code })).toBe(code);
      expect(retryReason({ kind: 'network', code, afterResponse: true })).toBeUndefined();
    },
  );

  it.each(['ENOTFOUND', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'Z_DATA_ERROR', 'unknown error'])(
    '%s will not change on a retry',
    (code) => {
      expect(retryReason({ kind: 'network', code })).toBeUndefined();
    },
  );

  it('a timeout or a cancellation is never retried', () => {
    expect(retryReason({ kind: 'timeout' })).toBeUndefined();
    expect(retryReason({ kind: 'cancelled' })).toBeUndefined();
  });
});
