import { describe, expect, it } from 'vitest';
import { explainNetworkCode } from '../../../src/runtime/explain-network-code.js';

describe('explainNetworkCode', () => {
  it.each([
    [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'DEPTH_ZERO_SELF_SIGNED_CERT: TLS certificate not trusted: it is self-signed',
    ],
    ['CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED: TLS certificate expired'],
    [
      'ERR_TLS_CERT_ALTNAME_INVALID',
      'ERR_TLS_CERT_ALTNAME_INVALID: TLS certificate is for another host name',
    ],
    ['ENOTFOUND', 'ENOTFOUND: host name not found in DNS'],
  ])('%s keeps its code and says what it means', (code, text) => {
    expect(explainNetworkCode(code)).toBe(text);
  });

  it.each(['ECONNREFUSED', 'ECONNRESET', 'unknown error', 'toString', '__proto__'])(
    '%s is shown as it is',
    (code) => {
      expect(explainNetworkCode(code)).toBe(code);
    },
  );
});
