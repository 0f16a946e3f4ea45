import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { makeDoc } from './helpers.js';

const securitySchemes = {
  key: { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The key.' },
  q: { type: 'apiKey', in: 'query', name: 'api_key' },
  c: { type: 'apiKey', in: 'cookie', name: 'sid' },
  bearer: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' },
  basic: { type: 'http', scheme: 'basic' },
  digest: { type: 'http', scheme: 'digest' },
  oauth: {
    type: 'oauth2',
    flows: {
      authorizationCode: {
        authorizationUrl: 'https://a',
        tokenUrl: 'https://t1',
        scopes: { read: 'r', write: 'w' },
      },
      clientCredentials: { tokenUrl: 'https://t2', scopes: { write: 'w', admin: 'a' } },
    },
  },
  implicit: { type: 'oauth2', flows: { implicit: { authorizationUrl: 'https://a', scopes: {} } } },
  oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://o' },
  mtls: { type: 'mutualTLS' },
  broken: { type: 'apiKey', in: 'body' },
  ref: { $ref: '#/components/securitySchemes/basic' },
};

function build(opSecurity: unknown, docSecurity?: unknown) {
  const doc = makeDoc(
    { '/x': { get: { responses: {}, ...(opSecurity !== undefined && { security: opSecurity }) } } },
    { components: { securitySchemes }, ...(docSecurity !== undefined && { security: docSecurity }) },
  );
  return buildApiModel(doc);
}

describe('security schemes', () => {
  it('maps every kind in spec order', () => {
    const { model, diagnostics } = build(undefined);
    expect(model.securitySchemes).toEqual({
      key: { key: 'key', kind: 'apiKey', in: 'header', name: 'X-API-Key', description: 'The key.' },
      q: { key: 'q', kind: 'apiKey', in: 'query', name: 'api_key' },
      c: { key: 'c', kind: 'apiKey', in: 'cookie', name: 'sid' },
      bearer: { key: 'bearer', kind: 'httpBearer' },
      basic: { key: 'basic', kind: 'httpBasic' },
      digest: { key: 'digest', kind: 'unsupported', reason: expect.stringMatching(/digest/) },
      oauth: { key: 'oauth', kind: 'oauth2', tokenUrl: 'https://t2', scopes: ['read', 'write', 'admin'] },
      implicit: { key: 'implicit', kind: 'oauth2', scopes: [] },
      oidc: { key: 'oidc', kind: 'openIdConnect' },
      mtls: { key: 'mtls', kind: 'unsupported', reason: expect.stringMatching(/mutual TLS/) },
      broken: { key: 'broken', kind: 'unsupported', reason: expect.any(String) },
      ref: { key: 'ref', kind: 'httpBasic' },
    });
    expect(Object.keys(model.securitySchemes)).toEqual(Object.keys(securitySchemes));
    expect(diagnostics.filter((d) => d.code === 'OMCP_SECURITY_UNSUPPORTED').map((d) => d.pointer)).toEqual([
      '/components/securitySchemes/digest',
      '/components/securitySchemes/mtls',
      '/components/securitySchemes/broken',
    ]);
  });
});

describe('security requirements', () => {
  it.each<[string, unknown, unknown, unknown]>([
    ['document default used', undefined, [{ key: [] }], [[{ scheme: 'key', scopes: [] }]]],
    ['operation overrides', [{ oauth: ['read'] }], [{ key: [] }], [[{ scheme: 'oauth', scopes: ['read'] }]]],
    ['operation security: [] = none', [], [{ key: [] }], []],
    ['no security anywhere', undefined, undefined, []],
    ['{} = anonymous alternative', [{ bearer: [] }, {}], undefined, [[{ scheme: 'bearer', scopes: [] }], []]],
    [
      'AND of two schemes',
      [{ key: [], basic: [] }],
      undefined,
      [
        [
          { scheme: 'key', scopes: [] },
          { scheme: 'basic', scopes: [] },
        ],
      ],
    ],
    [
      'undefined scheme alternative dropped',
      [{ nope: [] }, { bearer: [] }],
      undefined,
      [[{ scheme: 'bearer', scopes: [] }]],
    ],
  ])('%s', (_, opSecurity, docSecurity, expected) => {
    const { model, diagnostics } = build(opSecurity, docSecurity);
    expect(model.operations[0]!.security).toEqual(expected);
    if (_.includes('undefined scheme')) {
      expect(
        diagnostics.some((d) => d.code === 'OMCP_SECURITY_SCHEME_UNDEFINED' && /nope/.test(d.message)),
      ).toBe(true);
    }
  });
});
