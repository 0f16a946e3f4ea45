import { describe, expect, it } from 'vitest';
import { toEnvName } from '../../../src/runtime/to-env-name.js';

describe('toEnvName', () => {
  it.each([
    ['readerToken', undefined, 'OPENAPI_MCP_READER_TOKEN'],
    ['APIKey', undefined, 'OPENAPI_MCP_API_KEY'],
    ['petstore_auth', undefined, 'OPENAPI_MCP_PETSTORE_AUTH'],
    ['api-key', undefined, 'OPENAPI_MCP_API_KEY'],
    ['api_key', undefined, 'OPENAPI_MCP_API_KEY'],
    ['  --My  Scheme!!', undefined, 'OPENAPI_MCP_MY_SCHEME'],
    ['oauth2Token', undefined, 'OPENAPI_MCP_OAUTH2_TOKEN'],
    ['v2API', undefined, 'OPENAPI_MCP_V2_API'],
    ['basicAuth', 'USERNAME', 'OPENAPI_MCP_BASIC_AUTH_USERNAME'],
    ['petstore_auth', 'CLIENT_SECRET', 'OPENAPI_MCP_PETSTORE_AUTH_CLIENT_SECRET'],
    ['!!!', undefined, 'OPENAPI_MCP_SCHEME'],
  ])('%j + %j → %s', (key, suffix, expected) => {
    expect(toEnvName('OPENAPI_MCP', key, suffix)).toBe(expected);
  });
});
