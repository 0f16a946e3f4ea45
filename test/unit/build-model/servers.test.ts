import { describe, expect, it } from 'vitest';
import { buildApiModel } from '../../../src/build-model/build-api-model.js';
import { buildServers } from '../../../src/build-model/servers.js';
import { makeDoc } from './helpers.js';

describe('buildServers', () => {
  it.each<[string, unknown, unknown]>([
    [
      'plain',
      [{ url: 'https://api.example.com/v1' }],
      [{ url: 'https://api.example.com/v1', variables: {} }],
    ],
    [
      'relative and protocol-relative kept',
      [{ url: '/api' }, { url: '//host/base' }],
      [
        { url: '/api', variables: {} },
        { url: '//host/base', variables: {} },
      ],
    ],
    [
      'variables: default string, enum, description',
      [
        {
          url: 'https://{region}.x.com:{port}',
          description: 'Main',
          variables: {
            region: { default: 'eu', enum: ['eu', 'us'], description: 'Region' },
            port: { default: 443 },
          },
        },
      ],
      [
        {
          url: 'https://{region}.x.com:{port}',
          description: 'Main',
          variables: {
            region: { default: 'eu', enum: ['eu', 'us'], description: 'Region' },
            port: { default: '443' },
          },
        },
      ],
    ],
    [
      'entries without url skipped',
      [{ description: 'x' }, 'junk', { url: 'https://ok' }],
      [{ url: 'https://ok', variables: {} }],
    ],
    ['missing', undefined, []],
  ])('%s', (_, input, expected) => {
    expect(buildServers(input)).toEqual(expected);
  });
});

describe('servers in the model', () => {
  it('no servers → [] + OMCP_NO_SERVER info', () => {
    const { model, diagnostics } = buildApiModel(makeDoc({}, { servers: [] }));
    expect(model.servers).toEqual([]);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'OMCP_NO_SERVER', severity: 'info' }));
  });

  it('path-level and operation-level servers land on the operation', () => {
    const { model } = buildApiModel(
      makeDoc({
        '/a': {
          servers: [{ url: 'https://path' }],
          get: { responses: {} },
          post: { servers: [{ url: 'https://op' }], responses: {} },
        },
        '/b': { get: { responses: {} } },
      }),
    );
    expect(model.operations.map((o) => o.servers)).toEqual([
      [{ url: 'https://path', variables: {} }],
      [{ url: 'https://op', variables: {} }],
      undefined,
    ]);
  });
});
