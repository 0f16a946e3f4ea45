/** openapi-mcp's own version, from its package.json. */
import { readFileSync } from 'node:fs';

/**
 * The `version` of this package's package.json, `0.0.0` when it has none.
 * This module sits two levels below package.json in src/, in dist/ and in the
 * bundle's dist/bin/, which is what the relative URL relies on.
 */
export function readPackageVersion(): string {
  const text = readFileSync(new URL('../../package.json', import.meta.url), 'utf8');
  const version = (JSON.parse(text) as { version?: unknown }).version;
  return typeof version === 'string' ? version : '0.0.0';
}
