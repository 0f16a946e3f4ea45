/**
 * Which connector the upstream client gets: the checked one, unless the
 * operator lifted the address policy. Hosts the operator named are never
 * checked: the policy guards against a spec choosing where the operator's
 * credentials go, not against the operator.
 */
import type { buildConnector } from 'undici';
import { createCheckedConnector } from './create-checked-connector.js';
import { findBaseUrlOverride } from './find-base-url-override.js';
import type { RuntimeOptions } from './types.js';

/** The connector for `options`, or `undefined` for undici's own (policy lifted). */
export function createUpstreamConnector(
  options: Pick<RuntimeOptions, 'baseUrl' | 'env' | 'envPrefix' | 'linkLocalUpstream'>,
): buildConnector.connector | undefined {
  if (options.linkLocalUpstream === 'allow') return undefined;
  const override = findBaseUrlOverride(options);
  let exemptHosts: string[] = [];
  if (override !== undefined) {
    try {
      exemptHosts = [new URL(override.value).hostname];
    } catch {
      // An invalid override never reaches a request: the base URL resolver refuses it.
    }
  }
  return createCheckedConnector({ exemptHosts });
}
