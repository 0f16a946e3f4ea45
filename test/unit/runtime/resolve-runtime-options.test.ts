import { describe, expect, it } from 'vitest';
import {
  RUNTIME_DEFAULTS,
  RuntimeOptionsError,
  resolveRuntimeOptions,
} from '../../../src/runtime/resolve-runtime-options.js';

describe('resolveRuntimeOptions', () => {
  const baked = { ...RUNTIME_DEFAULTS, envPrefix: 'LIBRARY', baseUrl: 'http://127.0.0.1:9/api' };

  it('uses a caller’s defaults: the env prefix names the variables read', () => {
    const resolved = resolveRuntimeOptions({}, { LIBRARY_HTTP_TOKEN: 'tok' }, baked);
    expect(resolved).toMatchObject({ envPrefix: 'LIBRARY', httpToken: 'tok', baseUrl: baked.baseUrl });
  });

  it('ranks the base URL: flag, then <PREFIX>_BASE_URL, then the baked default', () => {
    const env = { LIBRARY_BASE_URL: 'https://env.example.com' };
    expect(resolveRuntimeOptions({ baseUrl: 'https://flag.example.com' }, env, baked).baseUrl).toBe(
      'https://flag.example.com',
    );
    expect(resolveRuntimeOptions({}, env, baked).baseUrl).toBe('https://env.example.com');
    expect(resolveRuntimeOptions({}, {}, baked).baseUrl).toBe('http://127.0.0.1:9/api');
    expect(resolveRuntimeOptions({}, {}).baseUrl).toBeUndefined();
  });

  it('throws its own error class naming the flag', () => {
    expect(() => resolveRuntimeOptions({ port: '99999' }, {})).toThrow(RuntimeOptionsError);
    try {
      resolveRuntimeOptions({ transport: 'sse' }, {});
    } catch (error) {
      expect((error as RuntimeOptionsError).option).toBe('--transport');
    }
    expect.assertions(2);
  });

  it('takes --tools all|discovery|auto, auto by default, a baked default below the flag', () => {
    expect(resolveRuntimeOptions({}, {}).tools).toBe('auto');
    expect(resolveRuntimeOptions({ tools: 'discovery' }, {}).tools).toBe('discovery');
    expect(resolveRuntimeOptions({}, {}, { ...baked, tools: 'all' }).tools).toBe('all');
    expect(resolveRuntimeOptions({ tools: 'auto' }, {}, { ...baked, tools: 'all' }).tools).toBe('auto');
    expect(() => resolveRuntimeOptions({ tools: 'some' }, {})).toThrow(
      '--tools must be "all", "discovery", "auto", got "some"',
    );
  });

  it('takes --link-local-upstream refuse|allow, refuse by default', () => {
    expect(resolveRuntimeOptions({}, {}).linkLocalUpstream).toBe('refuse');
    expect(resolveRuntimeOptions({ linkLocalUpstream: 'allow' }, {}).linkLocalUpstream).toBe('allow');
    expect(() => resolveRuntimeOptions({ linkLocalUpstream: 'yes' }, {})).toThrow(
      '--link-local-upstream must be "refuse" or "allow", got "yes"',
    );
  });
});

describe('resolveRuntimeOptions: retries and upstream limits', () => {
  it('defaults to 2 retries, 8 calls per origin and a queue of 64', () => {
    expect(resolveRuntimeOptions({}, {})).toMatchObject({ retries: 2, maxConcurrency: 8, maxQueue: 64 });
  });

  it('takes --retries 0 (off), --max-concurrency and --max-queue 0 (no waiting)', () => {
    expect(resolveRuntimeOptions({ retries: '0', maxConcurrency: '1', maxQueue: '0' }, {})).toMatchObject({
      retries: 0,
      maxConcurrency: 1,
      maxQueue: 0,
    });
  });

  it.each([
    [{ retries: '-1' }, '--retries'],
    [{ retries: '1.5' }, '--retries'],
    [{ retries: '11' }, '--retries'],
    [{ maxConcurrency: '0' }, '--max-concurrency'],
    [{ maxConcurrency: 'lots' }, '--max-concurrency'],
    [{ maxQueue: '' }, '--max-queue'],
  ])('%j → OMCP_OPTIONS_INVALID naming %s', (user, flag) => {
    let caught: unknown;
    try {
      resolveRuntimeOptions(user, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuntimeOptionsError);
    expect(caught).toMatchObject({ code: 'OMCP_OPTIONS_INVALID', option: flag });
    expect((caught as Error).message).toMatch(
      new RegExp(`^${flag} must be a whole number from \\d+ to \\d+, got`),
    );
  });

  it('defaults to a 20% retry budget and a breaker after 5 failed calls with a 10 s cool-down', () => {
    expect(resolveRuntimeOptions({}, {})).toMatchObject({
      retryBudget: 20,
      breakerFailures: 5,
      breakerCooldownMs: 10_000,
    });
  });

  it('takes --retry-budget 0 to 100, --breaker-failures 0 (off) and a fractional --breaker-cooldown', () => {
    expect(
      resolveRuntimeOptions({ retryBudget: '0', breakerFailures: '0', breakerCooldown: '0.25' }, {}),
    ).toMatchObject({ retryBudget: 0, breakerFailures: 0, breakerCooldownMs: 250 });
    expect(resolveRuntimeOptions({ retryBudget: '100', breakerFailures: '1' }, {})).toMatchObject({
      retryBudget: 100,
      breakerFailures: 1,
    });
  });

  it.each([
    [
      { retryBudget: '101' },
      '--retry-budget',
      /^--retry-budget must be a whole number from 0 to 100, got "101"$/,
    ],
    [{ retryBudget: '20%' }, '--retry-budget', /^--retry-budget must be a whole number from 0 to 100/],
    [{ breakerFailures: '-1' }, '--breaker-failures', /^--breaker-failures must be a whole number from 0 to/],
    [{ breakerFailures: 'five' }, '--breaker-failures', /^--breaker-failures must be a whole number/],
    [
      { breakerCooldown: '0' },
      '--breaker-cooldown',
      /^--breaker-cooldown must be a positive number of seconds, got "0"$/,
    ],
    [
      { breakerCooldown: 'soon' },
      '--breaker-cooldown',
      /^--breaker-cooldown must be a positive number of seconds/,
    ],
  ])('%j → OMCP_OPTIONS_INVALID naming %s', (user, flag, message) => {
    let caught: unknown;
    try {
      resolveRuntimeOptions(user, {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RuntimeOptionsError);
    expect(caught).toMatchObject({ code: 'OMCP_OPTIONS_INVALID', option: flag });
    expect((caught as Error).message).toMatch(message);
  });

  it('takes --shutdown-grace, --max-request-bytes and --rate-limit (off by default), naming the flag when bad', () => {
    expect(resolveRuntimeOptions({}, {})).toMatchObject({
      shutdownGraceMs: 10_000,
      maxRequestBytes: 4_194_304,
    });
    expect(resolveRuntimeOptions({}, {}).rateLimit).toBeUndefined();
    expect(
      resolveRuntimeOptions({ shutdownGrace: '0.5', maxRequestBytes: '65536', rateLimit: '20' }, {}),
    ).toMatchObject({ shutdownGraceMs: 500, maxRequestBytes: 65_536, rateLimit: 20 });
    expect(resolveRuntimeOptions({ shutdownGrace: '0' }, {}).shutdownGraceMs).toBe(0);
    expect(resolveRuntimeOptions({ rateLimit: 'off' }, {}).rateLimit).toBeUndefined();
    expect(() => resolveRuntimeOptions({ shutdownGrace: '-1' }, {})).toThrow(
      '--shutdown-grace must be a number of seconds, 0 or more, got "-1"',
    );
    expect(() => resolveRuntimeOptions({ maxRequestBytes: '4MB' }, {})).toThrow(
      '--max-request-bytes must be a positive whole number of bytes, got "4MB"',
    );
    expect(() => resolveRuntimeOptions({ rateLimit: '0' }, {})).toThrow(
      '--rate-limit must be a positive number of requests per second, got "0"',
    );
  });
});
