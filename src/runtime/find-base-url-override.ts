/**
 * Whether the operator named the upstream (`--base-url`, or `<PREFIX>_BASE_URL`
 * in the environment), which then replaces every server of the spec.
 */
import type { RuntimeOptions } from './types.js';

/** The operator's base URL and where it came from, or `undefined` when the spec's servers decide. */
export function findBaseUrlOverride(
  options: Pick<RuntimeOptions, 'baseUrl' | 'env' | 'envPrefix'>,
): { value: string; source: string } | undefined {
  const envName = `${options.envPrefix}_BASE_URL`;
  const envValue = options.env[envName];
  if (options.baseUrl !== undefined && options.baseUrl !== '')
    return { value: options.baseUrl, source: '--base-url' };
  if (envValue !== undefined && envValue !== '') return { value: envValue, source: envName };
  return undefined;
}
