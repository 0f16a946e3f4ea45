import { describe, expect, it } from 'vitest';
import type { UpstreamOutcome } from '../../../src/runtime/call-upstream.js';
import { circuitVerdict } from '../../../src/runtime/circuit-verdict.js';

function response(status: number): UpstreamOutcome {
  return { kind: 'response', status, statusText: '', headers: {}, body: new Uint8Array(), truncated: false };
}

describe('circuitVerdict', () => {
  it.each([429, 502, 503, 504])('HTTP %d is a failure', (status) => {
    expect(circuitVerdict(response(status))).toEqual({ kind: 'failure', reason: `HTTP ${status}` });
  });

  it.each([200, 204, 301, 400, 401, 404, 409, 422, 500, 501])(
    'HTTP %d is a success: the origin answered about this request',
    (status) => {
      expect(circuitVerdict(response(status))).toEqual({ kind: 'success' });
    },
  );

  it.each([
    [{ kind: 'network', code: 'ECONNREFUSED' }, 'ECONNREFUSED'],
    [{ kind: 'network', code: 'ECONNRESET', afterResponse: true }, 'ECONNRESET'],
    [{ kind: 'network', code: 'ENOTFOUND' }, 'ENOTFOUND'],
    [{ kind: 'timeout' }, 'timeout'],
  ] as [UpstreamOutcome, string][])('%j is a failure (%s)', (outcome, reason) => {
    expect(circuitVerdict(outcome)).toEqual({ kind: 'failure', reason });
  });

  it.each([
    { kind: 'cancelled' },
    { kind: 'refused', message: 'OMCP_UPSTREAM_ADDRESS_REFUSED: ...' },
  ] as UpstreamOutcome[])('%j counts as neither', (outcome) => {
    expect(circuitVerdict(outcome)).toEqual({ kind: 'neutral' });
  });
});
