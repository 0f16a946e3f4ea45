import { describe, expect, it } from 'vitest';
import { formatServerEnv, toServerEnvState } from '../../../src/runtime/format-server-env.js';
import { listServerEnv } from '../../../src/runtime/list-server-env.js';
import { apiModel, operation } from '../../helpers/model-factory.js';
import { refs, schemes } from './security-schemes.fixture.js';

const model = apiModel([operation({ security: [refs('api_key'), refs('basic')] })], {
  securitySchemes: schemes,
});

describe('listServerEnv', () => {
  it('lists the credentials in scheme order with kind and scheme, then the base URL, then the HTTP token', () => {
    expect(listServerEnv(model, 'P').map((v) => [v.name, v.kind, v.scheme])).toEqual([
      ['P_API_KEY', 'apiKey', 'api_key'],
      ['P_BASIC_USERNAME', 'httpBasic', 'basic'],
      ['P_BASIC_PASSWORD', 'httpBasic', 'basic'],
      ['P_BASE_URL', 'baseUrl', undefined],
      ['P_HTTP_TOKEN', 'httpToken', undefined],
    ]);
    expect(listServerEnv(model, 'P')[0]?.description).toBe(
      'API key sent in header X-API-Key (scheme api_key)',
    );
  });

  it('leaves the HTTP token out for a server known to run over stdio', () => {
    expect(listServerEnv(model, 'P', { transport: 'stdio' }).map((v) => v.name)).not.toContain(
      'P_HTTP_TOKEN',
    );
    expect(listServerEnv(model, 'P', { transport: 'http' }).map((v) => v.name)).toContain('P_HTTP_TOKEN');
  });

  it('lists a variable once when a scheme is named like a built-in one', () => {
    const clash = apiModel([operation({ security: [refs('base_url')] })], {
      securitySchemes: { base_url: { key: 'base_url', kind: 'httpBearer' } },
    });
    const names = listServerEnv(clash, 'P').map((v) => v.name);
    expect(names.filter((name) => name === 'P_BASE_URL')).toHaveLength(1);
  });
});

describe('formatServerEnv', () => {
  it('aligns the names and says set or unset, never the value; empty counts as unset', () => {
    const vars = listServerEnv(model, 'P', { transport: 'stdio' });
    const lines = formatServerEnv(toServerEnvState(vars, { P_API_KEY: 'sk-CANARY', P_BASIC_USERNAME: '' }));
    expect(lines).toEqual([
      '  P_API_KEY         set    API key sent in header X-API-Key (scheme api_key)',
      '  P_BASIC_USERNAME  unset  HTTP basic user name (scheme basic)',
      '  P_BASIC_PASSWORD  unset  HTTP basic password (scheme basic)',
      "  P_BASE_URL        unset  upstream base URL, overriding the spec's servers (same as --base-url)",
    ]);
  });
});
