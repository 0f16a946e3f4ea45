/**
 * Which connector the upstream client gets: the checked one, unless the
 * operator lifted the address policy. Hosts the operator named are never
 * checked: the policy guards against a spec choosing where the operator's
 * credentials go, not against the operator.
 *
 * TLS options come only from the operator (`--upstream-ca` adds trusted CAs);
 * certificate verification is never turned off here, and nothing a spec or a
 * tool argument says reaches these options.
 */
import { rootCertificates } from 'node:tls';
import { buildConnector } from 'undici';
import { createCheckedConnector } from './create-checked-connector.js';
import { findBaseUrlOverride } from './find-base-url-override.js';
import type { RuntimeOptions } from './types.js';

/** Opening a socket (TCP and TLS handshake) may take this long, within the call's own deadline. */
const CONNECT_TIMEOUT_MS = 10_000;

/** The connector for `options`: checked, or undici's own when the policy is lifted. */
export function createUpstreamConnector(
  options: Pick<RuntimeOptions, 'baseUrl' | 'env' | 'envPrefix' | 'linkLocalUpstream' | 'upstreamCa'>,
): buildConnector.connector {
  const open = buildConnector({
    timeout: CONNECT_TIMEOUT_MS,
    // `ca` replaces Node's trust store, so the bundled roots are kept beside the operator's.
    ...(options.upstreamCa !== undefined && { ca: [...rootCertificates, options.upstreamCa] }),
  });
  if (options.linkLocalUpstream === 'allow') return open;
  const override = findBaseUrlOverride(options);
  let exemptHosts: string[] = [];
  if (override !== undefined) {
    try {
      exemptHosts = [new URL(override.value).hostname];
    } catch {
      // An invalid override never reaches a request: the base URL resolver refuses it.
    }
  }
  return createCheckedConnector({ exemptHosts, connect: open });
}
