import { describe, expect, it } from 'vitest';
import { OptionsError } from '../../../src/errors.js';
import { resolveServeOptions } from '../../../src/options/serve-options.js';

describe('resolveServeOptions', () => {
  it('fills every default', () => {
    expect(resolveServeOptions({}, {})).toEqual({
      cwd: process.cwd(),
      // Off for serve: the schema check costs start-up time, and inspect reports it.
      validate: false,
      transport: 'stdio',
      host: '127.0.0.1',
      linkLocalUpstream: 'refuse',
      port: 3000,
      envPrefix: 'OPENAPI_MCP',
      env: {},
      timeoutMs: 30_000,
      maxResponseBytes: 1_048_576,
      tools: 'auto',
      detail: 'compact',
      retries: 2,
      maxConcurrency: 8,
      maxQueue: 64,
      // Retry budget 20% (plus a floor), breaker after 5 failed calls in a row, 10 s cool-down.
      retryBudget: 20,
      breakerFailures: 5,
      breakerCooldownMs: 10_000,
      // Lifecycle and HTTP endpoint limits: 10 s grace, 4 MiB bodies, no rate limit.
      shutdownGraceMs: 10_000,
      maxRequestBytes: 4 * 1024 * 1024,
      allowRemoteRefs: false,
      // No selection, no overlay: every operation of the spec as written.
      tag: [],
      excludeTag: [],
      operation: [],
      excludeOperation: [],
      path: [],
      excludePath: [],
      method: [],
      excludeMethod: [],
      readOnly: false,
      overlay: [],
      maxSpecBytes: 256 * 2 ** 20,
    });
  });

  it('parses strings from argv', () => {
    const resolved = resolveServeOptions(
      { transport: 'http', port: '0', timeout: '1.5', maxResponseBytes: '2048', host: '::1' },
      {},
    );
    expect(resolved).toMatchObject({
      transport: 'http',
      port: 0,
      timeoutMs: 1500,
      maxResponseBytes: 2048,
      host: '::1',
    });
  });

  it('takes base URL and HTTP token from the environment under the prefix', () => {
    const env = { PETS_BASE_URL: 'https://api.example.com/v1', PETS_HTTP_TOKEN: 'tok' };
    expect(resolveServeOptions({ envPrefix: 'PETS' }, env)).toMatchObject({
      baseUrl: 'https://api.example.com/v1',
      httpToken: 'tok',
    });
  });

  it('prefers flags over the environment and treats empty values as unset', () => {
    const env = { OPENAPI_MCP_BASE_URL: 'https://env.example.com', OPENAPI_MCP_HTTP_TOKEN: '' };
    const resolved = resolveServeOptions({ baseUrl: 'http://127.0.0.1:8080' }, env);
    expect(resolved.baseUrl).toBe('http://127.0.0.1:8080');
    expect(resolved.httpToken).toBeUndefined();
  });

  it.each([
    [{ timeout: 'abc' }, '--timeout', '--timeout must be a positive number of seconds, got "abc"'],
    [{ timeout: -2 }, '--timeout', '--timeout'],
    [{ timeout: 'Infinity' }, '--timeout', '--timeout'],
    [{ port: -1 }, '--port', '--port must be an integer from 0 to 65535, got "-1"'],
    [{ port: '80a' }, '--port', '--port'],
    [{ transport: 'sse' }, '--transport', '--transport must be "stdio" or "http", got "sse"'],
    [
      { baseUrl: 'example.com' },
      '--base-url',
      '--base-url must be an absolute http(s) URL, got "example.com"',
    ],
    [{ baseUrl: 'file:///etc/passwd' }, '--base-url', '--base-url must be an absolute http(s) URL'],
    [{ baseUrl: 'https://user:pw@example.com' }, '--base-url', '--base-url must not contain a user name'],
    [{ envPrefix: 'my_app' }, '--env-prefix', '--env-prefix must match ^[A-Z][A-Z0-9_]*$, got "my_app"'],
    [{ maxResponseBytes: 0 }, '--max-response-bytes', '--max-response-bytes'],
    [{ host: '' }, '--host', '--host'],
    [{ host: 'a b' }, '--host', '--host'],
  ])('%j → OptionsError naming %s', (user, option, message) => {
    let caught: unknown;
    try {
      resolveServeOptions(user, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(OptionsError);
    expect((caught as OptionsError).option).toBe(option);
    expect((caught as OptionsError).message).toContain(message);
  });

  it('names the environment variable when it holds the bad value', () => {
    expect(() => resolveServeOptions({}, { OPENAPI_MCP_BASE_URL: 'nope' })).toThrow(
      'OPENAPI_MCP_BASE_URL must be an absolute http(s) URL, got "nope"',
    );
  });
});
