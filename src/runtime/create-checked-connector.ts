/**
 * An undici connector that checks where a socket would go before opening it:
 * a host name is resolved once, every address it resolves to is checked by
 * {@link findAddressRule}, and the socket is opened to the checked address
 * itself, so a DNS answer that changes between the check and the connect
 * (rebinding) cannot slip through. IP literals are checked as they are.
 *
 * Vendored byte for byte into generated projects: imports nothing of ours
 * outside this folder.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { buildConnector } from 'undici';
import { findAddressRule } from './find-address-rule.js';
import { UpstreamAddressError } from './upstream-address-error.js';

/** Resolves a host name to its addresses, as `dns.lookup(name, { all: true })` does. */
export type ResolveHost = (hostname: string) => Promise<readonly { address: string; family: number }[]>;

export interface CheckedConnectorOptions {
  /** Hosts the operator named (`--base-url`): connected to unchecked. */
  exemptHosts?: readonly string[];
  /** @default `dns.lookup` with `all: true` (what `net.connect` would do) */
  resolve?: ResolveHost;
  /** The connector that opens the socket. @default undici's, with a 10 s connect timeout */
  connect?: buildConnector.connector;
}

/** Creates the connector; its refusals are {@link UpstreamAddressError}s given to undici's callback. */
export function createCheckedConnector(options: CheckedConnectorOptions = {}): buildConnector.connector {
  const open = options.connect ?? buildConnector({ timeout: 10_000 });
  const resolve: ResolveHost = options.resolve ?? ((hostname) => lookup(hostname, { all: true }));
  const exempt = new Set((options.exemptHosts ?? []).map(normaliseHost));

  return (connectOptions, callback) => {
    const { hostname } = connectOptions;
    if (exempt.has(normaliseHost(hostname))) {
      open(connectOptions, callback);
      return;
    }
    if (isIP(hostname) !== 0) {
      const rule = findAddressRule(hostname);
      if (rule !== undefined) callback(new UpstreamAddressError(hostname, hostname, rule), null);
      else open(connectOptions, callback);
      return;
    }
    resolve(hostname).then(
      (addresses) => {
        const first = addresses[0];
        if (first === undefined) {
          callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), null);
          return;
        }
        // Every answer is checked, not only the one used: a mixed answer is itself a sign of an attack.
        for (const { address } of addresses) {
          const rule = findAddressRule(address);
          if (rule !== undefined) {
            callback(new UpstreamAddressError(hostname, address, rule), null);
            return;
          }
        }
        // `host` (name and port) stays: undici derives the TLS server name from it, so
        // certificates are still checked against the name, not the address.
        open({ ...connectOptions, hostname: first.address }, callback);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
}

/** Lower case, without IPv6 brackets or a trailing dot (`Example.COM.` is `example.com`). */
function normaliseHost(host: string): string {
  return host
    .toLowerCase()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '');
}
