import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readUpstreamCa } from '../../../src/runtime/read-upstream-ca.js';
import { RuntimeOptionsError, resolveRuntimeOptions } from '../../../src/runtime/resolve-runtime-options.js';

const TLS = join(import.meta.dirname, '../../fixtures/tls');
const dir = mkdtempSync(join(tmpdir(), 'openapi-mcp-upstream-ca-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('readUpstreamCa', () => {
  it('gives the PEM certificates of the file, and only them', () => {
    const ca = readFileSync(join(TLS, 'ca.crt'), 'utf8').trim();
    const good = readFileSync(join(TLS, 'good.crt'), 'utf8').trim();
    const key = readFileSync(join(TLS, 'leaf.key'), 'utf8');
    const bundle = file('bundle.pem', `# our CAs\n${ca}\n${key}\n${good}\n`);
    expect(readUpstreamCa(bundle)).toBe(`${ca}\n${good}`);
  });

  it.each([
    ['a missing file', () => join(dir, 'missing.pem'), /^could not read ".*missing\.pem" \(ENOENT\)$/],
    ['a private key alone', () => join(TLS, 'leaf.key'), /holds no PEM certificate/],
    [
      'a garbled certificate',
      () => file('garbled.pem', '-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydA==\n-----END CERTIFICATE-----\n'),
      /^certificate 1 in ".*garbled\.pem" cannot be parsed$/,
    ],
  ])('refuses %s', (_what, path, message) => {
    expect(() => readUpstreamCa(path())).toThrow(message);
  });
});

describe('--upstream-ca', () => {
  it('is read when given, absent otherwise', () => {
    expect(resolveRuntimeOptions({}, {}).upstreamCa).toBeUndefined();
    expect(resolveRuntimeOptions({ upstreamCa: join(TLS, 'ca.crt') }, {}).upstreamCa).toContain(
      '-----BEGIN CERTIFICATE-----',
    );
  });

  it('a bad file is an options error naming the flag', () => {
    const resolve = () => resolveRuntimeOptions({ upstreamCa: join(dir, 'nope.pem') }, {});
    expect(resolve).toThrow(RuntimeOptionsError);
    expect(resolve).toThrow(
      /^--upstream-ca must be a PEM file of CA certificates: could not read ".*nope\.pem" \(ENOENT\)$/,
    );
    try {
      resolve();
    } catch (error) {
      expect((error as RuntimeOptionsError).option).toBe('--upstream-ca');
      expect((error as RuntimeOptionsError).code).toBe('OMCP_OPTIONS_INVALID');
    }
  });
});
