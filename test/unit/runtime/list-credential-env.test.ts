import { describe, expect, it } from 'vitest';
import { listCredentialEnv } from '../../../src/runtime/list-credential-env.js';
import { apiModel, operation } from '../../helpers/model-factory.js';
import { refs, schemes } from './security-schemes.fixture.js';

describe('listCredentialEnv', () => {
  it('lists every variable of the schemes operations use, in scheme order', () => {
    const model = apiModel(
      [
        operation({ security: [refs('api_key'), refs('basic', 'bearer')] }),
        operation({ toolName: 'b', security: [refs('oauth'), refs('implicit'), refs('oidc'), refs('mtls')] }),
      ],
      { securitySchemes: schemes },
    );
    const vars = listCredentialEnv(model, 'P');
    expect(vars.map((v) => [v.name, v.scheme, v.kind])).toEqual([
      ['P_API_KEY', 'api_key', 'apiKey'],
      ['P_BEARER', 'bearer', 'httpBearer'],
      ['P_BASIC_USERNAME', 'basic', 'httpBasic'],
      ['P_BASIC_PASSWORD', 'basic', 'httpBasic'],
      ['P_OAUTH', 'oauth', 'oauth2'],
      ['P_OAUTH_CLIENT_ID', 'oauth', 'oauth2'],
      ['P_OAUTH_CLIENT_SECRET', 'oauth', 'oauth2'],
      ['P_IMPLICIT', 'implicit', 'oauth2'],
      ['P_OIDC', 'oidc', 'openIdConnect'],
    ]);
    expect(vars[0]!.description).toBe('API key sent in header X-API-Key');
    for (const v of vars) expect(v.description).not.toBe('');
    // Redaction keys on this: only user names and client IDs are not secrets.
    expect(vars.filter((v) => !v.secret).map((v) => v.name)).toEqual([
      'P_BASIC_USERNAME',
      'P_OAUTH_CLIENT_ID',
    ]);
  });
});
